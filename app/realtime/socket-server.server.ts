import type { Server as HttpServer } from 'node:http'
import { Server, type ServerOptions, type Socket } from 'socket.io'
import { onSessionsRevoked, resolveAuth, sessionStanding } from '#app/utils/auth.server.ts'
import { unreadMessageCount } from '#app/features/messaging/messaging.server.ts'
import { messagingLimits } from '#app/features/messaging/options.ts'
import { unreadCount } from '#app/features/notifications/notifications.server.ts'
import { setRealtimeServer } from './broadcast.server.ts'
import { registerMessagingHandlers } from './messaging-handlers.server.ts'
import { trackPresence } from './presence.server.ts'
import {
	rooms,
	type ClientToServerEvents,
	type HandshakeErrorData,
	type ServerToClientEvents,
	type SocketData,
	type SocketErrorCode,
} from './events.ts'

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

function handshakeError(code: SocketErrorCode, message: string) {
	const error = new Error(message) as Error & { data: HandshakeErrorData }
	error.data = { code, message }
	return error
}

/**
 * socket.io on the app's own HTTP server. Sockets authenticate with the same session cookie
 * as pages; browsers must connect from the site's origin (checked in allowRequest, since the
 * `cors` option does not guard the websocket transport). App code reaches it through
 * broadcast.server.ts.
 */
export function createRealtimeServer(
	httpServer: HttpServer,
	options: {
		expectedOrigin: (hostHeader: string | undefined) => string
		/** Shares broadcasts between server processes (adapter.server.ts); the in-memory adapter by default. */
		adapter?: ServerOptions['adapter']
	},
): RealtimeServer {
	const io: RealtimeServer = new Server(httpServer, {
		...(options.adapter ? { adapter: options.adapter } : {}),
		serveClient: false,
		allowRequest(request, callback) {
			const origin = request.headers.origin
			// Non-browser clients send no Origin; they still need a valid session cookie below.
			const allowed = !origin || origin === options.expectedOrigin(request.headers.host)
			callback(allowed ? null : 'Cross-origin socket connection refused', allowed)
		},
		connectionStateRecovery: { maxDisconnectionDuration: messagingLimits.recoveryWindowMs },
	})

	io.use(async (socket, next) => {
		try {
			const { auth } = await resolveAuth(socket.request.headers.cookie)
			if (!auth) return next(handshakeError('unauthenticated', 'Sign in to connect.'))
			if (auth.user.status !== 'active')
				return next(handshakeError('unauthenticated', 'Only approved members can connect.'))
			socket.data.userId = auth.user.id
			socket.data.sessionId = auth.session.id
			socket.data.viewer = { userId: auth.user.id, name: auth.user.name, role: auth.user.role }
			next()
		} catch (error) {
			next(error instanceof Error ? error : new Error(String(error)))
		}
	})

	io.on('connection', (socket) => {
		void socket.join([rooms.user(socket.data.userId), rooms.session(socket.data.sessionId)])
		guardEveryEvent(socket)
		registerMessagingHandlers(socket)
		// After joining the member's room: presence counts this socket among theirs.
		trackPresence(socket)
		// Anything that arrived between the page's render and this connection is in these counts.
		socket.emit('messages:unread', { unread: unreadMessageCount(socket.data.userId) })
		socket.emit('notification:count', { unread: unreadCount(socket.data.userId) })
		socket.on('session:whoami', (ack) => {
			if (typeof ack !== 'function') return
			ack({ ok: true, data: socket.data.viewer })
		})
	})

	const stopListening = onSessionsRevoked((sessionIds) => {
		const sessionRooms = sessionIds.map(rooms.session)
		io.to(sessionRooms).emit('session:ended', { reason: 'revoked' })
		io.in(sessionRooms).disconnectSockets(true)
	})
	setRealtimeServer(io)
	httpServer.once('close', () => {
		stopListening()
		setRealtimeServer(null)
	})

	return io
}

/**
 * Re-checks the session and the membership before each event, so a socket can never act on a
 * session that was revoked, or for a member who was suspended, in a way this process did not hear
 * about (another process, a database edit).
 */
function guardEveryEvent(socket: AppSocket) {
	socket.use((packet, next) => {
		const standing = sessionStanding(socket.data.sessionId)
		if (standing === 'active') return next()
		const ack = packet.at(-1)
		if (standing === 'inactive-member') {
			if (typeof ack === 'function')
				ack({ ok: false, code: 'unauthenticated', message: 'Your membership is not active.' })
			socket.disconnect(true)
			return
		}
		if (typeof ack === 'function')
			ack({ ok: false, code: 'session-revoked', message: 'Your session has ended. Sign in again.' })
		socket.emit('session:ended', { reason: 'revoked' })
		socket.disconnect(true)
	})
}
