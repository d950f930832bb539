import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { companySectorCodes, conflictDecisions, connections, memberProfiles } from '#db/schema.ts'
import {
	connectionBetween,
	mutualConnections,
	pendingRequestCount,
	removeConnection,
	requestConnection,
	respondToConnection,
	withdrawConnection,
} from '#app/features/connections/connections.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const member = (sectorCode: string) => createUser({ sectorCode })

async function refusal(run: () => unknown) {
	try {
		run()
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, body: await thrown.json() }
		throw thrown
	}
	throw new Error('expected a refusal')
}

describe('requesting', () => {
	test('a clean pair: request, then the other accepts', async () => {
		const grocer = await member('445110')
		const bank = await member('522110')
		expect(requestConnection(grocer.id, bank.id, 'Loyalty programs?')).toEqual({ ok: true, status: 'pending' })
		expect(pendingRequestCount(bank.id)).toBe(1)
		const row = connectionBetween(bank.id, grocer.id)!
		expect(row).toMatchObject({ requesterId: grocer.id, addresseeId: bank.id, note: 'Loyalty programs?' })
		expect(respondToConnection(grocer.id, row.id, 'accept')).toMatchObject({ ok: false, code: 'not-allowed' })
		expect(respondToConnection(bank.id, row.id, 'accept')).toEqual({ ok: true, status: 'accepted' })
		expect(pendingRequestCount(bank.id)).toBe(0)
		expect(respondToConnection(bank.id, row.id, 'accept')).toMatchObject({ ok: false, code: 'not-allowed' })
	})

	test('a conflicted pair is refused with a 403 and the reason, and nothing is stored', async () => {
		const grocer = await member('445110')
		const otherGrocer = await member('445131')
		expect(await refusal(() => requestConnection(grocer.id, otherGrocer.id, ''))).toEqual({
			status: 403,
			body: {
				ok: false,
				code: 'conflict',
				rule: 'same-sector',
				message: 'Same industry group: 4451 Grocery and Convenience Retailers',
			},
		})
		expect(connectionBetween(grocer.id, otherGrocer.id)).toBeUndefined()
		expect(db.select().from(conflictDecisions).where(eq(conflictDecisions.actorId, grocer.id)).all()).toHaveLength(1)
	})

	test('double submit and self-requests are refused; a crossed request accepts the first', async () => {
		const a = await member('445110')
		const b = await member('522110')
		expect(requestConnection(a.id, a.id, '')).toMatchObject({ ok: false, code: 'self' })
		requestConnection(a.id, b.id, '')
		expect(requestConnection(a.id, b.id, '')).toMatchObject({ ok: false, code: 'already-pending' })
		expect(requestConnection(b.id, a.id, '')).toEqual({ ok: true, status: 'accepted' })
		expect(requestConnection(a.id, b.id, '')).toMatchObject({ ok: false, code: 'already-connected' })
		expect(db.select().from(connections).where(eq(connections.requesterId, a.id)).all()).toHaveLength(1)
	})

	test('an unknown or inactive member cannot be asked', async () => {
		const a = await member('445110')
		const applicant = await createUser({ status: 'applicant', sectorCode: '522110' })
		expect(requestConnection(a.id, 'usr_missing', '')).toMatchObject({ ok: false, code: 'not-found' })
		expect(requestConnection(a.id, applicant.id, '')).toMatchObject({ ok: false, code: 'not-found' })
	})

	test('a conflict that appeared after the request blocks the acceptance', async () => {
		const grocer = await member('445110')
		const bank = await member('522110')
		requestConnection(grocer.id, bank.id, '')
		const bankCompany = db.select().from(memberProfiles).where(eq(memberProfiles.userId, bank.id)).get()!.companyId
		db.update(companySectorCodes).set({ code: '445131' }).where(eq(companySectorCodes.companyId, bankCompany)).run()
		const row = connectionBetween(grocer.id, bank.id)!
		expect((await refusal(() => respondToConnection(bank.id, row.id, 'accept'))).status).toBe(403)
		expect(connectionBetween(grocer.id, bank.id)).toMatchObject({ status: 'pending' })
	})
})

describe('withdraw, decline, remove, re-request', () => {
	test('only the right side can act, and a declined pair can ask again later', async () => {
		const a = await member('445110')
		const b = await member('522110')
		requestConnection(a.id, b.id, '')
		const id = connectionBetween(a.id, b.id)!.id
		expect(withdrawConnection(b.id, id)).toMatchObject({ ok: false })
		expect(withdrawConnection(a.id, id)).toEqual({ ok: true, status: 'withdrawn' })
		expect(requestConnection(b.id, a.id, 'Second try')).toEqual({ ok: true, status: 'pending' })
		expect(connectionBetween(a.id, b.id)).toMatchObject({
			id,
			requesterId: b.id,
			note: 'Second try',
			status: 'pending',
		})
		expect(respondToConnection(a.id, id, 'decline')).toEqual({ ok: true, status: 'declined' })
		expect(removeConnection(a.id, id)).toMatchObject({ ok: false })
		requestConnection(a.id, b.id, '')
		respondToConnection(b.id, id, 'accept')
		const stranger = await member('513210')
		expect(removeConnection(stranger.id, id)).toMatchObject({ ok: false })
		expect(removeConnection(b.id, id)).toEqual({ ok: true, status: 'removed' })
	})
})

test('mutual connections are the accepted, unsuspended partners both share', async () => {
	const a = await member('445110')
	const b = await member('522110')
	const shared = await member('513210')
	const suspended = await member('312120')
	for (const [x, y] of [
		[a, shared],
		[b, shared],
		[a, suspended],
		[b, suspended],
	] as const) {
		requestConnection(x.id, y.id, '')
		respondToConnection(y.id, connectionBetween(x.id, y.id)!.id, 'accept')
	}
	db.update(connections)
		.set({ suspendedAt: new Date() })
		.where(eq(connections.id, connectionBetween(a.id, suspended.id)!.id))
		.run()
	expect(mutualConnections(a.id, b.id)).toEqual([{ id: shared.id, name: shared.name }])
})
