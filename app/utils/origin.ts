const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export type OriginCheck = { ok: true } | { ok: false; reason: string }

/**
 * CSRF defence for every state-changing request: the browser-supplied Origin (or, failing
 * that, Referer) must be the site's own origin. A request that names neither is refused too.
 */
export function checkRequestOrigin(request: {
	method: string
	origin: string | undefined
	referer: string | undefined
	expectedOrigin: string
}): OriginCheck {
	if (safeMethods.has(request.method.toUpperCase())) return { ok: true }
	const claimed = request.origin && request.origin !== 'null' ? request.origin : originOf(request.referer)
	if (!claimed) return { ok: false, reason: 'The request did not say where it came from (no Origin header).' }
	if (claimed !== request.expectedOrigin) return { ok: false, reason: `Cross-origin request from ${claimed} refused.` }
	return { ok: true }
}

function originOf(url: string | undefined) {
	if (!url) return undefined
	try {
		return new URL(url).origin
	} catch {
		return undefined
	}
}
