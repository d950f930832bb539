import type { SchedulingErrorCode } from './meeting-types.ts'

/** The HTTP status a no-JS meeting form or page answers with when the scheduling domain refuses. */
const statusByCode: Record<SchedulingErrorCode, number> = {
	'bad-request': 400,
	'not-found': 404,
	'not-allowed': 403,
	conflict: 403,
	'not-connected': 403,
	'illegal-transition': 409,
	'slot-taken': 409,
	'slot-unavailable': 422,
}

export function statusOfSchedulingRefusal(code: SchedulingErrorCode) {
	return statusByCode[code]
}
