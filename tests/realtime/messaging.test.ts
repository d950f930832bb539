import { and, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import {
	companySectorCodes,
	connections,
	memberProfiles,
	messages,
	notifications,
	sessions,
	users,
} from '#db/schema.ts'
import { recheckMembers } from '#app/features/conflicts/conflicts.server.ts'
import type { MessageItem } from '#app/features/messaging/options.ts'
import { io as connectSocket } from 'socket.io-client'
import { messageHistory, sendMessage } from '#app/features/messaging/messaging.server.ts'
import { pairKeyOf } from '#app/features/connections/connections.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createRoundtable, respondToInvite } from '#app/features/messaging/roundtables.server.ts'
import { createUser } from '#tests/support/factories.ts'
import { connect, createConnectedPair, newClientId } from '#tests/support/messaging.ts'
import {
	closeClients,
	nextEvent,
	record,
	settle,
	signIn,
	signInAs,
	eventMatching,
	openClients,
	startRealtimeServer,
	type ClientSocket,
	signedInPair,
	twoTabsEach,
} from '#tests/support/realtime.ts'

// Fifty messages per member at once must not hit the burst limit here; send-limits.test.ts tests the limits.
vi.hoisted(() => {
	process.env.MESSAGE_RATE_BURST = '1000/5'
	process.env.MESSAGE_RATE_SUSTAINED = '5000/600'
})

let server: Awaited<ReturnType<typeof startRealtimeServer>>
const url = () => server.url

beforeAll(async () => {
	server = await startRealtimeServer()
})
afterEach(closeClients)
afterAll(() => server.close())

const pair = () => signedInPair(url)

const send = (tab: ClientSocket, conversationId: string, body: string, clientId = newClientId()) =>
	tab.timeout(5000).emitWithAck('message:send', { conversationId, clientId, body })

function sentMessage(ack: Awaited<ReturnType<typeof send>>) {
	if (!ack.ok) throw new Error(`send refused: ${ack.code} ${ack.message}`)
	return ack.data.message
}

const storedWithClientId = (clientId: string) =>
	db.select({ id: messages.id }).from(messages).where(eq(messages.clientId, clientId)).all()

describe('delivery', () => {
	test('a message reaches every tab of both members, the sender’s other tab included, but not the sending tab', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaA, mayaB, omarA, omarB] = await twoTabsEach(maya, omar)
		const inbox = [mayaA, mayaB, omarA, omarB].map((tab) => record(tab, 'message:new'))
		const message = sentMessage(await send(mayaA, conversationId, '  Hello\r\nOmar  '))
		expect(message).toMatchObject({
			conversationId,
			senderId: maya.user.id,
			body: 'Hello\nOmar',
			changeId: expect.any(Number),
		})
		for (const tab of inbox.slice(1)) expect(await tab.until(1)).toEqual([{ message }])
		const reply = sentMessage(await send(omarB, conversationId, 'Hi Maya'))
		for (const tab of [inbox[0]!, inbox[1]!, inbox[2]!])
			expect((await tab.until(tab === inbox[0] ? 1 : 2)).at(-1)).toEqual({ message: reply })
		await settle()
		expect(inbox[0]!.received).toEqual([{ message: reply }])
		expect(inbox[3]!.received).toEqual([{ message }])
	})

	test('fifty messages from each member at once: every tab sees one total order, the id order', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaSender, mayaWatcher, omarSender, omarWatcher] = await twoTabsEach(maya, omar)
		// What each tab sees, in arrival order: its own acks and the others' message:new events.
		const tabs = [mayaSender, mayaWatcher, omarSender, omarWatcher]
		const seen = new Map(tabs.map((tab) => [tab, [] as number[]]))
		const all = tabs.map((tab) => record(tab, 'message:new'))
		for (const tab of tabs) tab.on('message:new', ({ message }) => seen.get(tab)!.push(message.id))
		const fire = (tab: ClientSocket, who: string) =>
			Array.from(
				{ length: 50 },
				(_, index) =>
					new Promise<void>((resolve, reject) => {
						const payload = { conversationId, clientId: newClientId(), body: `${who} ${index}` }
						// A callback, not emitWithAck: it runs as the ack arrives, before any later event.
						tab.timeout(10_000).emit('message:send', payload, (error, ack) => {
							if (error) return reject(error)
							if (!ack.ok) return reject(new Error(ack.message))
							seen.get(tab)!.push(ack.data.message.id)
							resolve()
						})
					}),
			)
		await Promise.all([...fire(mayaSender, 'maya'), ...fire(omarSender, 'omar')])
		await Promise.all([all[0]!.until(50), all[1]!.until(100), all[2]!.until(50), all[3]!.until(100)])
		const history = messageHistory(maya.user.id, conversationId, { limit: 200 })
		if (!history.ok) throw new Error('history refused')
		const ids = history.data.messages.map((message) => message.id)
		expect(ids).toHaveLength(100)
		for (let index = 1; index < ids.length; index++) expect(ids[index]!).toBeGreaterThan(ids[index - 1]!)
		for (const [, arrived] of seen) expect(arrived).toEqual(ids)
		// Each sender's own messages were stored in the order it sent them.
		const bodies = history.data.messages
			.filter((message) => message.senderId === maya.user.id)
			.map((message) => message.body)
		expect(bodies).toEqual(Array.from({ length: 50 }, (_, index) => `maya ${index}`))
	})

	test('a retried client id is stored once, acked with the same message, and delivered once', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaA, mayaB, omarTab] = await Promise.all([maya.openTab(), maya.openTab(), omar.openTab()])
		const omarInbox = record(omarTab, 'message:new')
		const clientId = newClientId()
		const first = await send(mayaA, conversationId, 'Only once', clientId)
		const retry = await send(mayaA, conversationId, 'Only once', clientId)
		expect(first).toMatchObject({ ok: true, data: { duplicate: false } })
		expect(retry).toMatchObject({ ok: true, data: { duplicate: true } })
		expect(sentMessage(retry)).toEqual(sentMessage(first))
		// Two tabs racing with the same client id: one stores it, the other gets the stored message.
		const racedId = newClientId()
		const raced = await Promise.all([
			send(mayaA, conversationId, 'Raced', racedId),
			send(mayaB, conversationId, 'Raced', racedId),
		])
		expect(raced.map((ack) => ack.ok && ack.data.duplicate).sort()).toEqual([false, true])
		expect(sentMessage(raced[0]).id).toBe(sentMessage(raced[1]).id)
		await omarInbox.until(2)
		await settle()
		expect(omarInbox.received.map(({ message }) => message.id)).toEqual([
			sentMessage(first).id,
			sentMessage(raced[0]).id,
		])
		expect(storedWithClientId(clientId)).toHaveLength(1)
		expect(storedWithClientId(racedId)).toHaveLength(1)
	})
})

test('a new connection hears the exact unread counts, so nothing sent before it connected is missed', async () => {
	const { first, second, conversationId } = await createConnectedPair()
	const sent = sendMessage(first.id, { conversationId, clientId: newClientId(), body: 'Before you connected' })
	expect(sent.ok).toBe(true)
	const { cookie } = await signInAs(url, second)
	const tab: ClientSocket = connectSocket(url(), {
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false,
		forceNew: true,
		autoConnect: false,
	})
	openClients.push(tab)
	const unread = record(tab, 'messages:unread')
	const notificationCount = record(tab, 'notification:count')
	tab.connect()
	await unread.until(1)
	await notificationCount.until(1)
	expect(unread.received).toEqual([{ unread: 1 }])
	expect(notificationCount.received).toEqual([{ unread: 0 }])
})

describe('authorization', () => {
	test('someone outside the conversation gets not-found for every event and nothing leaks to them', async () => {
		const { maya, conversationId } = await pair()
		const outsider = await signIn(url, { sectorCode: '311811' })
		const [mayaTab, outsiderTab] = await Promise.all([maya.openTab(), outsider.openTab()])
		const outsiderInbox = record(outsiderTab, 'message:new')
		const outsiderTyping = record(outsiderTab, 'typing:start')
		const message = sentMessage(await send(mayaTab, conversationId, 'Private'))
		const notFound = { ok: false, code: 'not-found', message: expect.any(String) }
		expect(await send(outsiderTab, conversationId, 'Let me in')).toEqual(notFound)
		expect(await outsiderTab.timeout(5000).emitWithAck('conversation:history', { conversationId })).toEqual(notFound)
		expect(await outsiderTab.timeout(5000).emitWithAck('typing:start', { conversationId })).toEqual(notFound)
		expect(
			await outsiderTab.timeout(5000).emitWithAck('conversation:read', { conversationId, messageId: message.id }),
		).toEqual(notFound)
		expect(
			await outsiderTab.timeout(5000).emitWithAck('message:edit', { messageId: message.id, body: 'Changed' }),
		).toEqual(notFound)
		expect(await outsiderTab.timeout(5000).emitWithAck('message:delete', { messageId: message.id })).toEqual(notFound)
		const sync = await outsiderTab.timeout(5000).emitWithAck('messages:sync', { sinceChangeId: 0 })
		if (!sync.ok) throw new Error('sync refused')
		expect(sync.data.messages.filter((item: MessageItem) => item.conversationId === conversationId)).toEqual([])
		await mayaTab.timeout(5000).emitWithAck('typing:start', { conversationId })
		await settle()
		expect(outsiderInbox.received).toEqual([])
		expect(outsiderTyping.received).toEqual([])
		expect(messageHistory(maya.user.id, conversationId)).toMatchObject({
			data: { messages: [{ id: message.id, body: 'Private' }] },
		})
	})

	test('a member cannot edit or delete the other member’s message', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaTab, omarTab] = await Promise.all([maya.openTab(), omar.openTab()])
		const message = sentMessage(await send(mayaTab, conversationId, 'Mine'))
		expect(
			await omarTab.timeout(5000).emitWithAck('message:edit', { messageId: message.id, body: 'Yours now' }),
		).toMatchObject({
			ok: false,
			code: 'not-yours',
		})
		expect(await omarTab.timeout(5000).emitWithAck('message:delete', { messageId: message.id })).toMatchObject({
			ok: false,
			code: 'not-yours',
		})
	})

	test('a suspended connection makes the conversation read-only with the reason; history and deleting stay open', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaTab, omarTab] = await Promise.all([maya.openTab(), omar.openTab()])
		const earlier = sentMessage(await send(mayaTab, conversationId, 'Before the conflict'))
		db.update(connections)
			.set({ suspendedAt: new Date() })
			.where(eq(connections.pairKey, pairKeyOf(maya.user.id, omar.user.id)))
			.run()
		const omarTyping = record(omarTab, 'typing:start')
		const readOnly = { ok: false, code: 'read-only', message: expect.stringMatching(/read-only.*conflict/) }
		expect(await send(mayaTab, conversationId, 'After the conflict')).toEqual(readOnly)
		expect(await mayaTab.timeout(5000).emitWithAck('typing:start', { conversationId })).toEqual(readOnly)
		expect(await mayaTab.timeout(5000).emitWithAck('message:edit', { messageId: earlier.id, body: 'Edited' })).toEqual(
			readOnly,
		)
		expect(await omarTab.timeout(5000).emitWithAck('conversation:history', { conversationId })).toMatchObject({
			ok: true,
			data: { messages: [{ id: earlier.id }] },
		})
		expect(await mayaTab.timeout(5000).emitWithAck('message:delete', { messageId: earlier.id })).toMatchObject({
			ok: true,
		})
		await settle()
		expect(omarTyping.received).toEqual([])
		expect(db.select().from(messages).where(eq(messages.conversationId, conversationId)).all()).toHaveLength(1)
	})

	test('a socket whose session was revoked behind its back is refused and disconnected; nothing is stored', async () => {
		const { maya, conversationId } = await pair()
		const tab = await maya.openTab()
		// Deleted directly, as another process would: this process's revocation listener never hears of it.
		db.delete(sessions).where(eq(sessions.id, maya.sessionId)).run()
		const ended = nextEvent(tab, 'session:ended')
		const disconnected = nextEvent(tab, 'disconnect')
		const clientId = newClientId()
		expect(await send(tab, conversationId, 'After sign-out', clientId)).toMatchObject({
			ok: false,
			code: 'session-revoked',
		})
		expect(await ended).toEqual({ reason: 'revoked' })
		expect(await disconnected).toBe('io server disconnect')
		expect(storedWithClientId(clientId)).toEqual([])
	})

	test('a member whose status is no longer active is refused and disconnected even with a live session', async () => {
		const { maya, conversationId } = await pair()
		const tab = await maya.openTab()
		db.update(users).set({ status: 'suspended' }).where(eq(users.id, maya.user.id)).run()
		const disconnected = nextEvent(tab, 'disconnect')
		const clientId = newClientId()
		expect(await send(tab, conversationId, 'Still here?', clientId)).toMatchObject({
			ok: false,
			code: 'unauthenticated',
			message: 'Your membership is not active.',
		})
		expect(await disconnected).toBe('io server disconnect')
		expect(storedWithClientId(clientId)).toEqual([])
	})
})

test('when a profile change puts the pair in conflict, both members’ tabs are told and the conversation turns read-only', async () => {
	const { maya, omar, conversationId } = await pair()
	const [mayaTab, omarTab] = await Promise.all([maya.openTab(), omar.openTab()])
	const mayaHears = nextEvent(mayaTab, 'conversation:changed')
	const omarHears = nextEvent(omarTab, 'conversation:changed')
	// Omar's company moves into Maya's sector (grocery), as an edit of its codes would.
	const omarCompany = db
		.select({ companyId: memberProfiles.companyId })
		.from(memberProfiles)
		.where(eq(memberProfiles.userId, omar.user.id))
		.get()!.companyId
	db.update(companySectorCodes).set({ code: '445110' }).where(eq(companySectorCodes.companyId, omarCompany)).run()
	expect(recheckMembers([omar.user.id])).toEqual({ suspended: 1, restored: 0 })
	expect(await mayaHears).toEqual({ conversationId })
	expect(await omarHears).toEqual({ conversationId })
	const refused = await send(mayaTab, conversationId, 'Still there?')
	expect(refused).toMatchObject({ ok: false, code: 'read-only' })
})

describe('bad payloads', () => {
	test('are answered with a typed bad-request naming the field, and store nothing', async () => {
		const { maya, conversationId } = await pair()
		const tab = await maya.openTab()
		const emit = tab.timeout(5000)
		expect(await emit.emitWithAck('message:send', { conversationId, clientId: 'bad id!', body: 'hi' })).toEqual({
			ok: false,
			code: 'bad-request',
			message: 'The client id must be 8–64 letters, digits, "-" or "_".',
			field: 'clientId',
		})
		expect(await emit.emitWithAck('message:send', { conversationId, clientId: newClientId(), body: ' \n ' })).toEqual({
			ok: false,
			code: 'bad-request',
			message: 'Write a message.',
			field: 'body',
		})
		expect(
			await emit.emitWithAck('message:send', { conversationId, clientId: newClientId(), body: 'x'.repeat(4001) }),
		).toMatchObject({ code: 'bad-request', field: 'body', message: 'A message can be at most 4,000 characters.' })
		expect(await emit.emitWithAck('message:send', { clientId: newClientId(), body: 'hi' } as never)).toMatchObject({
			code: 'bad-request',
			field: 'conversationId',
		})
		expect(await emit.emitWithAck('message:send', 'hello' as never)).toEqual({
			ok: false,
			code: 'bad-request',
			message: 'The event payload must be an object.',
		})
		expect(await emit.emitWithAck('message:edit', { messageId: '7' as never, body: 'x' })).toMatchObject({
			code: 'bad-request',
			field: 'messageId',
		})
		expect(await emit.emitWithAck('conversation:read', { conversationId, messageId: 1.5 })).toMatchObject({
			code: 'bad-request',
			field: 'messageId',
		})
		expect(await emit.emitWithAck('messages:sync', { sinceChangeId: -1 })).toMatchObject({
			code: 'bad-request',
			field: 'sinceChangeId',
		})
		expect(await emit.emitWithAck('presence:set', { state: 'busy' as never })).toMatchObject({
			code: 'bad-request',
			field: 'state',
		})
		expect(await emit.emitWithAck('presence:query', { userIds: 'everyone' as never })).toMatchObject({
			code: 'bad-request',
			field: 'userIds',
		})
		expect(await emit.emitWithAck('conversation:history', { conversationId: 42 as never })).toMatchObject({
			code: 'bad-request',
			field: 'conversationId',
		})
		expect(db.select().from(messages).where(eq(messages.conversationId, conversationId)).all()).toEqual([])
	})

	test('an event that needs an ack and has none is ignored', async () => {
		const { maya, conversationId } = await pair()
		const tab = await maya.openTab()
		const clientId = newClientId()
		;(tab.emit as (...args: unknown[]) => void)('message:send', { conversationId, clientId, body: 'No ack' })
		// Events of one socket are handled in order: once whoami answers, the send was seen and dropped.
		expect(await tab.timeout(5000).emitWithAck('session:whoami')).toMatchObject({ ok: true })
		expect(storedWithClientId(clientId)).toEqual([])
	})
})

describe('changes, receipts and typing', () => {
	test('edits and deletions reach every tab of both members live', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaA, mayaB, omarA, omarB] = await twoTabsEach(maya, omar)
		const message = sentMessage(await send(mayaA, conversationId, 'First draft'))
		const updates = [mayaA, mayaB, omarA, omarB].map((tab) => record(tab, 'message:updated'))
		const edited = await mayaA.timeout(5000).emitWithAck('message:edit', { messageId: message.id, body: 'Final text' })
		expect(edited).toMatchObject({
			ok: true,
			data: { message: { id: message.id, body: 'Final text', editedAt: expect.any(Number) } },
		})
		const deleted = await mayaA.timeout(5000).emitWithAck('message:delete', { messageId: message.id })
		expect(deleted).toMatchObject({
			ok: true,
			data: { message: { id: message.id, body: '', deletedAt: expect.any(Number) } },
		})
		if (!edited.ok || !deleted.ok) return
		for (const tab of updates)
			expect(await tab.until(2)).toEqual([{ message: edited.data.message }, { message: deleted.data.message }])
		expect(deleted.data.message.changeId).toBeGreaterThan(edited.data.message.changeId)
		expect(edited.data.message.changeId).toBeGreaterThan(message.changeId)
		expect(await omarA.timeout(5000).emitWithAck('message:edit', { messageId: message.id, body: 'x' })).toMatchObject({
			ok: false,
		})
	})

	test('reading sends the receipt to the sender and the new unread total to the reader’s tabs', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaTab, omarA, omarB] = await Promise.all([maya.openTab(), omar.openTab(), omar.openTab()])
		sentMessage(await send(mayaTab, conversationId, 'One'))
		const two = sentMessage(await send(mayaTab, conversationId, 'Two'))
		const receipts = record(mayaTab, 'conversation:read')
		const unreadInA = record(omarA, 'messages:unread')
		const unreadInB = record(omarB, 'messages:unread')
		expect(
			await omarA.timeout(5000).emitWithAck('conversation:read', { conversationId, messageId: two.id + 100 }),
		).toEqual({ ok: true, data: { lastReadMessageId: two.id } })
		expect(await receipts.until(1)).toEqual([{ conversationId, userId: omar.user.id, lastReadMessageId: two.id }])
		expect(await unreadInA.until(1)).toEqual([{ unread: 0 }])
		expect(await unreadInB.until(1)).toEqual([{ unread: 0 }])
		// Reading again moves nothing, so nothing is sent.
		expect(await omarB.timeout(5000).emitWithAck('conversation:read', { conversationId, messageId: two.id })).toEqual({
			ok: true,
			data: { lastReadMessageId: two.id },
		})
		await settle()
		expect(receipts.received).toHaveLength(1)
		expect(unreadInB.received).toHaveLength(1)
	})

	test('typing reaches the other member’s tabs, never the typer’s own', async () => {
		const { maya, omar, conversationId } = await pair()
		const [mayaA, mayaB, omarA, omarB] = await twoTabsEach(maya, omar)
		const typing = [mayaA, mayaB, omarA, omarB].map((tab) => record(tab, 'typing:start'))
		expect(await omarA.timeout(5000).emitWithAck('typing:start', { conversationId })).toEqual({ ok: true, data: null })
		const notice = { conversationId, userId: omar.user.id, name: omar.user.name }
		expect(await typing[0]!.until(1)).toEqual([notice])
		expect(await typing[1]!.until(1)).toEqual([notice])
		// Without an ack (what clients usually send) it works the same.
		omarB.emit('typing:start', { conversationId })
		await typing[0]!.until(2)
		await settle()
		expect(typing[2]!.received).toEqual([])
		expect(typing[3]!.received).toEqual([])
	})
})

describe('offline recipients', () => {
	test('get one notification per conversation for several messages, none while connected, settled by reading', async () => {
		const { maya, omar, conversationId } = await pair()
		const mayaTab = await maya.openTab()
		const omarTab = await omar.openTab()
		const omarNotifications = () =>
			db
				.select()
				.from(notifications)
				.where(and(eq(notifications.userId, omar.user.id), eq(notifications.kind, 'message-received')))
				.all()
		sentMessage(await send(mayaTab, conversationId, 'While you are here'))
		const omarOffline = eventMatching(mayaTab, 'presence:changed', (change) => change.state === 'offline')
		omarTab.disconnect()
		expect(await omarOffline).toMatchObject({ userId: omar.user.id })
		sentMessage(await send(mayaTab, conversationId, 'Are you there?\nI have a question.'))
		sentMessage(await send(mayaTab, conversationId, 'Second one'))
		sentMessage(await send(mayaTab, conversationId, 'Third one'))
		// Each message's notification work runs before the server reads the next message, so once
		// the third is acked the first two are settled.
		expect(omarNotifications()).toHaveLength(1)
		expect(omarNotifications()[0]).toMatchObject({
			title: `New messages from ${maya.user.name}`,
			// The first message while away: the one sent while Omar was connected made none.
			body: 'Are you there? I have a question.',
			link: `/messages/${conversationId}`,
			readAt: null,
		})
		const back = await omar.openTab()
		const count = record(back, 'notification:count')
		const history = await back.timeout(5000).emitWithAck('conversation:history', { conversationId })
		const newest = history.ok ? history.data.messages.at(-1)!.id : 0
		await back.timeout(5000).emitWithAck('conversation:read', { conversationId, messageId: newest })
		expect(await count.until(1)).toEqual([{ unread: 0 }])
		expect(omarNotifications()[0]!.readAt).toBeInstanceOf(Date)
	})

	test('in a roundtable, only the members with no tab open are notified, with the roundtable’s title', async () => {
		const host = await createUser({ sectorCode: '445110' })
		const online = await createUser({ sectorCode: '541810' })
		const away = await createUser({ sectorCode: '311811' })
		connect(host.id, online.id)
		connect(host.id, away.id)
		const created = createRoundtable(host.id, { title: 'Loyalty leaders', inviteeIds: [online.id, away.id] })
		if (!created.ok) throw new Error(created.message)
		const { conversationId } = created.data
		for (const peer of [online, away]) expect(respondToInvite(peer.id, conversationId, true).ok).toBe(true)
		const [hostTab, onlineTab] = await Promise.all(
			[signInAs(url, host), signInAs(url, online)].map(async (member) => (await member).openTab()),
		)
		const inbox = record(onlineTab!, 'message:new')
		const typing = record(onlineTab!, 'typing:start')
		sentMessage(await send(hostTab!, conversationId, 'Welcome, everyone'))
		sentMessage(await send(hostTab!, conversationId, 'Agenda to follow'))
		await hostTab!.timeout(5000).emitWithAck('typing:start', { conversationId })
		await inbox.until(2)
		await typing.until(1)
		const received = (userId: string) =>
			db
				.select({ title: notifications.title, body: notifications.body, link: notifications.link })
				.from(notifications)
				.where(and(eq(notifications.userId, userId), eq(notifications.kind, 'message-received')))
				.all()
		expect(received(away.id)).toEqual([
			{ title: 'New messages in Loyalty leaders', body: 'Welcome, everyone', link: `/messages/${conversationId}` },
		])
		expect(received(online.id)).toEqual([])
		expect(received(host.id)).toEqual([])
	})
})
