import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '#app/realtime/events.ts'
import { createRealtimeServer, type RealtimeServer } from '#app/realtime/socket-server.server.ts'
import { createSessionCookie } from '#app/utils/auth.server.ts'
import { createUser, uniqueClient } from './factories.ts'
import { createConnectedPair } from './messaging.ts'

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
type ServerEvent = keyof ServerToClientEvents
type PayloadOf<Event extends ServerEvent> = Parameters<ServerToClientEvents[Event]>[0]

/** A real socket.io server over loopback, as server.ts runs it; `port` reuses an address after a restart. */
export async function startRealtimeServer(port = 0) {
	const httpServer: HttpServer = createServer()
	const io: RealtimeServer = createRealtimeServer(httpServer, { expectedOrigin: (host) => `http://${host}` })
	await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve))
	const address = httpServer.address() as AddressInfo
	return {
		io,
		port: address.port,
		url: `http://127.0.0.1:${address.port}`,
		close: () => new Promise<void>((resolve) => io.close(() => resolve())),
	}
}

/** Every socket opened through `signIn`, so a test file can close them after each test. */
export const openClients: ClientSocket[] = []

export function closeClients() {
	openClients.splice(0).forEach((client) => client.disconnect())
}

/**
 * A signed-in member and a function opening another tab (socket) of theirs. Tabs do not reconnect
 * on their own unless asked: tests decide when a dropped tab comes back.
 */
export async function signIn(url: () => string, overrides: Parameters<typeof createUser>[0] = {}) {
	return signInAs(url, await createUser(overrides))
}

/** As signIn, for a member created elsewhere (e.g. by createConnectedPair). */
export async function signInAs<User extends { id: string }>(url: () => string, user: User) {
	const cookie = (await createSessionCookie(user.id, uniqueClient())).split(';')[0]!
	const sessionId = cookie.split('=')[1]!
	const openTab = async (options: Partial<ManagerOptions & SocketOptions> = {}) => {
		const socket: ClientSocket = connect(url(), {
			transports: ['websocket'],
			extraHeaders: { cookie },
			reconnection: false,
			forceNew: true,
			...options,
		})
		openClients.push(socket)
		await connected(socket)
		return socket
	}
	return { user, cookie, sessionId, openTab }
}

export function connected(socket: ClientSocket) {
	return new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve)
		socket.once('connect_error', reject)
	})
}

/** Everything a socket receives of one event, and a way to wait (with a timeout) for `count` of them. */
export function record<Event extends ServerEvent>(socket: ClientSocket, event: Event) {
	const received: PayloadOf<Event>[] = []
	const waiters: Array<{ count: number; resolve: () => void }> = []
	const listener = (payload: PayloadOf<Event>) => {
		received.push(payload)
		for (const waiter of waiters) if (received.length >= waiter.count) waiter.resolve()
	}
	socket.on(event, listener as never)
	return {
		received,
		until: (count: number, timeoutMs = 5000) =>
			new Promise<PayloadOf<Event>[]>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`${event}: received ${received.length} of ${count} within ${timeoutMs} ms`)),
					timeoutMs,
				)
				const done = () => {
					clearTimeout(timer)
					resolve(received.slice(0, count))
				}
				if (received.length >= count) done()
				else waiters.push({ count, resolve: done })
			}),
	}
}

/** The first `event` matching `predicate` from now on, or a rejection after `timeoutMs`. */
export function eventMatching<Event extends ServerEvent>(
	socket: ClientSocket,
	event: Event,
	predicate: (payload: PayloadOf<Event>) => boolean,
	timeoutMs = 5000,
) {
	return new Promise<PayloadOf<Event>>((resolve, reject) => {
		const listener = (payload: PayloadOf<Event>) => {
			if (!predicate(payload)) return
			clearTimeout(timer)
			socket.off(event, listener as never)
			resolve(payload)
		}
		const timer = setTimeout(() => {
			socket.off(event, listener as never)
			reject(new Error(`no matching ${event} within ${timeoutMs} ms`))
		}, timeoutMs)
		socket.on(event, listener as never)
	})
}

/** The next `event` on a socket, or a rejection after `timeoutMs`. */
export function nextEvent<Event extends ServerEvent | 'disconnect'>(
	socket: ClientSocket,
	event: Event,
	timeoutMs = 5000,
) {
	return new Promise<Event extends ServerEvent ? PayloadOf<Event> : string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs)
		socket.once(
			event as never,
			((payload: never) => {
				clearTimeout(timer)
				resolve(payload)
			}) as never,
		)
	})
}

/** Long enough for a stray event that was sent to arrive over loopback: for asserting that nothing came. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

/** A connected pair, both signed in (open tabs with `openTab`), with the conversation between them. */
export async function signedInPair(url: () => string) {
	const { first, second, conversationId } = await createConnectedPair()
	const [maya, omar] = await Promise.all([signInAs(url, first), signInAs(url, second)])
	return { maya, omar, conversationId }
}

/** Two open tabs for each of two members, in the order [a1, a2, b1, b2]. */
export function twoTabsEach(a: { openTab: () => Promise<ClientSocket> }, b: { openTab: () => Promise<ClientSocket> }) {
	return Promise.all([a.openTab(), a.openTab(), b.openTab(), b.openTab()])
}
