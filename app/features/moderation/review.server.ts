/**
 * The review side of case studies: the queue of submitted studies and submitted edits of
 * published ones, and a moderator's decision on each. Every decision asks the state machine in
 * workflow.ts first, is written with the status it was read in as a condition (so a double
 * approve is refused, never applied twice), and is audited and notified in the same transaction.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm'
import { caseStudies, caseStudyRevisions, collectionItems, collections, users } from '#db/schema.ts'
import { caseStudyObjectives } from '#app/features/case-studies/options.ts'
import { liveContent, writeStudyContent } from '#app/features/case-studies/authoring.server.ts'
import {
	attachPendingImages,
	dropPendingImages,
	pendingImagesOf,
} from '#app/features/case-studies/pending-images.server.ts'
import type { StudyContent } from '#app/features/case-studies/schemas.ts'
import {
	nextRevisionStatus,
	nextStatus,
	type CaseStudyStatus,
	type RevisionStatus,
} from '#app/features/case-studies/workflow.ts'
import { notify } from '#app/features/notifications/notifications.server.ts'
import { describeNaicsCodes } from '#app/features/sectors/naics.server.ts'
import { db } from '#app/utils/db.server.ts'
import { recordModeratorAction } from './audit.server.ts'
import { diffStudyContent } from './diff.ts'
import { moderationLimits } from './schemas.ts'
import { ageBuckets, reviewDecisions, type AgeBucket, type QueueKind, type ReviewDecision } from './review-options.ts'

const day = 24 * 60 * 60 * 1000
const itemsPerPage = 25

export type QueueFilters = {
	kind?: QueueKind
	/** A NAICS sector as NAICS spells it: "44-45", "52". */
	sector?: string
	objective?: (typeof caseStudyObjectives)[number]
	age?: AgeBucket
	page?: number
}

export type QueueItem = {
	kind: QueueKind
	studyId: string
	revisionId: string | null
	title: string
	brand: string
	authorId: string
	authorName: string
	sectorCode: string
	sectorTitle: string | null
	objective: (typeof caseStudyObjectives)[number]
	waitingSince: number
	age: AgeBucket
}

/**
 * Submitted studies and submitted edits as one list. An edit is filed under what it proposes
 * (its title, sector and objective), which is what readers will see once it is approved.
 */
function queueSource(now: number) {
	return sql`(select q.*, case when q.waiting_since > ${now - 2 * day} then 'under-2-days'
				when q.waiting_since > ${now - 7 * day} then '2-to-7-days' else 'over-7-days' end as age
		from (
			select 'new' as kind, s.id as study_id, null as revision_id, s.title, s.brand, s.author_id,
				s.sector_code, s.objective, coalesce(s.submitted_at, s.updated_at) as waiting_since
			from case_studies s where s.status = 'submitted'
			union all
			select 'revision', r.study_id, r.id, coalesce(json_extract(r.content, '$.title'), s.title),
				coalesce(json_extract(r.content, '$.brand'), s.brand), s.author_id,
				coalesce(json_extract(r.content, '$.sectorCode'), s.sector_code),
				coalesce(json_extract(r.content, '$.objective'), s.objective), r.created_at
			from case_study_revisions r join case_studies s on s.id = r.study_id
			where r.status = 'submitted' and s.status = 'published'
		) q)`
}

/** One page of the queue, oldest first, and how many items wait in each kind and age bucket under the other filters. */
export function listReviewQueue(filters: QueueFilters, now = Date.now()) {
	const source = queueSource(now)
	const common: SQL[] = []
	if (filters.sector) common.push(sql`n.sector = ${filters.sector}`)
	if (filters.objective) common.push(sql`q.objective = ${filters.objective}`)
	const whereOf = (conditions: SQL[]) => (conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``)
	const grouped = db.all<{ kind: QueueKind; age: AgeBucket; total: number }>(
		sql`select q.kind, q.age, count(*) as total from ${source} q
			left join naics_codes n on n.code = q.sector_code ${whereOf(common)} group by q.kind, q.age`,
	)
	const sum = (keep: (row: (typeof grouped)[number]) => boolean) =>
		grouped.filter(keep).reduce((total, row) => total + row.total, 0)
	const inAge = (row: (typeof grouped)[number]) => !filters.age || row.age === filters.age
	const ofKind = (row: (typeof grouped)[number]) => !filters.kind || row.kind === filters.kind
	const counts = {
		all: sum(inAge),
		new: sum((row) => row.kind === 'new' && inAge(row)),
		revision: sum((row) => row.kind === 'revision' && inAge(row)),
		ages: Object.fromEntries(ageBuckets.map((age) => [age, sum((row) => row.age === age && ofKind(row))])) as Record<
			AgeBucket,
			number
		>,
	}
	const total = filters.kind ? counts[filters.kind] : counts.all
	const pageCount = Math.max(1, Math.ceil(total / itemsPerPage))
	const page = Math.max(1, Math.trunc(filters.page ?? 1))
	const conditions = [...common]
	if (filters.kind) conditions.push(sql`q.kind = ${filters.kind}`)
	if (filters.age) conditions.push(sql`q.age = ${filters.age}`)
	const items = db.all<QueueItem>(sql`select q.kind, q.study_id as studyId, q.revision_id as revisionId, q.title,
			q.brand, q.author_id as authorId, u.name as authorName, q.sector_code as sectorCode,
			n.title as sectorTitle, q.objective, q.waiting_since as waitingSince, q.age
		from ${source} q join users u on u.id = q.author_id left join naics_codes n on n.code = q.sector_code
		${whereOf(conditions)}
		order by q.waiting_since asc, q.study_id asc
		limit ${itemsPerPage} offset ${(page - 1) * itemsPerPage}`)
	return { items, counts, total, page, pageCount, pageSize: itemsPerPage }
}

/** The NAICS sectors, for the queue's filter ("31-33" once, not three times). */
export function listSectors() {
	return db.all<{ sector: string; title: string }>(
		sql`select sector, min(title) as title from naics_codes where level = 2 group by sector order by min(code)`,
	)
}

export type ReviewFailure = {
	ok: false
	code: 'not-found' | 'own-study' | 'wrong-status' | 'not-allowed' | 'note-required' | 'note-too-long'
	message: string
}
export type ReviewOutcome = { ok: true; status: CaseStudyStatus | RevisionStatus } | ReviewFailure

const noteMessages: Record<Exclude<ReviewDecision, 'approve'>, string> = {
	'request-changes': 'Tell the author what to change: they see this note.',
	reject: 'Give the reason for rejecting: the author sees it.',
}

/** The note a decision needs (request changes, reject), trimmed; a failure when it is missing. */
function checkNote(decision: ReviewDecision, note: string): { ok: true; note: string | null } | ReviewFailure {
	if (decision === 'approve') return { ok: true, note: null }
	const trimmed = note.trim()
	if (!trimmed) return { ok: false, code: 'note-required', message: noteMessages[decision] }
	if (trimmed.length > moderationLimits.note)
		return {
			ok: false,
			code: 'note-too-long',
			message: `Keep the note to ${moderationLimits.note.toLocaleString('en')} characters.`,
		}
	return { ok: true, note: trimmed }
}

const ownStudyRefusal: ReviewFailure = {
	ok: false,
	code: 'own-study',
	message: 'You wrote this case study: another moderator must review it.',
}

const studyNotFound: ReviewFailure = { ok: false, code: 'not-found', message: 'This case study no longer exists.' }

const studyLink = (studyId: string) => `/case-studies/${studyId}`
const editLink = (studyId: string) => `/case-studies/${studyId}/edit`

/** Approve, request changes on or reject a submitted study. */
export function reviewStudy(
	moderatorId: string,
	studyId: string,
	decision: ReviewDecision,
	note = '',
	now = Date.now(),
): ReviewOutcome {
	const checked = checkNote(decision, note)
	if (!checked.ok) return checked
	return db.transaction((tx) => {
		const study = tx
			.select({
				id: caseStudies.id,
				authorId: caseStudies.authorId,
				status: caseStudies.status,
				title: caseStudies.title,
				publishedAt: caseStudies.publishedAt,
			})
			.from(caseStudies)
			.where(eq(caseStudies.id, studyId))
			.get()
		if (!study) return studyNotFound
		if (study.authorId === moderatorId) return ownStudyRefusal
		const move = nextStatus(study.status, decision, 'moderator')
		if (!move.ok) return { ok: false, code: move.code, message: move.message }
		const at = new Date(now)
		const updated = tx
			.update(caseStudies)
			.set({
				status: move.to,
				reviewNote: checked.note,
				updatedAt: at,
				...(decision === 'approve' ? { publishedAt: study.publishedAt ?? at } : {}),
			})
			.where(and(eq(caseStudies.id, studyId), eq(caseStudies.status, study.status)))
			.run()
		if (updated.changes === 0)
			return { ok: false, code: 'wrong-status', message: 'Another moderator decided on this case study just now.' }
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: `study.${decision}`,
				targetType: 'case-study',
				targetId: studyId,
				reason: checked.note ?? '',
				details: { from: study.status, to: move.to },
			},
			now,
		)
		const message = {
			approve: {
				kind: 'case-study-approved',
				title: `“${study.title}” is published`,
				body: 'Members can now read it in the library.',
				link: studyLink(studyId),
			},
			'request-changes': {
				kind: 'case-study-changes-requested',
				title: `A moderator asked for changes to “${study.title}”`,
				body: checked.note ?? '',
				link: editLink(studyId),
			},
			reject: {
				kind: 'case-study-rejected',
				title: `“${study.title}” was not accepted`,
				body: checked.note ?? '',
				link: editLink(studyId),
			},
		} as const
		notify(study.authorId, message[decision], tx)
		return { ok: true, status: move.to }
	})
}

/**
 * Approve, request changes on or reject a submitted edit of a published study. Approving copies
 * the proposed fields, metrics, channels and tags into the live rows and makes the images waiting
 * with the edit live, in the same transaction; rejecting deletes those images.
 */
export function reviewRevision(
	moderatorId: string,
	revisionId: string,
	decision: ReviewDecision,
	note = '',
	now = Date.now(),
): ReviewOutcome {
	const checked = checkNote(decision, note)
	if (!checked.ok) return checked
	return db.transaction((tx) => {
		const revision = tx
			.select({
				id: caseStudyRevisions.id,
				status: caseStudyRevisions.status,
				content: caseStudyRevisions.content,
				studyId: caseStudies.id,
				studyStatus: caseStudies.status,
				authorId: caseStudies.authorId,
				title: caseStudies.title,
			})
			.from(caseStudyRevisions)
			.innerJoin(caseStudies, eq(caseStudies.id, caseStudyRevisions.studyId))
			.where(eq(caseStudyRevisions.id, revisionId))
			.get()
		if (!revision) return { ok: false, code: 'not-found', message: 'This edit no longer exists.' }
		if (revision.authorId === moderatorId) return ownStudyRefusal
		const move = nextRevisionStatus(revision.status, decision, 'moderator')
		if (!move.ok) return { ok: false, code: move.code, message: move.message }
		if (revision.studyStatus !== 'published')
			return {
				ok: false,
				code: 'wrong-status',
				message: 'The study is no longer published: its author took it back, so the edit cannot be reviewed.',
			}
		const at = new Date(now)
		const updated = tx
			.update(caseStudyRevisions)
			.set({ status: move.to, reviewNote: checked.note, reviewedBy: moderatorId, reviewedAt: at })
			.where(and(eq(caseStudyRevisions.id, revisionId), eq(caseStudyRevisions.status, revision.status)))
			.run()
		if (updated.changes === 0)
			return { ok: false, code: 'wrong-status', message: 'Another moderator decided on this edit just now.' }
		let changedFields: string[] = []
		if (decision === 'approve') {
			const live = liveContent(revision.studyId)!
			const proposed = { ...live, ...(revision.content as Partial<StudyContent>) }
			changedFields = diffStudyContent(live, proposed)
				.filter((field) => field.changed)
				.map((field) => field.field)
			writeStudyContent(tx, revision.studyId, proposed, at)
			attachPendingImages(tx, revision.studyId, [revisionId])
			tx.update(caseStudies).set({ reviewNote: null }).where(eq(caseStudies.id, revision.studyId)).run()
		}
		if (decision === 'reject') dropPendingImages(tx, revisionId)
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: `revision.${decision}`,
				targetType: 'revision',
				targetId: revisionId,
				reason: checked.note ?? '',
				details: {
					studyId: revision.studyId,
					from: revision.status,
					to: move.to,
					...(decision === 'approve' ? { changedFields } : {}),
				},
			},
			now,
		)
		const message = {
			approve: {
				kind: 'case-study-approved',
				title: `Your edits to “${revision.title}” are live`,
				body: 'Readers now see the updated case study.',
				link: studyLink(revision.studyId),
			},
			'request-changes': {
				kind: 'case-study-changes-requested',
				title: `A moderator asked for changes to your edits of “${revision.title}”`,
				body: checked.note ?? '',
				link: editLink(revision.studyId),
			},
			reject: {
				kind: 'case-study-rejected',
				title: `Your edits to “${revision.title}” were not accepted`,
				body: `${checked.note ?? ''} The published version stays as it was.`.trim(),
				link: editLink(revision.studyId),
			},
		} as const
		notify(revision.authorId, message[decision], tx)
		return { ok: true, status: move.to }
	})
}

/**
 * Everything the review page shows: the study, its live content, the edit waiting (as a diff, with
 * the images waiting with it), curation state.
 */
export function getStudyForReview(studyId: string, moderatorId: string) {
	const study = db
		.select({
			id: caseStudies.id,
			status: caseStudies.status,
			authorId: caseStudies.authorId,
			authorName: users.name,
			authorStatus: users.status,
			reviewNote: caseStudies.reviewNote,
			submittedAt: caseStudies.submittedAt,
			publishedAt: caseStudies.publishedAt,
			featuredAt: caseStudies.featuredAt,
			hiddenAt: caseStudies.hiddenAt,
			usefulCount: caseStudies.usefulCount,
		})
		.from(caseStudies)
		.innerJoin(users, eq(users.id, caseStudies.authorId))
		.where(eq(caseStudies.id, studyId))
		.get()
	if (!study) return null
	const content = liveContent(studyId)!
	const revision =
		study.status === 'published'
			? (db
					.select({
						id: caseStudyRevisions.id,
						content: caseStudyRevisions.content,
						createdAt: caseStudyRevisions.createdAt,
					})
					.from(caseStudyRevisions)
					.where(and(eq(caseStudyRevisions.studyId, studyId), eq(caseStudyRevisions.status, 'submitted')))
					.orderBy(sql`${caseStudyRevisions.createdAt} desc`)
					.get() ?? null)
			: null
	const proposed = revision ? { ...content, ...(revision.content as Partial<StudyContent>) } : null
	const sectors = describeNaicsCodes([content.sectorCode, ...(proposed ? [proposed.sectorCode] : [])])
	const sectorTitles = Object.fromEntries([...sectors].map(([code, option]) => [code, option.title]))
	const isOwn = study.authorId === moderatorId
	const decisionsFor = (status: CaseStudyStatus) =>
		reviewDecisions.filter((decision) => nextStatus(status, decision, 'moderator').ok)
	const memberships = db
		.select({ collectionId: collectionItems.collectionId })
		.from(collectionItems)
		.where(eq(collectionItems.studyId, studyId))
		.all()
		.map((row) => row.collectionId)
	const allCollections = db
		.select({ id: collections.id, title: collections.title, slug: collections.slug })
		.from(collections)
		.orderBy(collections.title)
		.all()
	return {
		study: { ...study, sectorTitle: sectorTitles[content.sectorCode] ?? null },
		content,
		isOwn,
		decisions: isOwn ? [] : revision ? [...reviewDecisions] : decisionsFor(study.status),
		revision:
			revision && proposed
				? { id: revision.id, createdAt: revision.createdAt, proposed, newImages: pendingImagesOf(revision.id) }
				: null,
		diff: proposed ? diffStudyContent(content, proposed, sectorTitles) : null,
		collections: allCollections.map((collection) => ({
			...collection,
			contains: memberships.includes(collection.id),
		})),
	}
}
