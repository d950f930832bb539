/** Kinds of in-app notification; the case-study, messaging and scheduling features add theirs here. */
export const notificationKinds = [
	'case-study-approved',
	'case-study-changes-requested',
	'case-study-rejected',
	'case-study-featured',
	'case-study-commented',
	'comment-replied',
	'moderation-warning',
] as const
export type NotificationKind = (typeof notificationKinds)[number]
