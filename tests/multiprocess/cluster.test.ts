/**
 * Two production server processes on different ports, one database file and one Redis: socket.io
 * broadcasts, typing and presence cross between them through the streams adapter.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { startTestServer } from '#tests/http/support.ts'
import { createConnectedPair, newClientId } from '#tests/support/messaging.ts'
import { closeClients, eventMatching, signInAs, type ClientSocket } from '#tests/support/realtime.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { testRedisUrl } from './redis-setup.ts'

// A prefix of its own, so parallel runs (and other apps) on the same Redis never mix.
const keyPrefix = `crossroads-test-${randomUUID()}`
const clusterEnv = { REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: keyPrefix }
let first: ServerProcess
let second: ServerProcess

beforeAll(async () => {
	;[first, second] = await Promise.all([startTestServer({ env: clusterEnv }), startTestServer({ env: clusterEnv })])
})
afterEach(closeClients)
afterAll(async () => {
	const codes = await Promise.all([first?.stop(), second?.stop()])
	const redis = createClient({ url: testRedisUrl })
	await redis.connect()
	for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*` })) if (keys.length) await redis.del(keys)
	await redis.close()
	expect(codes).toEqual([0, 0])
})

const presenceOf = async (tab: ClientSocket, userId: string) => {
	const answer = await tab.timeout(5000).emitWithAck('presence:query', { userIds: [userId] })
	if (!answer.ok) throw new Error(answer.message)
	return answer.data[userId]!.state
}

test('a message sent on one process reaches every tab of the recipient on both, and typing and presence cross', async () => {
	const pair = await createConnectedPair()
	const [maya, omar, omarElsewhere] = await Promise.all([
		signInAs(() => first.url, pair.first),
		signInAs(() => second.url, pair.second),
		signInAs(() => first.url, pair.second),
	])
	const mayaTab = await maya.openTab()
	const omarTab = await omar.openTab()
	// Omar also has a tab open on Maya's process.
	const omarTabOnFirst = await omarElsewhere.openTab()

	// Process A answers for a socket held by process B once the two have met (their first heartbeat).
	await expect.poll(() => presenceOf(mayaTab, omar.user.id), { timeout: 15_000, interval: 200 }).toBe('online')

	const clientId = newClientId()
	const onSecond = eventMatching(omarTab, 'message:new', ({ message }) => message.clientId === clientId)
	const onFirst = eventMatching(omarTabOnFirst, 'message:new', ({ message }) => message.clientId === clientId)
	const ack = await mayaTab
		.timeout(5000)
		.emitWithAck('message:send', { conversationId: pair.conversationId, clientId, body: 'Across processes' })
	expect(ack).toMatchObject({ ok: true, data: { duplicate: false, message: { clientId, body: 'Across processes' } } })
	const [received, alsoReceived] = await Promise.all([onSecond, onFirst])
	expect(received.message).toEqual(ack.ok && ack.data.message)
	expect(alsoReceived.message).toEqual(received.message)

	const typing = eventMatching(mayaTab, 'typing:start', (notice) => notice.userId === omar.user.id)
	omarTab.emit('typing:start', { conversationId: pair.conversationId })
	expect(await typing).toEqual({ conversationId: pair.conversationId, userId: omar.user.id, name: omar.user.name })

	// Omar closes his tab on A: still online through B. Then his last tab, on B: offline for Maya on A.
	omarTabOnFirst.disconnect()
	await expect.poll(() => presenceOf(mayaTab, omar.user.id), { timeout: 5000 }).toBe('online')
	const offline = eventMatching(
		mayaTab,
		'presence:changed',
		(change) => change.userId === omar.user.id && change.state === 'offline',
	)
	omarTab.disconnect()
	expect(await offline).toMatchObject({ userId: omar.user.id, state: 'offline', lastSeenAt: expect.any(Number) })
	expect(await presenceOf(mayaTab, omar.user.id)).toBe('offline')
})

test('two processes starting on a new database file migrate it once, without failing', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'crossroads-migrate-race-'))
	try {
		const databasePath = join(directory, 'fresh.db')
		const servers = await Promise.all([startTestServer({ databasePath }), startTestServer({ databasePath })])
		const healths = await Promise.all(servers.map((server) => fetch(`${server.url}/healthz`)))
		expect(healths.map((response) => response.status)).toEqual([200, 200])
		expect(await Promise.all(servers.map((server) => server.stop()))).toEqual([0, 0])
	} finally {
		rmSync(directory, { recursive: true, force: true })
	}
})
