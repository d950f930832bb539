/**
 * Who may read a case study — the one place that decides, for every read path (library, search,
 * counts and filters, the study page, its images, the member page, bookmarks, exports):
 *   - its author, always;
 *   - moderators and admins, always (they review it);
 *   - any other member only when it is published, not hidden, its author is an active member, and
 *     the author chose "all members" or the conflict policy does not keep the two apart.
 * Lists use `readableBy` (one set-based condition); a single read uses `readStudyAccess`, which
 * logs a refusal by the conflict policy. A refused single read is a 404: existence is not revealed.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Role } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { checkPair, listableFor, logConflictDecision } from '../conflicts/conflicts.server.ts'
import type { caseStudyAudiences } from './options.ts'
import type { CaseStudyStatus } from './workflow.ts'

export type Viewer = { id: string; role: Role }

export function isReviewer(role: Role) {
	return role === 'moderator' || role === 'admin'
}

/**
 * The read policy as a condition on `case_studies` aliased `s`. Conflicts are matched with the
 * policy's compiled keys in one indexed subquery (listableFor), never with a call per row.
 */
export function readableBy(viewerId: string, role: Role, now = Date.now()): SQL {
	if (isReviewer(role)) return sql`1 = 1`
	return sql`(s.author_id = ${viewerId} or (s.status = 'published' and s.hidden_at is null
		and exists (select 1 from users author where author.id = s.author_id and author.status = 'active')
		and (s.readers = 'all' or (${listableFor(viewerId, sql`s.author_id`, now)}))))`
}

/**
 * What the library, search, member pages and bookmarks list: published, visible studies of active
 * members that this viewer may read. Reviewers find drafts in their queue, not here.
 */
export function listedFor(viewerId: string, role: Role, now = Date.now()): SQL {
	return sql`s.status = 'published' and s.hidden_at is null
		and exists (select 1 from users author where author.id = s.author_id and author.status = 'active')
		and ${readableBy(viewerId, role, now)}`
}

export type StudyAccessRow = {
	id: string
	authorId: string
	status: CaseStudyStatus
	readers: (typeof caseStudyAudiences)[number]
	hiddenAt: number | null
	authorActive: boolean
}

export type StudyAccess =
	| { allowed: true; study: StudyAccessRow; asAuthor: boolean; asReviewer: boolean }
	| { allowed: false; reason: 'missing' | 'not-published' | 'hidden' | 'author-inactive' | 'conflict' }

/** The single-study form of the policy (see the top of this file); a refusal by the conflict policy is logged. */
export function decideStudyRead(viewer: Viewer, study: StudyAccessRow | undefined): StudyAccess {
	if (!study) return { allowed: false, reason: 'missing' }
	if (study.authorId === viewer.id) return { allowed: true, study, asAuthor: true, asReviewer: isReviewer(viewer.role) }
	if (isReviewer(viewer.role)) return { allowed: true, study, asAuthor: false, asReviewer: true }
	if (study.status !== 'published') return { allowed: false, reason: 'not-published' }
	if (study.hiddenAt !== null) return { allowed: false, reason: 'hidden' }
	if (!study.authorActive) return { allowed: false, reason: 'author-inactive' }
	if (study.readers === 'non-conflicted') {
		const check = checkPair(viewer.id, study.authorId)
		if (check.conflicted) {
			logConflictDecision(viewer.id, study.authorId, check.rules, 'case-study')
			return { allowed: false, reason: 'conflict' }
		}
	}
	return { allowed: true, study, asAuthor: false, asReviewer: false }
}

/** Whether `viewer` may read the study with this id (one query, plus the pair check when the author limited readers). */
export function readStudyAccess(viewer: Viewer, studyId: string): StudyAccess {
	const study = db.get<StudyAccessRow | undefined>(sql`select s.id, s.author_id as authorId, s.status, s.readers,
			s.hidden_at as hiddenAt, (u.status = 'active') as authorActive
		from case_studies s join users u on u.id = s.author_id where s.id = ${studyId}`)
	return decideStudyRead(viewer, study ? { ...study, authorActive: Boolean(study.authorActive) } : undefined)
}

/** The 404 every refused single read answers with: the same whether the study is missing or out of reach. */
export function studyNotFound() {
	return new Response('This case study does not exist or is not available to you.', { status: 404 })
}
