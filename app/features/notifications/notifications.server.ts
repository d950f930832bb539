/**
 * The shared notification center. Features call `notify` (inside their own transaction when they
 * have one); the bell, /notifications and the live socket events read from here.
 */
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { notifications } from '#db/schema.ts'
import type { AppDatabase } from '#db/client.ts'
import { emitToUser, isRealtimeRunning } from '#app/realtime/broadcast.server.ts'
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { notificationKinds, type NotificationItem, type NotificationKind } from './options.ts'

/** A same-site path: not "//host" or "/\host", and no whitespace or control characters browsers would strip. */
const appPath = /^\/(?![/\\])[^\s\x00-\x1f\x7f]*$/

const notificationLimits = { title: 200, body: 1000 } as const

/** Long text is cut, not refused: a moderator's long note must not fail the decision it reports. */
function shortened(limit: number) {
	return (text: string) => {
		const characters = Array.from(text)
		return characters.length > limit ? `${characters.slice(0, limit - 1).join('')}…` : text
	}
}

const NotificationInputSchema = z.object({
	kind: z.enum(notificationKinds),
	title: z
		.string()
		.trim()
		.min(1, { error: 'A notification needs a title.' })
		.transform(shortened(notificationLimits.title)),
	body: z.string().trim().default('').transform(shortened(notificationLimits.body)),
	link: z.string().max(500).regex(appPath, { error: 'The link must be an app path starting with "/".' }),
})
export type NotificationInput = z.input<typeof NotificationInputSchema>

export const notificationsPageSize = 20

type Writer = Pick<AppDatabase, 'insert'>
type NotificationRow = typeof notifications.$inferSelect

function toItem(row: NotificationRow): NotificationItem {
	return {
		id: row.id,
		kind: row.kind,
		title: row.title,
		body: row.body,
		link: row.link,
		createdAt: row.createdAt.getTime(),
		readAt: row.readAt?.getTime() ?? null,
	}
}

/**
 * Stores a notification for `userId` and tells their open tabs once it is committed. Pass your
 * transaction as `tx` to write it with your other changes: if that transaction rolls back, the
 * notification never existed and nothing is sent. Throws on an unknown kind, an empty title or a
 * link that is not an app path (a caller's bug); cuts a title over 200 or a body over 1,000 characters.
 */
export function notify(userId: string, input: NotificationInput, tx: Writer = db): NotificationItem {
	const parsed = NotificationInputSchema.safeParse(input)
	if (!parsed.success) throw new Error(`Invalid notification: ${z.prettifyError(parsed.error)}`)
	const row = tx
		.insert(notifications)
		.values({ userId, ...parsed.data })
		.returning()
		.get()
	announceLater({ notificationId: row.id })
	return toItem(row)
}

const countUnread = prepareOnce(() =>
	db
		.select({ count: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt)))
		.prepare(),
)

/** Read on every page by the bell: one prepared statement over the (user_id, read_at) index. */
export function unreadCount(userId: string) {
	return countUnread().get({ userId })?.count ?? 0
}

/** One page of a member's notifications, newest first. */
export function listNotifications(
	userId: string,
	{ page = 1, filter = 'all' }: { page?: number; filter?: 'unread' | 'all' } = {},
) {
	const own = eq(notifications.userId, userId)
	const where = filter === 'unread' ? and(own, isNull(notifications.readAt)) : own
	const total = db.select({ count: count() }).from(notifications).where(where).get()?.count ?? 0
	const pageCount = Math.max(1, Math.ceil(total / notificationsPageSize))
	const current = Math.min(Math.max(1, Math.floor(page)), pageCount)
	const rows = db
		.select()
		.from(notifications)
		.where(where)
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(notificationsPageSize)
		.offset((current - 1) * notificationsPageSize)
		.all()
	return {
		items: rows.map(toItem),
		page: current,
		pageCount,
		total,
		unread: filter === 'unread' ? total : unreadCount(userId),
	}
}

/** Marks read the member's unread notifications that match `which`; their other tabs get the new count. */
function markUnreadRead(userId: string, which: SQL | undefined) {
	const { changes } = db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt), which))
		.run()
	if (changes > 0) announceLater({ countOf: userId })
	return changes
}

/**
 * Marks the member's own notifications read (others' ids are ignored) and returns how many
 * changed; marking one twice changes nothing.
 */
export function markRead(userId: string, ids: readonly number[] | 'all') {
	if (ids !== 'all' && ids.length === 0) return 0
	return markUnreadRead(userId, ids === 'all' ? undefined : inArray(notifications.id, [...ids]))
}

/** Marks read the member's notifications of one kind that lead to `link` (reading a conversation settles its "new messages"). */
export function markReadByLink(userId: string, link: string, kind: NotificationKind) {
	return markUnreadRead(userId, and(eq(notifications.kind, kind), eq(notifications.link, link)))
}

/** Which of these members already have an unread notification of this kind leading to `link`. */
export function withUnreadNotification(userIds: readonly string[], kind: NotificationKind, link: string) {
	if (userIds.length === 0) return new Set<string>()
	const rows = db
		.selectDistinct({ userId: notifications.userId })
		.from(notifications)
		.where(
			and(
				inArray(notifications.userId, [...userIds]),
				isNull(notifications.readAt),
				eq(notifications.kind, kind),
				eq(notifications.link, link),
			),
		)
		.all()
	return new Set(rows.map((row) => row.userId))
}

/** Marks one of the member's notifications read and returns where it leads; null when it is not theirs. */
export function openNotification(userId: string, id: number) {
	const row = db
		.select({ link: notifications.link })
		.from(notifications)
		.where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
		.get()
	if (!row) return null
	markRead(userId, [id])
	return row.link
}

/**
 * Socket events wait until the current synchronous work (and so any better-sqlite3 transaction
 * around it) has ended, then announce what the database holds: a rolled-back notification has
 * no row, so it is never sent.
 */
const pending = { notificationIds: new Set<number>(), countsOf: new Set<string>(), scheduled: false }

function announceLater(change: { notificationId: number } | { countOf: string }) {
	if (!isRealtimeRunning()) return
	if ('notificationId' in change) pending.notificationIds.add(change.notificationId)
	else pending.countsOf.add(change.countOf)
	if (pending.scheduled) return
	pending.scheduled = true
	queueMicrotask(announcePending)
}

function announcePending() {
	// Open only if a caller awaited inside a transaction: wait until it commits or rolls back.
	if (db.$client.inTransaction) return void setImmediate(announcePending)
	pending.scheduled = false
	const ids = [...pending.notificationIds]
	const countsOf = new Set(pending.countsOf)
	pending.notificationIds.clear()
	pending.countsOf.clear()
	try {
		const committed = ids.length ? db.select().from(notifications).where(inArray(notifications.id, ids)).all() : []
		const unread = new Map<string, number>()
		const unreadOf = (userId: string) => {
			if (!unread.has(userId)) unread.set(userId, unreadCount(userId))
			return unread.get(userId)!
		}
		for (const row of committed) {
			emitToUser(row.userId, 'notification:new', { notification: toItem(row), unread: unreadOf(row.userId) })
			countsOf.delete(row.userId)
		}
		for (const userId of countsOf) emitToUser(userId, 'notification:count', { unread: unreadOf(userId) })
	} catch (error) {
		// A live update is a courtesy: the notifications are stored and show on the next page load.
		console.error('Could not announce notifications', error)
	}
}
