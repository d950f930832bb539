import { eq, sql } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { conflictDecisions, connections, memberConflictKeys, pastRoles, policySettings } from '#db/schema.ts'
import { findOrCreateCompany } from '#app/features/companies/companies.server.ts'
import { pairKeyOf } from '#app/features/connections/connections.server.ts'
import { rebuildConflictKeys, readPolicySettings } from '#app/features/conflicts/conflict-keys.server.ts'
import { checkPair, conflictedMembersOf, logConflictDecision } from '#app/features/conflicts/conflicts.server.ts'
import { defaultPolicySettings } from '#app/features/conflicts/policy.ts'
import {
	describePolicySettings,
	listConflictDecisions,
	updatePolicySettings,
} from '#app/features/conflicts/policy-settings.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const unique = () => crypto.randomUUID().slice(0, 8)
const monthsAgo = (months: number) => new Date(Date.now() - months * 30.5 * 24 * 3600 * 1000)

let admin: Awaited<ReturnType<typeof createUser>>
beforeAll(async () => {
	admin = await createUser({ role: 'admin', sectorCode: '522110' })
})
afterEach(() => {
	updatePolicySettings(admin.id, defaultPolicySettings)
})

function memberAt(sectorCode: string) {
	return createUser({ sectorCode, company: `Company ${unique()}` })
}

function acceptedConnection(requesterId: string, addresseeId: string, suspendedAt: Date | null) {
	const id = crypto.randomUUID()
	db.insert(connections)
		.values({
			id,
			requesterId,
			addresseeId,
			pairKey: pairKeyOf(requesterId, addresseeId),
			status: 'accepted',
			respondedAt: new Date(),
			suspendedAt,
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

const policyRow = () => db.select().from(policySettings).where(eq(policySettings.id, 1)).get()!

describe('updatePolicySettings', () => {
	test('a finer sector level rebuilds the keys and restores a connection that is no longer in conflict', async () => {
		const grocer = await memberAt('445110')
		const convenience = await memberAt('445131')
		rebuildConflictKeys(db, 'all')
		const connectionId = acceptedConnection(grocer.id, convenience.id, new Date())
		expect(checkPair(grocer.id, convenience.id)).toMatchObject({ conflicted: true, rules: ['same-sector'] })
		expect(excludedByKeys(grocer.id, convenience.id)).toBe(true)

		const before = Date.now()
		const outcome = updatePolicySettings(admin.id, { sectorLevel: 5, coolingOffMonths: 12 })
		expect(outcome).toMatchObject({
			ok: true,
			previous: { sectorLevel: 4, coolingOffMonths: 12 },
			current: { sectorLevel: 5, coolingOffMonths: 12 },
			connections: { suspended: 0, restored: 1 },
		})
		expect(outcome.ok && outcome.keys.members).toBeGreaterThanOrEqual(3)
		expect(outcome.ok && outcome.keys.keys).toBe(db.select().from(memberConflictKeys).all().length)

		expect(readPolicySettings(db)).toEqual({ sectorLevel: 5, coolingOffMonths: 12 })
		const row = policyRow()
		expect(row.updatedBy).toBe(admin.id)
		expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(before)
		expect(describePolicySettings()).toMatchObject({ sectorLevel: 5, updatedByName: admin.name })

		expect(checkPair(grocer.id, convenience.id)).toEqual({ conflicted: false })
		expect(excludedByKeys(grocer.id, convenience.id)).toBe(false)
		expect(suspendedAtOf(connectionId)).toBeNull()

		// And back: the coarser level puts them in conflict again, and the connection is suspended.
		const back = updatePolicySettings(admin.id, { sectorLevel: 4, coolingOffMonths: 12 })
		expect(back).toMatchObject({ ok: true, connections: { suspended: 1, restored: 0 } })
		expect(excludedByKeys(grocer.id, convenience.id)).toBe(true)
		expect(suspendedAtOf(connectionId)).toBeInstanceOf(Date)
	})

	test('a shorter cooling-off period ends a recent-employer conflict', async () => {
		const grocer = await memberAt('445110')
		const banker = await memberAt('522320')
		const formerEmployer = db.transaction((tx) => findOrCreateCompany(tx, `Former Grocer ${unique()}`, '445110'))
		db.insert(pastRoles)
			.values({
				id: crypto.randomUUID(),
				userId: banker.id,
				companyId: formerEmployer,
				title: 'VP Marketing',
				startedAt: monthsAgo(40),
				endedAt: monthsAgo(8),
			})
			.run()
		rebuildConflictKeys(db, 'all')
		const connectionId = acceptedConnection(banker.id, grocer.id, null)
		expect(checkPair(grocer.id, banker.id)).toMatchObject({ conflicted: true, rules: ['recent-employer'] })
		// The connection was made before the past role was recorded: the settings change catches it.
		const longer = updatePolicySettings(admin.id, { sectorLevel: 4, coolingOffMonths: 24 })
		expect(longer).toMatchObject({ ok: true, connections: { suspended: 1, restored: 0 } })
		expect(suspendedAtOf(connectionId)).toBeInstanceOf(Date)

		expect(updatePolicySettings(admin.id, { sectorLevel: 4, coolingOffMonths: 6 })).toMatchObject({
			ok: true,
			connections: { suspended: 0, restored: 1 },
		})
		expect(checkPair(grocer.id, banker.id)).toEqual({ conflicted: false })
		expect(excludedByKeys(grocer.id, banker.id)).toBe(false)
		expect(excludedByKeys(banker.id, grocer.id)).toBe(false)
		expect(suspendedAtOf(connectionId)).toBeNull()
	})

	test('invalid values are refused with field errors, and nothing changes', async () => {
		const grocer = await memberAt('445110')
		const convenience = await memberAt('445131')
		rebuildConflictKeys(db, 'all')
		const connectionId = acceptedConnection(grocer.id, convenience.id, new Date())
		const rowBefore = policyRow()
		const keysBefore = db
			.select()
			.from(memberConflictKeys)
			.orderBy(memberConflictKeys.userId, memberConflictKeys.key)
			.all()

		const invalid = [
			[{ sectorLevel: 7, coolingOffMonths: 12 }, { sectorLevel: ['Choose a sector level from the list.'] }],
			[{ sectorLevel: 1, coolingOffMonths: 12 }, { sectorLevel: ['Choose a sector level from the list.'] }],
			[{ sectorLevel: 4.5, coolingOffMonths: 12 }, { sectorLevel: ['Choose a sector level from the list.'] }],
			[{ sectorLevel: 5, coolingOffMonths: 61 }, { coolingOffMonths: ['Use at most 60 months.'] }],
			[{ sectorLevel: 5, coolingOffMonths: -1 }, { coolingOffMonths: ['Use 0 months or more.'] }],
			[{ sectorLevel: 5, coolingOffMonths: 2.5 }, { coolingOffMonths: ['Use a whole number of months.'] }],
			[
				{ sectorLevel: 5, coolingOffMonths: Number.NaN },
				{ coolingOffMonths: ['Enter the cooling-off period in months.'] },
			],
		] as const
		for (const [input, fieldErrors] of invalid)
			expect(updatePolicySettings(admin.id, input), JSON.stringify(input)).toEqual({ ok: false, fieldErrors })
		expect(
			updatePolicySettings(admin.id, { sectorLevel: '5', coolingOffMonths: '12' } as unknown as {
				sectorLevel: number
				coolingOffMonths: number
			}),
		).toMatchObject({ ok: false })

		expect(policyRow()).toEqual(rowBefore)
		expect(
			db.select().from(memberConflictKeys).orderBy(memberConflictKeys.userId, memberConflictKeys.key).all(),
		).toEqual(keysBefore)
		expect(suspendedAtOf(connectionId)).toBeInstanceOf(Date)
	})

	test('the bounds themselves are accepted', async () => {
		expect(updatePolicySettings(admin.id, { sectorLevel: 2, coolingOffMonths: 0 })).toMatchObject({ ok: true })
		expect(readPolicySettings(db)).toEqual({ sectorLevel: 2, coolingOffMonths: 0 })
		expect(updatePolicySettings(admin.id, { sectorLevel: 6, coolingOffMonths: 60 })).toMatchObject({ ok: true })
		expect(readPolicySettings(db)).toEqual({ sectorLevel: 6, coolingOffMonths: 60 })
	})
})

describe('listConflictDecisions', () => {
	test('newest first, 50 a page, with names, a total, and filters by rule and entry point', async () => {
		db.delete(conflictDecisions).run()
		const actor = await createUser({ name: 'Ada Actor' })
		const target = await createUser({ name: 'Tom Target' })
		const start = Date.UTC(2025, 0, 1)
		// 120 decisions, one a minute: every third a private-list refusal on a message.
		db.insert(conflictDecisions)
			.values(
				Array.from({ length: 120 }, (_, index) => ({
					actorId: actor.id,
					targetId: target.id,
					rules: index % 3 === 0 ? ['same-sector', 'do-not-introduce'] : ['same-sector'],
					entryPoint: index % 3 === 0 ? 'message' : 'connection-request',
					createdAt: new Date(start + index * 60_000),
				})),
			)
			.run()

		const prepare = vi.spyOn(db.$client, 'prepare')
		const first = listConflictDecisions({ page: 1 })
		// One query for the rows, one for the count, whatever the page size.
		expect(prepare).toHaveBeenCalledTimes(2)
		expect(first).toMatchObject({ total: 120, page: 1, pageSize: 50, pageCount: 3 })
		expect(first.rows).toHaveLength(50)
		expect(first.rows[0]).toMatchObject({
			actorId: actor.id,
			actorName: 'Ada Actor',
			targetId: target.id,
			targetName: 'Tom Target',
			rules: ['same-sector'],
			entryPoint: 'connection-request',
			createdAt: new Date(start + 119 * 60_000),
		})
		const times = first.rows.map((row) => row.createdAt.getTime())
		expect(times).toEqual([...times].sort((a, b) => b - a))

		const third = listConflictDecisions({ page: 3 })
		expect(third.rows).toHaveLength(20)
		expect(third.rows.at(-1)!.createdAt).toEqual(new Date(start))
		expect(listConflictDecisions({ page: 4 })).toMatchObject({ rows: [], total: 120, pageCount: 3 })

		const privateList = listConflictDecisions({ page: 1, rule: 'do-not-introduce' })
		expect(privateList.total).toBe(40)
		expect(privateList.rows.every((row) => row.rules.includes('do-not-introduce'))).toBe(true)
		expect(listConflictDecisions({ page: 1, rule: 'same-sector' }).total).toBe(120)
		expect(listConflictDecisions({ page: 1, rule: 'same' }).total).toBe(0)

		expect(listConflictDecisions({ page: 1, entryPoint: 'connection-request' })).toMatchObject({
			total: 80,
			pageCount: 2,
		})
		expect(listConflictDecisions({ page: 1, rule: 'do-not-introduce', entryPoint: 'connection-request' }).total).toBe(0)
		expect(listConflictDecisions({ page: 1, rule: 'do-not-introduce', entryPoint: 'message' }).total).toBe(40)

		logConflictDecision(target.id, actor.id, ['declared-competitor'], 'meeting-proposal')
		expect(listConflictDecisions({ page: 1, entryPoint: 'meeting-proposal' }).rows).toEqual([
			expect.objectContaining({ actorName: 'Tom Target', targetName: 'Ada Actor', rules: ['declared-competitor'] }),
		])
	})
})
