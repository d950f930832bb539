import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { Browser, mainText, notices, signedInBrowser, startTestServer } from './support.ts'

let server: ServerProcess
let viewer: Awaited<ReturnType<typeof createUser>>
let peer: Awaited<ReturnType<typeof createUser>>
let rival: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
	viewer = await createUser({ name: 'Gina Grocer', sectorCode: '445110' })
	peer = await createUser({ name: 'Bea Banker', sectorCode: '522110' })
	rival = await createUser({ name: 'Oscar Othergrocer', sectorCode: '445131' })
	rebuildConflictKeys(db, 'all')
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

describe('/members/suggestions', () => {
	test('is its own page (not a member called "suggestions"), with a why line, and never a competitor', async () => {
		const browser = await signedInBrowser(server, viewer.email, viewer.password)
		const page = await browser.get('/members/suggestions')
		expect(page.status).toBe(200)
		const text = mainText(page.html)
		expect(text).toContain('Peers to meet')
		expect(text).toContain('Bea Banker')
		expect(text).toContain('9 h of shared working hours · Different sector: Commercial Banking')
		expect(text).not.toContain(rival.name)
		expect(page.html).toContain('aria-label="Not now: don’t suggest Bea Banker"')
	})

	test('sends visitors who are not signed in to sign-in', async () => {
		const page = await new Browser(server).get('/members/suggestions')
		expect(page.status).toBe(302)
		expect(page.location).toBe('/login?redirectTo=%2Fmembers%2Fsuggestions')
	})

	test('without JavaScript: "Not now" and "Undo" are plain form posts answered with the page', async () => {
		const browser = await signedInBrowser(server, viewer.email, viewer.password)
		const dismissed = await browser.post('/members/suggestions', { intent: 'dismiss', memberId: peer.id })
		expect(dismissed.status).toBe(200)
		expect(notices(dismissed.html).join(' ')).toContain('Bea Banker won’t be suggested to you.')
		expect(mainText(dismissed.html)).toContain('Undo')
		expect(mainText((await browser.get('/members/suggestions')).html)).not.toContain('Bea Banker')

		const restored = await browser.post('/members/suggestions', { intent: 'undo', memberId: peer.id })
		expect(restored.status).toBe(200)
		expect(notices(restored.html).join(' ')).toContain('Bea Banker can be suggested to you again.')
		expect(mainText((await browser.get('/members/suggestions')).html)).toContain('Bea Banker')
	})

	test('shows an empty state once nobody is left to suggest', async () => {
		// Oscar's only possible peer is Bea: Gina, a grocer like him, is never suggested.
		const browser = await signedInBrowser(server, rival.email, rival.password)
		expect(mainText((await browser.get('/members/suggestions')).html)).toContain('Bea Banker')
		const dismissed = await browser.post('/members/suggestions', { intent: 'dismiss', memberId: peer.id })
		const text = mainText(dismissed.html)
		expect(text).toContain('No suggestions left for now')
		expect(text).not.toContain(viewer.name)
	})

	test('bad input is a 400 with a clear message; an unknown member is a 404', async () => {
		const browser = await signedInBrowser(server, viewer.email, viewer.password)
		const badId = await browser.post('/members/suggestions', { intent: 'dismiss', memberId: '../../etc' })
		expect(badId.status).toBe(400)
		expect(notices(badId.html).join(' ')).toContain('That is not a member id.')
		const noIntent = await browser.post('/members/suggestions', { memberId: peer.id })
		expect(noIntent.status).toBe(400)
		expect(notices(noIntent.html).join(' ')).toContain('Choose “Not now” or “Undo”.')
		const self = await browser.post('/members/suggestions', { intent: 'dismiss', memberId: viewer.id })
		expect(self.status).toBe(400)
		const unknown = await browser.post('/members/suggestions', { intent: 'dismiss', memberId: 'usr_nobody' })
		expect(unknown.status).toBe(404)
		expect(notices(unknown.html).join(' ')).toContain('That member does not exist.')
		expect(mainText((await browser.get('/members/suggestions')).html)).toContain('Bea Banker')
	})
})
