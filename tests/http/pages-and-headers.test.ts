import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { Browser, errorPage, mainText, sessionCookiesIn, signedInBrowser, startTestServer } from './support.ts'

const packageVersion = (
	JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version

let server: ServerProcess
beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const redirectStatuses = [302, 303]

function scriptSrcOf(csp: string) {
	return csp
		.split(';')
		.map((directive) => directive.trim())
		.find((directive) => directive.startsWith('script-src '))
}

function cspNonce(csp: string) {
	return /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrcOf(csp) ?? '')?.[1]
}

describe('the home page and security headers', () => {
	test('GET / is an HTML page with the pitch and the security headers', async () => {
		const page = await new Browser(server).get('/')
		expect(page.status).toBe(200)
		expect(page.headers.get('content-type')).toMatch(/^text\/html/)
		expect(page.headers.get('x-content-type-options')).toBe('nosniff')
		expect(page.headers.get('referrer-policy')).toBe('same-origin')
		expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN')
		expect(page.headers.has('x-powered-by')).toBe(false)
		// Enforced, not report-only, in production.
		expect(page.headers.has('content-security-policy-report-only')).toBe(false)
		const csp = page.headers.get('content-security-policy')
		expect(csp).toBeTruthy()
		expect(csp).toContain("default-src 'self'")
		expect(csp).toContain("frame-ancestors 'self'")
		const scriptSrc = scriptSrcOf(csp!)
		expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/)
		expect(scriptSrc).not.toContain('unsafe-inline')
		expect(cspNonce(csp!)).toBeTruthy()

		const text = mainText(page.html)
		expect(text).toContain('Learn from marketing leaders who will never be your competitors.')
		expect(text).toContain('Apply for membership')
		// Anonymous visitors get no cookie at all.
		expect(page.headers.getSetCookie()).toEqual([])
	})

	test('every script tag carries the nonce of the CSP header, and the nonce changes per response', async () => {
		const browser = new Browser(server)
		const first = await browser.get('/')
		const second = await browser.get('/')
		const nonce = cspNonce(first.headers.get('content-security-policy') ?? '')
		const otherNonce = cspNonce(second.headers.get('content-security-policy') ?? '')
		expect(nonce).toBeTruthy()
		expect(otherNonce).toBeTruthy()
		expect(otherNonce).not.toBe(nonce)
		// 16 random bytes, base64.
		expect(Buffer.from(nonce!, 'base64')).toHaveLength(16)

		const scriptTags = first.html.match(/<script\b[^>]*>/g) ?? []
		expect(scriptTags.length).toBeGreaterThanOrEqual(3)
		for (const tag of scriptTags) expect(tag).toContain(` nonce="${nonce}"`)
		// The CSP in script-src-attr uses the same nonce too.
		expect(first.headers.get('content-security-policy')).toContain(`script-src-attr 'nonce-${nonce}'`)
	})

	test('GET /healthz reports the version and a working database, never cached', async () => {
		const response = await fetch(`${server.url}/healthz`, { redirect: 'manual' })
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toMatch(/^application\/json/)
		expect(response.headers.get('cache-control')).toBe('no-store')
		const body = (await response.json()) as { ok: boolean; version: string; database: { ok: boolean; time: number } }
		expect(body).toMatchObject({ ok: true, version: packageVersion, database: { ok: true } })
		expect(typeof body.database.time).toBe('number')
		expect(Math.abs(body.database.time - Date.now() / 1000)).toBeLessThan(60)
	})

	test('an unknown URL is a real 404 with the friendly page', async () => {
		const page = await new Browser(server).get('/no/such/page')
		expect(page.status).toBe(404)
		expect(page.headers.get('content-type')).toMatch(/^text\/html/)
		expect(errorPage(page.html)).toEqual({
			status: 404,
			heading: 'We could not find that page',
			detail: 'The page you asked for does not exist or has moved.',
		})
		expect(mainText(page.html)).toContain('Back to home')
	})

	test('a same-origin POST to an unknown URL is a 404 too, not a crash', async () => {
		const page = await new Browser(server).post('/no/such/page', { anything: '1' })
		expect(page.status).toBe(404)
		expect(errorPage(page.html).heading).toBe('We could not find that page')
	})
})

describe('pages behind sign-in', () => {
	test('anonymous GET /settings redirects to the login page and back', async () => {
		const page = await new Browser(server).get('/settings')
		expect(redirectStatuses).toContain(page.status)
		expect(page.location).toBe('/login?redirectTo=%2Fsettings')
		expect(sessionCookiesIn(page.response)).toEqual([])
	})

	test('the login redirect keeps the query string of the page asked for', async () => {
		const page = await new Browser(server).get('/settings?tab=sessions')
		expect(redirectStatuses).toContain(page.status)
		expect(page.location).toBe(`/login?${new URLSearchParams({ redirectTo: '/settings?tab=sessions' })}`)
	})

	test('anonymous GET /admin/applications redirects to the login page', async () => {
		const page = await new Browser(server).get('/admin/applications')
		expect(redirectStatuses).toContain(page.status)
		expect(page.location).toBe('/login?redirectTo=%2Fadmin%2Fapplications')
	})

	test('an active member who is not an admin gets 403 on /admin/applications', async () => {
		const member = await createUser({ role: 'member' })
		const moderator = await createUser({ role: 'moderator' })
		for (const user of [member, moderator]) {
			const browser = await signedInBrowser(server, user.email, user.password)
			const page = await browser.get('/admin/applications')
			expect(page.status).toBe(403)
			expect(errorPage(page.html)).toEqual({
				status: 403,
				heading: 'You do not have access to this page',
				detail: 'This area is open to admins only.',
			})
		}
	})

	test('an admin sees the pending applications', async () => {
		const admin = await createUser({ role: 'admin' })
		const applicant = await createUser({ status: 'applicant', name: 'Pending Applicant Pagecheck' })
		const browser = await signedInBrowser(server, admin.email, admin.password)
		const page = await browser.get('/admin/applications')
		expect(page.status).toBe(200)
		const text = mainText(page.html)
		expect(text).toContain('Membership applications')
		expect(text).toContain(applicant.name)
		expect(text).toContain(applicant.email)
	})

	test('a signed-in active member gets the member home, not the pitch', async () => {
		const member = await createUser({ name: 'Henrietta Memberhome' })
		const browser = await signedInBrowser(server, member.email, member.password)
		const page = await browser.get('/')
		expect(page.status).toBe(200)
		const text = mainText(page.html)
		expect(text).toContain('Good to see you, Henrietta.')
		expect(text).not.toContain('Learn from marketing leaders who will never be your competitors.')
		// An active member has no application to look at.
		const application = await browser.get('/application')
		expect(redirectStatuses).toContain(application.status)
		expect(application.location).toBe('/')
	})

	test('a signed-in applicant is sent from / to /application, which says it is under review', async () => {
		const applicant = await createUser({ status: 'applicant', name: 'Aurelia Applicant' })
		const browser = await signedInBrowser(server, applicant.email, applicant.password)

		const home = await browser.get('/')
		expect(redirectStatuses).toContain(home.status)
		expect(home.location).toBe('/application')

		const page = await browser.get('/application')
		expect(page.status).toBe(200)
		const text = mainText(page.html)
		expect(text).toContain('Your application is under review')
		expect(text).toContain('Signed in as Aurelia Applicant.')

		// Nor can an applicant reach member-only pages such as the admin queue.
		const admin = await browser.get('/admin/applications')
		expect(redirectStatuses).toContain(admin.status)
		expect(admin.location).toBe('/application')
	})

	test('a rejected applicant sees the rejection on /application', async () => {
		const rejected = await createUser({ status: 'rejected' })
		const browser = await signedInBrowser(server, rejected.email, rejected.password)
		const home = await browser.get('/')
		expect(home.location).toBe('/application')
		const page = await browser.get('/application')
		expect(page.status).toBe(200)
		expect(mainText(page.html)).toContain('Your application was not approved')
	})

	test('anonymous GET /application redirects to login', async () => {
		const page = await new Browser(server).get('/application')
		expect(redirectStatuses).toContain(page.status)
		expect(page.location).toBe('/login?redirectTo=%2Fapplication')
	})
})
