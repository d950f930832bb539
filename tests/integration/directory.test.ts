import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { connections, expertiseTags, introductionBlocks, memberProfiles, users } from '#db/schema.ts'
import { applyForMembership } from '#app/features/accounts/accounts.server.ts'
import { reviewApplication } from '#app/features/accounts/applications.server.ts'
import { JoinSchema } from '#app/features/accounts/schemas.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { checkPair } from '#app/features/conflicts/conflicts.server.ts'
import {
	connectionBetween,
	removeConnection,
	requestConnection,
	respondToConnection,
} from '#app/features/connections/connections.server.ts'
import { searchDirectory } from '#app/features/directory/directory.server.ts'
import { parseDirectoryQuery } from '#app/features/directory/search-params.ts'
import { toFtsQuery } from '#app/utils/full-text-query.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const query = (params: Record<string, string> = {}) => parseDirectoryQuery(new URLSearchParams(params))
const ids = (result: ReturnType<typeof searchDirectory>) => result.members.map((member) => member.id)

async function world() {
	const viewer = await createUser({ name: 'Vera Viewer', sectorCode: '445110' })
	const grocer = await createUser({ name: 'Gus Grocer', sectorCode: '445131' })
	const banker = await createUser({
		name: 'Bianca Banker',
		sectorCode: '522110',
		company: `Fjord Savings ${crypto.randomUUID().slice(0, 6)}`,
	})
	const coder = await createUser({ name: 'Cody Coder', sectorCode: '513210' })
	const brewer = await createUser({ name: 'Brenda Brewer', sectorCode: '312120' })
	const applicant = await createUser({ name: 'Andy Applicant', sectorCode: '541810', status: 'applicant' })
	db.update(memberProfiles)
		.set({
			region: 'Asia Pacific',
			companySize: '5001+',
			businessModel: 'b2b',
			bio: 'Rebuilt the loyalty program across 14 markets.',
		})
		.where(eq(memberProfiles.userId, banker.id))
		.run()
	db.insert(expertiseTags).values({ userId: coder.id, tag: 'product-led-growth' }).run()
	db.insert(introductionBlocks).values({ userId: brewer.id, blockedUserId: viewer.id }).run()
	rebuildConflictKeys(db, 'all')
	return { viewer, grocer, banker, coder, brewer, applicant }
}

describe('searchDirectory', () => {
	test('never lists the viewer, applicants, or anyone the policy keeps apart', async () => {
		const { viewer, grocer, banker, coder, brewer, applicant } = await world()
		const listed = ids(searchDirectory(viewer.id, query()))
		expect(listed).toEqual(expect.arrayContaining([banker.id, coder.id]))
		for (const hidden of [viewer.id, grocer.id, brewer.id, applicant.id]) expect(listed).not.toContain(hidden)
		const everyone = db
			.select({ id: users.id })
			.from(users)
			.where(eq(users.status, 'active'))
			.all()
			.map((row) => row.id)
		const allowed = everyone.filter((id) => id !== viewer.id && !checkPair(viewer.id, id).conflicted)
		const all = searchDirectory(viewer.id, { ...query(), page: 1 })
		expect(all.total).toBe(allowed.length)
	})

	test('full-text search over name, company, bio and tags, by word prefix', async () => {
		const { viewer, grocer, banker, coder } = await world()
		expect(ids(searchDirectory(viewer.id, query({ q: 'loyal' })))).toContain(banker.id)
		expect(ids(searchDirectory(viewer.id, query({ q: 'fjord sav' })))).toContain(banker.id)
		const productLed = ids(searchDirectory(viewer.id, query({ q: 'product led' })))
		expect(productLed).toContain(coder.id)
		expect(productLed).not.toContain(banker.id)
		const cody = ids(searchDirectory(viewer.id, query({ q: 'Cody' })))
		expect(cody).toContain(coder.id)
		expect(cody).not.toContain(banker.id)
		// The conflicted grocer is found by nobody's search; faker's random names (say "Gusikowski") may match the prefix.
		const gus = searchDirectory(viewer.id, query({ q: 'Gus Grocer' }))
		expect(ids(gus)).not.toContain(grocer.id)
		expect(gus.total).toBe(gus.members.length)
	})

	test('FTS syntax in the search box is treated as words, never as a query error', async () => {
		const { viewer } = await world()
		for (const q of ['"', 'a OR b', 'NEAR(', '*', "o'brien -x", 'name:foo']) {
			expect(() => searchDirectory(viewer.id, query({ q }))).not.toThrow()
		}
		expect(toFtsQuery('  ')).toBe('')
		expect(toFtsQuery('Brand "OR" strategy*')).toBe('"brand"* "or"* "strategy"*')
	})

	test('filters combine, and unknown filter values are ignored rather than failing', async () => {
		const { viewer, banker } = await world()
		const { coder } = await world()
		const filtered = ids(
			searchDirectory(viewer.id, query({ region: 'Asia Pacific', size: '5001+', model: 'b2b', sector: '52' })),
		)
		expect(filtered).toContain(banker.id)
		expect(filtered).not.toContain(coder.id)
		const rows = searchDirectory(
			viewer.id,
			query({ region: 'Asia Pacific', size: '5001+', model: 'b2b', sector: '52' }),
		).members
		expect(rows.every((row) => row.region === 'Asia Pacific' && row.sectorCode?.startsWith('52'))).toBe(true)
		expect(searchDirectory(viewer.id, query({ region: 'Asia Pacific', model: 'b2c' })).total).toBe(0)
		const lenient = query({ region: 'Mars', page: '-3', sort: 'chaos', tag: '<script>' })
		expect(lenient).toMatchObject({ region: undefined, page: 1, sort: undefined, tag: undefined })
	})

	test('pages of 20 with a stable total', async () => {
		const { viewer } = await world()
		for (let i = 0; i < 25; i++)
			await createUser({ sectorCode: '541810', name: `Agency Person ${String(i).padStart(2, '0')}` })
		rebuildConflictKeys(db, 'all')
		const first = searchDirectory(viewer.id, query({ q: 'agency person' }))
		const second = searchDirectory(viewer.id, query({ q: 'agency person', page: '2' }))
		expect(first.total).toBe(25)
		expect(first.pages).toBe(2)
		expect(first.members).toHaveLength(20)
		expect(second.members).toHaveLength(5)
		expect(new Set([...ids(first), ...ids(second)]).size).toBe(25)
	})
})

describe('members who joined after the keys were compiled', () => {
	test('an approved applicant in the viewer’s industry group never shows up, without any manual rebuild', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		const admin = await createUser({ role: 'admin', sectorCode: '522110' })
		rebuildConflictKeys(db, 'all')
		const email = `newcomer.${crypto.randomUUID()}@example.test`
		await applyForMembership(
			JoinSchema.parse({
				name: 'Nora Newcomer',
				email,
				password: 'a long enough password',
				title: 'CMO',
				company: `Corner Grocer ${crypto.randomUUID().slice(0, 6)}`,
				sector: '44',
				region: 'Europe',
				timeZone: 'Europe/Paris',
			}),
		)
		const newcomer = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!
		expect(reviewApplication(admin.id, newcomer.id, 'approve').ok).toBe(true)
		expect(checkPair(viewer.id, newcomer.id).conflicted).toBe(true)
		expect(ids(searchDirectory(viewer.id, query({ q: 'Nora Newcomer' })))).not.toContain(newcomer.id)
	})

	test('a member whose keys were never compiled is left out rather than shown unchecked', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		rebuildConflictKeys(db, 'all')
		const uncompiled = await createUser({ name: 'Ulla Uncompiled', sectorCode: '522110' })
		expect(checkPair(viewer.id, uncompiled.id).conflicted).toBe(false)
		expect(ids(searchDirectory(viewer.id, query({ q: 'Ulla Uncompiled' })))).toEqual([])
		rebuildConflictKeys(db, [uncompiled.id])
		expect(ids(searchDirectory(viewer.id, query({ q: 'Ulla Uncompiled' })))).toEqual([uncompiled.id])
	})
})

describe('members open to their connections only', () => {
	async function hiddenWorld() {
		const tag = `connections-only-${crypto.randomUUID().slice(0, 8)}`
		const viewer = await createUser({ sectorCode: '445110' })
		const outsider = await createUser({ sectorCode: '611310' })
		const hidden = await createUser({ name: `Priya Private ${tag}`, sectorCode: '522110' })
		const open = await createUser({ sectorCode: '513210' })
		const pending = await createUser({ sectorCode: '312120' })
		for (const member of [hidden, open, pending]) db.insert(expertiseTags).values({ userId: member.id, tag }).run()
		db.update(memberProfiles).set({ visibility: 'connections' }).where(eq(memberProfiles.userId, hidden.id)).run()
		db.update(memberProfiles).set({ visibility: 'connections' }).where(eq(memberProfiles.userId, pending.id)).run()
		rebuildConflictKeys(db, 'all')
		requestConnection(viewer.id, hidden.id, '')
		respondToConnection(hidden.id, connectionBetween(viewer.id, hidden.id)!.id, 'accept')
		requestConnection(viewer.id, pending.id, '')
		return { tag, viewer, outsider, hidden, open, pending }
	}

	test('are listed and counted only for their accepted connections, in filters and text search', async () => {
		const { tag, viewer, outsider, hidden, open } = await hiddenWorld()
		const forViewer = searchDirectory(viewer.id, query({ tag }))
		expect(ids(forViewer).sort()).toEqual([hidden.id, open.id].sort())
		expect(forViewer.total).toBe(2)
		const forOutsider = searchDirectory(outsider.id, query({ tag }))
		expect(ids(forOutsider)).toEqual([open.id])
		expect(forOutsider.total).toBe(1)
		expect(ids(searchDirectory(viewer.id, query({ q: `Priya Private ${tag}` })))).toEqual([hidden.id])
		expect(searchDirectory(outsider.id, query({ q: `Priya Private ${tag}` })).total).toBe(0)
	})

	test('the list and its count follow a change at once: a removed connection, a visibility change', async () => {
		const { tag, viewer, outsider, hidden } = await hiddenWorld()
		expect(searchDirectory(outsider.id, query({ tag })).total).toBe(1)
		removeConnection(viewer.id, connectionBetween(viewer.id, hidden.id)!.id)
		const afterRemoval = searchDirectory(viewer.id, query({ tag }))
		expect(ids(afterRemoval)).not.toContain(hidden.id)
		expect(afterRemoval.total).toBe(1)
		db.update(memberProfiles).set({ visibility: 'members' }).where(eq(memberProfiles.userId, hidden.id)).run()
		const afterOpening = searchDirectory(outsider.id, query({ tag }))
		expect(ids(afterOpening)).toContain(hidden.id)
		expect(afterOpening.total).toBe(2)
		db.update(memberProfiles).set({ region: 'Latin America' }).where(eq(memberProfiles.userId, hidden.id)).run()
		expect(searchDirectory(outsider.id, query({ tag, region: 'Latin America' })).total).toBe(1)
		expect(searchDirectory(outsider.id, query({ tag, region: 'Europe' })).total).toBe(1)
	})

	test('every count equals the members its pages list, for viewers with conflicts and connections', async () => {
		const { viewer, outsider, hidden, pending } = await hiddenWorld()
		db.update(connections).set({ status: 'accepted' }).where(eq(connections.addresseeId, pending.id)).run()
		requestConnection(outsider.id, hidden.id, '')
		respondToConnection(hidden.id, connectionBetween(outsider.id, hidden.id)!.id, 'accept')
		const searches: Record<string, string>[] = [
			{},
			{ sort: 'newest' },
			{ region: 'Europe' },
			{ region: 'Europe', sector: '52' },
			{ q: 'priya' },
			{ q: 'chief marketing', sort: 'name' },
		]
		for (const viewerId of [viewer.id, outsider.id, hidden.id, pending.id])
			for (const params of searches) {
				const first = searchDirectory(viewerId, query(params))
				const listed = new Set<string>()
				for (let page = 1; page <= first.pages; page++)
					for (const id of ids(searchDirectory(viewerId, query({ ...params, page: String(page) })))) listed.add(id)
				expect({ viewerId, params, total: first.total }).toEqual({ viewerId, params, total: listed.size })
				expect(listed.has(viewerId)).toBe(false)
			}
	})
})
