import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
	connectionBetween,
	requestConnection,
	respondToConnection,
} from '#app/features/connections/connections.server.ts'
import { getProfileForEditing } from '#app/features/members/profile-editing.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { Browser, fieldErrors, mainText, notices, signedInBrowser, startTestServer } from './support.ts'

let server: ServerProcess
let banker: Awaited<ReturnType<typeof createUser>>
let teacher: Awaited<ReturnType<typeof createUser>>
let otherBanker: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
	banker = await createUser({ name: 'Bea Banker', sectorCode: '522110' })
	teacher = await createUser({ name: 'Theo Teacher', sectorCode: '611310' })
	otherBanker = await createUser({ name: 'Olga Otherbank', sectorCode: '522130' })
	requestConnection(banker.id, teacher.id, '')
	respondToConnection(teacher.id, connectionBetween(banker.id, teacher.id)!.id, 'accept')
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const png = () =>
	sharp({ create: { width: 640, height: 480, channels: 3, background: '#2b6' } })
		.png()
		.toBuffer()

function photoForm(bytes: Uint8Array, type = 'image/png', name = 'me.png') {
	const form = new FormData()
	form.set('photo', new File([new Uint8Array(bytes)], name, { type }))
	return form
}

describe('/profile', () => {
	test('signed-out visitors are sent to sign in, and come back after', async () => {
		const page = await new Browser(server).get('/profile')
		expect(page.status).toBe(302)
		expect(page.location).toBe('/login?redirectTo=%2Fprofile')
	})

	test('bad input gets field messages and a 400; nothing is saved', async () => {
		const browser = await signedInBrowser(server, banker.email, banker.password)
		const page = await browser.post('/profile', {
			intent: 'details',
			name: 'Bea Banker',
			title: '',
			region: 'Atlantis',
			timeZone: 'Mars/Olympus',
			visibility: 'members',
		})
		expect(page.status).toBe(400)
		expect(fieldErrors(page.html, 'details')).toEqual({
			title: ['Your title is required.'],
			region: ['Choose your region.'],
			timeZone: ['Choose a time zone from the list.'],
		})
		const company = await browser.post('/profile', {
			intent: 'company',
			company: 'Bea Bank',
			primarySector: 'banking stuff',
			businessModel: 'b2b',
		})
		expect(company.status).toBe(400)
		expect(fieldErrors(company.html, 'company')).toEqual({
			primarySector: ['Pick an industry from the list, or type its NAICS code.'],
		})
		expect(getProfileForEditing(banker.id)!.title).toBe('Chief Marketing Officer')
	})

	test('an unknown action is a 400, and removing someone else’s entry a 404', async () => {
		const browser = await signedInBrowser(server, teacher.email, teacher.password)
		expect((await browser.post('/profile', { intent: 'make-me-admin' })).status).toBe(400)
		expect((await browser.post('/profile', { intent: 'remove-past-role', id: 'rol_nope' })).status).toBe(404)
	})

	test('a company change into a peer’s industry suspends the connection and says so; the peer sees it suspended', async () => {
		const browser = await signedInBrowser(server, banker.email, banker.password)
		const page = await browser.post('/profile', {
			intent: 'company',
			company: 'Campus Partners',
			primarySector: '611310 Colleges, Universities, and Professional Schools',
			businessModel: 'b2b',
		})
		expect(page.status).toBe(200)
		expect(notices(page.html).join(' ')).toContain('Company saved. 1 connection is now suspended')
		const teacherBrowser = await signedInBrowser(server, teacher.email, teacher.password)
		const seen = mainText((await teacherBrowser.get(`/members/${banker.id}`)).html)
		expect(seen).toContain('Same industry group: 6113 Colleges, Universities, and Professional Schools')

		const back = await browser.post('/profile', {
			intent: 'company',
			company: 'Campus Partners',
			primarySector: '522110',
			businessModel: 'b2b',
		})
		expect(notices(back.html).join(' ')).toContain('1 suspended connection was restored.')
		expect(mainText((await teacherBrowser.get(`/members/${banker.id}`)).html)).toContain('You are connected with Bea.')
	})

	test('a photo upload is stored, served to peers as WebP, and hidden from a conflicted member', async () => {
		const browser = await signedInBrowser(server, teacher.email, teacher.password)
		const upload = await browser.upload('/profile', photoForm(await png()))
		expect(upload.status).toBe(200)
		expect(notices(upload.html)).toContain('Photo updated.')
		const version = getProfileForEditing(teacher.id)!.photoVersion
		expect(version).toBe(1)

		const peer = await signedInBrowser(server, banker.email, banker.password)
		const photo = await fetch(new URL(`/photos/${teacher.id}?v=1`, server.url), {
			headers: { Cookie: peer.cookieHeader() },
		})
		expect(photo.status).toBe(200)
		expect(photo.headers.get('content-type')).toBe('image/webp')
		expect(photo.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
		expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).format).toBe('webp')
		expect((await peer.get(`/members/${teacher.id}`)).html).toContain(`/photos/${teacher.id}?v=1`)

		const signedOut = await new Browser(server).get(`/photos/${teacher.id}?v=1`)
		expect(signedOut.status).toBe(302)
		const rival = await signedInBrowser(server, otherBanker.email, otherBanker.password)
		expect((await rival.get(`/photos/${banker.id}`)).status).toBe(404)
	})

	test('a file that is not an image, or too large, is refused with the reason', async () => {
		const browser = await signedInBrowser(server, teacher.email, teacher.password)
		const text = await browser.upload('/profile', photoForm(new TextEncoder().encode('hello'), 'image/png', 'x.png'))
		expect(text.status).toBe(400)
		expect(notices(text.html).join(' ')).toContain('We could not read that image.')
		const huge = await browser.upload('/profile', photoForm(new Uint8Array(5 * 1024 * 1024 + 10)))
		expect(huge.status).toBe(400)
		expect(notices(huge.html).join(' ')).toContain('The photo is larger than 5 MB.')
		expect(getProfileForEditing(teacher.id)!.photoVersion).toBe(1)
	})

	test('“don’t introduce me” from a profile: the other member only sees “not available”', async () => {
		const blocker = await createUser({ name: 'Nia Private', sectorCode: '721110' })
		const listed = await createUser({ name: 'Lars Listed', sectorCode: '311812' })
		const browser = await signedInBrowser(server, blocker.email, blocker.password)
		expect((await browser.post(`/members/${listed.id}`, { intent: 'do-not-introduce' })).status).toBe(200)
		expect(mainText((await browser.get(`/members/${listed.id}`)).html)).toContain('On your “don’t introduce me” list')
		const other = await signedInBrowser(server, listed.email, listed.password)
		const seen = mainText((await other.get(`/members/${blocker.id}`)).html)
		expect(seen).toContain('This member is not available.')
		expect(seen).not.toContain('introduce')
	})
})
