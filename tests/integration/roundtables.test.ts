import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { conflictDecisions, connections, conversationMembers, conversations, notifications } from '#db/schema.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { recheckMembers } from '#app/features/conflicts/conflicts.server.ts'
import { pairKeyOf } from '#app/features/connections/connections.server.ts'
import { addSecondarySector, blockMember } from '#app/features/members/profile-editing.server.ts'
import { conversationAccess, sendMessage } from '#app/features/messaging/messaging.server.ts'
import {
	createRoundtable,
	invitableConnections,
	inviteToRoundtable,
	leaveRoundtable,
	removeFromRoundtable,
	respondToInvite,
	syncRoundtableSuspensions,
} from '#app/features/messaging/roundtables.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'
import { connect, newClientId } from '#tests/support/messaging.ts'

type Person = Awaited<ReturnType<typeof createUser>>

/** NAICS codes of distinct industry groups: none of these members conflicts with another. */
const sectors = [
	'541810',
	'311811',
	'522110',
	'611310',
	'513210',
	'481111',
	'721110',
	'621111',
	'236115',
	'325412',
	'211120',
	'482111',
]

/** A host in grocery and `count` connected members, each in another industry group. */
async function hostWithConnections(count: number) {
	const host = await createUser({ sectorCode: '445110' })
	const peers: Person[] = []
	for (let index = 0; index < count; index++) {
		const peer = await createUser({ sectorCode: sectors[index % sectors.length] })
		connect(host.id, peer.id)
		peers.push(peer)
	}
	rebuildConflictKeys(db, [host.id, ...peers.map((peer) => peer.id)])
	return { host, peers }
}

const statusesIn = (conversationId: string) =>
	Object.fromEntries(
		db
			.select({
				userId: conversationMembers.userId,
				status: conversationMembers.status,
				role: conversationMembers.role,
			})
			.from(conversationMembers)
			.where(eq(conversationMembers.conversationId, conversationId))
			.all()
			.map((row) => [row.userId, `${row.role}:${row.status}`]),
	)

const suspendedAt = (conversationId: string) =>
	db.select().from(conversations).where(eq(conversations.id, conversationId)).get()!.suspendedAt

const decisionsBy = (actorId: string) =>
	db
		.select({
			targetId: conflictDecisions.targetId,
			rules: conflictDecisions.rules,
			entryPoint: conflictDecisions.entryPoint,
		})
		.from(conflictDecisions)
		.where(eq(conflictDecisions.actorId, actorId))
		.all()

/** A room with the host and `peers` all joined. */
function openRoom(host: Person, peers: Person[], title = 'Loyalty leaders') {
	const created = createRoundtable(host.id, { title, inviteeIds: peers.map((peer) => peer.id) })
	if (!created.ok) throw new Error(created.message)
	for (const peer of peers) expect(respondToInvite(peer.id, created.data.conversationId, true).ok).toBe(true)
	return created.data.conversationId
}

describe('createRoundtable', () => {
	test('the host joins, invitees are invited and notified with a link to the room', async () => {
		const { host, peers } = await hostWithConnections(2)
		const created = createRoundtable(host.id, { title: '  Loyalty   leaders ', inviteeIds: peers.map((p) => p.id) })
		expect(created).toMatchObject({ ok: true })
		if (!created.ok) return
		const { conversationId, memberIds } = created.data
		expect(memberIds.sort()).toEqual([host.id, ...peers.map((p) => p.id)].sort())
		expect(db.select().from(conversations).where(eq(conversations.id, conversationId)).get()).toMatchObject({
			kind: 'roundtable',
			title: 'Loyalty leaders',
			createdBy: host.id,
			suspendedAt: null,
		})
		expect(statusesIn(conversationId)).toEqual({
			[host.id]: 'host:joined',
			[peers[0]!.id]: 'member:invited',
			[peers[1]!.id]: 'member:invited',
		})
		const invitation = db.select().from(notifications).where(eq(notifications.userId, peers[0]!.id)).all()
		expect(invitation).toEqual([
			expect.objectContaining({
				kind: 'roundtable-invited',
				body: 'Loyalty leaders',
				link: `/messages/${conversationId}`,
			}),
		])
		// Alone with pending invitations, the host cannot write yet.
		expect(conversationAccess(host.id, conversationId)).toMatchObject({
			writable: false,
			readOnly: { reason: 'alone' },
		})
		expect(conversationAccess(peers[0]!.id, conversationId)).toBeUndefined()
	})

	test('refuses a bad title, no invitees, too many, strangers and unknown members', async () => {
		const { host, peers } = await hostWithConnections(12)
		const stranger = await createUser({ sectorCode: '813410' })
		const ids = peers.map((peer) => peer.id)
		expect(createRoundtable(host.id, { title: ' ', inviteeIds: [ids[0]!] })).toMatchObject({
			ok: false,
			field: 'title',
		})
		expect(createRoundtable(host.id, { title: 'x'.repeat(81), inviteeIds: [ids[0]!] })).toMatchObject({
			ok: false,
			field: 'title',
		})
		expect(createRoundtable(host.id, { title: 'x'.repeat(80), inviteeIds: [ids[0]!] }).ok).toBe(true)
		expect(createRoundtable(host.id, { title: 'Room', inviteeIds: [host.id] })).toMatchObject({
			ok: false,
			field: 'inviteeIds',
		})
		expect(createRoundtable(host.id, { title: 'Room', inviteeIds: ids })).toMatchObject({
			ok: false,
			code: 'full',
			field: 'inviteeIds',
		})
		expect(createRoundtable(host.id, { title: 'Room', inviteeIds: [ids[0]!, stranger.id] })).toMatchObject({
			ok: false,
			code: 'not-connected',
			message: `You can invite members you are connected with: ${stranger.name} is not among your connections.`,
		})
		expect(createRoundtable(host.id, { title: 'Room', inviteeIds: ['usr_missing'] })).toMatchObject({
			ok: false,
			code: 'not-found',
		})
		expect(createRoundtable(host.id, { title: 'Eleven', inviteeIds: ids.slice(0, 11) }).ok).toBe(true)
	})

	test('a conflicted pair refuses the whole room with the host’s reason, logged as a group invite', async () => {
		const { host, peers } = await hostWithConnections(1)
		const rival = await createUser({ sectorCode: '445131' })
		const before = db.select().from(conversations).all().length
		const refused = createRoundtable(host.id, { title: 'Room', inviteeIds: [peers[0]!.id, rival.id] })
		expect(refused).toMatchObject({ ok: false, code: 'conflict', field: 'inviteeIds' })
		if (refused.ok) return
		expect(refused.message).toMatch(
			new RegExp(`^You and ${rival.name} can't be in the same roundtable: Same industry group: 4451`),
		)
		expect(db.select().from(conversations).all()).toHaveLength(before)
		expect(decisionsBy(host.id)).toEqual([{ targetId: rival.id, rules: ['same-sector'], entryPoint: 'group-invite' }])
	})

	test('two invitees who conflict are named without the reason, and a private list stays private', async () => {
		const host = await createUser({ sectorCode: '445110' })
		const dana = await createUser({ name: 'Dana Lee', sectorCode: '522110' })
		const sam = await createUser({ name: 'Sam Ortiz', sectorCode: '522130' })
		const priya = await createUser({ name: 'Priya Nair', sectorCode: '721110' })
		for (const peer of [dana, sam, priya]) connect(host.id, peer.id)
		const refused = createRoundtable(host.id, { title: 'Banks', inviteeIds: [dana.id, sam.id] })
		expect(refused).toEqual({
			ok: false,
			code: 'conflict',
			field: 'inviteeIds',
			message: "Dana Lee and Sam Ortiz can't be in the same roundtable: the competitor policy keeps them apart.",
		})
		expect(decisionsBy(dana.id)).toEqual([{ targetId: sam.id, rules: ['same-sector'], entryPoint: 'group-invite' }])

		// Priya lists the host privately: the host learns only that she is not available.
		blockMember(priya.id, host.id)
		const hidden = createRoundtable(host.id, { title: 'Hotels', inviteeIds: [priya.id] })
		expect(hidden).toEqual({
			ok: false,
			code: 'conflict',
			field: 'inviteeIds',
			message: "You and Priya Nair can't be in the same roundtable: This member is not available.",
		})
	})
})

describe('inviteToRoundtable', () => {
	test('only the host invites; the room holds 12 joined or invited', async () => {
		const { host, peers } = await hostWithConnections(12)
		const conversationId = openRoom(host, peers.slice(0, 2))
		expect(inviteToRoundtable(peers[0]!.id, conversationId, [peers[2]!.id])).toMatchObject({
			ok: false,
			code: 'not-host',
		})
		const outsider = await createUser({ sectorCode: '541810' })
		expect(inviteToRoundtable(outsider.id, conversationId, [peers[2]!.id])).toMatchObject({
			ok: false,
			code: 'not-found',
		})
		expect(
			inviteToRoundtable(
				host.id,
				conversationId,
				peers.slice(2).map((peer) => peer.id),
			),
		).toMatchObject({
			ok: false,
			code: 'full',
			message: 'A roundtable holds 12 people, the host included: you can invite 9 more.',
		})
		const invited = inviteToRoundtable(
			host.id,
			conversationId,
			peers.slice(2, 11).map((peer) => peer.id),
		)
		expect(invited.ok && invited.data.memberIds).toHaveLength(12)
		expect(inviteToRoundtable(host.id, conversationId, [peers[11]!.id])).toMatchObject({ ok: false, code: 'full' })
		// Someone already in the room is skipped, not refused.
		expect(inviteToRoundtable(host.id, conversationId, [peers[2]!.id])).toMatchObject({ ok: true })
	})

	test('a newcomer is checked against every joined and invited member', async () => {
		const { host, peers } = await hostWithConnections(3)
		const conversationId = openRoom(host, peers.slice(0, 1))
		expect(inviteToRoundtable(host.id, conversationId, [peers[1]!.id]).ok).toBe(true)
		// A peer in the same industry group as the invited (not yet joined) peers[1].
		const rival = await createUser({ name: 'Rita Rival', sectorCode: '311812' })
		connect(host.id, rival.id)
		const refused = inviteToRoundtable(host.id, conversationId, [rival.id])
		expect(refused).toMatchObject({ ok: false, code: 'conflict' })
		expect(!refused.ok && refused.message).toContain(`and Rita Rival can't be in the same roundtable`)
		expect(statusesIn(conversationId)[rival.id]).toBeUndefined()
	})

	test('someone who declined, left or was removed can be invited again', async () => {
		const { host, peers } = await hostWithConnections(3)
		const [declines, leaves, removed] = peers as [Person, Person, Person]
		const created = createRoundtable(host.id, { title: 'Again', inviteeIds: peers.map((peer) => peer.id) })
		if (!created.ok) throw new Error(created.message)
		const { conversationId } = created.data
		expect(respondToInvite(declines.id, conversationId, false)).toMatchObject({
			ok: true,
			data: { status: 'declined' },
		})
		respondToInvite(leaves.id, conversationId, true)
		respondToInvite(removed.id, conversationId, true)
		expect(leaveRoundtable(leaves.id, conversationId)).toMatchObject({ ok: true })
		const removal = removeFromRoundtable(host.id, conversationId, removed.id)
		expect(removal.ok && removal.data.memberIds.sort()).toEqual([host.id, removed.id].sort())
		expect(statusesIn(conversationId)).toMatchObject({
			[declines.id]: 'member:declined',
			[leaves.id]: 'member:left',
			[removed.id]: 'member:removed',
		})
		const again = inviteToRoundtable(
			host.id,
			conversationId,
			peers.map((peer) => peer.id),
		)
		expect(again.ok && again.data.memberIds).toHaveLength(4)
		for (const peer of peers) expect(statusesIn(conversationId)[peer.id]).toBe('member:invited')
	})
})

describe('respondToInvite', () => {
	test('accepting joins with the history read; only an open invitation can be answered', async () => {
		const { host, peers } = await hostWithConnections(2)
		const conversationId = openRoom(host, peers.slice(0, 1))
		const sent = sendMessage(host.id, { conversationId, clientId: newClientId(), body: 'Welcome!' })
		expect(sent.ok).toBe(true)
		expect(inviteToRoundtable(host.id, conversationId, [peers[1]!.id]).ok).toBe(true)
		const joined = respondToInvite(peers[1]!.id, conversationId, true)
		expect(joined).toMatchObject({ ok: true, data: { status: 'joined' } })
		expect(joined.ok && joined.data.memberIds.sort()).toEqual([host.id, ...peers.map((p) => p.id)].sort())
		const member = db
			.select()
			.from(conversationMembers)
			.where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, peers[1]!.id)))
			.get()!
		expect(member.lastReadMessageId).toBe(sent.ok ? sent.data.message.id : -1)
		expect(respondToInvite(peers[1]!.id, conversationId, true)).toMatchObject({ ok: false, code: 'not-found' })
		expect(respondToInvite(host.id, conversationId, false)).toMatchObject({ ok: false, code: 'not-found' })
	})

	test('a conflict that appeared after the invitation refuses the acceptance with the reason', async () => {
		const { host, peers } = await hostWithConnections(2)
		const [member, invitee] = peers as [Person, Person]
		const conversationId = openRoom(host, [member])
		expect(inviteToRoundtable(host.id, conversationId, [invitee.id]).ok).toBe(true)
		// The invitee's company takes up the member's industry as a secondary sector.
		expect(addSecondarySector(invitee.id, '541820')).toMatchObject({ ok: true })
		const refused = respondToInvite(invitee.id, conversationId, true)
		expect(refused).toMatchObject({ ok: false, code: 'conflict' })
		expect(!refused.ok && refused.message).toMatch(
			new RegExp(`^You and ${member.name} can't be in the same roundtable: Same industry group: 5418`),
		)
		expect(statusesIn(conversationId)[invitee.id]).toBe('member:invited')
		expect(decisionsBy(invitee.id)).toEqual([
			{ targetId: member.id, rules: ['same-sector'], entryPoint: 'group-invite' },
		])
		expect(respondToInvite(invitee.id, conversationId, false)).toMatchObject({ ok: true, data: { status: 'declined' } })
	})
})

describe('leaving and removing', () => {
	test('a leaving host hands the role to the longest-standing member; the last one out leaves an empty room', async () => {
		const { host, peers } = await hostWithConnections(2)
		const [first, second] = peers as [Person, Person]
		const created = createRoundtable(host.id, { title: 'Handover', inviteeIds: [first.id] }, Date.now() - 60_000)
		if (!created.ok) throw new Error(created.message)
		const { conversationId } = created.data
		respondToInvite(first.id, conversationId, true)
		inviteToRoundtable(host.id, conversationId, [second.id])
		respondToInvite(second.id, conversationId, true)
		const left = leaveRoundtable(host.id, conversationId)
		expect(left.ok && left.data.memberIds.sort()).toEqual([host.id, first.id, second.id].sort())
		expect(statusesIn(conversationId)).toEqual({
			[host.id]: 'member:left',
			[first.id]: 'host:joined',
			[second.id]: 'member:joined',
		})
		expect(conversationAccess(host.id, conversationId)).toBeUndefined()
		expect(removeFromRoundtable(second.id, conversationId, first.id)).toMatchObject({ ok: false, code: 'not-host' })
		expect(removeFromRoundtable(first.id, conversationId, first.id)).toMatchObject({ ok: false, code: 'bad-request' })
		expect(removeFromRoundtable(first.id, conversationId, host.id)).toMatchObject({ ok: false, code: 'not-found' })
		expect(leaveRoundtable(first.id, conversationId).ok).toBe(true)
		expect(statusesIn(conversationId)[second.id]).toBe('host:joined')
		expect(leaveRoundtable(second.id, conversationId)).toMatchObject({ ok: true, data: { memberIds: [second.id] } })
		expect(leaveRoundtable(second.id, conversationId)).toMatchObject({ ok: false, code: 'not-found' })
	})

	test('when the last member leaves, open invitations are withdrawn and the invitees are told', async () => {
		const { host, peers } = await hostWithConnections(1)
		const [invitee] = peers as [Person]
		const created = createRoundtable(host.id, { title: 'Nobody home', inviteeIds: [invitee.id] })
		if (!created.ok) throw new Error(created.message)
		const { conversationId } = created.data
		const left = leaveRoundtable(host.id, conversationId)
		expect(left.ok && left.data.memberIds.sort()).toEqual([host.id, invitee.id].sort())
		expect(statusesIn(conversationId)[invitee.id]).toBe('member:removed')
		expect(respondToInvite(invitee.id, conversationId, true)).toMatchObject({ ok: false, code: 'not-found' })
	})
})

describe('suspension when members come into conflict', () => {
	test('a profile edit that puts two members in one sector suspends the room; removing one reopens it', async () => {
		const { host, peers } = await hostWithConnections(3)
		const [agency, bakery, bank] = peers as [Person, Person, Person]
		const conversationId = openRoom(host, [agency, bakery, bank])
		expect(conversationAccess(agency.id, conversationId)).toMatchObject({ writable: true })

		// The real profile edit: the agency's company adds the bakery's industry (3118).
		expect(addSecondarySector(agency.id, '311812')).toMatchObject({ ok: true })
		expect(suspendedAt(conversationId)).toBeInstanceOf(Date)
		expect(conversationAccess(bank.id, conversationId)).toMatchObject({
			writable: false,
			readOnly: { reason: 'roundtable-suspended' },
		})
		expect(sendMessage(host.id, { conversationId, clientId: newClientId(), body: 'Hello?' })).toMatchObject({
			ok: false,
			code: 'read-only',
		})
		// Nobody new can be seated next to the conflicted pair.
		expect(invitableConnections(host.id, conversationId)).toEqual([])

		const removed = removeFromRoundtable(host.id, conversationId, bakery.id)
		expect(removed.ok && removed.data.memberIds).toContain(bakery.id)
		expect(suspendedAt(conversationId)).toBeNull()
		expect(conversationAccess(bank.id, conversationId)).toMatchObject({ writable: true })
	})

	test('recheckMembers and a scoped or full sync report the rooms they changed', async () => {
		const { host, peers } = await hostWithConnections(2)
		const [banker, teacher] = peers as [Person, Person]
		const conversationId = openRoom(host, [banker, teacher])
		expect(syncRoundtableSuspensions({ userIds: [banker.id] })).toEqual({ suspended: 0, restored: 0 })
		blockMember(teacher.id, banker.id)
		expect(suspendedAt(conversationId)).toBeInstanceOf(Date)
		expect(syncRoundtableSuspensions('all')).toMatchObject({ suspended: 0 })
		db.update(conversations).set({ suspendedAt: null }).where(eq(conversations.id, conversationId)).run()
		expect(syncRoundtableSuspensions({ userIds: [banker.id] })).toEqual({ suspended: 1, restored: 0 })
		expect(syncRoundtableSuspensions({ userIds: [] })).toEqual({ suspended: 0, restored: 0 })
		recheckMembers([teacher.id])
		expect(suspendedAt(conversationId)).toBeInstanceOf(Date)
		// Leaving, not only removal, reopens the room.
		expect(leaveRoundtable(teacher.id, conversationId).ok).toBe(true)
		expect(suspendedAt(conversationId)).toBeNull()
	})
})

describe('invitableConnections', () => {
	test('lists accepted, unsuspended connections not in the room and in conflict with nobody in it', async () => {
		const { host, peers } = await hostWithConnections(4)
		const [member, free, invited, pending] = peers as [Person, Person, Person, Person]
		const conversationId = openRoom(host, [member])
		inviteToRoundtable(host.id, conversationId, [invited.id])
		const clashesWithMember = await createUser({ sectorCode: '541820' })
		connect(host.id, clashesWithMember.id)
		const suspendedPeer = await createUser({ sectorCode: '236116' })
		connect(host.id, suspendedPeer.id)
		const inactive = await createUser({ sectorCode: '325411', status: 'suspended' })
		connect(inactive.id, host.id)
		rebuildConflictKeys(db, [clashesWithMember.id, suspendedPeer.id, inactive.id])
		db.update(connections)
			.set({ status: 'pending' })
			.where(eq(connections.pairKey, pairKeyOf(host.id, pending.id)))
			.run()
		db.update(connections)
			.set({ suspendedAt: new Date() })
			.where(eq(connections.pairKey, pairKeyOf(host.id, suspendedPeer.id)))
			.run()

		const options = invitableConnections(host.id, conversationId)
		expect(options.map((option) => option.userId)).toEqual([free.id])
		expect(options[0]).toEqual({
			userId: free.id,
			name: free.name,
			title: 'Chief Marketing Officer',
			company: expect.any(String),
		})
		const forNewRoom = invitableConnections(host.id).map((option) => option.userId)
		expect(forNewRoom.sort()).toEqual([member.id, free.id, invited.id, clashesWithMember.id].sort())
		expect(invitableConnections(member.id, conversationId)).toEqual([])
	})
})
