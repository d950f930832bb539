/** How the reports queue reads on screen (safe for the browser). */
import type { reportReasons, reportResolutions, reportTargets } from './options.ts'

export const reportStatusFilters = ['open', 'resolved', 'all'] as const
export type ReportStatusFilter = (typeof reportStatusFilters)[number]

export const reportTargetLabels: Record<(typeof reportTargets)[number], string> = {
	'case-study': 'Case studies',
	comment: 'Comments',
	message: 'Messages',
	profile: 'Profiles',
}

export const reportReasonLabels: Record<(typeof reportReasons)[number], string> = {
	spam: 'Spam',
	confidential: 'Confidential information',
	offensive: 'Offensive',
	misleading: 'Misleading',
	'conflict-of-interest': 'Conflict of interest',
	other: 'Other',
}

export const resolutionLabels: Record<(typeof reportResolutions)[number], string> = {
	dismiss: 'Dismiss',
	'hide-content': 'Hide the content',
	'warn-member': 'Warn the member',
	'suspend-member': 'Suspend the member',
}
