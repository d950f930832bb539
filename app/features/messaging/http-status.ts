/** The HTTP status a no-JS form answers with when the messaging domain refuses. */
const statusByCode: Record<string, number> = {
	'bad-request': 400,
	full: 400,
	'edit-window': 400,
	deleted: 400,
	'not-found': 404,
	conflict: 403,
	'not-connected': 403,
	'read-only': 403,
	'not-yours': 403,
	'not-host': 403,
	'rate-limited': 429,
}

export function statusOfRefusal(code: string) {
	return statusByCode[code] ?? 400
}
