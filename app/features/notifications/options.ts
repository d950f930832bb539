/** Kinds of in-app notification; the case-study, messaging and scheduling features add theirs here. */
export const notificationKinds = [
	'case-study-approved',
	'case-study-changes-requested',
	'case-study-rejected',
	'case-study-featured',
	'case-study-commented',
	'comment-replied',
	'moderation-warning',
	'message-received',
	'roundtable-invited',
	'meeting-proposed',
	'meeting-accepted',
	'meeting-declined',
	'meeting-rescheduled',
	'meeting-cancelled',
	'meeting-reminder',
] as const
export type NotificationKind = (typeof notificationKinds)[number]

/** A notification as the bell, the list and the socket events carry it (times in UTC ms). */
export type NotificationItem = {
	id: number
	kind: NotificationKind
	title: string
	body: string
	link: string
	createdAt: number
	readAt: number | null
}
