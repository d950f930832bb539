/**
 * A case study's page: the study, its author's card, results, channels, tags and images, the
 * viewer's vote and bookmark, and the comments (threaded one level). Everything starts from the
 * read policy (read-policy.server.ts); what a viewer may not read answers `null` (a 404).
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { caseStudies, caseStudyBookmarks, caseStudyComments, caseStudyImages, caseStudyVotes } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { createLimiter } from '#app/utils/rate-limit.server.ts'
import { checkPair } from '../conflicts/conflicts.server.ts'
import { notify } from '../notifications/notifications.server.ts'
import type { caseStudyObjectives, budgetBands } from './options.ts'
import { studyLists } from './authoring.server.ts'
import { readStudyAccess, type StudyAccessRow, type Viewer } from './read-policy.server.ts'
import type { CaseStudyStatus } from './workflow.ts'

type Transaction = Parameters<Parameters<typeof db.transaction>[0]>[0]

export type StudyFailure = { ok: false; code: 'not-found' | 'refused' | 'rate-limited'; message: string }

const notFound: StudyFailure = {
	ok: false,
	code: 'not-found',
	message: 'This case study does not exist or is not available to you.',
}

/** Members may comment this often; a burst beyond it is almost always a script or a heated moment. */
export const commentRate = { points: 10, durationSeconds: 600 } as const
const commentLimiter = createLimiter('case-study-comments', commentRate.points, commentRate.durationSeconds)

type StudyRow = {
	id: string
	authorId: string
	status: CaseStudyStatus
	title: string
	brand: string
	sectorCode: string
	sectorTitle: string | null
	objective: (typeof caseStudyObjectives)[number]
	targetAudience: string
	startedOn: string
	endedOn: string | null
	budgetBand: (typeof budgetBands)[number]
	summary: string
	body: string
	learnings: string
	readers: 'non-conflicted' | 'all'
	publishedAt: number | null
	featuredAt: number | null
	hiddenAt: number | null
	updatedAt: number
	usefulCount: number
	authorName: string
	authorTitle: string | null
	authorCompany: string | null
	authorVisibility: 'members' | 'connections' | null
	authorPhotoVersion: number | null
	authorHidden: number
}

type CommentRow = {
	id: string
	parentId: string | null
	authorId: string
	authorName: string
	authorTitle: string | null
	authorCompany: string | null
	body: string
	createdAt: number
	editedAt: number | null
	deletedAt: number | null
	hiddenAt: number | null
}

export type StudyComment = {
	id: string
	parentId: string | null
	/** visible: shown; hidden: by a moderator (its text reaches only moderators and its writer); deleted: a placeholder. */
	state: 'visible' | 'hidden' | 'deleted'
	author: { id: string; name: string; title: string | null; company: string | null } | null
	body: string | null
	createdAt: number
	edited: boolean
	mine: boolean
	replies: StudyComment[]
}

/**
 * The page of one study for a viewer, or null when the read policy refuses (logged when the
 * conflict policy is the reason). A fixed number of queries whatever the study's size.
 */
export function getStudyPage(viewer: Viewer, studyId: string) {
	const access = readStudyAccess(viewer, studyId)
	if (!access.allowed) return null
	const study = db.get<StudyRow>(sql`select s.id, s.author_id as authorId, s.status, s.title, s.brand,
			s.sector_code as sectorCode, n.title as sectorTitle, s.objective, s.target_audience as targetAudience,
			s.started_on as startedOn, s.ended_on as endedOn, s.budget_band as budgetBand, s.summary, s.body, s.learnings,
			s.readers, s.published_at as publishedAt, s.featured_at as featuredAt, s.hidden_at as hiddenAt,
			s.updated_at as updatedAt, s.useful_count as usefulCount, u.name as authorName, p.title as authorTitle,
			c.name as authorCompany, p.visibility as authorVisibility, p.photo_version as authorPhotoVersion,
			p.hidden_at is not null as authorHidden
		from case_studies s
		join users u on u.id = s.author_id
		left join member_profiles p on p.user_id = u.id
		left join companies c on c.id = p.company_id
		left join naics_codes n on n.code = s.sector_code
		where s.id = ${studyId}`)
	if (!study) return null
	const { metrics, channels, tags } = studyLists(studyId)
	const images = db
		.select({
			id: caseStudyImages.id,
			alt: caseStudyImages.alt,
			isCover: caseStudyImages.isCover,
			width: caseStudyImages.width,
			height: caseStudyImages.height,
		})
		.from(caseStudyImages)
		// Images waiting with an edit show in the editor and the review page, never here.
		.where(and(eq(caseStudyImages.studyId, studyId), isNull(caseStudyImages.revisionId)))
		.orderBy(desc(caseStudyImages.isCover), caseStudyImages.position)
		.all()
	const mine = db.get<{ useful: number; bookmarked: number }>(sql`select
			exists (select 1 from case_study_votes where study_id = ${studyId} and user_id = ${viewer.id}) as useful,
			exists (select 1 from case_study_bookmarks where study_id = ${studyId} and user_id = ${viewer.id}) as bookmarked`)!
	const { authorVisibility, authorPhotoVersion, authorHidden, ...rest } = study
	return {
		study: rest,
		author: {
			id: study.authorId,
			name: study.authorName,
			title: study.authorTitle,
			company: study.authorCompany,
			// The photo follows the profile's own rules (see canSeeFullProfile): never across a conflict,
			// and for moderators only once a moderator hid the profile.
			photoVersion:
				authorPhotoVisible(viewer, access.study, authorVisibility) &&
				(!authorHidden || access.asAuthor || access.asReviewer)
					? authorPhotoVersion
					: null,
		},
		metrics,
		channels,
		tags,
		images,
		viewerState: {
			isAuthor: access.asAuthor,
			isReviewer: access.asReviewer,
			useful: Boolean(mine.useful),
			bookmarked: Boolean(mine.bookmarked),
			canVote: study.status === 'published' && study.hiddenAt === null && !access.asAuthor,
			canComment: study.status === 'published' && study.hiddenAt === null,
		},
		comments: listComments(viewer, studyId, access.asReviewer),
	}
}

function authorPhotoVisible(viewer: Viewer, study: StudyAccessRow, visibility: 'members' | 'connections' | null) {
	if (study.authorId === viewer.id) return true
	if (visibility !== 'members') return false
	// A "non-conflicted" study was already checked by the read policy; an "all members" one was not.
	return study.readers === 'non-conflicted' || !checkPair(viewer.id, study.authorId).conflicted
}

/**
 * The comments of a study threaded one level, oldest first. Deleted comments and, for anyone but
 * moderators and their writer, hidden ones keep their place only as a placeholder when replies
 * hang from them; their text is never sent.
 */
function listComments(viewer: Viewer, studyId: string, asReviewer: boolean): StudyComment[] {
	const rows = db.all<CommentRow>(sql`select c.id, c.parent_id as parentId, c.author_id as authorId,
			u.name as authorName, p.title as authorTitle, co.name as authorCompany, c.body, c.created_at as createdAt,
			c.edited_at as editedAt, c.deleted_at as deletedAt, c.hidden_at as hiddenAt
		from case_study_comments c
		join users u on u.id = c.author_id
		left join member_profiles p on p.user_id = u.id
		left join companies co on co.id = p.company_id
		where c.study_id = ${studyId}
		order by c.created_at, c.rowid`)
	const toComment = (row: CommentRow): StudyComment => {
		const mine = row.authorId === viewer.id
		const state = row.deletedAt !== null ? 'deleted' : row.hiddenAt !== null ? 'hidden' : 'visible'
		const readable = state === 'visible' || (state === 'hidden' && (asReviewer || mine))
		return {
			id: row.id,
			parentId: row.parentId,
			state,
			author: readable
				? { id: row.authorId, name: row.authorName, title: row.authorTitle, company: row.authorCompany }
				: null,
			body: readable ? row.body : null,
			createdAt: row.createdAt,
			edited: row.editedAt !== null,
			mine,
			replies: [],
		}
	}
	const shown = (comment: StudyComment) => comment.body !== null
	const topLevel = new Map<string, StudyComment>()
	const replies: StudyComment[] = []
	for (const row of rows) {
		const comment = toComment(row)
		if (row.parentId === null) topLevel.set(row.id, comment)
		else replies.push(comment)
	}
	for (const reply of replies) if (shown(reply)) topLevel.get(reply.parentId!)?.replies.push(reply)
	return [...topLevel.values()].filter((comment) => shown(comment) || comment.replies.length > 0)
}

/** The study a member acts on (vote, bookmark, comment): readable by them and open to readers. */
function publishedForViewer(viewer: Viewer, studyId: string) {
	const access = readStudyAccess(viewer, studyId)
	if (!access.allowed) return { ok: false as const, failure: notFound }
	if (access.study.status !== 'published' || access.study.hiddenAt !== null)
		return {
			ok: false as const,
			failure: {
				ok: false,
				code: 'refused',
				message: 'This case study is not in the library, so it takes no votes, bookmarks or comments.',
			} satisfies StudyFailure,
		}
	return { ok: true as const, access }
}

/** Marks a study useful (or not) for the viewer: one vote per member, the count kept in step in the same transaction. */
export function setUseful(viewer: Viewer, studyId: string, useful: boolean) {
	const target = publishedForViewer(viewer, studyId)
	if (!target.ok) return target.failure
	if (target.access.asAuthor)
		return { ok: false, code: 'refused', message: 'You cannot mark your own case study useful.' } satisfies StudyFailure
	const usefulCount = db.transaction((tx) => {
		const changed = useful
			? tx.insert(caseStudyVotes).values({ studyId, userId: viewer.id }).onConflictDoNothing().run().changes
			: tx
					.delete(caseStudyVotes)
					.where(and(eq(caseStudyVotes.studyId, studyId), eq(caseStudyVotes.userId, viewer.id)))
					.run().changes
		const row = tx
			.update(caseStudies)
			.set({ usefulCount: sql`${caseStudies.usefulCount} + ${changed === 0 ? 0 : useful ? 1 : -1}` })
			.where(eq(caseStudies.id, studyId))
			.returning({ usefulCount: caseStudies.usefulCount })
			.get()
		return row?.usefulCount ?? 0
	})
	return { ok: true as const, useful, usefulCount }
}

export function setBookmark(viewer: Viewer, studyId: string, bookmarked: boolean) {
	const target = publishedForViewer(viewer, studyId)
	if (!target.ok) return target.failure
	if (bookmarked) db.insert(caseStudyBookmarks).values({ studyId, userId: viewer.id }).onConflictDoNothing().run()
	else
		db.delete(caseStudyBookmarks)
			.where(and(eq(caseStudyBookmarks.studyId, studyId), eq(caseStudyBookmarks.userId, viewer.id)))
			.run()
	return { ok: true as const, bookmarked }
}

/**
 * Adds a comment, or a reply to a top-level comment (never a reply to a reply), and tells the
 * study's author and the replied-to member. Limited per member (see `commentRate`).
 */
export async function addComment(
	viewer: Viewer,
	studyId: string,
	input: { body: string; parentId?: string },
): Promise<{ ok: true; commentId: string } | StudyFailure> {
	const target = publishedForViewer(viewer, studyId)
	if (!target.ok) return target.failure
	const parent = input.parentId
		? db
				.select({
					id: caseStudyComments.id,
					parentId: caseStudyComments.parentId,
					authorId: caseStudyComments.authorId,
					deletedAt: caseStudyComments.deletedAt,
					hiddenAt: caseStudyComments.hiddenAt,
				})
				.from(caseStudyComments)
				.where(and(eq(caseStudyComments.id, input.parentId), eq(caseStudyComments.studyId, studyId)))
				.get()
		: undefined
	if (input.parentId) {
		if (!parent || parent.deletedAt !== null || (parent.hiddenAt !== null && !target.access.asReviewer))
			return { ok: false, code: 'refused', message: 'That comment is no longer there to reply to.' }
		if (parent.parentId !== null)
			return {
				ok: false,
				code: 'refused',
				message: 'Reply to the first comment of the thread: replies go one level deep.',
			}
	}
	const verdict = await commentLimiter.consume(viewer.id)
	if (!verdict.allowed)
		return {
			ok: false,
			code: 'rate-limited',
			message: `You have posted ${commentRate.points} comments in the last ${commentRate.durationSeconds / 60} minutes. Try again in ${verdict.retryAfterSeconds} s.`,
		}
	const commentId = `csc_${crypto.randomUUID().replaceAll('-', '')}`
	db.transaction((tx) => {
		tx.insert(caseStudyComments)
			.values({ id: commentId, studyId, authorId: viewer.id, parentId: parent?.id ?? null, body: input.body })
			.run()
		notifyOfComment(tx, {
			viewer,
			studyId,
			studyAuthorId: target.access.study.authorId,
			parentAuthorId: parent?.authorId,
		})
	})
	return { ok: true, commentId }
}

/** The study's author hears of every comment by others; a member replied to hears of the reply (once, not twice). */
function notifyOfComment(
	tx: Transaction,
	comment: { viewer: Viewer; studyId: string; studyAuthorId: string; parentAuthorId?: string },
) {
	const about = tx.get<{ name: string; title: string }>(sql`select u.name, s.title from users u, case_studies s
		where u.id = ${comment.viewer.id} and s.id = ${comment.studyId}`)
	if (!about) return
	const link = `/case-studies/${comment.studyId}#comments`
	const replyTo = comment.parentAuthorId && comment.parentAuthorId !== comment.viewer.id ? comment.parentAuthorId : null
	if (replyTo)
		notify(
			replyTo,
			{ kind: 'comment-replied', title: `${about.name} replied to your comment`, body: about.title, link },
			tx,
		)
	if (comment.studyAuthorId !== comment.viewer.id && comment.studyAuthorId !== replyTo)
		notify(
			comment.studyAuthorId,
			{ kind: 'case-study-commented', title: `${about.name} commented on your case study`, body: about.title, link },
			tx,
		)
}

/** The viewer's own comment, still there and on a study they may read. */
function ownComment(viewer: Viewer, commentId: string) {
	const comment = db
		.select({
			id: caseStudyComments.id,
			studyId: caseStudyComments.studyId,
			authorId: caseStudyComments.authorId,
			deletedAt: caseStudyComments.deletedAt,
			hiddenAt: caseStudyComments.hiddenAt,
		})
		.from(caseStudyComments)
		.where(eq(caseStudyComments.id, commentId))
		.get()
	if (!comment || comment.authorId !== viewer.id || comment.deletedAt !== null)
		return {
			ok: false as const,
			failure: { ok: false, code: 'not-found', message: 'That comment is not yours to change.' } satisfies StudyFailure,
		}
	if (!readStudyAccess(viewer, comment.studyId).allowed) return { ok: false as const, failure: notFound }
	return { ok: true as const, comment }
}

export function editComment(viewer: Viewer, commentId: string, body: string): { ok: true } | StudyFailure {
	const own = ownComment(viewer, commentId)
	if (!own.ok) return own.failure
	if (own.comment.hiddenAt !== null)
		return { ok: false, code: 'refused', message: 'A moderator hid this comment, so it can no longer be edited.' }
	db.update(caseStudyComments)
		.set({ body, editedAt: new Date() })
		.where(and(eq(caseStudyComments.id, commentId), sql`${caseStudyComments.deletedAt} is null`))
		.run()
	return { ok: true }
}

/** A soft delete: the text is kept for moderators handling a report, readers see at most a placeholder. */
export function deleteComment(viewer: Viewer, commentId: string): { ok: true } | StudyFailure {
	const own = ownComment(viewer, commentId)
	if (!own.ok) return own.failure
	db.update(caseStudyComments)
		.set({ deletedAt: new Date() })
		.where(and(eq(caseStudyComments.id, commentId), sql`${caseStudyComments.deletedAt} is null`))
		.run()
	return { ok: true }
}
