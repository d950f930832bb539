import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { publishMessage } from '#app/features/messaging/live.server.ts'
import { sendMessage } from '#app/features/messaging/messaging.server.ts'
import type { MessageItem } from '#app/features/messaging/options.ts'
import { newClientId } from '#tests/support/messaging.ts'
import {
	closeClients,
	connected,
	nextEvent,
	record,
	settle,
	startRealtimeServer,
	type ClientSocket,
	signedInPair,
} from '#tests/support/realtime.ts'

let server: Awaited<ReturnType<typeof startRealtimeServer>>
const url = () => server.url

beforeAll(async () => {
	server = await startRealtimeServer()
})
afterEach(closeClients)
afterAll(() => server.close())

const pair = () => signedInPair(url)

async function send(tab: ClientSocket, conversationId: string, body: string) {
	const ack = await tab.timeout(5000).emitWithAck('message:send', { conversationId, clientId: newClientId(), body })
	if (!ack.ok) throw new Error(`send refused: ${ack.message}`)
	return ack.data.message
}

test('a dropped connection is recovered: the events missed meanwhile are replayed, in order', async () => {
	const { maya, omar, conversationId } = await pair()
	const [mayaTab, omarTab] = await Promise.all([maya.openTab(), omar.openTab()])
	const inbox = record(omarTab, 'message:new')
	const updates = record(omarTab, 'message:updated')
	const first = await send(mayaTab, conversationId, 'Before the drop')
	await inbox.until(1)
	const onServer = server.io.sockets.sockets.get(omarTab.id!)!
	const serverSawIt = new Promise<string>((resolve) => onServer.once('disconnect', resolve))
	const clientSawIt = nextEvent(omarTab, 'disconnect')
	// The network drops under the tab: no goodbye packet, so the server keeps its session for recovery.
	omarTab.io.engine.close()
	expect(await serverSawIt).toBe('transport close')
	await clientSawIt
	const missed = [await send(mayaTab, conversationId, 'While away'), await send(mayaTab, conversationId, 'Still away')]
	const edited = await mayaTab
		.timeout(5000)
		.emitWithAck('message:edit', { messageId: first.id, body: 'Edited meanwhile' })
	omarTab.connect()
	await connected(omarTab)
	expect(omarTab.recovered).toBe(true)
	expect(await inbox.until(3)).toEqual([{ message: first }, ...missed.map((message) => ({ message }))])
	expect(await updates.until(1)).toEqual([{ message: edited.ok && edited.data.message }])
	await settle()
	expect(inbox.received).toHaveLength(3)
})

test('after a server restart recovery is impossible; messages:sync returns exactly what was missed', async () => {
	const { maya, omar, conversationId } = await pair()
	const omarTab = await omar.openTab()
	const inbox = record(omarTab, 'message:new')
	const mayaBefore = await maya.openTab()
	const seen = await send(mayaBefore, conversationId, 'Seen before the restart')
	await inbox.until(1)
	const lastChangeId = Math.max(...inbox.received.map(({ message }) => message.changeId))

	const dropped = nextEvent(omarTab, 'disconnect')
	const port = server.port
	await server.close()
	await dropped
	// While no server runs, a no-JS form post still stores a message (and broadcasts to no one).
	const stored = sendMessage(maya.user.id, { conversationId, clientId: newClientId(), body: 'Sent while down' })
	if (!stored.ok) throw new Error(stored.message)
	publishMessage(stored.data)
	server = await startRealtimeServer(port)

	const mayaAfter = await maya.openTab()
	const afterRestart = await send(mayaAfter, conversationId, 'Sent after the restart')
	const edit = await mayaAfter
		.timeout(5000)
		.emitWithAck('message:edit', { messageId: stored.data.message.id, body: 'Sent while down, edited' })
	if (!edit.ok) throw new Error(edit.message)

	omarTab.connect()
	await connected(omarTab)
	expect(omarTab.recovered).toBe(false)
	const sync = await omarTab.timeout(5000).emitWithAck('messages:sync', { sinceChangeId: lastChangeId })
	if (!sync.ok) throw new Error(sync.message)
	// In change order: the later edit moved the first missed message after the second.
	expect(sync.data).toEqual({
		messages: [afterRestart, edit.data.message],
		more: false,
		lastChangeId: edit.data.message.changeId,
	})
	const merged = new Map<number, MessageItem>([[seen.id, seen]])
	for (const message of sync.data.messages) merged.set(message.id, message)
	expect([...merged.keys()].sort((a, b) => a - b)).toEqual([seen.id, stored.data.message.id, afterRestart.id])
	// Nothing further is missing: syncing again from the new cursor is empty.
	expect(await omarTab.timeout(5000).emitWithAck('messages:sync', { sinceChangeId: sync.data.lastChangeId })).toEqual({
		ok: true,
		data: { messages: [], more: false, lastChangeId: sync.data.lastChangeId },
	})
	expect(inbox.received).toHaveLength(1)
})
