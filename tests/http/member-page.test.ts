import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { connectionBetween } from '#app/features/connections/connections.server.ts'
import { errorPage, mainText, signedInBrowser, startTestServer, textOf, Browser } from './support.ts'

let server: ServerProcess
let grocer: Awaited<ReturnType<typeof createUser>>
let otherGrocer: Awaited<ReturnType<typeof createUser>>
let bank: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
	grocer = await createUser({ name: 'Gina Grocer', sectorCode: '445110' })
	otherGrocer = await createUser({ name: 'Oscar Othergrocer', sectorCode: '445131' })
	bank = await createUser({ name: 'Bea Banker', sectorCode: '522110' })
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

describe('/members/:id', () => {
	test('a conflicted profile opened by URL shows only a card with the reason, no contact action', async () => {
		const browser = await signedInBrowser(server, grocer.email, grocer.password)
		const page = await browser.get(`/members/${otherGrocer.id}`)
		expect(page.status).toBe(200)
		const text = mainText(page.html)
		expect(text).toContain('Oscar Othergrocer')
		expect(text).toContain('Same industry group: 4451 Grocery and Convenience Retailers')
		expect(text).not.toContain('Request to connect')
	})

	test('a clean profile shows the member and the connect form', async () => {
		const browser = await signedInBrowser(server, grocer.email, grocer.password)
		const text = mainText((await browser.get(`/members/${bank.id}`)).html)
		expect(text).toContain('Bea Banker')
		expect(text).toContain('522110 Commercial Banking')
		expect(text).toContain('Request to connect')
	})

	test('posting a connection request to a conflicted member by hand is refused with 403 and the reason', async () => {
		const browser = await signedInBrowser(server, grocer.email, grocer.password)
		const page = await browser.post(`/members/${otherGrocer.id}`, { intent: 'request', note: 'hi' })
		expect(page.status).toBe(403)
		expect(errorPage(page.html).detail).toBe('Same industry group: 4451 Grocery and Convenience Retailers')
		expect(connectionBetween(grocer.id, otherGrocer.id)).toBeUndefined()
	})

	test('a request to a clean member is stored and the other side can accept it', async () => {
		const asker = await signedInBrowser(server, grocer.email, grocer.password)
		expect((await asker.post(`/members/${bank.id}`, { intent: 'request', note: 'Loyalty?' })).status).toBe(200)
		expect(connectionBetween(grocer.id, bank.id)).toMatchObject({ status: 'pending', note: 'Loyalty?' })
		const other = await signedInBrowser(server, bank.email, bank.password)
		const id = connectionBetween(grocer.id, bank.id)!.id
		expect(mainText((await other.get(`/members/${grocer.id}`)).html)).toContain('Loyalty?')
		expect((await other.post(`/members/${grocer.id}`, { intent: 'accept', connectionId: id })).status).toBe(200)
		expect(connectionBetween(grocer.id, bank.id)).toMatchObject({ status: 'accepted' })
	})

	test('anonymous visitors go to sign-in; an unknown member is a 404; bad input is a 400', async () => {
		const anonymous = await new Browser(server).get(`/members/${bank.id}`)
		expect(anonymous.status).toBe(302)
		expect(anonymous.location).toBe(`/login?redirectTo=%2Fmembers%2F${bank.id}`)
		const browser = await signedInBrowser(server, grocer.email, grocer.password)
		expect((await browser.get('/members/usr_missing')).status).toBe(404)
		expect((await browser.post(`/members/${bank.id}`, { intent: 'teleport' })).status).toBe(400)
	})
})

test('the header counts connection requests waiting for the member', async () => {
	const asker = await createUser({ sectorCode: '513210' })
	const target = await createUser({ sectorCode: '312120' })
	const browser = await signedInBrowser(server, target.email, target.password)
	expect(textOf((await browser.get('/')).html)).not.toContain('connection request waiting')
	const askerBrowser = await signedInBrowser(server, asker.email, asker.password)
	await askerBrowser.post(`/members/${target.id}`, { intent: 'request', note: '' })
	expect(textOf((await browser.get('/')).html)).toMatch(/Home\s*1\s*connection request waiting/)
})
