/**
 * An author writing, submitting, withdrawing and reopening their case studies. Only the author
 * may call these (anyone else gets `not-found`: a study's existence is not revealed), and every
 * status change is asked of the state machine in workflow.ts first, then written with the status
 * it was read in as a condition, so a repeated or racing request is refused, never applied twice.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import {
	caseStudies,
	caseStudyChannels,
	caseStudyImages,
	caseStudyMetrics,
	caseStudyRevisions,
	caseStudyTags,
	moderationSettings,
} from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { describeNaicsCodes } from '../sectors/naics.server.ts'
import { unknownNaicsCode } from '../sectors/naics-schema.ts'
import { attachPendingImages, movePendingImages } from './pending-images.server.ts'
import { missingForReview, type CaseStudyInput, type StudyContent } from './schemas.ts'
import {
	isEditableInPlace,
	nextRevisionStatus,
	nextStatus,
	type CaseStudyStatus,
	type RevisionStatus,
	type StudyAction,
} from './workflow.ts'

type Transaction = Parameters<Parameters<typeof db.transaction>[0]>[0]

export type AuthoringFailure = {
	ok: false
	code: 'not-found' | 'wrong-status' | 'not-allowed' | 'invalid'
	message: string
	/** Field messages for the form, when the content itself is the problem. */
	fieldErrors?: Record<string, string>
}

const notFound: AuthoringFailure = {
	ok: false,
	code: 'not-found',
	message: 'This case study does not exist or is not yours to change.',
}

const openRevisionStatuses: RevisionStatus[] = ['submitted', 'changes-requested']

export function newStudyId() {
	return `cst_${crypto.randomUUID().replaceAll('-', '')}`
}

function newRevisionId() {
	return `csr_${crypto.randomUUID().replaceAll('-', '')}`
}

/** The form's output as stored content, once the picked NAICS code is known to exist. */
function toContent(input: CaseStudyInput): { ok: true; content: StudyContent } | AuthoringFailure {
	if (!describeNaicsCodes([input.sector]).has(input.sector))
		return {
			ok: false,
			code: 'invalid',
			message: unknownNaicsCode(input.sector),
			fieldErrors: { sector: unknownNaicsCode(input.sector) },
		}
	const { sector, ...rest } = input
	return { ok: true, content: { ...rest, sectorCode: sector } }
}

/**
 * Writes content to a study's live columns and replaces its metrics, channels and tags. Also used
 * when a moderator approves a revision of a published study.
 */
export function writeStudyContent(tx: Transaction, studyId: string, content: StudyContent, now = new Date()) {
	tx.update(caseStudies)
		.set({
			title: content.title,
			brand: content.brand,
			sectorCode: content.sectorCode,
			objective: content.objective,
			targetAudience: content.targetAudience,
			startedOn: content.startedOn,
			endedOn: content.endedOn,
			budgetBand: content.budgetBand,
			summary: content.summary,
			body: content.body,
			learnings: content.learnings,
			readers: content.readers,
			updatedAt: now,
		})
		.where(eq(caseStudies.id, studyId))
		.run()
	tx.delete(caseStudyMetrics).where(eq(caseStudyMetrics.studyId, studyId)).run()
	tx.delete(caseStudyChannels).where(eq(caseStudyChannels.studyId, studyId)).run()
	tx.delete(caseStudyTags).where(eq(caseStudyTags.studyId, studyId)).run()
	if (content.metrics.length)
		tx.insert(caseStudyMetrics)
			.values(content.metrics.map((metric, position) => ({ studyId, position, ...metric })))
			.run()
	if (content.channels.length)
		tx.insert(caseStudyChannels)
			.values(content.channels.map((channel) => ({ studyId, channel })))
			.run()
	if (content.tags.length)
		tx.insert(caseStudyTags)
			.values(content.tags.map((tag) => ({ studyId, tag })))
			.run()
}

/** A new draft of `authorId`'s, with its first content. */
export function createDraft(authorId: string, input: CaseStudyInput): { ok: true; studyId: string } | AuthoringFailure {
	const parsed = toContent(input)
	if (!parsed.ok) return parsed
	const { content } = parsed
	const studyId = newStudyId()
	db.transaction((tx) => {
		tx.insert(caseStudies)
			.values({
				id: studyId,
				authorId,
				title: content.title,
				brand: content.brand,
				sectorCode: content.sectorCode,
				objective: content.objective,
				startedOn: content.startedOn,
				budgetBand: content.budgetBand,
			})
			.run()
		writeStudyContent(tx, studyId, content)
	})
	return { ok: true, studyId }
}

function ownStudy(authorId: string, studyId: string) {
	return db
		.select({ id: caseStudies.id, status: caseStudies.status, readers: caseStudies.readers })
		.from(caseStudies)
		.where(and(eq(caseStudies.id, studyId), eq(caseStudies.authorId, authorId)))
		.get()
}

export function publishedEditsNeedReview() {
	return (
		db
			.select({ on: moderationSettings.reviewPublishedEdits })
			.from(moderationSettings)
			.where(eq(moderationSettings.id, 1))
			.get()?.on ?? true
	)
}

/**
 * Marks the study's open revisions (waiting for review, or for the author's changes) superseded.
 * Their images still wait: the caller hands them to the next edit or makes them live.
 */
function supersedeOpenRevisions(tx: Transaction, studyId: string) {
	const open = tx
		.select({ id: caseStudyRevisions.id, status: caseStudyRevisions.status })
		.from(caseStudyRevisions)
		.where(and(eq(caseStudyRevisions.studyId, studyId), inArray(caseStudyRevisions.status, openRevisionStatuses)))
		.all()
	for (const revision of open) {
		const move = nextRevisionStatus(revision.status, 'supersede', 'author')
		if (!move.ok) continue
		tx.update(caseStudyRevisions)
			.set({ status: move.to })
			.where(and(eq(caseStudyRevisions.id, revision.id), eq(caseStudyRevisions.status, revision.status)))
			.run()
	}
	return open
}

/**
 * The study's open revision (the newest), or a new one holding the live content, an edit of images
 * only: new images of a published study wait with it for review.
 */
export function openRevisionFor(tx: Transaction, studyId: string) {
	const open = tx
		.select({ id: caseStudyRevisions.id })
		.from(caseStudyRevisions)
		.where(and(eq(caseStudyRevisions.studyId, studyId), inArray(caseStudyRevisions.status, openRevisionStatuses)))
		.orderBy(desc(caseStudyRevisions.createdAt), sql`${caseStudyRevisions}.rowid desc`)
		.get()
	if (open) return open.id
	const id = newRevisionId()
	tx.insert(caseStudyRevisions)
		.values({ id, studyId, content: liveContent(studyId)!, status: 'submitted' })
		.run()
	return id
}

export type UpdateOutcome = { ok: true; applied: 'in-place' | 'revision' } | AuthoringFailure

/**
 * Saves the author's edit. Drafts and studies back with the author change in place; a published
 * study changes in place only when moderators do not review published edits, otherwise the edit
 * waits in a revision (replacing any still open) while readers keep seeing the published text.
 * Narrowing the readers to non-conflicted members is never held back: it applies at once.
 */
export function updateStudy(authorId: string, studyId: string, input: CaseStudyInput): UpdateOutcome {
	const study = ownStudy(authorId, studyId)
	if (!study) return notFound
	const parsed = toContent(input)
	if (!parsed.ok) return parsed
	const { content } = parsed
	if (isEditableInPlace(study.status) || (study.status === 'published' && !publishedEditsNeedReview())) {
		db.transaction((tx) => {
			writeStudyContent(tx, studyId, content)
			if (study.status !== 'published') return
			// Edits no longer wait for review, so neither do the images that waited with them.
			const superseded = supersedeOpenRevisions(tx, studyId)
			attachPendingImages(
				tx,
				studyId,
				superseded.map((revision) => revision.id),
			)
		})
		return { ok: true, applied: 'in-place' }
	}
	if (study.status !== 'published')
		return {
			ok: false,
			code: 'wrong-status',
			message: 'This case study is waiting for review: withdraw it first if you need to change it.',
		}
	db.transaction((tx) => {
		const superseded = supersedeOpenRevisions(tx, studyId)
		const revisionId = newRevisionId()
		tx.insert(caseStudyRevisions).values({ id: revisionId, studyId, content, status: 'submitted' }).run()
		movePendingImages(
			tx,
			superseded.map((revision) => revision.id),
			revisionId,
		)
		tx.update(caseStudies)
			.set({ updatedAt: new Date(), ...(content.readers === 'non-conflicted' ? { readers: 'non-conflicted' } : {}) })
			.where(eq(caseStudies.id, studyId))
			.run()
	})
	return { ok: true, applied: 'revision' }
}

export type TransitionOutcome = { ok: true; status: CaseStudyStatus } | AuthoringFailure

/**
 * Moves one of the author's studies by `action`, if the state machine allows it from the status
 * read just now; the write is conditional on that status, so a second identical request gets the
 * same "wrong status" answer as any other illegal move.
 */
function transition(
	authorId: string,
	studyId: string,
	action: Extract<StudyAction, 'submit' | 'withdraw' | 'reopen'>,
	apply?: (tx: Transaction, from: CaseStudyStatus) => void,
	check?: () => AuthoringFailure | null,
): TransitionOutcome {
	const study = ownStudy(authorId, studyId)
	if (!study) return notFound
	const move = nextStatus(study.status, action, 'author')
	if (!move.ok) return { ok: false, code: move.code, message: move.message }
	const refusal = check?.()
	if (refusal) return refusal
	const now = new Date()
	const moved = db.transaction((tx) => {
		const updated = tx
			.update(caseStudies)
			.set({
				status: move.to,
				updatedAt: now,
				...(action === 'submit' ? { submittedAt: now } : {}),
			})
			.where(and(eq(caseStudies.id, studyId), eq(caseStudies.status, study.status)))
			.run()
		if (updated.changes === 0) return false
		apply?.(tx, study.status)
		return true
	})
	if (!moved) return transition(authorId, studyId, action, apply, check)
	return { ok: true, status: move.to }
}

/** Sends a draft (or a study back with the author) for review, once it tells the whole story. */
export function submitStudy(authorId: string, studyId: string): TransitionOutcome {
	return transition(authorId, studyId, 'submit', undefined, () => {
		const content = liveContent(studyId)
		const missing = content ? missingForReview(content) : {}
		if (Object.keys(missing).length === 0) return null
		return {
			ok: false,
			code: 'invalid',
			message: 'A few parts are missing before a moderator can review it.',
			fieldErrors: missing,
		}
	})
}

/**
 * Takes a study out of review or out of the library. Edits still waiting for review are not lost:
 * they (and the images waiting with them) become the withdrawn study's, which nobody else reads
 * and which goes through review again before it is published.
 */
export function withdrawStudy(authorId: string, studyId: string): TransitionOutcome {
	return transition(authorId, studyId, 'withdraw', (tx, from) => {
		if (from !== 'published') return
		const pending = supersedeOpenRevisions(tx, studyId)
		const latest = pending.length
			? tx
					.select({ content: caseStudyRevisions.content })
					.from(caseStudyRevisions)
					.where(
						inArray(
							caseStudyRevisions.id,
							pending.map((revision) => revision.id),
						),
					)
					.orderBy(desc(caseStudyRevisions.createdAt), sql`${caseStudyRevisions}.rowid desc`)
					.get()
			: undefined
		if (latest) writeStudyContent(tx, studyId, latest.content as StudyContent)
		attachPendingImages(
			tx,
			studyId,
			pending.map((revision) => revision.id),
		)
	})
}

/** Back to a draft after a withdrawal or a rejection. */
export function reopenStudy(authorId: string, studyId: string): TransitionOutcome {
	return transition(authorId, studyId, 'reopen')
}

/** A study's results, channels and tags, in their display order (three indexed reads). */
export function studyLists(studyId: string) {
	const metrics = db
		.select({
			label: caseStudyMetrics.label,
			before: caseStudyMetrics.before,
			after: caseStudyMetrics.after,
			unit: caseStudyMetrics.unit,
		})
		.from(caseStudyMetrics)
		.where(eq(caseStudyMetrics.studyId, studyId))
		.orderBy(caseStudyMetrics.position)
		.all()
	const channels = db
		.select({ channel: caseStudyChannels.channel })
		.from(caseStudyChannels)
		.where(eq(caseStudyChannels.studyId, studyId))
		.all()
		.map((row) => row.channel)
	const tags = db
		.select({ tag: caseStudyTags.tag })
		.from(caseStudyTags)
		.where(eq(caseStudyTags.studyId, studyId))
		.orderBy(caseStudyTags.tag)
		.all()
		.map((row) => row.tag)
	return { metrics, channels, tags }
}

/** The live content of a study, as the form and a revision hold it. */
export function liveContent(studyId: string): StudyContent | null {
	const study = db.select().from(caseStudies).where(eq(caseStudies.id, studyId)).get()
	if (!study) return null
	const { metrics, channels, tags } = studyLists(studyId)
	return {
		title: study.title,
		brand: study.brand,
		sectorCode: study.sectorCode,
		objective: study.objective,
		targetAudience: study.targetAudience,
		channels,
		startedOn: study.startedOn,
		endedOn: study.endedOn,
		budgetBand: study.budgetBand,
		summary: study.summary,
		body: study.body,
		learnings: study.learnings,
		tags,
		metrics,
		readers: study.readers,
	}
}

/**
 * Everything the editor shows an author about one of their studies: its status and review note,
 * the content to edit (the pending edit of a published study, when there is one), the latest
 * revision's verdict, and the images (those waiting with the edit marked `pending`). Null for anyone
 * but the author.
 */
export function getStudyForEditing(authorId: string, studyId: string) {
	const study = db
		.select({
			id: caseStudies.id,
			status: caseStudies.status,
			reviewNote: caseStudies.reviewNote,
			submittedAt: caseStudies.submittedAt,
			publishedAt: caseStudies.publishedAt,
			hiddenAt: caseStudies.hiddenAt,
			readers: caseStudies.readers,
		})
		.from(caseStudies)
		.where(and(eq(caseStudies.id, studyId), eq(caseStudies.authorId, authorId)))
		.get()
	if (!study) return null
	const latestRevision = db
		.select({
			id: caseStudyRevisions.id,
			status: caseStudyRevisions.status,
			reviewNote: caseStudyRevisions.reviewNote,
			content: caseStudyRevisions.content,
			createdAt: caseStudyRevisions.createdAt,
		})
		.from(caseStudyRevisions)
		.where(and(eq(caseStudyRevisions.studyId, studyId), sql`${caseStudyRevisions.status} != 'superseded'`))
		.orderBy(desc(caseStudyRevisions.createdAt), sql`${caseStudyRevisions}.rowid desc`)
		.get()
	const pending =
		study.status === 'published' && latestRevision && openRevisionStatuses.includes(latestRevision.status)
			? latestRevision
			: null
	const content = (pending?.content as StudyContent | undefined) ?? liveContent(studyId)!
	const images = db
		.select({
			id: caseStudyImages.id,
			alt: caseStudyImages.alt,
			isCover: caseStudyImages.isCover,
			width: caseStudyImages.width,
			height: caseStudyImages.height,
			pending: sql<boolean>`${caseStudyImages.revisionId} is not null`.mapWith(Boolean),
		})
		.from(caseStudyImages)
		.where(eq(caseStudyImages.studyId, studyId))
		.orderBy(caseStudyImages.position)
		.all()
	return {
		study,
		content,
		revision:
			study.status === 'published' && latestRevision
				? { status: latestRevision.status, reviewNote: latestRevision.reviewNote, pending: pending !== null }
				: null,
		images,
		reviewsPublishedEdits: publishedEditsNeedReview(),
	}
}

/** The author's own studies, newest first, with the state of any edit waiting for review. */
export function listOwnStudies(authorId: string) {
	return db.all<{
		id: string
		title: string
		brand: string
		status: CaseStudyStatus
		reviewNote: string | null
		readers: 'non-conflicted' | 'all'
		updatedAt: number
		publishedAt: number | null
		hiddenAt: number | null
		usefulCount: number
		comments: number
		revisionStatus: RevisionStatus | null
		revisionNote: string | null
	}>(sql`select s.id, s.title, s.brand, s.status, s.review_note as reviewNote, s.readers, s.updated_at as updatedAt,
			s.published_at as publishedAt, s.hidden_at as hiddenAt, s.useful_count as usefulCount,
			(select count(*) from case_study_comments c where c.study_id = s.id and c.deleted_at is null) as comments,
			r.status as revisionStatus, r.review_note as revisionNote
		from case_studies s
		left join case_study_revisions r on r.id = (select r2.id from case_study_revisions r2
			where r2.study_id = s.id and r2.status != 'superseded' order by r2.created_at desc, r2.rowid desc limit 1)
		where s.author_id = ${authorId}
		order by s.updated_at desc`)
}
