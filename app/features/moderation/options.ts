/** Moderation choices shared by the schema and the forms (safe for the browser). */
export const reportTargets = ['case-study', 'comment', 'message', 'profile'] as const
export const reportReasons = [
	'spam',
	'confidential',
	'offensive',
	'misleading',
	'conflict-of-interest',
	'other',
] as const
export const reportStatuses = ['open', 'dismissed', 'actioned'] as const
/** What a moderator can do with a report. */
export const reportResolutions = ['dismiss', 'hide-content', 'warn-member', 'suspend-member'] as const
/** What a moderator can hide (and later restore). */
export const hideableTargets = ['case-study', 'comment', 'message', 'profile'] as const
