/**
 * The moderator side of reports: the queue and its resolutions. A resolution applies to the
 * reported content (or its author) and closes every open report on that same content at once;
 * it is audited in the same transaction. Members file reports elsewhere (/reports/new).
 */
import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { caseStudies, caseStudyComments, memberProfiles, messages, reports, users, type Role } from '#db/schema.ts'
import { publishMessageChange } from '#app/features/messaging/live.server.ts'
import { setMessageHidden, type MessageChange } from '#app/features/messaging/messaging.server.ts'
import { notify } from '#app/features/notifications/notifications.server.ts'
import { revokeUserSessions } from '#app/utils/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { recordModeratorAction, type Transaction } from './audit.server.ts'
import type { hideableTargets, reportReasons, reportResolutions, reportTargets } from './options.ts'
import { reportReasonLabels, type ReportStatusFilter } from './report-options.ts'

export type ReportTarget = (typeof reportTargets)[number]
export type ReportResolution = (typeof reportResolutions)[number]
export type HideableTarget = (typeof hideableTargets)[number]
type ReportReason = (typeof reportReasons)[number]

const reportsPerPage = 20

/** What a report points at, as a moderator needs to see it; null when the content no longer exists. */
export type TargetSummary = {
	label: string
	excerpt: string
	link: string | null
	authorId: string | null
	authorName: string | null
	authorRole: Role | null
	authorStatus: string | null
	hidden: boolean
}

/** The reported content of each target, in one query per target type whatever the number of reports. */
function summarizeTargets(targets: ReadonlyArray<{ targetType: ReportTarget; targetId: string }>) {
	const idsOf = (type: ReportTarget) => [
		...new Set(targets.filter((target) => target.targetType === type).map((target) => target.targetId)),
	]
	const summaries = new Map<string, TargetSummary>()
	const key = (type: ReportTarget, id: string) => `${type}:${id}`
	const studyIds = idsOf('case-study')
	if (studyIds.length)
		for (const row of db
			.select({
				id: caseStudies.id,
				title: caseStudies.title,
				summary: caseStudies.summary,
				hiddenAt: caseStudies.hiddenAt,
				authorId: users.id,
				authorName: users.name,
				authorRole: users.role,
				authorStatus: users.status,
			})
			.from(caseStudies)
			.innerJoin(users, eq(users.id, caseStudies.authorId))
			.where(inArray(caseStudies.id, studyIds))
			.all())
			summaries.set(key('case-study', row.id), {
				label: `Case study “${row.title}”`,
				excerpt: row.summary,
				link: `/moderation/studies/${row.id}`,
				authorId: row.authorId,
				authorName: row.authorName,
				authorRole: row.authorRole,
				authorStatus: row.authorStatus,
				hidden: row.hiddenAt !== null,
			})
	const commentIds = idsOf('comment')
	if (commentIds.length)
		for (const row of db
			.select({
				id: caseStudyComments.id,
				body: caseStudyComments.body,
				hiddenAt: caseStudyComments.hiddenAt,
				studyId: caseStudies.id,
				studyTitle: caseStudies.title,
				authorId: users.id,
				authorName: users.name,
				authorRole: users.role,
				authorStatus: users.status,
			})
			.from(caseStudyComments)
			.innerJoin(caseStudies, eq(caseStudies.id, caseStudyComments.studyId))
			.innerJoin(users, eq(users.id, caseStudyComments.authorId))
			.where(inArray(caseStudyComments.id, commentIds))
			.all())
			summaries.set(key('comment', row.id), {
				label: `Comment on “${row.studyTitle}”`,
				excerpt: row.body,
				link: `/case-studies/${row.studyId}#comment-${row.id}`,
				authorId: row.authorId,
				authorName: row.authorName,
				authorRole: row.authorRole,
				authorStatus: row.authorStatus,
				hidden: row.hiddenAt !== null,
			})
	const profileIds = idsOf('profile')
	if (profileIds.length)
		for (const row of db
			.select({
				id: users.id,
				name: users.name,
				role: users.role,
				status: users.status,
				headline: memberProfiles.headline,
				bio: memberProfiles.bio,
				hiddenAt: memberProfiles.hiddenAt,
			})
			.from(users)
			.leftJoin(memberProfiles, eq(memberProfiles.userId, users.id))
			.where(inArray(users.id, profileIds))
			.all())
			summaries.set(key('profile', row.id), {
				label: `Profile of ${row.name}`,
				excerpt: [row.headline, row.bio].filter(Boolean).join(' · '),
				link: `/members/${row.id}`,
				authorId: row.id,
				authorName: row.name,
				authorRole: row.role,
				authorStatus: row.status,
				hidden: row.hiddenAt !== null,
			})
	const messageIds = idsOf('message').map(Number).filter(Number.isSafeInteger)
	if (messageIds.length)
		// Moderators are not in the conversation: they read the text here, hidden or not, and get no link.
		for (const row of db
			.select({
				id: messages.id,
				body: messages.body,
				deletedAt: messages.deletedAt,
				hiddenAt: messages.hiddenAt,
				authorId: users.id,
				authorName: users.name,
				authorRole: users.role,
				authorStatus: users.status,
			})
			.from(messages)
			.innerJoin(users, eq(users.id, messages.senderId))
			.where(inArray(messages.id, messageIds))
			.all())
			summaries.set(key('message', String(row.id)), {
				label: `Message from ${row.authorName}`,
				excerpt: row.deletedAt ? '(deleted by the sender)' : row.body,
				link: null,
				authorId: row.authorId,
				authorName: row.authorName,
				authorRole: row.authorRole,
				authorStatus: row.authorStatus,
				hidden: row.hiddenAt !== null,
			})
	return (type: ReportTarget, id: string) => summaries.get(key(type, id)) ?? null
}

export type ReportFilters = { status?: ReportStatusFilter; targetType?: ReportTarget; page?: number }

/** One page of reports (open ones first, oldest first; then resolved ones, latest first) with counts. */
export function listReports(filters: ReportFilters) {
	const status = filters.status ?? 'open'
	const reporter = alias(users, 'reporter')
	const resolver = alias(users, 'resolver')
	const statusCondition: SQL | undefined =
		status === 'open'
			? eq(reports.status, 'open')
			: status === 'resolved'
				? sql`${reports.status} != 'open'`
				: undefined
	const where = and(statusCondition, filters.targetType ? eq(reports.targetType, filters.targetType) : undefined)
	const grouped = db
		.select({ status: reports.status, targetType: reports.targetType, total: count() })
		.from(reports)
		.groupBy(reports.status, reports.targetType)
		.all()
	const inStatus = (row: (typeof grouped)[number]) =>
		status === 'all' || (status === 'open' ? row.status === 'open' : row.status !== 'open')
	const sum = (rows: typeof grouped) => rows.reduce((total, row) => total + row.total, 0)
	const ofType = (row: (typeof grouped)[number]) => !filters.targetType || row.targetType === filters.targetType
	const counts = {
		open: sum(grouped.filter((row) => row.status === 'open' && ofType(row))),
		resolved: sum(grouped.filter((row) => row.status !== 'open' && ofType(row))),
		byTarget: Object.fromEntries(
			(['case-study', 'comment', 'message', 'profile'] as const).map((type) => [
				type,
				sum(grouped.filter((row) => row.targetType === type && inStatus(row))),
			]),
		) as Record<ReportTarget, number>,
	}
	const total = sum(grouped.filter((row) => inStatus(row) && ofType(row)))
	const pageCount = Math.max(1, Math.ceil(total / reportsPerPage))
	const page = Math.max(1, Math.trunc(filters.page ?? 1))
	const rows = db
		.select({
			id: reports.id,
			targetType: reports.targetType,
			targetId: reports.targetId,
			reason: reports.reason,
			note: reports.note,
			status: reports.status,
			resolution: reports.resolution,
			createdAt: reports.createdAt,
			resolvedAt: reports.resolvedAt,
			reporterId: reports.reporterId,
			reporterName: reporter.name,
			resolvedByName: resolver.name,
		})
		.from(reports)
		.innerJoin(reporter, eq(reporter.id, reports.reporterId))
		.leftJoin(resolver, eq(resolver.id, reports.resolvedBy))
		.where(where)
		.orderBy(
			sql`case when ${reports.status} = 'open' then 0 else 1 end`,
			sql`case when ${reports.status} = 'open' then ${reports.createdAt} else -${reports.resolvedAt} end`,
			asc(reports.id),
		)
		.limit(reportsPerPage)
		.offset((page - 1) * reportsPerPage)
		.all()
	const targetOf = summarizeTargets(rows)
	const openKeys = rows.filter((row) => row.status === 'open').map((row) => `${row.targetType}:${row.targetId}`)
	const openPerTarget = new Map(
		openKeys.length
			? db
					.select({ key: sql<string>`${reports.targetType} || ':' || ${reports.targetId}`, total: count() })
					.from(reports)
					.where(
						and(
							eq(reports.status, 'open'),
							inArray(sql`${reports.targetType} || ':' || ${reports.targetId}`, [...new Set(openKeys)]),
						),
					)
					.groupBy(reports.targetType, reports.targetId)
					.all()
					.map((row) => [row.key, row.total])
			: [],
	)
	return {
		reports: rows.map((row) => ({
			...row,
			target: targetOf(row.targetType, row.targetId),
			openOnTarget: openPerTarget.get(`${row.targetType}:${row.targetId}`) ?? 0,
		})),
		counts,
		total,
		page,
		pageCount,
		pageSize: reportsPerPage,
	}
}

export type ResolveFailure = {
	ok: false
	code: 'not-found' | 'already-resolved' | 'not-supported' | 'no-author' | 'not-allowed' | 'note-required'
	message: string
}
export type ResolveOutcome = { ok: true; resolution: ReportResolution; closed: number; revokedSessions: number }

type ReportedContent = { authorId: string | null; authorRole: Role | null; authorStatus: string | null; link: string }

function reportedContent(tx: Transaction, targetType: ReportTarget, targetId: string): ReportedContent | null {
	if (targetType === 'case-study') {
		const row = tx
			.select({ authorId: caseStudies.authorId, authorRole: users.role, authorStatus: users.status })
			.from(caseStudies)
			.innerJoin(users, eq(users.id, caseStudies.authorId))
			.where(eq(caseStudies.id, targetId))
			.get()
		return row ? { ...row, link: `/case-studies/${targetId}` } : null
	}
	if (targetType === 'comment') {
		const row = tx
			.select({
				authorId: caseStudyComments.authorId,
				authorRole: users.role,
				authorStatus: users.status,
				studyId: caseStudyComments.studyId,
			})
			.from(caseStudyComments)
			.innerJoin(users, eq(users.id, caseStudyComments.authorId))
			.where(eq(caseStudyComments.id, targetId))
			.get()
		return row ? { ...row, link: `/case-studies/${row.studyId}#comment-${targetId}` } : null
	}
	if (targetType === 'profile') {
		const row = tx
			.select({ authorId: users.id, authorRole: users.role, authorStatus: users.status })
			.from(users)
			.where(eq(users.id, targetId))
			.get()
		return row ? { ...row, link: '/profile' } : null
	}
	const row = /^[1-9]\d{0,14}$/.test(targetId)
		? tx
				.select({
					authorId: messages.senderId,
					authorRole: users.role,
					authorStatus: users.status,
					conversationId: messages.conversationId,
				})
				.from(messages)
				.innerJoin(users, eq(users.id, messages.senderId))
				.where(eq(messages.id, Number(targetId)))
				.get()
		: undefined
	return row ? { ...row, link: `/messages/${row.conversationId}#message-${targetId}` } : null
}

const warningSubjects: Record<ReportTarget, string> = {
	'case-study': 'your case study',
	comment: 'your comment',
	message: 'your message',
	profile: 'your profile',
}

/**
 * Hides the reported content; a refusal for what cannot be hidden. A hidden message comes back
 * as a change to broadcast once the transaction has committed.
 */
function hideContent(
	tx: Transaction,
	targetType: ReportTarget,
	targetId: string,
	now: number,
): ResolveFailure | { ok: true; messageChange?: MessageChange } {
	if (targetType === 'case-study') {
		tx.update(caseStudies)
			.set({ hiddenAt: sql`coalesce(${caseStudies.hiddenAt}, ${now})` })
			.where(eq(caseStudies.id, targetId))
			.run()
		return { ok: true }
	}
	if (targetType === 'comment') {
		tx.update(caseStudyComments)
			.set({ hiddenAt: sql`coalesce(${caseStudyComments.hiddenAt}, ${now})` })
			.where(eq(caseStudyComments.id, targetId))
			.run()
		return { ok: true }
	}
	if (targetType === 'profile') {
		const { changes } = tx
			.update(memberProfiles)
			.set({ hiddenAt: sql`coalesce(${memberProfiles.hiddenAt}, ${now})` })
			.where(eq(memberProfiles.userId, targetId))
			.run()
		if (changes) return { ok: true }
		return {
			ok: false,
			code: 'not-supported',
			message: 'This member has no profile to hide yet: warn or suspend them, or dismiss the report.',
		}
	}
	// Runs on the same connection, so it is part of the moderator's transaction.
	const messageChange = setMessageHidden(Number(targetId), true, now)
	return messageChange
		? { ok: true, messageChange }
		: { ok: false, code: 'not-supported', message: 'This message no longer exists: dismiss the report.' }
}

/**
 * Resolves a report and every other open report on the same content: dismiss, hide the content,
 * warn its author (a notification) or suspend its author (status suspended, every session
 * revoked). A moderator never acts on their own content, never suspends themselves, and never
 * suspends an admin.
 */
export async function resolveReport(
	moderator: { id: string; role: Role },
	reportId: number,
	resolution: ReportResolution,
	note = '',
	now = Date.now(),
): Promise<ResolveOutcome | ResolveFailure> {
	const why = note.trim()
	if ((resolution === 'warn-member' || resolution === 'suspend-member') && !why)
		return {
			ok: false,
			code: 'note-required',
			message: 'Say why: a warning is sent to the member, and a suspension needs a reason on record.',
		}
	const outcome = db.transaction(
		(tx): (ResolveOutcome & { memberId: string | null; messageChange?: MessageChange }) | ResolveFailure => {
			const report = tx.select().from(reports).where(eq(reports.id, reportId)).get()
			if (!report) return { ok: false, code: 'not-found', message: 'This report no longer exists.' }
			if (report.status !== 'open')
				return { ok: false, code: 'already-resolved', message: 'This report has already been resolved.' }
			const content = reportedContent(tx, report.targetType, report.targetId)
			const authorId = content?.authorId ?? null
			if (authorId === moderator.id)
				return {
					ok: false,
					code: 'not-allowed',
					message: 'This report is about your own content: another moderator must resolve it.',
				}
			if (
				(resolution === 'warn-member' || resolution === 'suspend-member' || resolution === 'hide-content') &&
				!content
			)
				return {
					ok: false,
					code: 'no-author',
					message: 'The reported content no longer exists: dismiss the report.',
				}
			if ((resolution === 'warn-member' || resolution === 'suspend-member') && !authorId)
				return {
					ok: false,
					code: 'no-author',
					message: 'The author of this content no longer exists: dismiss the report.',
				}
			if (resolution === 'suspend-member') {
				if (content?.authorRole === 'admin' && moderator.role !== 'admin')
					return { ok: false, code: 'not-allowed', message: 'Moderators cannot suspend an admin.' }
				if (content?.authorStatus === 'suspended')
					return { ok: false, code: 'not-allowed', message: 'This member is already suspended: dismiss the report.' }
			}
			const hidden =
				resolution === 'hide-content' ? hideContent(tx, report.targetType, report.targetId, now) : undefined
			if (hidden && !hidden.ok) return hidden
			if (resolution === 'suspend-member' && authorId)
				tx.update(users).set({ status: 'suspended' }).where(eq(users.id, authorId)).run()
			const closed = tx
				.update(reports)
				.set({
					status: resolution === 'dismiss' ? 'dismissed' : 'actioned',
					resolution,
					resolvedBy: moderator.id,
					resolvedAt: new Date(now),
				})
				.where(
					and(
						eq(reports.targetType, report.targetType),
						eq(reports.targetId, report.targetId),
						eq(reports.status, 'open'),
					),
				)
				.returning({ id: reports.id, reason: reports.reason })
				.all()
			recordModeratorAction(
				tx,
				{
					actorId: moderator.id,
					action: `report.${resolution}`,
					targetType: report.targetType,
					targetId: report.targetId,
					reason: why || reportReasonLabels[report.reason as ReportReason],
					details: {
						reportIds: closed.map((row) => row.id),
						reasons: [...new Set(closed.map((row) => row.reason))],
						...(authorId ? { memberId: authorId } : {}),
					},
				},
				now,
			)
			if (resolution === 'warn-member' && authorId && content)
				notify(
					authorId,
					{
						kind: 'moderation-warning',
						title: `A moderator warned you about ${warningSubjects[report.targetType]}`,
						body: why,
						link: content.link,
					},
					tx,
				)
			return {
				ok: true,
				resolution,
				closed: closed.length,
				revokedSessions: 0,
				memberId: resolution === 'suspend-member' ? authorId : null,
				messageChange: hidden?.messageChange,
			}
		},
	)
	if (!outcome.ok) return outcome
	const { memberId, messageChange, ...result } = outcome
	if (messageChange) publishMessageChange(messageChange)
	// After the commit: the status change already locks them out of every page; this also ends their sockets.
	if (memberId) result.revokedSessions = await revokeUserSessions(memberId)
	return result
}

/** Open reports, for the moderation hub's figures. */
export function countOpenReports() {
	return db.select({ total: count() }).from(reports).where(eq(reports.status, 'open')).get()?.total ?? 0
}

export type RestoreFailure = {
	ok: false
	code: 'not-found' | 'not-hidden' | 'not-allowed' | 'reason-required'
	message: string
}

/** Whether hideable content is hidden, and whose it is; null when it does not exist. */
function hiddenState(tx: Transaction, targetType: HideableTarget, targetId: string) {
	if (targetType === 'case-study')
		return (
			tx
				.select({ authorId: caseStudies.authorId, hiddenAt: caseStudies.hiddenAt })
				.from(caseStudies)
				.where(eq(caseStudies.id, targetId))
				.get() ?? null
		)
	if (targetType === 'comment')
		return (
			tx
				.select({ authorId: caseStudyComments.authorId, hiddenAt: caseStudyComments.hiddenAt })
				.from(caseStudyComments)
				.where(eq(caseStudyComments.id, targetId))
				.get() ?? null
		)
	if (targetType === 'message')
		return /^[1-9]\d{0,14}$/.test(targetId)
			? (tx
					.select({ authorId: messages.senderId, hiddenAt: messages.hiddenAt })
					.from(messages)
					.where(eq(messages.id, Number(targetId)))
					.get() ?? null)
			: null
	return (
		tx
			.select({ authorId: memberProfiles.userId, hiddenAt: memberProfiles.hiddenAt })
			.from(memberProfiles)
			.where(eq(memberProfiles.userId, targetId))
			.get() ?? null
	)
}

/**
 * Undoes a hide: the case study, comment, profile or message is shown again as before, and the
 * restore is audited with its reason in the same transaction. Like a resolution, never on one's
 * own content. A restored message reaches the members' open tabs once committed.
 */
export function restoreContent(
	moderator: { id: string; role: Role },
	target: { targetType: HideableTarget; targetId: string },
	reason: string,
	now = Date.now(),
): { ok: true } | RestoreFailure {
	const why = reason.trim()
	if (!why) return { ok: false, code: 'reason-required', message: 'Say why you restore it: the reason goes on record.' }
	const { targetType, targetId } = target
	const outcome = db.transaction((tx): { ok: true; messageChange?: MessageChange } | RestoreFailure => {
		const state = hiddenState(tx, targetType, targetId)
		if (!state) return { ok: false, code: 'not-found', message: 'This content no longer exists.' }
		if (state.authorId === moderator.id)
			return {
				ok: false,
				code: 'not-allowed',
				message: 'This is your own content: another moderator must restore it.',
			}
		if (!state.hiddenAt) return { ok: false, code: 'not-hidden', message: 'This content is not hidden.' }
		if (targetType === 'case-study')
			tx.update(caseStudies).set({ hiddenAt: null }).where(eq(caseStudies.id, targetId)).run()
		else if (targetType === 'comment')
			tx.update(caseStudyComments).set({ hiddenAt: null }).where(eq(caseStudyComments.id, targetId)).run()
		else if (targetType === 'profile')
			tx.update(memberProfiles).set({ hiddenAt: null }).where(eq(memberProfiles.userId, targetId)).run()
		const messageChange = targetType === 'message' ? setMessageHidden(Number(targetId), false, now) : undefined
		recordModeratorAction(
			tx,
			{
				actorId: moderator.id,
				action: 'content.restore',
				targetType,
				targetId,
				reason: why,
				details: { memberId: state.authorId, hiddenAt: state.hiddenAt.getTime() },
			},
			now,
		)
		return { ok: true, messageChange }
	})
	if (!outcome.ok) return outcome
	if (outcome.messageChange) publishMessageChange(outcome.messageChange)
	return { ok: true }
}

export type HiddenItem = {
	targetType: HideableTarget
	targetId: string
	label: string
	authorId: string
	authorName: string
	hiddenAt: Date
	/** Null for a message: moderators are not in the conversation. */
	link: string | null
}

/** Everything hidden now (case studies, comments, profiles, messages), latest first: one query per kind. */
export function listHiddenContent(): HiddenItem[] {
	const studies = db
		.select({
			id: caseStudies.id,
			title: caseStudies.title,
			hiddenAt: caseStudies.hiddenAt,
			authorId: users.id,
			authorName: users.name,
		})
		.from(caseStudies)
		.innerJoin(users, eq(users.id, caseStudies.authorId))
		.where(isNotNull(caseStudies.hiddenAt))
		.orderBy(desc(caseStudies.hiddenAt))
		.all()
	const comments = db
		.select({
			id: caseStudyComments.id,
			studyId: caseStudyComments.studyId,
			studyTitle: caseStudies.title,
			hiddenAt: caseStudyComments.hiddenAt,
			authorId: users.id,
			authorName: users.name,
		})
		.from(caseStudyComments)
		.innerJoin(caseStudies, eq(caseStudies.id, caseStudyComments.studyId))
		.innerJoin(users, eq(users.id, caseStudyComments.authorId))
		.where(isNotNull(caseStudyComments.hiddenAt))
		.orderBy(desc(caseStudyComments.hiddenAt))
		.all()
	const profiles = db
		.select({ id: users.id, name: users.name, hiddenAt: memberProfiles.hiddenAt })
		.from(memberProfiles)
		.innerJoin(users, eq(users.id, memberProfiles.userId))
		.where(isNotNull(memberProfiles.hiddenAt))
		.orderBy(desc(memberProfiles.hiddenAt))
		.all()
	const hiddenMessages = db
		.select({ id: messages.id, hiddenAt: messages.hiddenAt, authorId: users.id, authorName: users.name })
		.from(messages)
		.innerJoin(users, eq(users.id, messages.senderId))
		.where(isNotNull(messages.hiddenAt))
		.orderBy(desc(messages.hiddenAt))
		.all()
	const items: HiddenItem[] = [
		...studies.map((row) => ({
			targetType: 'case-study' as const,
			targetId: row.id,
			label: `Case study “${row.title}”`,
			authorId: row.authorId,
			authorName: row.authorName,
			hiddenAt: row.hiddenAt!,
			link: `/moderation/studies/${row.id}`,
		})),
		...comments.map((row) => ({
			targetType: 'comment' as const,
			targetId: row.id,
			label: `Comment on “${row.studyTitle}”`,
			authorId: row.authorId,
			authorName: row.authorName,
			hiddenAt: row.hiddenAt!,
			link: `/case-studies/${row.studyId}#comment-${row.id}`,
		})),
		...profiles.map((row) => ({
			targetType: 'profile' as const,
			targetId: row.id,
			label: `Profile of ${row.name}`,
			authorId: row.id,
			authorName: row.name,
			hiddenAt: row.hiddenAt!,
			link: `/members/${row.id}`,
		})),
		...hiddenMessages.map((row) => ({
			targetType: 'message' as const,
			targetId: String(row.id),
			label: `Message from ${row.authorName}`,
			authorId: row.authorId,
			authorName: row.authorName,
			hiddenAt: row.hiddenAt!,
			link: null,
		})),
	]
	return items.sort((a, b) => b.hiddenAt.getTime() - a.hiddenAt.getTime())
}
