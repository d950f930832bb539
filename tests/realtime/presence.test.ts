import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { users } from '#db/schema.ts'
import type { ServerToClientEvents } from '#app/realtime/events.ts'
import { db } from '#app/utils/db.server.ts'
import { createConnectedPair } from '#tests/support/messaging.ts'
import {
	closeClients,
	eventMatching,
	record,
	settle,
	signIn,
	signInAs,
	startRealtimeServer,
	type ClientSocket,
} from '#tests/support/realtime.ts'

type PresenceChange = Parameters<ServerToClientEvents['presence:changed']>[0]

let server: Awaited<ReturnType<typeof startRealtimeServer>>
const url = () => server.url

beforeAll(async () => {
	server = await startRealtimeServer()
})
afterEach(closeClients)
afterAll(() => server.close())

const query = (tab: ClientSocket, userIds: string[]) => tab.timeout(5000).emitWithAck('presence:query', { userIds })

test('online on connect, away when every tab is away, offline with last seen after the last tab closes', async () => {
	const { first, second } = await createConnectedPair()
	const [maya, omar] = await Promise.all([signInAs(url, first), signInAs(url, second)])
	const stranger = await signIn(url, { sectorCode: '311811' })
	const [mayaTab, strangerTab] = await Promise.all([maya.openTab(), stranger.openTab()])
	const changes = record(mayaTab, 'presence:changed')
	const strangerChanges = record(strangerTab, 'presence:changed')
	const omarIs = (state: PresenceChange['state']) =>
		eventMatching(mayaTab, 'presence:changed', (change) => change.userId === omar.user.id && change.state === state)

	const online = omarIs('online')
	const omarA = await omar.openTab()
	expect(await online).toEqual({ userId: omar.user.id, state: 'online', lastSeenAt: null })
	const omarB = await omar.openTab()
	expect(await query(mayaTab, [omar.user.id])).toEqual({
		ok: true,
		data: { [omar.user.id]: { state: 'online', lastSeenAt: null } },
	})

	// One tab away, the other still in use: still online.
	expect(await omarA.timeout(5000).emitWithAck('presence:set', { state: 'away' })).toEqual({ ok: true, data: null })
	expect(await query(mayaTab, [omar.user.id])).toMatchObject({ data: { [omar.user.id]: { state: 'online' } } })
	const away = omarIs('away')
	omarB.emit('presence:set', { state: 'away' })
	expect(await away).toEqual({ userId: omar.user.id, state: 'away', lastSeenAt: null })
	const back = omarIs('online')
	omarA.emit('presence:set', { state: 'online' })
	await back

	// A stranger sees Omar offline and never seen, and hears nothing of his changes.
	expect(await query(strangerTab, [omar.user.id, 'usr_unknown'])).toEqual({
		ok: true,
		data: {
			[omar.user.id]: { state: 'offline', lastSeenAt: null },
			usr_unknown: { state: 'offline', lastSeenAt: null },
		},
	})

	omarA.disconnect()
	expect(await query(mayaTab, [omar.user.id])).toMatchObject({ data: { [omar.user.id]: { state: 'away' } } })
	const offline = omarIs('offline')
	omarB.disconnect()
	const gone = await offline
	expect(gone).toEqual({ userId: omar.user.id, state: 'offline', lastSeenAt: expect.any(Number) })
	const stored = db.select({ lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, omar.user.id)).get()
	expect(stored?.lastSeenAt?.getTime()).toBe(gone.lastSeenAt)
	expect(await query(mayaTab, [omar.user.id])).toEqual({
		ok: true,
		data: { [omar.user.id]: { state: 'offline', lastSeenAt: gone.lastSeenAt } },
	})
	await settle()
	expect(changes.received.map((change) => change.state)).toEqual(['online', 'away', 'online', 'away', 'offline'])
	expect(strangerChanges.received).toEqual([])
})

test('two tabs connecting at once announce online once, and the member sees their peers', async () => {
	const { first, second } = await createConnectedPair()
	const [maya, omar] = await Promise.all([signInAs(url, first), signInAs(url, second)])
	const mayaTab = await maya.openTab()
	const changes = record(mayaTab, 'presence:changed')
	const [omarTab] = await Promise.all([omar.openTab(), omar.openTab(), omar.openTab()])
	await changes.until(1)
	await settle()
	expect(changes.received).toEqual([{ userId: omar.user.id, state: 'online', lastSeenAt: null }])
	expect(await query(omarTab, [maya.user.id, omar.user.id])).toEqual({
		ok: true,
		data: {
			[maya.user.id]: { state: 'online', lastSeenAt: null },
			[omar.user.id]: { state: 'online', lastSeenAt: null },
		},
	})
})
