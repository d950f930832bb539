import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { reports } from '#db/schema.ts'
import { sendMessage } from '#app/features/messaging/messaging.server.ts'
import { notify, unreadCount } from '#app/features/notifications/notifications.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { createConnectedPair, newClientId } from '#tests/support/messaging.ts'
import {
	Browser,
	errorPage,
	fieldErrors,
	mainText,
	signedInBrowser,
	startTestServer,
	textOf,
	type Page,
} from './support.ts'

let server: ServerProcess
let maya: Awaited<ReturnType<typeof createUser>>
let omar: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
	maya = await createUser({ name: 'Maya Chen', sectorCode: '445110' })
	omar = await createUser({ name: 'Omar Haddad', sectorCode: '513210' })
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const live = (title: string) => ({ kind: 'case-study-approved', title, link: '/members/suggestions' }) as const

/** The header bell: its accessible name (screen-reader text) and the visible badge, as rendered. */
function bell(page: Page) {
	const header = /<header\b[\s\S]*?<\/header>/.exec(page.html)?.[0] ?? ''
	const link = /<a[^>]*data-testid="notification-bell"[^>]*>([\s\S]*?)<\/a>/.exec(header)?.[1]
	if (link === undefined) return null
	const name = /<span class="sr-only">([\s\S]*?)<\/span>/.exec(link)?.[1]
	const badge = /<span aria-hidden="true"[^>]*>([\s\S]*?)<\/span>/.exec(link)?.[1]
	return { name: name && textOf(name), badge: badge && textOf(badge) }
}

describe('the notification center', () => {
	test('signed-out visitors are sent to sign in, and see no bell', async () => {
		const visitor = new Browser(server)
		const page = await visitor.get('/notifications')
		expect(page.status).toBe(302)
		expect(page.location).toBe('/login?redirectTo=%2Fnotifications')
		expect(bell(await visitor.get('/login'))).toBeNull()
	})

	test('what a member missed while away is counted in the header on the first page they load', async () => {
		const member = await createUser({ sectorCode: '522110' })
		const browser = await signedInBrowser(server, member.email, member.password)
		expect(bell(await browser.get('/'))).toEqual({ name: 'Notifications', badge: undefined })
		notify(member.id, live('First'))
		notify(member.id, live('Second'))
		notify(member.id, live('Third'))
		expect(bell(await browser.get('/'))).toEqual({ name: 'Notifications, 3 unread', badge: '3' })
		const list = await browser.get('/notifications')
		expect(list.status).toBe(200)
		const text = mainText(list.html)
		expect(text).toContain('3 unread')
		expect(text.indexOf('Third')).toBeLessThan(text.indexOf('First'))
		expect(list.html.match(/data-unread="true"/g)).toHaveLength(3)
	})

	test('“mark all read” and “mark read” work as plain form posts', async () => {
		const member = await createUser({ sectorCode: '311811' })
		const first = notify(member.id, live('First'))
		notify(member.id, live('Second'))
		notify(member.id, live('Third'))
		const browser = await signedInBrowser(server, member.email, member.password)
		const one = await browser.post('/notifications', { intent: 'mark-read', id: String(first.id) })
		expect(one.status).toBe(200)
		expect(unreadCount(member.id)).toBe(2)
		expect(bell(one)).toEqual({ name: 'Notifications, 2 unread', badge: '2' })
		const all = await browser.post('/notifications', { intent: 'mark-all-read' })
		expect(all.status).toBe(200)
		expect(mainText(all.html)).toContain('Marked 2 notifications read.')
		expect(bell(all)).toEqual({ name: 'Notifications', badge: undefined })
		expect(mainText(all.html)).toContain('You are all caught up.')
		expect((await browser.post('/notifications', { intent: 'mark-read', id: 'abc' })).status).toBe(400)
	})

	test('opening a notification marks it read and follows its link; someone else’s is a 404', async () => {
		const item = notify(maya.id, live('Open me'))
		const theirs = await signedInBrowser(server, omar.email, omar.password)
		expect((await theirs.get(`/notifications/${item.id}`)).status).toBe(404)
		expect((await theirs.post('/notifications', { intent: 'mark-read', id: String(item.id) })).status).toBe(200)
		expect(unreadCount(maya.id)).toBe(1)
		const mine = await signedInBrowser(server, maya.email, maya.password)
		const opened = await mine.get(`/notifications/${item.id}`)
		expect(opened.status).toBe(302)
		expect(opened.location).toBe('/members/suggestions')
		expect(unreadCount(maya.id)).toBe(0)
		expect((await mine.get('/notifications/not-a-number')).status).toBe(404)
		expect((await new Browser(server).get(`/notifications/${item.id}`)).status).toBe(302)
	})

	test('an empty list says so', async () => {
		const member = await createUser({ sectorCode: '721110' })
		const browser = await signedInBrowser(server, member.email, member.password)
		expect(mainText((await browser.get('/notifications')).html)).toContain('No notifications yet')
		expect(mainText((await browser.get('/notifications?filter=unread')).html)).toContain('No unread notifications')
	})
})

describe('reporting a profile', () => {
	test('the member page links to the report form, except on your own profile', async () => {
		const browser = await signedInBrowser(server, maya.email, maya.password)
		expect(mainText((await browser.get(`/members/${omar.id}`)).html)).toContain('Report profile')
		expect(mainText((await browser.get(`/members/${maya.id}`)).html)).not.toContain('Report profile')
	})

	test('missing reason is a 400 with the field error; a valid report is stored once and thanked for', async () => {
		const target = await createUser({ name: 'Rita Reported', sectorCode: '522110' })
		const browser = await signedInBrowser(server, maya.email, maya.password)
		const path = `/reports/new?type=profile&id=${target.id}`
		const form = await browser.get(path)
		expect(form.status).toBe(200)
		expect(mainText(form.html)).toContain('Report Rita Reported’s profile')

		const fields = { targetType: 'profile', targetId: target.id }
		const missing = await browser.post(path, { ...fields, note: 'x'.repeat(1001) })
		expect(missing.status).toBe(400)
		expect(fieldErrors(missing.html, 'report')).toEqual({
			reason: ['Choose a reason.'],
			note: ['Keep the note to 1,000 characters.'],
		})

		const sent = await browser.post(path, { ...fields, reason: 'misleading', note: 'Not a CMO.' })
		expect(sent.status).toBe(302)
		expect(sent.location).toBe(`${path}&sent=1`)
		expect(mainText((await browser.get(sent.location!)).html)).toContain('Thanks — a moderator will review it')

		const again = await browser.post(path, { ...fields, reason: 'spam' })
		expect(again.status).toBe(302)
		expect(mainText((await browser.get(again.location!)).html)).toContain('You already reported this')
		expect(db.select().from(reports).where(eq(reports.targetId, target.id)).all()).toEqual([
			expect.objectContaining({ reporterId: maya.id, reason: 'misleading', note: 'Not a CMO.', status: 'open' }),
		])
	})

	test('your own profile, unknown messages and members, and bad links are refused', async () => {
		const browser = await signedInBrowser(server, maya.email, maya.password)
		const own = await browser.get(`/reports/new?type=profile&id=${maya.id}`)
		expect(own.status).toBe(400)
		expect(mainText(own.html)).toContain('You cannot report your own profile.')
		const message = await browser.get('/reports/new?type=message&id=msg_1')
		expect(message.status).toBe(404)
		expect(errorPage(message.html).detail).toBe('This message does not exist or is not available to you.')
		const unknown = await browser.get('/reports/new?type=profile&id=usr_missing')
		expect(unknown.status).toBe(404)
		expect(errorPage(unknown.html).detail).toBe('This member does not exist or is not available to you.')
		expect((await browser.get('/reports/new?type=photo&id=1')).status).toBe(400)
		expect(
			(
				await browser.post('/reports/new?type=profile&id=usr_missing', {
					targetType: 'profile',
					targetId: 'usr_missing',
					reason: 'spam',
				})
			).status,
		).toBe(404)
		expect((await new Browser(server).get(`/reports/new?type=profile&id=${omar.id}`)).status).toBe(302)
	})
})

describe('reporting a message', () => {
	test('a member of the conversation reports it; an outsider gets a 404', async () => {
		const {
			first: reader,
			second: sender,
			conversationId,
		} = await createConnectedPair({
			first: { sectorCode: '621111' },
			second: { name: 'Sam Ortiz', sectorCode: '236115' },
		})
		const sent = sendMessage(sender.id, { conversationId, clientId: newClientId(), body: 'Here is their client list.' })
		if (!sent.ok) throw new Error(sent.message)
		const id = String(sent.data.message.id)
		const path = `/reports/new?type=message&id=${id}`
		const browser = await signedInBrowser(server, reader.email, reader.password)
		const form = await browser.get(path)
		expect(form.status).toBe(200)
		expect(mainText(form.html)).toContain('Report Sam Ortiz’s message')
		expect(mainText(form.html)).toContain('Here is their client list.')
		const posted = await browser.post(path, { targetType: 'message', targetId: id, reason: 'confidential' })
		expect(posted.status).toBe(302)
		expect(mainText((await browser.get(posted.location!)).html)).toContain('Thanks — a moderator will review it')
		expect(db.select().from(reports).where(eq(reports.targetId, id)).all()).toEqual([
			expect.objectContaining({ reporterId: reader.id, targetType: 'message', status: 'open' }),
		])

		const outsider = await signedInBrowser(server, maya.email, maya.password)
		expect((await outsider.get(path)).status).toBe(404)
		const own = await (await signedInBrowser(server, sender.email, sender.password)).get(path)
		expect(own.status).toBe(400)
		expect(mainText(own.html)).toContain('You cannot report your own message.')
	})
})
