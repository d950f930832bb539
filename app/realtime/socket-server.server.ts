import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import { isSessionActive, onSessionsRevoked, resolveAuth } from '#app/utils/auth.server.ts'
import { setRealtimeServer } from './broadcast.server.ts'
import {
	rooms,
	type ClientToServerEvents,
	type HandshakeErrorData,
	type ServerToClientEvents,
	type SocketData,
	type SocketErrorCode,
} from './events.ts'

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

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
	options: { expectedOrigin: (hostHeader: string | undefined) => string },
): RealtimeServer {
	const io: RealtimeServer = new Server(httpServer, {
		serveClient: false,
		allowRequest(request, callback) {
			const origin = request.headers.origin
			// Non-browser clients send no Origin; they still need a valid session cookie below.
			const allowed = !origin || origin === options.expectedOrigin(request.headers.host)
			callback(allowed ? null : 'Cross-origin socket connection refused', allowed)
		},
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
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
 * Re-checks the session before each event, so a socket can never act on a session that was
 * revoked in a way this process did not hear about (another process, a database edit).
 */
function guardEveryEvent(socket: AppSocket) {
	socket.use((packet, next) => {
		if (isSessionActive(socket.data.sessionId)) return next()
		const ack = packet.at(-1)
		if (typeof ack === 'function')
			ack({ ok: false, code: 'session-revoked', message: 'Your session has ended. Sign in again.' })
		socket.emit('session:ended', { reason: 'revoked' })
		socket.disconnect(true)
	})
}
