/** How case-study choices read on screen (safe for the browser). */
import type {
	budgetBands,
	caseStudyAudiences,
	caseStudyChannels,
	caseStudyObjectives,
	caseStudyStatuses,
	revisionStatuses,
} from './options.ts'

export const objectiveLabels: Record<(typeof caseStudyObjectives)[number], string> = {
	awareness: 'Awareness',
	consideration: 'Consideration',
	acquisition: 'Acquisition',
	retention: 'Retention and loyalty',
	launch: 'Launch',
	repositioning: 'Repositioning',
	pricing: 'Pricing',
	'employer-brand': 'Employer brand',
}

export const channelLabels: Record<(typeof caseStudyChannels)[number], string> = {
	tv: 'TV',
	'online-video': 'Online video',
	social: 'Social',
	influencers: 'Influencers',
	search: 'Search',
	display: 'Display',
	'retail-media': 'Retail media',
	'email-crm': 'Email and CRM',
	'out-of-home': 'Out of home',
	audio: 'Audio and podcasts',
	events: 'Events',
	pr: 'PR',
	partnerships: 'Partnerships',
	'in-store': 'In store',
	'direct-mail': 'Direct mail',
	content: 'Content',
}

export const budgetBandLabels: Record<(typeof budgetBands)[number], string> = {
	'under-100k': 'Under $100k',
	'100k-500k': '$100k–500k',
	'500k-2m': '$500k–2M',
	'2m-10m': '$2M–10M',
	'over-10m': 'Over $10M',
}

export const readerLabels: Record<(typeof caseStudyAudiences)[number], { title: string; detail: string }> = {
	'non-conflicted': {
		title: 'Members not in conflict with me (recommended)',
		detail: 'Competitors, your corporate family and anyone the conflict policy keeps apart from you never see it.',
	},
	all: {
		title: 'All members',
		detail:
			'Every vetted member can read it, competitors included. Choose this only for work you would share on stage.',
	},
}

export const statusLabels: Record<(typeof caseStudyStatuses)[number], string> = {
	draft: 'Draft',
	submitted: 'In review',
	'changes-requested': 'Changes requested',
	published: 'Published',
	rejected: 'Not accepted',
	withdrawn: 'Withdrawn',
}

export const revisionStatusLabels: Record<(typeof revisionStatuses)[number], string> = {
	submitted: 'Edits in review',
	'changes-requested': 'Changes requested on your edits',
	approved: 'Edits approved',
	rejected: 'Edits not accepted',
	superseded: 'Replaced by newer edits',
}

/** Tailwind classes of a status badge: calm for work in progress, green when live, amber when the author must act. */
export const statusTones: Record<(typeof caseStudyStatuses)[number], string> = {
	draft: 'bg-ink-100 text-ink-700',
	submitted: 'bg-sky-50 text-sky-800 ring-1 ring-sky-200',
	'changes-requested': 'bg-amber-50 text-amber-900 ring-1 ring-amber-200',
	published: 'bg-brand-50 text-brand-800 ring-1 ring-brand-200',
	rejected: 'bg-red-50 text-red-800 ring-1 ring-red-200',
	withdrawn: 'bg-ink-100 text-ink-500',
}

/** "2024-03" → "Mar 2024". */
export function formatMonth(month: string) {
	const [year, monthNumber] = month.split('-')
	const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
	return `${names[Number(monthNumber) - 1] ?? ''} ${year}`.trim()
}

export function formatTimeline(startedOn: string, endedOn: string | null) {
	return endedOn ? `${formatMonth(startedOn)} – ${formatMonth(endedOn)}` : `Since ${formatMonth(startedOn)}`
}

export function tagLabel(tag: string) {
	return tag.replaceAll('-', ' ')
}
