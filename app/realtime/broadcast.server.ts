import { remember } from '@epic-web/remember'
import { rooms, type ServerToClientEvents } from './events.ts'
import type { RealtimeServer } from './socket-server.server.ts'

/**
 * The running socket.io server, for app code that pushes events. On globalThis: server.ts creates
 * it in its own module graph, while loaders and actions run in the build's (or Vite's) copy.
 */
const realtime = remember('crossroads-realtime-server', () => ({ io: null as RealtimeServer | null }))

export function setRealtimeServer(io: RealtimeServer | null) {
	realtime.io = io
}

/** Sends an event to every open tab of one member; a no-op when no socket server runs (scripts, tests). */
export function emitToUser<Event extends keyof ServerToClientEvents>(
	userId: string,
	event: Event,
	...args: Parameters<ServerToClientEvents[Event]>
) {
	realtime.io?.to(rooms.user(userId)).emit(event, ...args)
}

/** Sends an event to every open tab of several members in one broadcast (one adapter publish when clustered). */
export function emitToUsers<Event extends keyof ServerToClientEvents>(
	userIds: readonly string[],
	event: Event,
	...args: Parameters<ServerToClientEvents[Event]>
) {
	if (userIds.length === 0) return
	realtime.io?.to(userIds.map(rooms.user)).emit(event, ...args)
}

/** As emitToUsers, leaving out one socket (the tab that caused the event already has the answer in its ack). */
export function emitToUsersExcept<Event extends keyof ServerToClientEvents>(
	exceptSocketId: string,
	userIds: readonly string[],
	event: Event,
	...args: Parameters<ServerToClientEvents[Event]>
) {
	if (userIds.length === 0) return
	realtime.io
		?.to(userIds.map(rooms.user))
		.except(exceptSocketId)
		.emit(event, ...args)
}

/** The running server, for cluster-wide queries (which members have a socket); null when none runs. */
export function realtimeServer() {
	return realtime.io
}

export function isRealtimeRunning() {
	return realtime.io !== null
}
