import { eq } from 'drizzle-orm'
import { caseStudies } from '#db/schema.ts'
import { createDraft, submitStudy } from '#app/features/case-studies/authoring.server.ts'
import type { CaseStudyInput } from '#app/features/case-studies/schemas.ts'
import { nextStatus, type StudyAction } from '#app/features/case-studies/workflow.ts'
import { db } from '#app/utils/db.server.ts'

/** A complete, valid study (ready for review), with whatever the test changes. */
export function studyInput(overrides: Partial<CaseStudyInput> = {}): CaseStudyInput {
	return {
		title: 'Loyalty that pays for itself',
		brand: 'Test Brand',
		sector: '445110',
		objective: 'retention',
		targetAudience: 'Weekly shoppers',
		channels: ['email-crm', 'in-store'],
		startedOn: '2024-01',
		endedOn: '2024-12',
		budgetBand: '500k-2m',
		summary: 'Personal offers instead of points.',
		body: `## What we did\n\n${'We replaced points with personal offers and measured every one against a holdout. '.repeat(4)}`,
		learnings: 'Start the holdout on day one.',
		tags: ['loyalty', 'crm'],
		metrics: [{ label: 'Members', before: 1, after: 4, unit: 'M' }],
		readers: 'non-conflicted',
		...overrides,
	}
}

/**
 * A moderator's decision, as the moderation module takes it: through the state machine, then
 * written conditionally. Authors have no such function; tests need one to reach "published".
 */
export function moderate(
	studyId: string,
	action: Extract<StudyAction, 'approve' | 'request-changes' | 'reject'>,
	note?: string,
) {
	const study = db.select({ status: caseStudies.status }).from(caseStudies).where(eq(caseStudies.id, studyId)).get()
	if (!study) throw new Error(`No study ${studyId}`)
	const move = nextStatus(study.status, action, 'moderator')
	if (!move.ok) throw new Error(move.message)
	db.update(caseStudies)
		.set({
			status: move.to,
			reviewNote: note ?? null,
			...(move.to === 'published' ? { publishedAt: new Date() } : {}),
		})
		.where(eq(caseStudies.id, studyId))
		.run()
}

/** A study written, submitted and approved: in the library. */
export function publishedStudy(authorId: string, overrides: Partial<CaseStudyInput> = {}) {
	const created = createDraft(authorId, studyInput(overrides))
	if (!created.ok) throw new Error(created.message)
	const submitted = submitStudy(authorId, created.studyId)
	if (!submitted.ok) throw new Error(submitted.message)
	moderate(created.studyId, 'approve')
	return created.studyId
}
