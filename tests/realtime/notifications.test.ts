import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { ClientToServerEvents, ServerToClientEvents } from '#app/realtime/events.ts'
import { createRealtimeServer, type RealtimeServer } from '#app/realtime/socket-server.server.ts'
import { markRead, notify } from '#app/features/notifications/notifications.server.ts'
import { createSessionCookie } from '#app/utils/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser, uniqueClient } from '#tests/support/factories.ts'

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
type NewNotification = Parameters<ServerToClientEvents['notification:new']>[0]

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

/** A signed-in member and a function opening another tab (socket) of theirs. */
async function member() {
	const user = await createUser()
	const cookie = (await createSessionCookie(user.id, uniqueClient())).split(';')[0]!
	const openTab = async () => {
		const socket: ClientSocket = connect(url, {
			transports: ['websocket'],
			extraHeaders: { cookie },
			reconnection: false,
			forceNew: true,
		})
		clients.push(socket)
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve)
			socket.once('connect_error', reject)
		})
		return socket
	}
	return { user, openTab }
}

/** Everything a socket receives of one event, and a way to wait until it has received `count` of them. */
function record<Event extends 'notification:new' | 'notification:count'>(socket: ClientSocket, event: Event) {
	type Payload = Parameters<ServerToClientEvents[Event]>[0]
	const received: Payload[] = []
	const waiters: Array<{ count: number; resolve: () => void }> = []
	const listener = (payload: Payload) => {
		received.push(payload)
		for (const waiter of waiters) if (received.length >= waiter.count) waiter.resolve()
	}
	socket.on(event, listener as never)
	return {
		received,
		until: (count: number) =>
			new Promise<Payload[]>((resolve) => {
				const done = () => resolve(received.slice(0, count))
				if (received.length >= count) done()
				else waiters.push({ count, resolve: done })
			}),
	}
}

/** Long enough for a stray event that was sent to arrive over loopback. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

const studyLive = (title: string) =>
	({ kind: 'case-study-approved', title, body: '', link: '/case-studies/cs_1' }) as const

test('both tabs of the member get a new notification live; another member gets nothing', async () => {
	const maya = await member()
	const omar = await member()
	const [tabA, tabB, omarTab] = await Promise.all([maya.openTab(), maya.openTab(), omar.openTab()])
	const inA = record(tabA, 'notification:new')
	const inB = record(tabB, 'notification:new')
	const inOmar = record(omarTab, 'notification:new')
	const item = notify(maya.user.id, studyLive('Your case study is live'))
	expect(await inA.until(1)).toEqual<NewNotification[]>([{ notification: item, unread: 1 }])
	expect(await inB.until(1)).toEqual(inA.received)
	await settle()
	expect(inOmar.received).toEqual([])
})

test('a notification written in a rolled-back transaction is never sent', async () => {
	const maya = await member()
	const tab = await maya.openTab()
	const events = record(tab, 'notification:new')
	expect(() =>
		db.transaction((tx) => {
			notify(maya.user.id, studyLive('Rolled back by a throw'), tx)
			throw new Error('the decision failed')
		}),
	).toThrow('the decision failed')
	expect(() =>
		db.transaction((tx) => {
			notify(maya.user.id, studyLive('Rolled back on purpose'), tx)
			tx.rollback()
		}),
	).toThrow()
	await settle()
	db.transaction((tx) => {
		notify(maya.user.id, studyLive('Committed'), tx)
		try {
			tx.transaction((inner) => {
				notify(maya.user.id, studyLive('Rolled back with its savepoint'), inner)
				inner.rollback()
			})
		} catch {
			// Only the savepoint rolls back; the outer transaction goes on and commits.
		}
	})
	await events.until(1)
	await settle()
	expect(events.received.map((event) => [event.notification.title, event.unread])).toEqual([['Committed', 1]])
})

test('inside a transaction the event waits for the commit and carries the count after it', async () => {
	const maya = await member()
	const tab = await maya.openTab()
	const events = record(tab, 'notification:new')
	db.transaction((tx) => {
		notify(maya.user.id, studyLive('First'), tx)
		notify(maya.user.id, studyLive('Second'), tx)
	})
	expect((await events.until(2)).map((event) => [event.notification.title, event.unread])).toEqual([
		['First', 2],
		['Second', 2],
	])
})

test('marking read in one tab updates the count in the other', async () => {
	const maya = await member()
	const [tabA, tabB] = await Promise.all([maya.openTab(), maya.openTab()])
	const newInB = record(tabB, 'notification:new')
	const first = notify(maya.user.id, studyLive('First'))
	notify(maya.user.id, studyLive('Second'))
	await newInB.until(2)
	const countInA = record(tabA, 'notification:count')
	const countInB = record(tabB, 'notification:count')
	expect(markRead(maya.user.id, [first.id])).toBe(1)
	expect(await countInA.until(1)).toEqual([{ unread: 1 }])
	expect(await countInB.until(1)).toEqual([{ unread: 1 }])
	markRead(maya.user.id, 'all')
	expect(await countInB.until(2)).toEqual([{ unread: 1 }, { unread: 0 }])
	// Marking again changes nothing, so nothing is sent.
	markRead(maya.user.id, 'all')
	await settle()
	expect(countInB.received).toHaveLength(2)
})
