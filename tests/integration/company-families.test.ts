import { eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, test, vi } from 'vitest'
import {
	companies,
	companySectorCodes,
	connections,
	declaredCompetitors,
	memberProfiles,
	pastRoles,
} from '#db/schema.ts'
import { findOrCreateCompany } from '#app/features/companies/companies.server.ts'
import {
	findParentCandidates,
	getCompanyDetail,
	listCompanies,
	renameCompany,
	setParentCompany,
} from '#app/features/companies/families.server.ts'
import { pairKeyOf } from '#app/features/connections/connections.server.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { checkPair, conflictedMembersOf } from '#app/features/conflicts/conflicts.server.ts'
import { searchDirectory } from '#app/features/directory/directory.server.ts'
import { parseDirectoryQuery } from '#app/features/directory/search-params.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const unique = () => crypto.randomUUID().slice(0, 8)
const monthsAgo = (months: number) => new Date(Date.now() - months * 30.5 * 24 * 3600 * 1000)

/** A member at a new company of their own (its own family), and that company's id. */
async function memberAt(sectorCode: string, company = `Company ${unique()}`) {
	const user = await createUser({ sectorCode, company })
	rebuildConflictKeys(db, [user.id])
	return { ...user, companyId: companyOf(user.id) }
}

const companyOf = (userId: string) =>
	db.select({ id: memberProfiles.companyId }).from(memberProfiles).where(eq(memberProfiles.userId, userId)).get()!.id

function newCompany(sectorCode: string, name = `Holding ${unique()}`) {
	return db.transaction((tx) => findOrCreateCompany(tx, name, sectorCode))
}

function acceptedConnection(requesterId: string, addresseeId: string) {
	const id = crypto.randomUUID()
	db.insert(connections)
		.values({
			id,
			requesterId,
			addresseeId,
			pairKey: pairKeyOf(requesterId, addresseeId),
			status: 'accepted',
			respondedAt: new Date(),
		})
		.run()
	return id
}

const suspendedAtOf = (connectionId: string) =>
	db.select({ suspendedAt: connections.suspendedAt }).from(connections).where(eq(connections.id, connectionId)).get()!
		.suspendedAt

/** Whether `otherId` is excluded from `viewerId`'s lists by the stored keys. */
function excludedByKeys(viewerId: string, otherId: string) {
	const row = db.get<{ excluded: number }>(sql`select ${otherId} in (${conflictedMembersOf(viewerId)}) as excluded`)
	return row.excluded === 1
}

const familyOf = (...ids: string[]) =>
	Object.fromEntries(
		db
			.select({ id: companies.id, familyId: companies.familyId })
			.from(companies)
			.where(inArray(companies.id, ids))
			.all()
			.map((row) => [row.id, row.familyId]),
	)

const parentOf = (id: string) =>
	db.select({ parentId: companies.parentId }).from(companies).where(eq(companies.id, id)).get()!.parentId

describe('setParentCompany', () => {
	test('attaching one member’s company under another’s puts them in conflict and suspends their connection; detaching restores it', async () => {
		const grocer = await memberAt('445110', `Loop Retail ${unique()}`)
		const banker = await memberAt('522110', `Northwind Holdings ${unique()}`)
		const connectionId = acceptedConnection(grocer.id, banker.id)
		expect(checkPair(grocer.id, banker.id)).toEqual({ conflicted: false })
		expect(excludedByKeys(grocer.id, banker.id)).toBe(false)

		const attached = setParentCompany(grocer.companyId, banker.companyId)
		expect(attached).toMatchObject({
			ok: true,
			changed: true,
			company: { id: grocer.companyId },
			parent: { id: banker.companyId },
			previousParent: null,
			movedCompanies: 1,
			familyId: banker.companyId,
			previousFamilyId: grocer.companyId,
			membersRechecked: 2,
			connections: { suspended: 1, restored: 0 },
		})
		expect(parentOf(grocer.companyId)).toBe(banker.companyId)
		expect(familyOf(grocer.companyId)).toEqual({ [grocer.companyId]: banker.companyId })
		const bankerCompany = db.select({ name: companies.name }).from(companies).where(eq(companies.id, banker.companyId))
		expect(checkPair(grocer.id, banker.id)).toEqual({
			conflicted: true,
			rules: ['same-company'],
			explanation: {
				rule: 'same-company',
				message: `Same company or corporate family: ${bankerCompany.get()!.name}`,
			},
		})
		expect(excludedByKeys(grocer.id, banker.id)).toBe(true)
		expect(excludedByKeys(banker.id, grocer.id)).toBe(true)
		expect(suspendedAtOf(connectionId)).toBeInstanceOf(Date)

		const detached = setParentCompany(grocer.companyId, null)
		expect(detached).toMatchObject({
			ok: true,
			changed: true,
			parent: null,
			previousParent: { id: banker.companyId },
			familyId: grocer.companyId,
			previousFamilyId: banker.companyId,
			membersRechecked: 2,
			connections: { suspended: 0, restored: 1 },
		})
		expect(parentOf(grocer.companyId)).toBeNull()
		expect(checkPair(grocer.id, banker.id)).toEqual({ conflicted: false })
		expect(excludedByKeys(grocer.id, banker.id)).toBe(false)
		expect(suspendedAtOf(connectionId)).toBeNull()
	})

	test('a moved company takes its whole subtree along, and asking for the current place changes nothing', async () => {
		const holding = newCompany('551112')
		const subsidiary = newCompany('445110')
		const grandchild = newCompany('493110')
		const otherRoot = newCompany('522110')
		expect(setParentCompany(subsidiary, holding)).toMatchObject({ ok: true, movedCompanies: 1 })
		expect(setParentCompany(grandchild, subsidiary)).toMatchObject({ ok: true, familyId: holding })
		expect(familyOf(holding, subsidiary, grandchild)).toEqual({
			[holding]: holding,
			[subsidiary]: holding,
			[grandchild]: holding,
		})

		// The root itself goes under another family: everything under it follows.
		const moved = setParentCompany(holding, otherRoot)
		expect(moved).toMatchObject({ ok: true, changed: true, movedCompanies: 3, familyId: otherRoot })
		expect(familyOf(holding, subsidiary, grandchild, otherRoot)).toEqual({
			[holding]: otherRoot,
			[subsidiary]: otherRoot,
			[grandchild]: otherRoot,
			[otherRoot]: otherRoot,
		})
		// A middle company made independent becomes the root of its own subtree.
		expect(setParentCompany(subsidiary, null)).toMatchObject({ ok: true, movedCompanies: 2 })
		expect(familyOf(holding, subsidiary, grandchild)).toEqual({
			[holding]: otherRoot,
			[subsidiary]: subsidiary,
			[grandchild]: subsidiary,
		})

		expect(setParentCompany(grandchild, subsidiary)).toMatchObject({
			ok: true,
			changed: false,
			membersRechecked: 0,
		})
		expect(setParentCompany(subsidiary, null)).toMatchObject({ ok: true, changed: false })
	})

	test('cycles and unknown ids are refused with typed errors, and nothing changes', async () => {
		const root = newCompany('551112')
		const child = newCompany('445110')
		const grandchild = newCompany('493110')
		setParentCompany(child, root)
		setParentCompany(grandchild, child)
		const before = familyOf(root, child, grandchild)

		expect(setParentCompany(root, root)).toEqual({
			ok: false,
			code: 'cycle',
			message: expect.stringContaining('cannot be its own parent'),
		})
		expect(setParentCompany(root, grandchild)).toEqual({
			ok: false,
			code: 'cycle',
			message: expect.stringContaining('cannot also be its parent'),
		})
		expect(setParentCompany(child, grandchild)).toMatchObject({ ok: false, code: 'cycle' })
		expect(setParentCompany('cmp_nope', root)).toEqual({
			ok: false,
			code: 'unknown-company',
			message: 'That company does not exist.',
		})
		expect(setParentCompany(child, 'cmp_nope')).toEqual({
			ok: false,
			code: 'unknown-parent',
			message: 'That parent company does not exist. Search again.',
		})
		expect(familyOf(root, child, grandchild)).toEqual(before)
		expect([parentOf(root), parentOf(child), parentOf(grandchild)]).toEqual([null, root, child])
	})

	test('a past-role company moved into a family starts (and, moved out, ends) the cooling-off conflict', async () => {
		const grocer = await memberAt('445110')
		const designer = await memberAt('541430')
		const formerEmployer = newCompany('541810', `Former Agency ${unique()}`)
		db.insert(pastRoles)
			.values({
				id: crypto.randomUUID(),
				userId: designer.id,
				companyId: formerEmployer,
				title: 'Marketing Director',
				startedAt: monthsAgo(40),
				endedAt: monthsAgo(3),
			})
			.run()
		rebuildConflictKeys(db, [designer.id])
		const connectionId = acceptedConnection(designer.id, grocer.id)
		expect(checkPair(grocer.id, designer.id)).toEqual({ conflicted: false })

		const outcome = setParentCompany(formerEmployer, grocer.companyId)
		expect(outcome).toMatchObject({ ok: true, connections: { suspended: 1, restored: 0 } })
		expect(checkPair(grocer.id, designer.id)).toMatchObject({
			conflicted: true,
			rules: ['recent-employer'],
			explanation: { rule: 'recent-employer', message: expect.stringContaining('(same corporate family)') },
		})
		expect(excludedByKeys(grocer.id, designer.id)).toBe(true)
		expect(excludedByKeys(designer.id, grocer.id)).toBe(true)
		expect(suspendedAtOf(connectionId)).toBeInstanceOf(Date)

		expect(setParentCompany(formerEmployer, null)).toMatchObject({
			ok: true,
			connections: { suspended: 0, restored: 1 },
		})
		expect(excludedByKeys(grocer.id, designer.id)).toBe(false)
		expect(suspendedAtOf(connectionId)).toBeNull()
	})

	test('a past employer moved into the family of a declared competitor: the pair is caught though neither works there', async () => {
		// The designer worked at the agency; the banker declared the holding a competitor. Neither
		// member's current company is in the families involved.
		const banker = await memberAt('522110')
		const designer = await memberAt('541430')
		const agency = newCompany('541810', `Agency ${unique()}`)
		const holding = newCompany('551112', `Rival Holding ${unique()}`)
		db.insert(pastRoles)
			.values({
				id: crypto.randomUUID(),
				userId: designer.id,
				companyId: agency,
				title: 'Brand Lead',
				startedAt: monthsAgo(30),
				endedAt: monthsAgo(2),
			})
			.run()
		db.insert(declaredCompetitors).values({ userId: banker.id, companyId: holding }).run()
		rebuildConflictKeys(db, [banker.id, designer.id])
		const connectionId = acceptedConnection(banker.id, designer.id)
		expect(checkPair(banker.id, designer.id)).toEqual({ conflicted: false })

		expect(setParentCompany(agency, holding)).toMatchObject({
			ok: true,
			connections: { suspended: 1, restored: 0 },
		})
		expect(checkPair(banker.id, designer.id)).toMatchObject({ conflicted: true, rules: ['recent-employer'] })
		expect(excludedByKeys(banker.id, designer.id)).toBe(true)
		expect(excludedByKeys(designer.id, banker.id)).toBe(true)
		expect(suspendedAtOf(connectionId)).toBeInstanceOf(Date)
	})
})

describe('renameCompany', () => {
	test('refuses a name another company has (whatever the case and spacing) and keeps the old one', async () => {
		const taken = `Northwind Group ${unique()}`
		const holder = newCompany('551112', taken)
		const company = newCompany('445110')
		const outcome = renameCompany(company, `  ${taken.toUpperCase().replace(' ', '   ')} `)
		expect(outcome).toEqual({
			ok: false,
			code: 'name-taken',
			message: `Another company is already called “${taken}”. If they are one business or sister companies, put them in one family instead.`,
			takenBy: { id: holder, name: taken },
		})
		expect(renameCompany(company, '   ')).toEqual({
			ok: false,
			code: 'invalid-name',
			message: 'Enter the company name.',
		})
		expect(renameCompany(company, 'x'.repeat(121))).toMatchObject({ ok: false, code: 'invalid-name' })
		expect(renameCompany('cmp_nope', 'Anything')).toMatchObject({ ok: false, code: 'unknown-company' })
		expect(db.select({ name: companies.name }).from(companies).where(eq(companies.id, company)).get()!.name).toMatch(
			/^Holding /,
		)
		// Its own name in another case is fine.
		const own = db.select({ name: companies.name }).from(companies).where(eq(companies.id, holder)).get()!.name
		expect(renameCompany(holder, own.toLowerCase())).toMatchObject({ ok: true, changed: true })
		expect(renameCompany(holder, own.toLowerCase())).toMatchObject({ ok: true, changed: false })
	})

	test('a rename is tidied, stored with its key, and found by the directory search at once', async () => {
		const viewer = await memberAt('522110')
		const member = await memberAt('445110', `Plain Name ${unique()}`)
		const suffix = unique().replace(/\d/g, 'q')
		const newName = `Zephyrine   Provisions ${suffix}`
		const outcome = renameCompany(member.companyId, newName)
		expect(outcome).toMatchObject({ ok: true, changed: true, company: { name: `Zephyrine Provisions ${suffix}` } })
		expect(db.select().from(companies).where(eq(companies.id, member.companyId)).get()).toMatchObject({
			name: `Zephyrine Provisions ${suffix}`,
			nameKey: `zephyrine provisions ${suffix.toLowerCase()}`,
		})
		const found = searchDirectory(viewer.id, parseDirectoryQuery(new URLSearchParams({ q: `zephyrine ${suffix}` })))
		expect(found.members.map((entry) => [entry.id, entry.company])).toEqual([
			[member.id, `Zephyrine Provisions ${suffix}`],
		])
		const old = searchDirectory(viewer.id, parseDirectoryQuery(new URLSearchParams({ q: 'Plain Name' })))
		expect(old.members.map((entry) => entry.id)).not.toContain(member.id)
	})
})

describe('listing and detail', () => {
	test('listCompanies searches by name key, shows family root, member count and primary code, in two queries', async () => {
		const tag = unique().replace(/\d/g, 'k')
		const root = newCompany('551112', `Quillon ${tag} Group`)
		const child = newCompany('445110', `Quillon ${tag} Markets`)
		await createUser({ company: `Quillon ${tag} Markets`, sectorCode: '445110' })
		await createUser({ company: `Quillon ${tag} Markets`, sectorCode: '445110' })
		setParentCompany(child, root)

		const prepare = vi.spyOn(db.$client, 'prepare')
		const result = listCompanies({ q: `  QUILLON ${tag.toUpperCase()}  `, page: 1 })
		expect(prepare).toHaveBeenCalledTimes(2)
		expect(result).toMatchObject({ total: 2, page: 1, pageCount: 1 })
		expect(result.rows).toEqual([
			{
				id: root,
				name: `Quillon ${tag} Group`,
				parentId: null,
				familyId: root,
				familyName: `Quillon ${tag} Group`,
				familySize: 2,
				members: 0,
				sectorCode: '551112',
				sectorTitle: 'Offices of Other Holding Companies',
			},
			{
				id: child,
				name: `Quillon ${tag} Markets`,
				parentId: root,
				familyId: root,
				familyName: `Quillon ${tag} Group`,
				familySize: 2,
				members: 2,
				sectorCode: '445110',
				sectorTitle: expect.stringContaining('Supermarkets'),
			},
		])
		// A match inside the name counts too; one starting with the text comes first.
		expect(listCompanies({ q: `${tag} markets`, page: 1 }).rows.map((row) => row.id)).toEqual([child])
		expect(listCompanies({ q: 'no such company name at all', page: 1 })).toMatchObject({ rows: [], total: 0 })
		const all = listCompanies({ q: '', page: 1 })
		expect(all.total).toBe(db.select().from(companies).all().length)
		expect(all.rows.length).toBe(Math.min(25, all.total))
	})

	test('a company without a primary code is listed with none', () => {
		const id = newCompany('445110', `Codeless ${unique()}`)
		db.delete(companySectorCodes).where(eq(companySectorCodes.companyId, id)).run()
		const [row] = listCompanies({
			q: db.select().from(companies).where(eq(companies.id, id)).get()!.name,
			page: 1,
		}).rows
		expect(row).toMatchObject({ id, sectorCode: null, sectorTitle: null })
	})

	test('getCompanyDetail nests the family tree with member counts; candidates leave out the company and its subtree', async () => {
		const tag = unique().replace(/\d/g, 'm')
		const root = newCompany('551112', `Tessel ${tag} Holdings`)
		const retail = newCompany('445110', `Tessel ${tag} Retail`)
		const stores = newCompany('445131', `Tessel ${tag} Stores`)
		const freight = newCompany('493110', `Tessel ${tag} Freight`)
		await createUser({ company: `Tessel ${tag} Stores`, sectorCode: '445131' })
		setParentCompany(retail, root)
		setParentCompany(stores, retail)
		setParentCompany(freight, root)

		const prepare = vi.spyOn(db.$client, 'prepare')
		const detail = getCompanyDetail(retail)!
		expect(prepare).toHaveBeenCalledTimes(3)
		expect(detail).toMatchObject({
			company: { id: retail, parentId: root, familyId: root },
			parent: { id: root, name: `Tessel ${tag} Holdings` },
			root: { id: root },
			familySize: 4,
			familyMembers: 1,
			subtreeIds: [retail, stores],
			sectorCodes: [{ code: '445110', isPrimary: true, title: expect.any(String) }],
		})
		const shape = (nodes: typeof detail.tree): unknown[] =>
			nodes.map((node) => [node.name, node.members, shape(node.children)])
		expect(shape(detail.tree)).toEqual([
			[
				`Tessel ${tag} Holdings`,
				0,
				[
					[`Tessel ${tag} Freight`, 0, []],
					[`Tessel ${tag} Retail`, 0, [[`Tessel ${tag} Stores`, 1, []]]],
				],
			],
		])
		expect(getCompanyDetail('cmp_nope')).toBeNull()

		expect(findParentCandidates(retail, `tessel ${tag}`).map((row) => row.name)).toEqual([
			`Tessel ${tag} Freight`,
			`Tessel ${tag} Holdings`,
		])
		expect(findParentCandidates(retail, '  ')).toEqual([])
	})
})
