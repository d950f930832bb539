import { afterAll, beforeAll, expect, test } from 'vitest'
import { logConflictDecision } from '#app/features/conflicts/conflicts.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { Browser, mainText, signedInBrowser, startTestServer } from './support.ts'

let server: ServerProcess
beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

test('/admin is for admins only: visitors sign in first, members and moderators get 403', async () => {
	const visitor = await new Browser(server).get('/admin')
	expect(visitor.location).toBe('/login?redirectTo=%2Fadmin')
	for (const role of ['member', 'moderator'] as const) {
		const user = await createUser({ role })
		const browser = await signedInBrowser(server, user.email, user.password)
		const page = await browser.get('/admin')
		expect(page.status).toBe(403)
		expect(page.html).not.toContain('href="/admin"')
	}
})

test('the hub links every admin area with what is waiting there, counted live', async () => {
	const admin = await createUser({ role: 'admin' })
	await createUser({ status: 'applicant' })
	await createUser({ status: 'applicant' })
	const [actor, target] = [await createUser(), await createUser()]
	logConflictDecision(actor.id, target.id, ['same-sector'], 'profile')
	const browser = await signedInBrowser(server, admin.email, admin.password)
	const page = await browser.get('/admin')
	expect(page.status).toBe(200)
	const text = mainText(page.html)
	expect(text).toContain('2 waiting')
	expect(text).toContain('1 refusal in the last 7 days')
	expect(text).toContain('Matched at industry group level · 12 months cooling-off')
	for (const path of ['/admin/applications', '/admin/policy', '/admin/conflicts', '/admin/companies'])
		expect(page.html).toContain(`href="${path}"`)
	expect(page.html).toContain('href="/admin"')
})
