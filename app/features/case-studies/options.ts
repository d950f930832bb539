/** Case-study choices shared by the schema, the forms and the library filters (safe for the browser). */
export const caseStudyObjectives = [
	'awareness',
	'consideration',
	'acquisition',
	'retention',
	'launch',
	'repositioning',
	'pricing',
	'employer-brand',
] as const

export const caseStudyChannels = [
	'tv',
	'online-video',
	'social',
	'influencers',
	'search',
	'display',
	'retail-media',
	'email-crm',
	'out-of-home',
	'audio',
	'events',
	'pr',
	'partnerships',
	'in-store',
	'direct-mail',
	'content',
] as const

export const budgetBands = ['under-100k', '100k-500k', '500k-2m', '2m-10m', 'over-10m'] as const

/** all: every member may read it; non-conflicted (default): never members in conflict with the author. */
export const caseStudyAudiences = ['non-conflicted', 'all'] as const

/**
 * draft → submitted → published | changes-requested (→ submitted again) | rejected;
 * published → withdrawn (→ draft, to rework). Edits to a published study wait in a revision.
 */
export const caseStudyStatuses = [
	'draft',
	'submitted',
	'changes-requested',
	'published',
	'rejected',
	'withdrawn',
] as const

export const revisionStatuses = ['submitted', 'changes-requested', 'approved', 'rejected', 'superseded'] as const
