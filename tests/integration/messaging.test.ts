import { expect, test } from 'vitest'
import { connections } from '#db/schema.ts'
import {
	changesSince,
	conversationAccess,
	deleteMessage,
	editMessage,
	listConversations,
	markRead,
	messageHistory,
	openDirectConversation,
	queueMessage,
	sendMessage,
	unreadMessageCount,
} from '#app/features/messaging/messaging.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'
import { createConnectedPair, newClientId } from '#tests/support/messaging.ts'

test('a message is stored once per client id, and a retry returns the stored message', async () => {
	const { first, second, conversationId } = await createConnectedPair()
	const clientId = newClientId()
	const sent = sendMessage(first.id, { conversationId, clientId, body: '  Hello\r\nthere  ' })
	expect(sent).toMatchObject({ ok: true, data: { duplicate: false, message: { body: 'Hello\nthere' } } })
	const retried = sendMessage(first.id, { conversationId, clientId, body: 'Hello\nthere' })
	expect(retried).toMatchObject({ ok: true, data: { duplicate: true } })
	if (!sent.ok || !retried.ok) return
	expect(retried.data.message.id).toBe(sent.data.message.id)
	expect(sent.data.recipientIds.sort()).toEqual([first.id, second.id].sort())
	const history = messageHistory(second.id, conversationId)
	expect(history.ok && history.data.messages.map((message) => message.body)).toEqual(['Hello\nthere'])
})

test('messages are refused when empty, too long, or from someone outside the conversation', async () => {
	const { first, conversationId } = await createConnectedPair()
	const outsider = await createUser({ sectorCode: '311811' })
	expect(sendMessage(first.id, { conversationId, clientId: newClientId(), body: '   ' })).toMatchObject({
		ok: false,
		code: 'bad-request',
		field: 'body',
	})
	expect(sendMessage(first.id, { conversationId, clientId: newClientId(), body: 'x'.repeat(4001) })).toMatchObject({
		ok: false,
		message: 'A message can be at most 4,000 characters.',
	})
	expect(sendMessage(outsider.id, { conversationId, clientId: newClientId(), body: 'hi' })).toMatchObject({
		ok: false,
		code: 'not-found',
	})
	expect(sendMessage(first.id, { conversationId, clientId: 'bad id!', body: 'hi' })).toMatchObject({
		ok: false,
		field: 'clientId',
	})
})

test('a suspended connection makes the conversation read-only with the reason', async () => {
	const { first, second, conversationId } = await createConnectedPair()
	db.update(connections).set({ suspendedAt: new Date() }).run()
	expect(conversationAccess(second.id, conversationId)).toMatchObject({
		writable: false,
		readOnly: { reason: 'connection-suspended' },
	})
	expect(sendMessage(first.id, { conversationId, clientId: newClientId(), body: 'hi' })).toMatchObject({
		ok: false,
		code: 'read-only',
	})
})

test('a same-sector pair cannot open a conversation', async () => {
	const first = await createUser({ sectorCode: '445110' })
	const rival = await createUser({ sectorCode: '445110' })
	expect(openDirectConversation(first.id, rival.id)).toMatchObject({ ok: false, code: 'conflict' })
})

test('edits within 15 minutes, deletes, unread counts, read receipts and catch-up by change id', async () => {
	const { first, second, conversationId } = await createConnectedPair()
	const before = changesSince(second.id, 0).lastChangeId
	const sentAt = Date.now()
	const one = sendMessage(first.id, { conversationId, clientId: newClientId(), body: 'one' }, sentAt)
	const two = sendMessage(first.id, { conversationId, clientId: newClientId(), body: 'two' }, sentAt)
	if (!one.ok || !two.ok) throw new Error('send failed')
	expect(unreadMessageCount(second.id)).toBe(2)
	expect(listConversations(second.id)[0]).toMatchObject({
		id: conversationId,
		unread: 2,
		lastMessage: { preview: 'two' },
	})
	expect(editMessage(second.id, one.data.message.id, 'hijack')).toMatchObject({ ok: false, code: 'not-yours' })
	expect(editMessage(first.id, one.data.message.id, 'one, edited', sentAt + 16 * 60 * 1000)).toMatchObject({
		ok: false,
		code: 'edit-window',
	})
	expect(editMessage(first.id, one.data.message.id, 'one, edited', sentAt + 60_000)).toMatchObject({
		ok: true,
		data: { message: { body: 'one, edited' } },
	})
	expect(deleteMessage(first.id, two.data.message.id)).toMatchObject({ ok: true, data: { message: { body: '' } } })
	expect(unreadMessageCount(second.id)).toBe(1)
	const caughtUp = changesSince(second.id, before)
	// The edit and the deletion moved both messages past the inserts: each appears once, in its latest state.
	expect(caughtUp.messages.map((message) => [message.id, message.body, message.deletedAt !== null])).toEqual([
		[one.data.message.id, 'one, edited', false],
		[two.data.message.id, '', true],
	])
	expect(markRead(second.id, conversationId, two.data.message.id + 1000)).toMatchObject({
		ok: true,
		data: { lastReadMessageId: two.data.message.id, changed: true },
	})
	expect(markRead(second.id, conversationId, one.data.message.id)).toMatchObject({ ok: true, data: { changed: false } })
	expect(unreadMessageCount(second.id)).toBe(0)
})

test('messages queued in the same tick commit together, in order, each judged on its own', async () => {
	const { first, second, conversationId } = await createConnectedPair()
	const outsider = await createUser({ sectorCode: '311811' })
	const repeated = newClientId()
	const outcomes = await Promise.all([
		queueMessage(first.id, { conversationId, clientId: newClientId(), body: 'one' }),
		queueMessage(second.id, { conversationId, clientId: newClientId(), body: 'two' }),
		queueMessage(first.id, { conversationId, clientId: newClientId(), body: '   ' }),
		queueMessage(outsider.id, { conversationId, clientId: newClientId(), body: 'let me in' }),
		queueMessage(first.id, { conversationId, clientId: repeated, body: 'three' }),
		queueMessage(first.id, { conversationId, clientId: repeated, body: 'three' }),
	])
	expect(outcomes.map((outcome) => (outcome.ok ? outcome.data.duplicate : outcome.code))).toEqual([
		false,
		false,
		'bad-request',
		'not-found',
		false,
		true,
	])
	const ids = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.data.message.id] : []))
	expect(ids.slice(0, 3)).toEqual([...ids.slice(0, 3)].sort((a, b) => a - b))
	expect(ids[3]).toBe(ids[2])
	const history = messageHistory(second.id, conversationId)
	expect(history.ok && history.data.messages.map((message) => message.body)).toEqual(['one', 'two', 'three'])
})
