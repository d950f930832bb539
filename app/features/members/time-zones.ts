/** IANA time zones a member can pick: the runtime's list (which omits UTC) plus UTC. */
export function listTimeZones(): string[] {
	return ['UTC', ...Intl.supportedValuesOf('timeZone')]
}

/** True for any zone the runtime knows, aliases included ("Asia/Kolkata" and "Asia/Calcutta"). */
export function isTimeZone(value: string) {
	try {
		new Intl.DateTimeFormat('en', { timeZone: value })
		return value.includes('/') || value === 'UTC'
	} catch {
		return false
	}
}
