/**
 * Who is online, away or offline. Each tab (socket) reports online or away; a member is online
 * if any of their sockets anywhere in the cluster is, away if all are, offline without sockets.
 * Presence is only ever told to members who share a joined conversation with the member.
 */
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { realtimeServer } from './broadcast.server.ts'
import { rooms, type PresenceInfo, type PresenceState, type SocketData } from './events.ts'
import type { AppSocket } from './socket-server.server.ts'

type Namespace = AppSocket['nsp']

const readPeers = prepareOnce(() =>
	db.$client.prepare<{ userId: string }, { userId: string }>(
		`select distinct other.user_id as userId
		from conversation_members me
		join conversation_members other on other.conversation_id = me.conversation_id
			and other.status = 'joined' and other.user_id != me.user_id
		where me.user_id = @userId and me.status = 'joined'`,
	),
)

const writeLastSeen = prepareOnce(() =>
	db.$client.prepare<{ userId: string; now: number }>(`update users set last_seen_at = @now where id = @userId`),
)

/** Members who share a joined conversation with `userId`: the only ones who may see their presence. */
function peersOf(userId: string) {
	return readPeers()
		.all({ userId })
		.map((row) => row.userId)
}

function stateOf(sockets: ReadonlyArray<{ data: Partial<SocketData> }>): PresenceState {
	if (sockets.length === 0) return 'offline'
	return sockets.some((socket) => socket.data.presence !== 'away') ? 'online' : 'away'
}

/**
 * What this process last announced per member, only while it holds one of their sockets (so the
 * map stays as small as the local connections). Another process may announce the same state
 * again; `presence:changed` is idempotent, so that costs one redundant event.
 */
const announced = new Map<string, Exclude<PresenceState, 'offline'>>()
/** One evaluation at a time per member, so two tabs connecting at once cannot both miss the change. */
const evaluating = new Map<string, Promise<void>>()

function reevaluate(nsp: Namespace, userId: string) {
	const next = (evaluating.get(userId) ?? Promise.resolve())
		.then(() => announceIfChanged(nsp, userId))
		.catch((error: unknown) => console.error('Could not update presence', error))
	evaluating.set(userId, next)
	void next.then(() => {
		if (evaluating.get(userId) === next) evaluating.delete(userId)
	})
}

async function announceIfChanged(nsp: Namespace, userId: string) {
	const room = rooms.user(userId)
	const state = stateOf(await nsp.in(room).fetchSockets())
	const before = announced.get(userId) ?? 'offline'
	if (state !== 'offline' && nsp.adapter.rooms.has(room)) announced.set(userId, state)
	else announced.delete(userId)
	if (state === before) return
	let lastSeenAt: number | null = null
	if (state === 'offline') {
		lastSeenAt = Date.now()
		writeLastSeen().run({ userId, now: lastSeenAt })
	}
	const peers = peersOf(userId)
	if (peers.length > 0) nsp.to(peers.map(rooms.user)).emit('presence:changed', { userId, state, lastSeenAt })
}

/** Members (of these) with at least one socket anywhere in the cluster, online or away. */
export async function connectedUserIds(userIds: readonly string[]) {
	const io = realtimeServer()
	if (!io || userIds.length === 0) return new Set<string>()
	// Members with a socket on this process are known without asking the cluster (the common case).
	const localRooms = io.of('/').adapter.rooms
	const connected = new Set(userIds.filter((userId) => (localRooms.get(rooms.user(userId))?.size ?? 0) > 0))
	const elsewhere = userIds.filter((userId) => !connected.has(userId))
	if (elsewhere.length === 0) return connected
	for (const socket of await io.in(elsewhere.map(rooms.user)).fetchSockets()) connected.add(socket.data.userId)
	return connected
}

const readLastSeen = (userIds: readonly string[]) =>
	db.$client
		.prepare<string[], { id: string; lastSeenAt: number | null }>(
			`select id, last_seen_at as lastSeenAt from users where id in (${userIds.map(() => '?').join(',')})`,
		)
		.all(...userIds)

/**
 * Presence of the members the asker may see (those sharing a joined conversation, and the asker);
 * anyone else is reported offline, never seen, as an unknown id is.
 */
export async function presenceFor(socket: AppSocket, userIds: readonly string[]) {
	const { nsp } = socket
	const askerId = socket.data.userId
	const visible = new Set([askerId, ...peersOf(askerId)])
	const asked = [...new Set(userIds)]
	const shown = asked.filter((id) => visible.has(id))
	const answer: Record<string, PresenceInfo> = {}
	for (const id of asked) answer[id] = { state: 'offline', lastSeenAt: null }
	if (shown.length === 0) return answer
	const sockets = await nsp.in(shown.map(rooms.user)).fetchSockets()
	const socketsOf = new Map<string, Array<{ data: Partial<SocketData> }>>()
	for (const remote of sockets) {
		const own = socketsOf.get(remote.data.userId) ?? []
		own.push(remote)
		socketsOf.set(remote.data.userId, own)
	}
	const offline = shown.filter((id) => !socketsOf.has(id))
	const lastSeen = new Map(offline.length ? readLastSeen(offline).map((row) => [row.id, row.lastSeenAt]) : [])
	for (const id of shown) {
		const state = stateOf(socketsOf.get(id) ?? [])
		answer[id] = { state, lastSeenAt: state === 'offline' ? (lastSeen.get(id) ?? null) : null }
	}
	return answer
}

/**
 * Starts tracking one socket: online now, re-evaluated on disconnect. Connecting costs one local
 * socket lookup and, only when the member's state changes, one query for their peers.
 */
export function trackPresence(socket: AppSocket) {
	const { userId } = socket.data
	socket.data.presence = 'online'
	reevaluate(socket.nsp, userId)
	socket.on('disconnect', () => reevaluate(socket.nsp, userId))
}

/** This tab is in use (`online`) or idle (`away`); peers hear of it only if the member's state changes. */
export function setPresence(socket: AppSocket, state: 'online' | 'away') {
	if (socket.data.presence === state) return
	socket.data.presence = state
	reevaluate(socket.nsp, socket.data.userId)
}
