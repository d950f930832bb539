/** The socket.io contract, shared by the server and the browser. */
import type { NotificationItem } from '#app/features/notifications/options.ts'

export type SocketErrorCode = 'unauthenticated' | 'session-revoked' | 'forbidden-origin' | 'bad-request'

export type Ack<T> = { ok: true; data: T } | { ok: false; code: SocketErrorCode; message: string }

/** Attached as `err.data` to the connect_error a refused handshake produces. */
export type HandshakeErrorData = { code: SocketErrorCode; message: string }

export type Viewer = { userId: string; name: string; role: 'member' | 'moderator' | 'admin' }

export interface ClientToServerEvents {
	/** Who the server thinks this socket is; proves per-event authorization. */
	'session:whoami': (ack: (result: Ack<Viewer>) => void) => void
}

export interface ServerToClientEvents {
	/** Sent just before the server disconnects a socket whose session ended elsewhere. */
	'session:ended': (payload: { reason: 'revoked' }) => void
	/** A notification was committed for this member; `unread` is their new unread count. */
	'notification:new': (payload: { notification: NotificationItem; unread: number }) => void
	/** The unread count changed without a new notification (marked read in another tab). */
	'notification:count': (payload: { unread: number }) => void
}

export interface SocketData {
	userId: string
	sessionId: string
	viewer: Viewer
}

export const rooms = {
	user: (userId: string) => `user:${userId}`,
	session: (sessionId: string) => `session:${sessionId}`,
}
