/** Choices of the review queue and the review forms (safe for the browser). */
export const queueKinds = ['new', 'revision'] as const
export type QueueKind = (typeof queueKinds)[number]

export const queueKindLabels: Record<QueueKind, string> = { new: 'New studies', revision: 'Edits of published studies' }

/** How long an item has waited, measured from submission. */
export const ageBuckets = ['under-2-days', '2-to-7-days', 'over-7-days'] as const
export type AgeBucket = (typeof ageBuckets)[number]

export const ageBucketLabels: Record<AgeBucket, string> = {
	'under-2-days': 'Under 2 days',
	'2-to-7-days': '2 to 7 days',
	'over-7-days': 'Over 7 days',
}

export const reviewDecisions = ['approve', 'request-changes', 'reject'] as const
export type ReviewDecision = (typeof reviewDecisions)[number]
