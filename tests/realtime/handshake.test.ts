import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { sessions } from '#db/schema.ts'
import type { ClientToServerEvents, HandshakeErrorData, ServerToClientEvents } from '#app/realtime/events.ts'
import { createRealtimeServer, type RealtimeServer } from '#app/realtime/socket-server.server.ts'
import { createSessionCookie, revokeSession, revokeUserSessions } from '#app/utils/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser, uniqueClient } from '#tests/support/factories.ts'

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

let httpServer: HttpServer
let io: RealtimeServer
let url: string
const clients: ClientSocket[] = []

beforeAll(async () => {
	httpServer = createServer()
	io = createRealtimeServer(httpServer, { expectedOrigin: (host) => `http://${host}` })
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
	url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})
afterEach(() => clients.splice(0).forEach((client) => client.disconnect()))
afterAll(() => new Promise<void>((resolve) => io.close(() => resolve())))

function client(headers: Record<string, string> = {}): ClientSocket {
	const socket: ClientSocket = connect(url, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true,
	})
	clients.push(socket)
	return socket
}

async function sessionFor(overrides: Parameters<typeof createUser>[0] = {}) {
	const user = await createUser(overrides)
	const cookie = (await createSessionCookie(user.id, uniqueClient())).split(';')[0]!
	const sessionId = cookie.split('=')[1]!
	return { user, cookie, sessionId }
}

function connected(socket: ClientSocket) {
	return new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve)
		socket.once('connect_error', reject)
	})
}

function refusal(socket: ClientSocket) {
	return new Promise<Error & { data?: HandshakeErrorData }>((resolve, reject) => {
		socket.once('connect', () => reject(new Error('the socket connected but should have been refused')))
		socket.once('connect_error', resolve)
	})
}

function disconnection(socket: ClientSocket) {
	return new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)))
}

describe('handshake', () => {
	test('refuses a socket without a session cookie, with a typed error', async () => {
		const error = await refusal(client())
		expect(error.data).toEqual({ code: 'unauthenticated', message: 'Sign in to connect.' })
	})

	test('refuses a forged session cookie', async () => {
		const error = await refusal(client({ cookie: 'crossroads_session=not-a-real-session' }))
		expect(error.data?.code).toBe('unauthenticated')
	})

	test('refuses an expired session', async () => {
		const { cookie, sessionId } = await sessionFor()
		db.update(sessions)
			.set({ expiresAt: Math.floor(Date.now() / 1000) - 1 })
			.where(eq(sessions.id, sessionId))
			.run()
		expect((await refusal(client({ cookie }))).data?.code).toBe('unauthenticated')
	})

	test('refuses applicants: only approved members use the realtime network', async () => {
		const { cookie } = await sessionFor({ status: 'applicant' })
		expect((await refusal(client({ cookie }))).data).toEqual({
			code: 'unauthenticated',
			message: 'Only approved members can connect.',
		})
	})

	test('refuses a browser connecting from another origin, even with a valid cookie', async () => {
		const { cookie } = await sessionFor()
		const error = await refusal(client({ cookie, origin: 'https://evil.example' }))
		expect(error.message).toMatch(/websocket error|xhr poll error|Cross-origin/i)
	})

	test('accepts a valid session from the site origin and knows who it is', async () => {
		const { user, cookie } = await sessionFor({ role: 'moderator' })
		const socket = client({ cookie, origin: url })
		await connected(socket)
		const whoami = await socket.emitWithAck('session:whoami')
		expect(whoami).toEqual({ ok: true, data: { userId: user.id, name: user.name, role: 'moderator' } })
	})
})

describe('revocation', () => {
	test('signing out disconnects that session’s sockets and tells them why', async () => {
		const { user, cookie, sessionId } = await sessionFor()
		const socket = client({ cookie })
		await connected(socket)
		const ended = new Promise((resolve) => socket.once('session:ended', resolve))
		const disconnected = disconnection(socket)
		await revokeSession(user.id, sessionId)
		expect(await ended).toEqual({ reason: 'revoked' })
		expect(await disconnected).toBe('io server disconnect')
	})

	test('“sign out other sessions” leaves the current session’s socket connected', async () => {
		const current = await sessionFor()
		const otherCookie = (await createSessionCookie(current.user.id, uniqueClient())).split(';')[0]!
		const keep = client({ cookie: current.cookie })
		const drop = client({ cookie: otherCookie })
		await Promise.all([connected(keep), connected(drop)])
		const dropped = disconnection(drop)
		await revokeUserSessions(current.user.id, current.sessionId)
		expect(await dropped).toBe('io server disconnect')
		expect(keep.connected).toBe(true)
		expect((await keep.emitWithAck('session:whoami')).ok).toBe(true)
	})

	test('a session deleted behind the server’s back cannot act: the next event is refused and the socket dropped', async () => {
		const { cookie, sessionId } = await sessionFor()
		const socket = client({ cookie })
		await connected(socket)
		db.delete(sessions).where(eq(sessions.id, sessionId)).run()
		const disconnected = disconnection(socket)
		expect(await socket.emitWithAck('session:whoami')).toEqual({
			ok: false,
			code: 'session-revoked',
			message: 'Your session has ended. Sign in again.',
		})
		expect(await disconnected).toBe('io server disconnect')
	})
})
