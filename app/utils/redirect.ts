/** Only same-site paths: "//evil.com" and "/\evil.com" are protocol-relative URLs to browsers. */
export function safeRedirectTarget(target: FormDataEntryValue | string | null | undefined, fallback = '/') {
	if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
		return fallback
	return target
}
