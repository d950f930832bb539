import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { policySettings } from '#db/schema.ts'
import { logConflictDecision } from '#app/features/conflicts/conflicts.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { Browser, errorPage, fieldErrors, mainText, notices, signedInBrowser, startTestServer } from './support.ts'

let server: ServerProcess
beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const redirectStatuses = [302, 303]
const policyRow = () => db.select().from(policySettings).where(eq(policySettings.id, 1)).get()!

async function signedInAdmin() {
	const admin = await createUser({ role: 'admin', sectorCode: '522110' })
	return { admin, browser: await signedInBrowser(server, admin.email, admin.password) }
}

describe('who may open the admin policy pages', () => {
	test('anonymous visitors are sent to the login page and back', async () => {
		for (const path of ['/admin/policy', '/admin/conflicts']) {
			const page = await new Browser(server).get(path)
			expect(redirectStatuses).toContain(page.status)
			expect(page.location).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`)
		}
	})

	test('members and moderators get 403 on both pages, and cannot post settings', async () => {
		const rowBefore = policyRow()
		for (const role of ['member', 'moderator'] as const) {
			const user = await createUser({ role })
			const browser = await signedInBrowser(server, user.email, user.password)
			for (const path of ['/admin/policy', '/admin/conflicts']) {
				const page = await browser.get(path)
				expect(page.status, `${role} ${path}`).toBe(403)
				expect(errorPage(page.html)).toMatchObject({ status: 403, detail: 'This area is open to admins only.' })
			}
			const post = await browser.post('/admin/policy', { sectorLevel: '2', coolingOffMonths: '0' })
			expect(post.status).toBe(403)
		}
		expect(policyRow()).toEqual(rowBefore)
	})
})

describe('/admin/policy', () => {
	test('shows the current settings and what each one does', async () => {
		const { browser } = await signedInAdmin()
		const page = await browser.get('/admin/policy')
		expect(page.status).toBe(200)
		const text = mainText(page.html)
		expect(text).toContain('Conflict policy')
		expect(text).toMatch(/Sector level\s+Industry group \(4, default\)/)
		expect(text).toMatch(/Cooling-off\s+12 months/)
		expect(text).toContain('must match for their members to count as competitors')
		expect(text).toContain('How long after leaving a company a member is still kept apart')
		for (const label of [
			'Sector (2 digits)',
			'Subsector (3)',
			'Industry group (4, default)',
			'Industry (5)',
			'National industry (6)',
		])
			expect(page.html).toContain(`>${label}</option>`)
		expect(page.html).toMatch(/<option value="4" selected="">/)
		expect(page.html).toMatch(/<input[^>]*name="coolingOffMonths"[^>]*value="12"/)
	})

	test('an admin changes the level through the form; the row changes and a notice says what changed', async () => {
		const { admin, browser } = await signedInAdmin()
		const before = Date.now()
		const page = await browser.post('/admin/policy', { sectorLevel: '5', coolingOffMonths: '18' })
		expect(page.status).toBe(200)
		const row = policyRow()
		expect(row).toMatchObject({ sectorLevel: 5, coolingOffMonths: 18, updatedBy: admin.id })
		expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
		const [notice] = notices(page.html)
		expect(notice).toContain(
			'Settings changed from Industry group (4, default), 12 months cooling-off to Industry (5), 18 months cooling-off.',
		)
		expect(notice).toMatch(/Rebuilt [\d,]+ conflict keys for [\d,]+ members\./)
		expect(notice).toMatch(/\d+ connections? suspended, \d+ restored\./)
		// The page shows the new values, and who set them.
		expect(mainText(page.html)).toMatch(/Sector level\s+Industry \(5\)/)
		expect(mainText(page.html)).toContain(`by ${admin.name}`)

		const restored = await browser.post('/admin/policy', { sectorLevel: '4', coolingOffMonths: '12' })
		expect(restored.status).toBe(200)
		expect(policyRow()).toMatchObject({ sectorLevel: 4, coolingOffMonths: 12 })
	})

	test('an invalid post is a 400 with field errors, and nothing changes', async () => {
		const { browser } = await signedInAdmin()
		const rowBefore = policyRow()
		const tooLong = await browser.post('/admin/policy', { sectorLevel: '5', coolingOffMonths: '61' })
		expect(tooLong.status).toBe(400)
		expect(fieldErrors(tooLong.html, 'policy-settings')).toEqual({ coolingOffMonths: ['Use at most 60 months.'] })

		const unknownLevel = await browser.post('/admin/policy', { sectorLevel: '7', coolingOffMonths: 'soon' })
		expect(unknownLevel.status).toBe(400)
		expect(fieldErrors(unknownLevel.html, 'policy-settings')).toEqual({
			sectorLevel: ['Choose a sector level from the list.'],
			coolingOffMonths: ['Enter the cooling-off period in months.'],
		})
		expect(notices(unknownLevel.html)).toEqual([])
		expect(policyRow()).toEqual(rowBefore)
	})

	test('a cross-origin post is refused with 403 and changes nothing', async () => {
		const { browser } = await signedInAdmin()
		const rowBefore = policyRow()
		const page = await browser.post(
			'/admin/policy',
			{ sectorLevel: '2', coolingOffMonths: '0' },
			{ Origin: 'https://evil.example' },
		)
		expect(page.status).toBe(403)
		expect(policyRow()).toEqual(rowBefore)
	})
})

describe('/admin/conflicts', () => {
	test('lists logged decisions with names, rules (the private one included) and entry point; filters by URL', async () => {
		const actor = await createUser({ name: 'Priya Logactor' })
		const target = await createUser({ name: 'Quentin Logtarget' })
		logConflictDecision(actor.id, target.id, ['same-sector', 'do-not-introduce'], 'connection-request')
		logConflictDecision(target.id, actor.id, ['declared-competitor'], 'message')
		const { browser } = await signedInAdmin()

		const page = await browser.get('/admin/conflicts')
		expect(page.status).toBe(200)
		const text = mainText(page.html)
		expect(text).toContain('Conflict decisions')
		expect(text).toMatch(/of \d+ decisions/)
		expect(text).toMatch(
			/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC Priya Logactor Quentin Logtarget Same sector, Don’t introduce me \(private\) Connection request/,
		)
		expect(text).toContain('Quentin Logtarget Priya Logactor Declared competitor Message')

		const filtered = await browser.get('/admin/conflicts?rule=do-not-introduce&entryPoint=connection-request')
		expect(filtered.status).toBe(200)
		const filteredText = mainText(filtered.html)
		expect(filteredText).toContain('Priya Logactor Quentin Logtarget')
		expect(filteredText).not.toContain('Declared competitor Message')
		expect(filtered.html).toMatch(/<option value="do-not-introduce" selected="">/)

		const none = await browser.get('/admin/conflicts?entryPoint=case-study')
		expect(mainText(none.html)).toContain('No decisions match.')

		const nonsense = await browser.get('/admin/conflicts?rule=nonsense')
		expect(nonsense.status).toBe(400)
	})

	test('pages through more than 50 decisions with links that keep the filters', async () => {
		const actor = await createUser({ name: 'Rosa Pager' })
		const target = await createUser({ name: 'Sam Paged' })
		for (let index = 0; index < 55; index++)
			logConflictDecision(actor.id, target.id, ['recent-employer'], 'group-invite')
		const { browser } = await signedInAdmin()
		const first = await browser.get('/admin/conflicts?rule=recent-employer&entryPoint=group-invite')
		expect(mainText(first.html)).toContain('1–50 of 55 decisions.')
		expect(mainText(first.html)).toContain('Page 1 of 2')
		const next = /<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(first.html)
		const href = (next?.[1] ?? next?.[2])!.replaceAll('&amp;', '&')
		const url = new URL(href, server.url)
		expect(url.pathname).toBe('/admin/conflicts')
		expect(url.searchParams).toEqual(
			new URLSearchParams({ rule: 'recent-employer', entryPoint: 'group-invite', page: '2' }),
		)
		const second = await browser.get(href)
		expect(second.status).toBe(200)
		expect(mainText(second.html)).toContain('51–55 of 55 decisions.')
		expect((mainText(second.html).match(/Rosa Pager Sam Paged/g) ?? []).length).toBe(5)
	})
})
