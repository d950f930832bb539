/**
 * The moderation audit log: every moderator action appends one row (who, what, when, why) in the
 * transaction of the action itself, so the log and the change commit together or not at all.
 * The table is append-only: triggers refuse UPDATE and DELETE (db/migrations/0007_*).
 */
import { and, asc, count, desc, eq, max } from 'drizzle-orm'
import type { AppDatabase } from '#db/client.ts'
import { moderationAuditLog, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import type { AuditTargetType, ModeratorAction } from './audit-actions.ts'

/** A transaction handle: the type refuses the bare database, so an entry never commits apart from its action. */
export type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0]

export type ModeratorActionEntry = {
	actorId: string
	action: ModeratorAction
	targetType: AuditTargetType
	targetId: string
	/** Why: the note, reason or report the moderator acted on. */
	reason?: string
	details?: Record<string, unknown>
}

export function recordModeratorAction(tx: Transaction, entry: ModeratorActionEntry, now = Date.now()) {
	tx.insert(moderationAuditLog)
		.values({
			actorId: entry.actorId,
			action: entry.action,
			targetType: entry.targetType,
			targetId: entry.targetId,
			reason: entry.reason ?? '',
			details: entry.details ?? null,
			createdAt: new Date(now),
		})
		.run()
}

const entriesPerPage = 50

export type AuditFilters = { actorId?: string; action?: ModeratorAction }

/** One page of the log, newest first, with the actor's name; for admins. */
export function listAuditLog(filters: AuditFilters, page: number) {
	const currentPage = Math.max(1, Math.trunc(page))
	const where = and(
		filters.actorId ? eq(moderationAuditLog.actorId, filters.actorId) : undefined,
		filters.action ? eq(moderationAuditLog.action, filters.action) : undefined,
	)
	const rows = db
		.select({
			id: moderationAuditLog.id,
			createdAt: moderationAuditLog.createdAt,
			actorId: moderationAuditLog.actorId,
			actorName: users.name,
			action: moderationAuditLog.action,
			targetType: moderationAuditLog.targetType,
			targetId: moderationAuditLog.targetId,
			reason: moderationAuditLog.reason,
			details: moderationAuditLog.details,
		})
		.from(moderationAuditLog)
		.innerJoin(users, eq(users.id, moderationAuditLog.actorId))
		.where(where)
		.orderBy(desc(moderationAuditLog.createdAt), desc(moderationAuditLog.id))
		.limit(entriesPerPage)
		.offset((currentPage - 1) * entriesPerPage)
		.all()
	const total = db.select({ total: count() }).from(moderationAuditLog).where(where).get()?.total ?? 0
	return {
		rows,
		total,
		page: currentPage,
		pageSize: entriesPerPage,
		pageCount: Math.max(1, Math.ceil(total / entriesPerPage)),
	}
}

/** Everyone who appears in the log as an actor, for the filter. */
export function listAuditActors() {
	return db
		.selectDistinct({ id: users.id, name: users.name })
		.from(moderationAuditLog)
		.innerJoin(users, eq(users.id, moderationAuditLog.actorId))
		.orderBy(asc(users.name))
		.all()
}

/** How many entries the log holds and when the latest was written, for the admin hub. */
export function auditLogSummary() {
	const row = db
		.select({ total: count(), latestAt: max(moderationAuditLog.createdAt) })
		.from(moderationAuditLog)
		.get()
	return { total: row?.total ?? 0, latestAt: row?.latestAt ?? null }
}
