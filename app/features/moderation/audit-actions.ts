/** What the moderation audit log records, with labels for the admin page (safe for the browser). */
export const moderatorActionLabels = {
	'study.approve': 'Approved a case study',
	'study.request-changes': 'Asked for changes to a case study',
	'study.reject': 'Rejected a case study',
	'revision.approve': 'Approved an edit',
	'revision.request-changes': 'Asked for changes to an edit',
	'revision.reject': 'Rejected an edit',
	'study.feature': 'Featured a case study',
	'study.unfeature': 'Unfeatured a case study',
	'collection.create': 'Created a collection',
	'collection.update': 'Edited a collection',
	'collection.delete': 'Deleted a collection',
	'collection.add-study': 'Added a study to a collection',
	'collection.remove-study': 'Removed a study from a collection',
	'collection.move-study': 'Reordered a collection',
	'report.dismiss': 'Dismissed a report',
	'report.hide-content': 'Hid reported content',
	'report.warn-member': 'Warned a member',
	'report.suspend-member': 'Suspended a member',
	'content.restore': 'Restored hidden content',
	'settings.update': 'Changed the moderation settings',
} as const

export type ModeratorAction = keyof typeof moderatorActionLabels
export const moderatorActions = Object.keys(moderatorActionLabels) as [ModeratorAction, ...ModeratorAction[]]

/** What an audit entry is about: the report target types plus the moderation objects. */
export type AuditTargetType = 'case-study' | 'revision' | 'collection' | 'comment' | 'message' | 'profile' | 'settings'
