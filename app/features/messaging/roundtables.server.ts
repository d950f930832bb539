/**
 * Roundtables: invite-only rooms of up to 12 members, the host included. Every pair in a room must
 * be allowed to meet under the competitor policy: when invited, when accepting, and whenever a
 * profile changes (syncRoundtableSuspensions turns the room read-only until the host removes
 * someone). Each change is one synchronous transaction; callers tell the returned `memberIds`
 * (`conversation:changed`) after these return, that is after the commit.
 */
import { and, eq, inArray, isNull, notInArray, or } from 'drizzle-orm'
import { companies, connections, conversationMembers, conversations, memberProfiles, users } from '#db/schema.ts'
import { chunked, groupBy } from '#app/utils/collections.ts'
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { checkPair, conflictedPairs, listableFor, logConflictDecision } from '../conflicts/conflicts.server.ts'
import { pairKeyOf, partnerOf } from '../connections/connections.server.ts'
import { notify } from '../notifications/notifications.server.ts'
import { announceReadOnlyChanges } from './live.server.ts'
import type { Outcome, Refusal } from './messaging.server.ts'
import { messagingLimits, type ConversationMemberStatus, type MessagingErrorCode } from './options.ts'
import { maxInvitees, RoundtableTitleSchema } from './roundtable-schemas.ts'

const refuse = (code: MessagingErrorCode, message: string, field?: string): Refusal => ({
	ok: false,
	code,
	message,
	...(field ? { field } : {}),
})
const notFound = () => refuse('not-found', 'This roundtable does not exist or you are not part of it.')

type RoomMember = {
	userId: string
	name: string
	role: 'host' | 'member'
	status: ConversationMemberStatus
	createdAt: number
}
type Room = { id: string; title: string; members: RoomMember[] }

const readRoom = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string }, { id: string; title: string }>(
		`select id, title from conversations where id = @conversationId and kind = 'roundtable'`,
	),
)

const readRoomMembers = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string }, RoomMember>(
		`select cm.user_id as userId, u.name as name, cm.role as role, cm.status as status, cm.created_at as createdAt
		from conversation_members cm join users u on u.id = cm.user_id
		where cm.conversation_id = @conversationId order by cm.created_at, cm.user_id`,
	),
)

function loadRoom(conversationId: string): Room | undefined {
	const room = readRoom().get({ conversationId })
	return room && { ...room, members: readRoomMembers().all({ conversationId }) }
}

/** Joined or invited: in the room, or holding a seat in it. */
const isPresent = (member: RoomMember) => member.status === 'joined' || member.status === 'invited'

/** Everyone to tell about a change: the joined and invited members, plus whoever just went out. */
function audienceOf(conversationId: string, also?: string) {
	const present = readRoomMembers()
		.all({ conversationId })
		.filter(isPresent)
		.map((member) => member.userId)
	return also && !present.includes(also) ? [...present, also] : present
}

/** The room as its host sees it; "not found" for outsiders and "not host" for its other members. */
function hostedRoom(hostId: string, conversationId: string): Outcome<Room> {
	const room = loadRoom(conversationId)
	const me = room?.members.find((member) => member.userId === hostId && member.status === 'joined')
	if (!room || !me) return notFound()
	if (me.role !== 'host') return refuse('not-host', 'Only the host can invite or remove members.')
	return { ok: true, data: room }
}

/** Ids as given, without repeats and without the host. */
const distinctInvitees = (hostId: string, ids: readonly string[]) =>
	[...new Set(ids.map((id) => id.trim()))].filter((id) => id !== '' && id !== hostId)

/** Every pair a room would hold once `incoming` join `present`: each newcomer with everyone before them. */
function pairsWith(present: readonly string[], incoming: readonly string[]) {
	return incoming.flatMap((id, index) =>
		[...present, ...incoming.slice(0, index)].map((other) => [other, id] as [string, string]),
	)
}

/**
 * A refusal naming every pair that may not share the room, or null. A pair with the viewer is
 * explained from the viewer's side (checkPair); a pair of two others only says that the policy
 * keeps them apart, never why (that could reveal a private list). Every refused pair is logged.
 */
function groupConflict(
	viewerId: string,
	pairs: ReadonlyArray<readonly [string, string]>,
	names: ReadonlyMap<string, string>,
	now: number,
	field?: string,
): Refusal | null {
	const found = conflictedPairs(pairs, now)
	if (found.length === 0) return null
	const sentences = found.map(({ a, b, rules }) => {
		const other = a === viewerId ? b : b === viewerId ? a : null
		if (other === null) {
			logConflictDecision(a, b, rules, 'group-invite')
			return `${names.get(a)} and ${names.get(b)} can't be in the same roundtable: the competitor policy keeps them apart.`
		}
		logConflictDecision(viewerId, other, rules, 'group-invite')
		const check = checkPair(viewerId, other, now)
		const why = check.conflicted ? check.explanation.message : 'This member is not available.'
		return `You and ${names.get(other)} can't be in the same roundtable: ${why.replace(/\.$/, '')}.`
	})
	return refuse('conflict', sentences.join(' '), field)
}

/** Active members among `ids`, each with whether they are an accepted, unsuspended connection of the host. */
function readInvitees(hostId: string, ids: readonly string[]) {
	const people = db
		.select({ userId: users.id, name: users.name })
		.from(users)
		.where(and(inArray(users.id, [...ids]), eq(users.status, 'active')))
		.all()
	const connected = new Set(
		db
			.select({ pairKey: connections.pairKey })
			.from(connections)
			.where(
				and(
					inArray(
						connections.pairKey,
						ids.map((id) => pairKeyOf(hostId, id)),
					),
					eq(connections.status, 'accepted'),
					isNull(connections.suspendedAt),
				),
			)
			.all()
			.map((row) => row.pairKey),
	)
	return people.map((person) => ({ ...person, connected: connected.has(pairKeyOf(hostId, person.userId)) }))
}

/**
 * Whether the host may seat `inviteeIds` beside `present` (the host among them): each invitee an
 * active member, no pair in conflict, each one of the host's connections. Returns everyone's names.
 */
function vetInvitees(
	hostId: string,
	present: ReadonlyMap<string, string>,
	inviteeIds: readonly string[],
	now: number,
): Outcome<Map<string, string>> {
	const invitees = readInvitees(hostId, inviteeIds)
	if (invitees.length < inviteeIds.length)
		return refuse('not-found', 'Some of the people you chose are not available.', 'inviteeIds')
	const names = new Map([...present, ...invitees.map((person) => [person.userId, person.name] as const)])
	const conflict = groupConflict(hostId, pairsWith([...present.keys()], inviteeIds), names, now, 'inviteeIds')
	if (conflict) return conflict
	const strangers = invitees.filter((person) => !person.connected).map((person) => person.name)
	if (strangers.length > 0)
		return refuse(
			'not-connected',
			`You can invite members you are connected with: ${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not among your connections.`,
			'inviteeIds',
		)
	return { ok: true, data: names }
}

function notifyInvitees(
	tx: Parameters<typeof notify>[2],
	inviteeIds: readonly string[],
	hostName: string,
	room: { id: string; title: string },
) {
	for (const inviteeId of inviteeIds)
		notify(
			inviteeId,
			{
				kind: 'roundtable-invited',
				title: `${hostName} invited you to a roundtable`,
				body: room.title,
				link: `/messages/${room.id}`,
			},
			tx,
		)
}

const newRoundtableId = () => `cnv_${crypto.randomUUID().replaceAll('-', '')}`

/**
 * Opens a roundtable: the host joins, the invitees (1 to 11 of the host's connections) are invited
 * and notified. Refused as a whole when any two of them may not meet.
 */
export function createRoundtable(
	hostId: string,
	input: { title: string; inviteeIds: string[] },
	now = Date.now(),
): Outcome<{ conversationId: string; memberIds: string[] }> {
	const title = RoundtableTitleSchema.safeParse(input.title)
	if (!title.success) return refuse('bad-request', title.error.issues[0]!.message, 'title')
	const inviteeIds = distinctInvitees(hostId, input.inviteeIds)
	if (inviteeIds.length === 0) return refuse('bad-request', 'Invite at least one of your connections.', 'inviteeIds')
	if (inviteeIds.length > maxInvitees)
		return refuse(
			'full',
			`A roundtable holds ${messagingLimits.roundtableSize} people, you included: invite at most ${maxInvitees}.`,
			'inviteeIds',
		)
	const host = db.select({ name: users.name }).from(users).where(eq(users.id, hostId)).get()
	if (!host) return refuse('not-found', 'Your account was not found.')
	const vetted = vetInvitees(hostId, new Map([[hostId, host.name]]), inviteeIds, now)
	if (!vetted.ok) return vetted
	const room = { id: newRoundtableId(), title: title.data }
	const at = new Date(now)
	db.transaction((tx) => {
		tx.insert(conversations)
			.values({ ...room, kind: 'roundtable', createdBy: hostId, lastActivityAt: at, createdAt: at })
			.run()
		tx.insert(conversationMembers)
			.values([
				{ conversationId: room.id, userId: hostId, role: 'host', status: 'joined', createdAt: at, updatedAt: at },
				...inviteeIds.map((userId) => ({
					conversationId: room.id,
					userId,
					role: 'member' as const,
					status: 'invited' as const,
					invitedBy: hostId,
					createdAt: at,
					updatedAt: at,
				})),
			])
			.run()
		notifyInvitees(tx, inviteeIds, host.name, room)
	})
	return { ok: true, data: { conversationId: room.id, memberIds: [hostId, ...inviteeIds] } }
}

/**
 * The host invites more of their connections, up to 12 people joined or invited. Someone who
 * declined, left or was removed can be invited again; someone already in the room is skipped.
 */
export function inviteToRoundtable(
	hostId: string,
	conversationId: string,
	inviteeIds: string[],
	now = Date.now(),
): Outcome<{ memberIds: string[] }> {
	const hosted = hostedRoom(hostId, conversationId)
	if (!hosted.ok) return hosted
	const room = hosted.data
	const requested = distinctInvitees(hostId, inviteeIds)
	if (requested.length === 0) return refuse('bad-request', 'Choose someone to invite.', 'inviteeIds')
	const present = new Map(room.members.filter(isPresent).map((member) => [member.userId, member.name]))
	const fresh = requested.filter((id) => !present.has(id))
	if (fresh.length === 0) return { ok: true, data: { memberIds: [...present.keys()] } }
	const seatsLeft = messagingLimits.roundtableSize - present.size
	if (fresh.length > seatsLeft)
		return refuse(
			'full',
			seatsLeft > 0
				? `A roundtable holds ${messagingLimits.roundtableSize} people, the host included: you can invite ${seatsLeft} more.`
				: `This roundtable is full: it holds ${messagingLimits.roundtableSize} people, the host included.`,
			'inviteeIds',
		)
	const vetted = vetInvitees(hostId, present, fresh, now)
	if (!vetted.ok) return vetted
	const at = new Date(now)
	db.transaction((tx) => {
		tx.insert(conversationMembers)
			.values(
				fresh.map((userId) => ({
					conversationId,
					userId,
					role: 'member' as const,
					status: 'invited' as const,
					invitedBy: hostId,
					createdAt: at,
					updatedAt: at,
				})),
			)
			.onConflictDoUpdate({
				target: [conversationMembers.conversationId, conversationMembers.userId],
				// A returning member starts over: seniority (who inherits the host role) counts from now.
				set: { status: 'invited', role: 'member', invitedBy: hostId, createdAt: at, updatedAt: at },
			})
			.run()
		notifyInvitees(tx, fresh, present.get(hostId)!, room)
	})
	return { ok: true, data: { memberIds: [...present.keys(), ...fresh] } }
}

const joinRoom = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; userId: string; now: number }>(
		// A newcomer starts with the history read, so the room does not open with a pile of unread messages.
		`update conversation_members set status = 'joined', updated_at = @now,
			last_read_message_id = coalesce((select last_message_id from conversations where id = @conversationId), 0)
		where conversation_id = @conversationId and user_id = @userId and status = 'invited'`,
	),
)

/**
 * The invitee accepts or declines. Acceptance checks the policy again against everyone joined now:
 * a conflict that appeared since the invitation refuses it, with the reason.
 */
export function respondToInvite(
	userId: string,
	conversationId: string,
	accept: boolean,
	now = Date.now(),
): Outcome<{ status: 'joined' | 'declined'; memberIds: string[] }> {
	const room = loadRoom(conversationId)
	if (!room || !room.members.some((member) => member.userId === userId && member.status === 'invited'))
		return refuse('not-found', 'This invitation is no longer open.')
	if (!accept) {
		db.update(conversationMembers)
			.set({ status: 'declined', updatedAt: new Date(now) })
			.where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
			.run()
		return { ok: true, data: { status: 'declined', memberIds: audienceOf(conversationId, userId) } }
	}
	const joined = room.members.filter((member) => member.status === 'joined')
	const conflict = groupConflict(
		userId,
		joined.map((member) => [userId, member.userId] as const),
		new Map(joined.map((member) => [member.userId, member.name])),
		now,
	)
	if (conflict) return conflict
	joinRoom().run({ conversationId, userId, now })
	return { ok: true, data: { status: 'joined', memberIds: audienceOf(conversationId) } }
}

/**
 * Sets a joined or invited member's status; a leaving host hands the role to the longest-standing
 * member. When the last member leaves, open invitations are withdrawn: nobody would be there to
 * host. Returns the invitees whose invitation was withdrawn, so they can be told.
 */
function takeOut(room: Room, memberId: string, status: 'left' | 'removed', now: number) {
	const leaver = room.members.find((member) => member.userId === memberId)!
	const othersJoined = room.members.filter((member) => member.status === 'joined' && member.userId !== memberId)
	const successor = leaver.role === 'host' ? othersJoined[0] : undefined
	const withdrawn =
		leaver.status === 'joined' && othersJoined.length === 0
			? room.members.filter((member) => member.status === 'invited').map((member) => member.userId)
			: []
	const at = new Date(now)
	const member = (userId: string) =>
		and(eq(conversationMembers.conversationId, room.id), eq(conversationMembers.userId, userId))
	db.transaction((tx) => {
		tx.update(conversationMembers).set({ status, role: 'member', updatedAt: at }).where(member(memberId)).run()
		if (successor)
			tx.update(conversationMembers).set({ role: 'host', updatedAt: at }).where(member(successor.userId)).run()
		for (const inviteeId of withdrawn)
			tx.update(conversationMembers).set({ status: 'removed', updatedAt: at }).where(member(inviteeId)).run()
		// The one who went out may have been the conflicted member: the room may reopen.
		syncRooms([room.id], now)
	})
	return withdrawn
}

/** A member leaves; the last one out leaves an empty room behind, which is fine. */
export function leaveRoundtable(
	userId: string,
	conversationId: string,
	now = Date.now(),
): Outcome<{ memberIds: string[] }> {
	const room = loadRoom(conversationId)
	if (!room || !room.members.some((member) => member.userId === userId && member.status === 'joined')) return notFound()
	const withdrawn = takeOut(room, userId, 'left', now)
	return { ok: true, data: { memberIds: [...audienceOf(conversationId, userId), ...withdrawn] } }
}

/** The host removes a member (or withdraws an invitation); removing the conflicted member reopens a suspended room. */
export function removeFromRoundtable(
	hostId: string,
	conversationId: string,
	memberId: string,
	now = Date.now(),
): Outcome<{ memberIds: string[] }> {
	const hosted = hostedRoom(hostId, conversationId)
	if (!hosted.ok) return hosted
	if (memberId === hostId) return refuse('bad-request', 'To go, leave the roundtable: the host role passes on.')
	if (!hosted.data.members.some((member) => member.userId === memberId && isPresent(member)))
		return refuse('not-found', 'This member is not in the roundtable.')
	takeOut(hosted.data, memberId, 'removed', now)
	return { ok: true, data: { memberIds: audienceOf(conversationId, memberId) } }
}

/**
 * Whom the host can invite: accepted, unsuspended connections who are active, not already joined
 * or invited, and in conflict with nobody in the room. One query (the policy's keys per member).
 */
export function invitableConnections(
	hostId: string,
	conversationId?: string,
	now = Date.now(),
): Array<{ userId: string; name: string; title: string; company: string }> {
	let memberIds = [hostId]
	if (conversationId !== undefined) {
		const hosted = hostedRoom(hostId, conversationId)
		if (!hosted.ok) return []
		memberIds = hosted.data.members.filter(isPresent).map((member) => member.userId)
	}
	const partnerId = partnerOf(hostId)
	return db
		.select({ userId: users.id, name: users.name, title: memberProfiles.title, company: companies.name })
		.from(connections)
		.innerJoin(users, eq(users.id, partnerId))
		.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
		.innerJoin(companies, eq(companies.id, memberProfiles.companyId))
		.where(
			and(
				or(eq(connections.requesterId, hostId), eq(connections.addresseeId, hostId)),
				eq(connections.status, 'accepted'),
				isNull(connections.suspendedAt),
				eq(users.status, 'active'),
				notInArray(users.id, memberIds),
				...memberIds.map((memberId) => listableFor(memberId, users.id, now)),
			),
		)
		.orderBy(users.name)
		.all()
}

/** Suspends the rooms among `roomIds` that hold a conflicted pair of joined members and reopens the others. */
function syncRooms(roomIds: readonly string[], now: number) {
	if (roomIds.length === 0) return { suspended: 0, restored: 0 }
	const members = chunked(roomIds, 500).flatMap((ids) =>
		db
			.select({ conversationId: conversationMembers.conversationId, userId: conversationMembers.userId })
			.from(conversationMembers)
			.where(and(inArray(conversationMembers.conversationId, ids), eq(conversationMembers.status, 'joined')))
			.all(),
	)
	const states = chunked(roomIds, 500).flatMap((ids) =>
		db
			.select({ id: conversations.id, suspendedAt: conversations.suspendedAt })
			.from(conversations)
			.where(inArray(conversations.id, ids))
			.all(),
	)
	const pairsOf = new Map<string, string[]>()
	const pairs = new Map<string, [string, string]>()
	for (const [roomId, roomMembers] of groupBy(members, (row) => row.conversationId)) {
		const ids = roomMembers.map((row) => row.userId).sort()
		const keys: string[] = []
		for (let i = 0; i < ids.length; i++)
			for (let j = i + 1; j < ids.length; j++) {
				const key = `${ids[i]}|${ids[j]}`
				keys.push(key)
				pairs.set(key, [ids[i]!, ids[j]!])
			}
		pairsOf.set(roomId, keys)
	}
	const conflicted = new Set(conflictedPairs([...pairs.values()], now).map(({ a, b }) => `${a}|${b}`))
	const toSuspend: string[] = []
	const toRestore: string[] = []
	for (const room of states) {
		const inConflict = (pairsOf.get(room.id) ?? []).some((key) => conflicted.has(key))
		if (inConflict && !room.suspendedAt) toSuspend.push(room.id)
		if (!inConflict && room.suspendedAt) toRestore.push(room.id)
	}
	db.transaction((tx) => {
		for (const ids of chunked(toSuspend, 500))
			tx.update(conversations)
				.set({ suspendedAt: new Date(now) })
				.where(inArray(conversations.id, ids))
				.run()
		for (const ids of chunked(toRestore, 500))
			tx.update(conversations).set({ suspendedAt: null }).where(inArray(conversations.id, ids)).run()
	})
	announceReadOnlyChanges({ roomIds: [...toSuspend, ...toRestore] })
	return { suspended: toSuspend.length, restored: toRestore.length }
}

/**
 * Re-checks the roundtables where these members (or anyone, after a settings change) sit: a room
 * whose joined members now include a conflicted pair becomes read-only; one without reopens.
 * Called by syncConnectionSuspensions, so every profile, company or settings change reaches rooms.
 */
export function syncRoundtableSuspensions(scope: { userIds: readonly string[] } | 'all', now = Date.now()) {
	if (scope !== 'all' && scope.userIds.length === 0) return { suspended: 0, restored: 0 }
	const roomIds =
		scope === 'all'
			? db
					.select({ id: conversations.id })
					.from(conversations)
					.where(eq(conversations.kind, 'roundtable'))
					.all()
					.map((row) => row.id)
			: [
					...new Set(
						chunked(scope.userIds, 500).flatMap((ids) =>
							db
								.select({ id: conversationMembers.conversationId })
								.from(conversationMembers)
								.innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
								.where(
									and(
										inArray(conversationMembers.userId, ids),
										eq(conversationMembers.status, 'joined'),
										eq(conversations.kind, 'roundtable'),
									),
								)
								.all()
								.map((row) => row.id),
						),
					),
				]
	return syncRooms(roomIds, now)
}
