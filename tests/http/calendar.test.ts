import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { insertMeeting, parseCalendar } from '#tests/support/calendar.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { Browser, mainText, signedInBrowser, startTestServer, type Page } from './support.ts'

/** Calendar files over HTTP: the per-meeting download behind sign-in, the feed behind its secret token only. */

let server: ServerProcess

beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const dayMs = 86_400_000

/** The feed URL the page shows once, in its readonly field. */
function feedUrlIn(page: Page) {
	const url = /<input[^>]*id="feed-url"[^>]*value="([^"]+)"/.exec(page.html)?.[1]
	if (!url) throw new Error('The page shows no feed URL')
	return new URL(url.replaceAll('&amp;', '&'))
}

/** A calendar app: no cookie, whatever the member's browser holds. */
const calendarApp = () => new Browser(server)

describe('the .ics download of a meeting', () => {
	test('needs sign-in and a seat at the meeting; participants get the file with private, attachment headers', async () => {
		const organizer = await createUser({ name: 'Maya Chen' })
		const invitee = await createUser({ name: 'Priya Nair' })
		const stranger = await createUser()
		const startsAt = Date.now() + 3 * dayMs
		const id = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'confirmed',
			startsAt,
			topic: 'Loyalty economics',
			sequence: 1,
		})
		const path = `/meetings/${id}/invite.ics`

		const anonymous = await new Browser(server).get(path)
		expect(anonymous.status).toBe(302)
		expect(anonymous.location).toMatch(/^\/login\?redirectTo=/)

		const outsider = await signedInBrowser(server, stranger.email, stranger.password)
		expect((await outsider.get(path)).status).toBe(404)

		const browser = await signedInBrowser(server, invitee.email, invitee.password)
		const file = await browser.get(path)
		expect(file.status).toBe(200)
		expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(file.headers.get('content-disposition')).toBe('attachment; filename="loyalty-economics.ics"')
		expect(file.headers.get('cache-control')).toBe('private, no-store')
		const calendar = parseCalendar(file.html)
		expect(calendar.method).toBe('REQUEST')
		expect(calendar.events[0]).toMatchObject({
			uid: `${id}@crossroads`,
			sequence: 1,
			summary: 'Loyalty economics with Maya Chen',
		})
		expect(calendar.events[0]!.start.toUnixTime()).toBe(Math.floor(startsAt / 1000))
		expect(calendar.events[0]!.description).toMatch(new RegExp(`Meeting page: http://[^/]+/meetings/${id}$`))
	})

	test('a meeting with no agreed time has no file yet, and says why', async () => {
		const organizer = await createUser()
		const invitee = await createUser()
		const id = insertMeeting({ organizerId: organizer.id, inviteeIds: [invitee.id], status: 'pending', startsAt: null })
		const browser = await signedInBrowser(server, organizer.email, organizer.password)
		const page = await browser.get(`/meetings/${id}/invite.ics`)
		expect(page.status).toBe(409)
		expect(page.html).toContain('no agreed time yet')
		expect((await browser.get('/meetings/mtg_unknown/invite.ics')).status).toBe(404)
	})
})

describe('the private calendar feed', () => {
	test('is created on /meetings/calendar, shown once, and readable without a cookie', async () => {
		const member = await createUser()
		const peer = await createUser({ name: 'Hannah Brooks' })
		const id = insertMeeting({
			organizerId: member.id,
			inviteeIds: [peer.id],
			status: 'confirmed',
			startsAt: Date.now() + 2 * dayMs,
		})
		expect((await new Browser(server).get('/meetings/calendar')).status).toBe(302)

		const browser = await signedInBrowser(server, member.email, member.password)
		const before = await browser.get('/meetings/calendar')
		expect(before.status).toBe(200)
		expect(mainText(before.html)).toContain('Create feed URL')

		const created = await browser.post('/meetings/calendar', { intent: 'create' })
		expect(created.status).toBe(200)
		expect(created.html).toMatch(/<label[^>]*for="feed-url"/)
		const url = feedUrlIn(created)
		expect(url.pathname).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\/meetings\.ics$/)

		const feed = await calendarApp().get(url.pathname)
		expect(feed.status).toBe(200)
		expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(feed.headers.get('cache-control')).toBe('private, max-age=300')
		expect(feed.headers.get('x-robots-tag')).toBe('noindex')
		const calendar = parseCalendar(feed.html)
		expect(calendar.method).toBe('PUBLISH')
		expect(calendar.events.map((event) => event.uid)).toEqual([`${id}@crossroads`])
		expect(calendar.events[0]!.summary).toBe('Loyalty economics with Hannah Brooks')

		// Not stored, so never shown again: the page only says a feed exists.
		const after = await browser.get('/meetings/calendar')
		expect(after.html).not.toContain(url.pathname)
		expect(mainText(after.html)).toContain('A feed URL is active')
	})

	test('regenerating makes the old URL 404; revoking makes the current one 404', async () => {
		const member = await createUser()
		const browser = await signedInBrowser(server, member.email, member.password)
		const first = feedUrlIn(await browser.post('/meetings/calendar', { intent: 'create' }))
		const regenerated = await browser.post('/meetings/calendar', { intent: 'regenerate' })
		expect(mainText(regenerated.html)).toContain('The previous URL no longer works')
		const second = feedUrlIn(regenerated)
		expect(second.pathname).not.toBe(first.pathname)
		expect((await calendarApp().get(first.pathname)).status).toBe(404)
		expect((await calendarApp().get(second.pathname)).status).toBe(200)

		const revoked = await browser.post('/meetings/calendar', { intent: 'revoke' })
		expect(revoked.status).toBe(200)
		expect(revoked.html).not.toContain('id="feed-url"')
		const gone = await calendarApp().get(second.pathname)
		expect(gone.status).toBe(404)
		expect(gone.headers.get('x-robots-tag')).toBe('noindex')
		expect(mainText((await browser.get('/meetings/calendar')).html)).toContain('Create feed URL')
	})

	test('a suspended member’s feed is 404 until they are active again; unknown tokens and actions are refused', async () => {
		const member = await createUser()
		const browser = await signedInBrowser(server, member.email, member.password)
		const url = feedUrlIn(await browser.post('/meetings/calendar', { intent: 'create' }))
		db.update(users).set({ status: 'suspended' }).where(eq(users.id, member.id)).run()
		expect((await calendarApp().get(url.pathname)).status).toBe(404)
		db.update(users).set({ status: 'active' }).where(eq(users.id, member.id)).run()
		expect((await calendarApp().get(url.pathname)).status).toBe(200)

		expect((await calendarApp().get(`/calendar/${'A'.repeat(43)}/meetings.ics`)).status).toBe(404)
		expect((await calendarApp().get('/calendar/short/meetings.ics')).status).toBe(404)
		expect((await browser.post('/meetings/calendar', { intent: 'publish-to-everyone' })).status).toBe(400)
		expect((await calendarApp().get(url.pathname)).status).toBe(200)
	})
})
