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

export function isRealtimeRunning() {
	return realtime.io !== null
}
