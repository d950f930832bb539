import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { companies, connections, memberProfiles } from '#db/schema.ts'
import { pairKeyOf } from '#app/features/connections/connections.server.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
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

const unique = () => crypto.randomUUID().slice(0, 8)
const companyRow = (id: string) => db.select().from(companies).where(eq(companies.id, id)).get()!
const companyOf = (userId: string) =>
	db.select({ id: memberProfiles.companyId }).from(memberProfiles).where(eq(memberProfiles.userId, userId)).get()!.id

async function memberAt(company: string, sectorCode: string) {
	const user = await createUser({ company, sectorCode })
	rebuildConflictKeys(db, [user.id])
	return { ...user, companyId: companyOf(user.id) }
}

async function signedInAdmin() {
	const admin = await createUser({ role: 'admin', sectorCode: '522110' })
	return signedInBrowser(server, admin.email, admin.password)
}

describe('who may open /admin/companies', () => {
	test('anonymous visitors are sent to the login page', async () => {
		const page = await new Browser(server).get('/admin/companies')
		expect([302, 303]).toContain(page.status)
		expect(page.location).toBe(`/login?${new URLSearchParams({ redirectTo: '/admin/companies' })}`)
	})

	test('members and moderators get 403 on the list and the detail page, and cannot post', async () => {
		const target = await memberAt(`Guarded ${unique()}`, '445110')
		const before = companyRow(target.companyId)
		for (const role of ['member', 'moderator'] as const) {
			const user = await createUser({ role })
			const browser = await signedInBrowser(server, user.email, user.password)
			for (const path of ['/admin/companies', `/admin/companies/${target.companyId}`]) {
				const page = await browser.get(path)
				expect(page.status, `${role} ${path}`).toBe(403)
				expect(errorPage(page.html)).toMatchObject({ status: 403, detail: 'This area is open to admins only.' })
			}
			for (const fields of [{ intent: 'rename', name: 'Taken Over' }, { intent: 'detach' }] as Array<
				Record<string, string>
			>) {
				const post = await browser.post(`/admin/companies/${target.companyId}`, fields)
				expect(post.status, `${role} ${fields.intent}`).toBe(403)
			}
		}
		expect(companyRow(target.companyId)).toEqual(before)
	})
})

describe('/admin/companies', () => {
	test('searches by name (URL state) and shows family, members and primary code; the header links to the admin hub', async () => {
		const tag = unique().replace(/\d/g, 'x')
		const member = await memberAt(`Listed ${tag} Markets`, '445110')
		const browser = await signedInAdmin()
		const page = await browser.get(`/admin/companies?q=${encodeURIComponent(`listed ${tag}`)}`)
		expect(page.status).toBe(200)
		// The header's Admin link leads to the hub, which links here.
		expect(page.html).toMatch(/<a[^>]*href="\/admin"[^>]*>Admin<\/a>/)
		const text = mainText(page.html)
		expect(text).toContain('1–1 of 1 company.')
		expect(text).toMatch(new RegExp(`Listed ${tag} Markets 445110 [^]*Independent 1 445110 Supermarkets`))
		expect(page.html).toContain(`href="/admin/companies/${member.companyId}"`)
		expect(page.html).toMatch(new RegExp(`<input[^>]*name="q"[^>]*value="listed ${tag}"`))

		const none = await browser.get('/admin/companies?q=nothing-called-this&page=abc')
		expect(none.status).toBe(200)
		expect(mainText(none.html)).toContain('No company name contains “nothing-called-this”.')
	})
})

describe('/admin/companies/:companyId', () => {
	test('an admin attaches a company to a family through the form, sees the outcome, then makes it independent', async () => {
		const tag = unique().replace(/\d/g, 'y')
		const grocer = await memberAt(`Loop Retail ${tag}`, '445110')
		const banker = await memberAt(`Northwind Holdings ${tag}`, '522110')
		const connectionId = crypto.randomUUID()
		db.insert(connections)
			.values({
				id: connectionId,
				requesterId: grocer.id,
				addresseeId: banker.id,
				pairKey: pairKeyOf(grocer.id, banker.id),
				status: 'accepted',
				respondedAt: new Date(),
			})
			.run()
		const browser = await signedInAdmin()
		const path = `/admin/companies/${grocer.companyId}`

		const detail = await browser.get(`${path}?find=${encodeURIComponent(`northwind holdings ${tag}`)}`)
		expect(detail.status).toBe(200)
		const text = mainText(detail.html)
		expect(text).toContain(`Loop Retail ${tag}`)
		expect(text).toContain('Independent: a family of its own.')
		expect(text).toMatch(/Sector codes 445110 Supermarkets[^]*primary/)
		expect(detail.html).toMatch(
			new RegExp(`<input[^>]*type="radio"[^>]*name="parentId"[^>]*value="${banker.companyId}"`),
		)
		expect(detail.html).not.toContain('Make independent')

		const attached = await browser.post(path, { intent: 'attach', parentId: banker.companyId })
		expect(attached.status).toBe(200)
		expect(notices(attached.html)).toEqual([
			`Moved Loop Retail ${tag} under Northwind Holdings ${tag}: 2 members re-checked, 1 connection suspended, 0 restored.`,
		])
		expect(companyRow(grocer.companyId)).toMatchObject({ parentId: banker.companyId, familyId: banker.companyId })
		expect(mainText(attached.html)).toContain(`Part of the Northwind Holdings ${tag} family: 2 companies, 2 members.`)
		expect(attached.html).toContain('Make independent')
		const suspended = db.select().from(connections).where(eq(connections.id, connectionId)).get()!
		expect(suspended.suspendedAt).toBeInstanceOf(Date)

		const detached = await browser.post(path, { intent: 'detach' })
		expect(detached.status).toBe(200)
		expect(notices(detached.html)).toEqual([
			`Made Loop Retail ${tag} independent: 2 members re-checked, 0 connections suspended, 1 restored.`,
		])
		expect(companyRow(grocer.companyId)).toMatchObject({ parentId: null, familyId: grocer.companyId })
		expect(db.select().from(connections).where(eq(connections.id, connectionId)).get()!.suspendedAt).toBeNull()
	})

	test('an admin renames a company; the form shows the new name', async () => {
		const member = await memberAt(`Old Name ${unique()}`, '445110')
		const browser = await signedInAdmin()
		const newName = `New Name ${unique()}`
		const page = await browser.post(`/admin/companies/${member.companyId}`, { intent: 'rename', name: ` ${newName} ` })
		expect(page.status).toBe(200)
		expect(notices(page.html)[0]).toMatch(new RegExp(`^Renamed Old Name \\w+ to ${newName}\\.$`))
		expect(companyRow(member.companyId).name).toBe(newName)
		expect(page.html).toMatch(new RegExp(`<input[^>]*name="name"[^>]*value="${newName}"`))
	})

	test('bad input is a 400 with the field’s message, and nothing changes', async () => {
		const root = await memberAt(`Root ${unique()}`, '551112')
		const child = await memberAt(`Child ${unique()}`, '445110')
		const browser = await signedInAdmin()
		await browser.post(`/admin/companies/${child.companyId}`, { intent: 'attach', parentId: root.companyId })
		const rootBefore = companyRow(root.companyId)
		const childBefore = companyRow(child.companyId)

		const blank = await browser.post(`/admin/companies/${child.companyId}`, { intent: 'rename', name: '   ' })
		expect(blank.status).toBe(400)
		expect(fieldErrors(blank.html, 'rename-company')).toEqual({ name: ['Enter the company name.'] })
		expect(notices(blank.html)).toEqual([])

		const taken = await browser.post(`/admin/companies/${child.companyId}`, {
			intent: 'rename',
			name: rootBefore.name.toUpperCase(),
		})
		expect(taken.status).toBe(400)
		expect(fieldErrors(taken.html, 'rename-company')).toEqual({
			name: [
				`Another company is already called “${rootBefore.name}”. If they are one business or sister companies, put them in one family instead.`,
			],
		})

		const noParent = await browser.post(`/admin/companies/${child.companyId}`, { intent: 'attach' })
		expect(noParent.status).toBe(400)
		expect(fieldErrors(noParent.html, 'attach-company')).toEqual({
			parentId: ['Choose the parent company from the search results.'],
		})

		const cycle = await browser.post(`/admin/companies/${root.companyId}`, {
			intent: 'attach',
			parentId: child.companyId,
		})
		expect(cycle.status).toBe(400)
		expect(fieldErrors(cycle.html, 'attach-company')).toEqual({
			parentId: [
				`${childBefore.name} is under ${rootBefore.name} in its family tree, so it cannot also be its parent. Move ${childBefore.name} out first.`,
			],
		})

		const unknownParent = await browser.post(`/admin/companies/${child.companyId}`, {
			intent: 'attach',
			parentId: 'cmp_nope',
		})
		expect(unknownParent.status).toBe(400)
		expect(fieldErrors(unknownParent.html, 'attach-company')).toEqual({
			parentId: ['That parent company does not exist. Search again.'],
		})

		expect((await browser.post(`/admin/companies/${child.companyId}`, { intent: 'merge' })).status).toBe(400)
		expect((await browser.get('/admin/companies/cmp_nope')).status).toBe(404)
		expect((await browser.post('/admin/companies/cmp_nope', { intent: 'detach' })).status).toBe(404)
		const crossOrigin = await browser.post(
			`/admin/companies/${child.companyId}`,
			{ intent: 'detach' },
			{ Origin: 'https://evil.example' },
		)
		expect(crossOrigin.status).toBe(403)

		expect(companyRow(root.companyId)).toEqual(rootBefore)
		expect(companyRow(child.companyId)).toEqual(childBefore)
	})
})
