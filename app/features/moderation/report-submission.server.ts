/**
 * The member side of reports: any active member reports a case study, comment, profile or message
 * they can see, with a reason. Moderators work through them elsewhere (the moderation queue).
 */
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { caseStudies, caseStudyComments, reports, users } from '#db/schema.ts'
import { isReviewer, readStudyAccess, type Viewer } from '#app/features/case-studies/read-policy.server.ts'
import { previewOf } from '#app/features/messaging/message-text.ts'
import { readableMessage } from '#app/features/messaging/messaging.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createLimiter } from '#app/utils/rate-limit.server.ts'
import { reportReasons, reportTargets } from './options.ts'

export type ReportTargetType = (typeof reportTargets)[number]

export const reportNoteLimit = 1000

/** The report form; targetType and targetId come from the page's URL as hidden fields. */
export const ReportSchema = z
	.object({
		targetType: z.enum(reportTargets, { error: 'Say what you are reporting.' }),
		targetId: z.string({ error: 'Say what you are reporting.' }).trim().min(1).max(100),
		reason: z.enum(reportReasons, { error: 'Choose a reason.' }),
		note: z
			.string()
			.trim()
			.max(reportNoteLimit, { error: `Keep the note to ${reportNoteLimit.toLocaleString('en')} characters.` })
			.default(''),
	})
	.refine((input) => input.reason !== 'other' || input.note !== '', {
		path: ['note'],
		error: 'Tell the moderators what is wrong.',
	})
export type ReportRequest = z.output<typeof ReportSchema>

/** Enough for anyone reporting in good faith; a flood beyond it is a script or a grudge. */
export const reportRate = { points: 10, durationSeconds: 60 * 60 } as const
const reportLimiter = createLimiter('report-submission', reportRate.points, reportRate.durationSeconds)

export type ReportTarget = {
	type: ReportTargetType
	id: string
	/** What the member is reporting, in words: "Dana Reyes’s profile". */
	label: string
	/** A line of the content, so the member sees they picked the right thing. */
	excerpt: string
	/** Where the member came from, to go back to. */
	link: string
}

export type ReportRefusal = {
	ok: false
	code: 'not-found' | 'own' | 'duplicate' | 'rate-limited'
	message: string
	retryAfterSeconds?: number
}

const notFound = (what: string): ReportRefusal => ({
	ok: false,
	code: 'not-found',
	message: `This ${what} does not exist or is not available to you.`,
})
const own = (what: string): ReportRefusal => ({
	ok: false,
	code: 'own',
	message: `You cannot report your own ${what}.`,
})

function excerptOf(text: string, length = 160) {
	const flat = text.replace(/\s+/g, ' ').trim()
	return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat
}

/** The thing a member wants to report, when it exists and they can see it (the same rules as reading it). */
export function findReportTarget(
	reporter: Viewer,
	type: ReportTargetType,
	id: string,
): { ok: true; target: ReportTarget } | ReportRefusal {
	if (type === 'message') {
		// Only someone in the conversation can see the message, so only they can report it.
		const message = /^[1-9]\d{0,14}$/.test(id) ? readableMessage(reporter.id, Number(id)) : undefined
		if (!message || message.deletedAt !== null || message.hiddenAt !== null) return notFound('message')
		if (message.senderId === reporter.id) return own('message')
		return {
			ok: true,
			target: {
				type,
				id,
				label: `${message.senderName}’s message`,
				excerpt: previewOf(message.body),
				link: `/messages/${message.conversationId}#message-${message.id}`,
			},
		}
	}
	if (type === 'profile') {
		const member = db
			.select({ id: users.id, name: users.name, status: users.status })
			.from(users)
			.where(eq(users.id, id))
			.get()
		if (!member || member.status !== 'active') return notFound('member')
		if (member.id === reporter.id) return own('profile')
		return {
			ok: true,
			target: { type, id, label: `${member.name}’s profile`, excerpt: '', link: `/members/${id}` },
		}
	}
	if (type === 'case-study') {
		const access = readStudyAccess(reporter, id)
		if (!access.allowed) return notFound('case study')
		if (access.asAuthor) return own('case study')
		const study = db.select({ title: caseStudies.title }).from(caseStudies).where(eq(caseStudies.id, id)).get()!
		return {
			ok: true,
			target: { type, id, label: `the case study “${study.title}”`, excerpt: '', link: `/case-studies/${id}` },
		}
	}
	const comment = db
		.select({
			studyId: caseStudyComments.studyId,
			authorId: caseStudyComments.authorId,
			authorName: users.name,
			body: caseStudyComments.body,
			deletedAt: caseStudyComments.deletedAt,
			hiddenAt: caseStudyComments.hiddenAt,
		})
		.from(caseStudyComments)
		.innerJoin(users, eq(users.id, caseStudyComments.authorId))
		.where(eq(caseStudyComments.id, id))
		.get()
	if (!comment || comment.deletedAt !== null || (comment.hiddenAt !== null && !isReviewer(reporter.role)))
		return notFound('comment')
	if (!readStudyAccess(reporter, comment.studyId).allowed) return notFound('comment')
	if (comment.authorId === reporter.id) return own('comment')
	return {
		ok: true,
		target: {
			type,
			id,
			label: `${comment.authorName}’s comment`,
			excerpt: excerptOf(comment.body),
			link: `/case-studies/${comment.studyId}#comments`,
		},
	}
}

/** The reporter's open report on this target, if they already made one. */
export function openReportBy(reporterId: string, type: ReportTargetType, id: string) {
	return db
		.select({ id: reports.id, reason: reports.reason, createdAt: reports.createdAt })
		.from(reports)
		.where(
			and(
				eq(reports.reporterId, reporterId),
				eq(reports.targetType, type),
				eq(reports.targetId, id),
				eq(reports.status, 'open'),
			),
		)
		.get()
}

/**
 * Files a report for moderators. One open report per reporter and target: a second is refused
 * (politely: the first is still waiting), never stored twice. Limited per reporter.
 */
export async function submitReport(
	reporter: Viewer,
	input: ReportRequest,
): Promise<{ ok: true; reportId: number; target: ReportTarget } | ReportRefusal> {
	const limit = await reportLimiter.check(reporter.id)
	if (!limit.allowed)
		return {
			ok: false,
			code: 'rate-limited',
			message: `You have sent many reports in a short time. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} min.`,
			retryAfterSeconds: limit.retryAfterSeconds,
		}
	// Immediate: the duplicate check and the insert hold the write lock together, even across processes.
	const outcome = db.transaction(
		(tx) => {
			const found = findReportTarget(reporter, input.targetType, input.targetId)
			if (!found.ok) return found
			if (openReportBy(reporter.id, input.targetType, input.targetId))
				return {
					ok: false as const,
					code: 'duplicate' as const,
					message: 'You already reported this. A moderator will review it.',
				}
			const { id } = tx
				.insert(reports)
				.values({
					reporterId: reporter.id,
					targetType: input.targetType,
					targetId: input.targetId,
					reason: input.reason,
					note: input.note,
				})
				.returning({ id: reports.id })
				.get()
			return { ok: true as const, reportId: id, target: found.target }
		},
		{ behavior: 'immediate' },
	)
	if (outcome.ok) await reportLimiter.consume(reporter.id)
	return outcome
}
