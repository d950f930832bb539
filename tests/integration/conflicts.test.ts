import { eq, notInArray, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import {
	companies,
	companySectorCodes,
	conflictDecisions,
	connections,
	declaredCompetitors,
	introductionBlocks,
	memberProfiles,
	pastRoles,
	users,
} from '#db/schema.ts'
import { findOrCreateCompany } from '#app/features/companies/companies.server.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import {
	checkPair,
	conflictedMembersOf,
	requireNoConflict,
	syncConnectionSuspensions,
} from '#app/features/conflicts/conflicts.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const monthsAgo = (months: number) => new Date(Date.now() - months * 30.5 * 24 * 3600 * 1000)
const unique = () => crypto.randomUUID().slice(0, 8)

async function memberAt(sectorCode: string, company = `Company ${unique()}`) {
	return createUser({ company, sectorCode })
}

function companyOf(userId: string) {
	return db
		.select({ companyId: memberProfiles.companyId })
		.from(memberProfiles)
		.where(eq(memberProfiles.userId, userId))
		.get()!.companyId
}

function newCompany(sectorCode: string, name = `Company ${unique()}`) {
	return db.transaction((tx) => findOrCreateCompany(tx, name, sectorCode))
}

async function thrownResponse(run: () => unknown) {
	try {
		run()
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
	throw new Error('expected a Response to be thrown')
}

describe('checkPair', () => {
	test('a grocer and a bank may meet; two grocers may not, and they are told why', async () => {
		const grocer = await memberAt('445110')
		const bank = await memberAt('522110')
		const otherGrocer = await memberAt('445131')
		expect(checkPair(grocer.id, bank.id)).toEqual({ conflicted: false })
		expect(checkPair(grocer.id, otherGrocer.id)).toEqual({
			conflicted: true,
			rules: ['same-sector'],
			explanation: { rule: 'same-sector', message: 'Same industry group: 4451 Grocery and Convenience Retailers' },
		})
	})

	test('the private list shows "not available" to the listed member only', async () => {
		const lister = await memberAt('445110')
		const listed = await memberAt('522110')
		db.insert(introductionBlocks).values({ userId: lister.id, blockedUserId: listed.id }).run()
		expect(checkPair(listed.id, lister.id)).toMatchObject({
			explanation: { rule: 'not-available', message: 'This member is not available.' },
		})
		expect(checkPair(lister.id, listed.id)).toMatchObject({ explanation: { rule: 'do-not-introduce' } })
	})

	test('a corporate family, a declared competitor and a recent employer all conflict', async () => {
		const parent = await memberAt('522110')
		const subsidiary = newCompany('524126')
		db.update(companies)
			.set({ parentId: companyOf(parent.id), familyId: companyOf(parent.id) })
			.where(eq(companies.id, subsidiary))
			.run()
		const insurer = await createUser()
		db.update(memberProfiles).set({ companyId: subsidiary }).where(eq(memberProfiles.userId, insurer.id)).run()
		expect(checkPair(parent.id, insurer.id)).toMatchObject({ rules: ['same-company'] })

		const brewer = await memberAt('312120')
		const softwareLead = await memberAt('513210')
		db.insert(declaredCompetitors)
			.values({ userId: softwareLead.id, companyId: companyOf(brewer.id) })
			.run()
		expect(checkPair(brewer.id, softwareLead.id)).toMatchObject({ rules: ['declared-competitor'] })

		const formerGrocer = await memberAt('541810')
		db.insert(pastRoles)
			.values({
				id: unique(),
				userId: formerGrocer.id,
				companyId: newCompany('445131'),
				title: 'VP Marketing',
				startedAt: monthsAgo(40),
				endedAt: monthsAgo(3),
			})
			.run()
		const grocer = await memberAt('445110')
		expect(checkPair(grocer.id, formerGrocer.id)).toMatchObject({ rules: ['recent-employer'] })
	})
})

describe('requireNoConflict', () => {
	test('refuses a conflicted pair with a 403 and the reason, and logs the decision', async () => {
		const grocer = await memberAt('445110')
		const otherGrocer = await memberAt('445131')
		const refusal = await thrownResponse(() => requireNoConflict(grocer.id, otherGrocer.id, 'connection-request'))
		expect(refusal.status).toBe(403)
		expect(await refusal.json()).toEqual({
			ok: false,
			code: 'conflict',
			rule: 'same-sector',
			message: 'Same industry group: 4451 Grocery and Convenience Retailers',
		})
		const logged = db.select().from(conflictDecisions).where(eq(conflictDecisions.actorId, grocer.id)).all()
		expect(logged).toMatchObject([
			{ targetId: otherGrocer.id, rules: ['same-sector'], entryPoint: 'connection-request' },
		])
	})

	test('lets a clean pair through and logs nothing', async () => {
		const grocer = await memberAt('445110')
		const bank = await memberAt('522110')
		expect(() => requireNoConflict(grocer.id, bank.id, 'connection-request')).not.toThrow()
		expect(db.select().from(conflictDecisions).where(eq(conflictDecisions.actorId, grocer.id)).all()).toEqual([])
	})
})

describe('conflictedMembersOf (the set-based list filter)', () => {
	test('excludes exactly the members checkPair refuses', async () => {
		const viewer = await memberAt('445110')
		const members = [
			await memberAt('445131'),
			await memberAt('522110'),
			await memberAt('513210'),
			await memberAt('312120'),
			await memberAt('44'),
			await memberAt('541810'),
		]
		db.insert(declaredCompetitors)
			.values({ userId: members[3]!.id, companyId: companyOf(viewer.id) })
			.run()
		db.insert(introductionBlocks).values({ userId: viewer.id, blockedUserId: members[2]!.id }).run()
		db.insert(pastRoles)
			.values({
				id: unique(),
				userId: members[5]!.id,
				companyId: newCompany('445110'),
				title: 'CMO',
				startedAt: monthsAgo(30),
				endedAt: monthsAgo(2),
			})
			.run()
		rebuildConflictKeys(db, 'all')
		const candidateIds = members.map((member) => member.id)
		const visible = db
			.select({ id: users.id })
			.from(users)
			.where(sql`${users.id} in ${candidateIds} and ${users.id} not in (${conflictedMembersOf(viewer.id)})`)
			.all()
			.map((row) => row.id)
		const allowed = candidateIds.filter((id) => !checkPair(viewer.id, id).conflicted)
		expect(visible.sort()).toEqual(allowed.sort())
		expect(allowed).toEqual([members[1]!.id])
	})
})

describe('syncConnectionSuspensions', () => {
	test('suspends a connection that a sector change put in conflict, and restores it when undone', async () => {
		const grocer = await memberAt('445110')
		const bank = await memberAt('522110')
		const [low, high] = [grocer.id, bank.id].sort()
		db.insert(connections)
			.values({
				id: unique(),
				requesterId: grocer.id,
				addresseeId: bank.id,
				pairKey: `${low}|${high}`,
				status: 'accepted',
			})
			.run()
		const bankCompany = companyOf(bank.id)

		db.update(companySectorCodes).set({ code: '445110' }).where(eq(companySectorCodes.companyId, bankCompany)).run()
		expect(syncConnectionSuspensions({ userIds: [bank.id] })).toEqual({ suspended: 1, restored: 0 })
		const suspended = db
			.select()
			.from(connections)
			.where(eq(connections.pairKey, `${low}|${high}`))
			.get()
		expect(suspended).toMatchObject({ status: 'accepted' })
		expect(suspended!.suspendedAt).toBeInstanceOf(Date)

		db.update(companySectorCodes).set({ code: '522110' }).where(eq(companySectorCodes.companyId, bankCompany)).run()
		expect(syncConnectionSuspensions({ userIds: [bank.id] })).toEqual({ suspended: 0, restored: 1 })
		expect(
			db
				.select()
				.from(connections)
				.where(eq(connections.pairKey, `${low}|${high}`))
				.get(),
		).toMatchObject({ status: 'accepted', suspendedAt: null })
		expect(
			db
				.select()
				.from(connections)
				.where(notInArray(connections.status, ['accepted']))
				.all(),
		).toEqual([])
	})
})
