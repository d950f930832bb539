import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { notifications, users } from '#db/schema.ts'
import {
	listNotifications,
	markRead,
	notificationsPageSize,
	notify,
	openNotification,
	unreadCount,
} from '#app/features/notifications/notifications.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const approved = { kind: 'case-study-approved', title: 'Your case study is live', link: '/case-studies/cs_1' } as const

describe('notify', () => {
	test('stores a notification and returns it', async () => {
		const member = await createUser()
		const item = notify(member.id, { ...approved, body: '  Readers can find it in the library.  ' })
		expect(item).toMatchObject({
			kind: 'case-study-approved',
			title: 'Your case study is live',
			body: 'Readers can find it in the library.',
			link: '/case-studies/cs_1',
			readAt: null,
		})
		expect(item.createdAt).toBeGreaterThan(Date.now() - 60_000)
		expect(unreadCount(member.id)).toBe(1)
	})

	test.each([
		['an absolute URL', 'https://evil.example/phish'],
		['a protocol-relative URL', '//evil.example'],
		['a backslash trick', '/\\evil.example'],
		['a tab browsers would strip', '/\t/evil.example'],
		['a relative path', 'case-studies/cs_1'],
		['an empty link', ''],
	])('refuses %s as the link', async (_name, link) => {
		const member = await createUser()
		expect(() => notify(member.id, { ...approved, link })).toThrow(/Invalid notification.*app path/s)
		expect(unreadCount(member.id)).toBe(0)
	})

	test('refuses an unknown kind and an empty title', async () => {
		const member = await createUser()
		expect(() => notify(member.id, { ...approved, kind: 'party-invite' as never })).toThrow(/Invalid notification/)
		expect(() => notify(member.id, { ...approved, title: '   ' })).toThrow(/needs a title/)
		expect(unreadCount(member.id)).toBe(0)
	})

	test('cuts an overlong title and body instead of failing the caller', async () => {
		const member = await createUser()
		const item = notify(member.id, { ...approved, title: 'T'.repeat(300), body: 'B'.repeat(5000) })
		expect(item.title).toHaveLength(200)
		expect(item.title.endsWith('…')).toBe(true)
		expect(item.body).toHaveLength(1000)
	})

	test('writes inside the caller’s transaction: a rollback leaves nothing behind', async () => {
		const member = await createUser()
		expect(() =>
			db.transaction((tx) => {
				notify(member.id, approved, tx)
				throw new Error('the caller changed its mind')
			}),
		).toThrow('the caller changed its mind')
		expect(unreadCount(member.id)).toBe(0)
		db.transaction((tx) => {
			notify(member.id, approved, tx)
		})
		expect(unreadCount(member.id)).toBe(1)
	})
})

describe('reading and marking read', () => {
	test('a member who was offline finds what they missed, newest first, unread ones counted', async () => {
		const member = await createUser()
		const other = await createUser()
		for (const n of [1, 2, 3]) notify(member.id, { ...approved, title: `Study ${n} is live` })
		notify(other.id, approved)
		const list = listNotifications(member.id)
		expect(list.items.map((item) => item.title)).toEqual(['Study 3 is live', 'Study 2 is live', 'Study 1 is live'])
		expect(list).toMatchObject({ total: 3, unread: 3, page: 1, pageCount: 1 })
		expect(unreadCount(member.id)).toBe(3)
	})

	test('marks only the member’s own notifications, and marking twice changes nothing', async () => {
		const member = await createUser()
		const other = await createUser()
		const mine = notify(member.id, approved)
		const theirs = notify(other.id, approved)
		expect(markRead(member.id, [theirs.id])).toBe(0)
		expect(unreadCount(other.id)).toBe(1)
		expect(markRead(member.id, [mine.id, theirs.id])).toBe(1)
		const readAt = db.select().from(notifications).where(eq(notifications.id, mine.id)).get()!.readAt
		expect(readAt).not.toBeNull()
		expect(markRead(member.id, [mine.id])).toBe(0)
		expect(db.select().from(notifications).where(eq(notifications.id, mine.id)).get()!.readAt).toEqual(readAt)
		expect(unreadCount(member.id)).toBe(0)
		expect(unreadCount(other.id)).toBe(1)
		expect(markRead(member.id, [])).toBe(0)
	})

	test('“mark all read” touches only the member’s own unread ones', async () => {
		const member = await createUser()
		const other = await createUser()
		for (let n = 0; n < 4; n++) notify(member.id, approved)
		notify(other.id, approved)
		markRead(member.id, [listNotifications(member.id).items[0]!.id])
		expect(markRead(member.id, 'all')).toBe(3)
		expect(markRead(member.id, 'all')).toBe(0)
		expect(unreadCount(member.id)).toBe(0)
		expect(unreadCount(other.id)).toBe(1)
	})

	test('the unread filter and pagination', async () => {
		const member = await createUser()
		const total = notificationsPageSize + 5
		for (let n = 1; n <= total; n++) notify(member.id, { ...approved, title: `Note ${n}` })
		const first = listNotifications(member.id, { page: 1 })
		expect(first).toMatchObject({ page: 1, pageCount: 2, total, unread: total })
		expect(first.items).toHaveLength(notificationsPageSize)
		const second = listNotifications(member.id, { page: 2 })
		expect(second.items.map((item) => item.title)).toEqual(['Note 5', 'Note 4', 'Note 3', 'Note 2', 'Note 1'])
		expect(listNotifications(member.id, { page: 99 }).page).toBe(2)
		markRead(
			member.id,
			first.items.map((item) => item.id),
		)
		const unread = listNotifications(member.id, { filter: 'unread' })
		expect(unread).toMatchObject({ total: 5, unread: 5, pageCount: 1 })
		expect(unread.items.every((item) => item.readAt === null)).toBe(true)
	})

	test('opening a notification marks it read and gives its link; someone else’s gives nothing', async () => {
		const member = await createUser()
		const other = await createUser()
		const item = notify(member.id, approved)
		expect(openNotification(other.id, item.id)).toBeNull()
		expect(unreadCount(member.id)).toBe(1)
		expect(openNotification(member.id, item.id)).toBe('/case-studies/cs_1')
		expect(unreadCount(member.id)).toBe(0)
		expect(openNotification(member.id, item.id)).toBe('/case-studies/cs_1')
		expect(openNotification(member.id, 999_999)).toBeNull()
	})

	test('a deleted member’s notifications go with them', async () => {
		const member = await createUser()
		notify(member.id, approved)
		db.delete(users).where(eq(users.id, member.id)).run()
		expect(db.select().from(notifications).where(eq(notifications.userId, member.id)).all()).toEqual([])
	})
})
