import { describe, expect, test } from 'vitest'
import { caseStudyStatuses, revisionStatuses } from '#app/features/case-studies/options.ts'
import {
	isEditableInPlace,
	nextRevisionStatus,
	nextStatus,
	revisionActions,
	studyActions,
	type Actor,
	type CaseStudyStatus,
	type StudyAction,
} from '#app/features/case-studies/workflow.ts'

/** The whole table, written out by hand: every (status, action) pair that is legal, and where it leads. */
const legal: Array<[CaseStudyStatus, StudyAction, Actor, CaseStudyStatus]> = [
	['draft', 'submit', 'author', 'submitted'],
	['changes-requested', 'submit', 'author', 'submitted'],
	['submitted', 'withdraw', 'author', 'withdrawn'],
	['changes-requested', 'withdraw', 'author', 'withdrawn'],
	['published', 'withdraw', 'author', 'withdrawn'],
	['withdrawn', 'reopen', 'author', 'draft'],
	['rejected', 'reopen', 'author', 'draft'],
	['submitted', 'approve', 'moderator', 'published'],
	['submitted', 'request-changes', 'moderator', 'changes-requested'],
	['submitted', 'reject', 'moderator', 'rejected'],
]

describe('the case-study state machine', () => {
	test.each(legal)('%s --%s (%s)--> %s', (from, action, actor, to) => {
		expect(nextStatus(from, action, actor)).toEqual({ ok: true, to })
	})

	test('every other status, action and actor combination is refused with a reason', () => {
		let refused = 0
		for (const from of caseStudyStatuses)
			for (const action of studyActions)
				for (const actor of ['author', 'moderator'] as const) {
					if (legal.some(([f, a, who]) => f === from && a === action && who === actor)) continue
					const result = nextStatus(from, action, actor)
					expect(result.ok, `${from} ${action} ${actor}`).toBe(false)
					if (!result.ok) expect(result.message.length).toBeGreaterThan(10)
					refused += 1
				}
		expect(refused).toBe(caseStudyStatuses.length * studyActions.length * 2 - legal.length)
	})

	test('an author cannot approve their own study, and a moderator cannot submit one', () => {
		expect(nextStatus('submitted', 'approve', 'author')).toMatchObject({ ok: false, code: 'not-allowed' })
		expect(nextStatus('draft', 'submit', 'moderator')).toMatchObject({ ok: false, code: 'not-allowed' })
		expect(nextStatus('draft', 'approve', 'moderator')).toMatchObject({ ok: false, code: 'wrong-status' })
	})

	test('the author edits in place only while the study is not live or waiting for review', () => {
		expect(caseStudyStatuses.filter(isEditableInPlace)).toEqual(['draft', 'changes-requested', 'rejected', 'withdrawn'])
	})
})

describe('revisions of a published study', () => {
	test('a moderator decides a submitted revision once; the author resubmits after changes are requested', () => {
		expect(nextRevisionStatus('submitted', 'approve', 'moderator')).toEqual({ ok: true, to: 'approved' })
		expect(nextRevisionStatus('submitted', 'request-changes', 'moderator')).toEqual({
			ok: true,
			to: 'changes-requested',
		})
		expect(nextRevisionStatus('changes-requested', 'resubmit', 'author')).toEqual({ ok: true, to: 'submitted' })
		expect(nextRevisionStatus('approved', 'approve', 'moderator')).toMatchObject({ ok: false, code: 'wrong-status' })
		expect(nextRevisionStatus('submitted', 'approve', 'author')).toMatchObject({ ok: false, code: 'not-allowed' })
	})

	test('only open revisions can be superseded; approved and rejected ones are history', () => {
		const open = revisionStatuses.filter((status) => nextRevisionStatus(status, 'supersede', 'author').ok)
		expect(open).toEqual(['submitted', 'changes-requested'])
		expect(revisionActions).toContain('supersede')
	})
})
