/**
 * The case-study life cycle as one pure table: which action moves a study from which status to
 * which, and who may take it. Every write path asks `nextStatus` first, so an illegal
 * transition (approving a draft, withdrawing a rejected study, an author approving their own
 * work) is refused in one place.
 *
 *   draft ──submit──▶ submitted ──approve──▶ published ──withdraw──▶ withdrawn ──reopen──▶ draft
 *                       ├─request-changes─▶ changes-requested ──submit──▶ submitted
 *                       └─reject──▶ rejected ──reopen──▶ draft
 *   (an author may also withdraw while a study waits for review or for their changes)
 *
 * Edits to a published study do not change its status: they wait in a revision (see
 * `revisionTransitions`) while the published text stays live.
 */
import type { caseStudyStatuses, revisionStatuses } from './options.ts'

export type CaseStudyStatus = (typeof caseStudyStatuses)[number]
export type RevisionStatus = (typeof revisionStatuses)[number]
export type Actor = 'author' | 'moderator'

export const studyActions = ['submit', 'withdraw', 'reopen', 'approve', 'request-changes', 'reject'] as const
export type StudyAction = (typeof studyActions)[number]

const transitions: Record<StudyAction, Rule<CaseStudyStatus>> = {
	submit: { actor: 'author', from: ['draft', 'changes-requested'], to: 'submitted' },
	withdraw: { actor: 'author', from: ['submitted', 'changes-requested', 'published'], to: 'withdrawn' },
	reopen: { actor: 'author', from: ['withdrawn', 'rejected'], to: 'draft' },
	approve: { actor: 'moderator', from: ['submitted'], to: 'published' },
	'request-changes': { actor: 'moderator', from: ['submitted'], to: 'changes-requested' },
	reject: { actor: 'moderator', from: ['submitted'], to: 'rejected' },
}

export type TransitionResult<Status extends string = CaseStudyStatus> =
	{ ok: true; to: Status } | { ok: false; code: 'not-allowed' | 'wrong-status'; message: string }

type Rule<Status extends string> = { actor: Actor; from: readonly Status[]; to: Status }

/** One check for both tables: the actor first, then the status it starts from. */
function decide<Status extends string>(
	rule: Rule<Status>,
	from: Status,
	action: string,
	actor: Actor,
	describe: (status: Status) => string,
): TransitionResult<Status> {
	if (rule.actor !== actor)
		return {
			ok: false,
			code: 'not-allowed',
			message: actor === 'author' ? 'Only a moderator can do that.' : 'Only the author can do that.',
		}
	if (!rule.from.includes(from))
		return {
			ok: false,
			code: 'wrong-status',
			message: `${describe(from)}: it cannot ${action.replace('-', ' ')} now.`,
		}
	return { ok: true, to: rule.to }
}

const statusLabels: Record<CaseStudyStatus, string> = {
	draft: 'a draft',
	submitted: 'waiting for review',
	'changes-requested': 'back with the author for changes',
	published: 'published',
	rejected: 'rejected',
	withdrawn: 'withdrawn',
}

/** Where `action` by `actor` takes a study in `from`, or why it cannot. */
export function nextStatus(from: CaseStudyStatus, action: StudyAction, actor: Actor): TransitionResult {
	return decide(transitions[action], from, action, actor, (status) => `This case study is ${statusLabels[status]}`)
}

/** The statuses in which the author edits the study's own columns directly. */
export function isEditableInPlace(status: CaseStudyStatus) {
	return status === 'draft' || status === 'changes-requested' || status === 'withdrawn' || status === 'rejected'
}

export const revisionActions = ['approve', 'request-changes', 'reject', 'resubmit', 'supersede'] as const
export type RevisionAction = (typeof revisionActions)[number]

const revisionTransitions: Record<RevisionAction, Rule<RevisionStatus>> = {
	approve: { actor: 'moderator', from: ['submitted'], to: 'approved' },
	'request-changes': { actor: 'moderator', from: ['submitted'], to: 'changes-requested' },
	reject: { actor: 'moderator', from: ['submitted'], to: 'rejected' },
	resubmit: { actor: 'author', from: ['changes-requested'], to: 'submitted' },
	// A newer edit replaces one still open; approved and rejected revisions are history.
	supersede: { actor: 'author', from: ['submitted', 'changes-requested'], to: 'superseded' },
}

/** The same check for a revision of a published study. */
export function nextRevisionStatus(
	from: RevisionStatus,
	action: RevisionAction,
	actor: Actor,
): TransitionResult<RevisionStatus> {
	return decide(
		revisionTransitions[action],
		from,
		action,
		actor,
		(status) => `This revision is ${status.replace('-', ' ')}`,
	)
}
