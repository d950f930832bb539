import { describe, expect, test } from 'vitest'
import {
	conversationReducer,
	describeSendError,
	initialConversationState,
	seenReceipt,
	timelineOf,
	type ConversationAction,
	type ConversationState,
} from '#app/features/messaging/conversation-state.ts'
import type { MessageItem } from '#app/features/messaging/options.ts'

const conversationId = 'cnv_a'
const me = 'usr_me'
const peer = 'usr_peer'

function message(id: number, overrides: Partial<MessageItem> = {}): MessageItem {
	return {
		id,
		conversationId,
		senderId: peer,
		senderName: 'Peer Person',
		clientId: `client-${id}-xxxx`,
		body: `Message ${id}`,
		createdAt: 1_700_000_000_000 + id * 1000,
		editedAt: null,
		deletedAt: null,
		hiddenAt: null,
		changeId: id,
		...overrides,
	}
}

function start(messages: MessageItem[] = [], overrides: Partial<Parameters<typeof initialConversationState>[0]> = {}) {
	return initialConversationState({
		conversationId,
		viewerId: me,
		messages,
		hasMoreBefore: false,
		lastChangeId: Math.max(0, ...messages.map((item) => item.changeId)),
		...overrides,
	})
}

const apply = (state: ConversationState, ...actions: ConversationAction[]) => actions.reduce(conversationReducer, state)
const bodies = (state: ConversationState) =>
	timelineOf(state).map((entry) => (entry.kind === 'message' ? entry.message.body : `pending:${entry.send.body}`))
const ids = (state: ConversationState) => state.ids

describe('ordering and deduplication', () => {
	test('messages are ordered by id, whatever order they arrive in', () => {
		const state = apply(
			start([message(2)]),
			{ type: 'received', message: message(5) },
			{ type: 'received', message: message(3) },
			{ type: 'received', message: message(1) },
			{ type: 'received', message: message(4) },
		)
		expect(ids(state)).toEqual([1, 2, 3, 4, 5])
		expect(bodies(state)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5'])
	})

	test('a message that arrives twice (ack and broadcast, replay and sync) appears once', () => {
		const state = apply(
			start([message(1)]),
			{ type: 'received', message: message(2) },
			{ type: 'received', message: message(2) },
			{ type: 'synced', messages: [message(1), message(2), message(3)], lastChangeId: 3 },
			{ type: 'received', message: message(3) },
		)
		expect(ids(state)).toEqual([1, 2, 3])
		expect(timelineOf(state)).toHaveLength(3)
	})

	test('receiving a message already held leaves the state untouched (no re-render)', () => {
		const state = start([message(1)])
		expect(conversationReducer(state, { type: 'received', message: message(1) })).toBe(state)
	})

	test('messages of other conversations are ignored', () => {
		const state = apply(start([message(1)]), {
			type: 'received',
			message: message(2, { conversationId: 'cnv_other' }),
		})
		expect(ids(state)).toEqual([1])
	})
})

describe('sending', () => {
	test('a pending send shows at the bottom until acknowledged, then takes its place by id', () => {
		let state = apply(start([message(1), message(2)]), {
			type: 'send-started',
			clientId: 'mine-0001',
			body: 'Hello there',
			now: 1,
		})
		expect(bodies(state)).toEqual(['Message 1', 'Message 2', 'pending:Hello there'])
		expect(state.pending[0]).toMatchObject({ status: 'sending', error: null })
		const pendingKey = timelineOf(state).at(-1)!.key
		state = apply(state, {
			type: 'received',
			message: message(3, { senderId: me, senderName: 'Me', clientId: 'mine-0001', body: 'Hello there' }),
		})
		expect(state.pending).toEqual([])
		expect(bodies(state)).toEqual(['Message 1', 'Message 2', 'Hello there'])
		// Same key: React keeps the element, the bubble is replaced in place.
		expect(timelineOf(state).at(-1)!.key).toBe(pendingKey)
	})

	test('the broadcast of an own message confirms the pending copy too, and a later ack changes nothing', () => {
		const own = message(7, { senderId: me, clientId: 'mine-0002', body: 'Twice' })
		let state = apply(
			start([message(6)]),
			{ type: 'send-started', clientId: 'mine-0002', body: 'Twice', now: 1 },
			{ type: 'received', message: own },
		)
		const confirmed = state
		state = apply(state, { type: 'received', message: own })
		expect(state).toBe(confirmed)
		expect(bodies(state)).toEqual(['Message 6', 'Twice'])
	})

	test('a message from someone else that lands before the ack sorts above the confirmed own message', () => {
		const state = apply(
			start([message(1)]),
			{ type: 'send-started', clientId: 'mine-0003', body: 'Mine', now: 1 },
			{ type: 'received', message: message(3) },
			{ type: 'received', message: message(2, { senderId: me, clientId: 'mine-0003', body: 'Mine' }) },
		)
		expect(bodies(state)).toEqual(['Message 1', 'Mine', 'Message 3'])
	})

	test('a failed send stays with its reason; retrying keeps the same client id and then succeeds', () => {
		let state = apply(
			start(),
			{ type: 'send-started', clientId: 'mine-0004', body: 'Try me', now: 1 },
			{ type: 'send-failed', clientId: 'mine-0004', error: { code: 'timeout', message: 'No answer' } },
		)
		expect(state.pending).toEqual([
			expect.objectContaining({ clientId: 'mine-0004', status: 'failed', retryable: true }),
		])
		expect(state.pending[0]!.error).toBe('Not sent: no answer from the server.')
		state = apply(state, { type: 'send-retried', clientId: 'mine-0004' })
		expect(state.pending[0]).toMatchObject({ clientId: 'mine-0004', status: 'sending', error: null })
		state = apply(state, {
			type: 'received',
			message: message(1, { senderId: me, clientId: 'mine-0004', body: 'Try me' }),
		})
		expect(state.pending).toEqual([])
		expect(bodies(state)).toEqual(['Try me'])
	})

	test('a rate-limited send says when to try again; an invalid one cannot be retried', () => {
		const state = apply(
			start(),
			{ type: 'send-started', clientId: 'mine-0005', body: 'Fast', now: 1 },
			{ type: 'send-started', clientId: 'mine-0006', body: 'Bad', now: 2 },
			{
				type: 'send-failed',
				clientId: 'mine-0005',
				error: { code: 'rate-limited', message: 'Slow down', retryAfterMs: 4200 },
			},
			{ type: 'send-failed', clientId: 'mine-0006', error: { code: 'bad-request', message: 'Too long.' } },
		)
		expect(state.pending.map((send) => [send.error, send.retryable])).toEqual([
			["You're sending too fast — try again in 5 s.", true],
			['Too long.', false],
		])
		expect(describeSendError({ code: 'read-only', message: 'Read-only.' })).toBe('Read-only.')
	})

	test('starting the same client id twice keeps one pending send', () => {
		const state = apply(
			start(),
			{ type: 'send-started', clientId: 'mine-0007', body: 'Once', now: 1 },
			{ type: 'send-started', clientId: 'mine-0007', body: 'Once', now: 2 },
		)
		expect(state.pending).toHaveLength(1)
	})

	test('pending sends keep the order they were written in, below every confirmed message', () => {
		const state = apply(
			start([message(1)]),
			{ type: 'send-started', clientId: 'mine-0008', body: 'First', now: 1 },
			{ type: 'send-started', clientId: 'mine-0009', body: 'Second', now: 2 },
			{ type: 'received', message: message(2) },
		)
		expect(bodies(state)).toEqual(['Message 1', 'Message 2', 'pending:First', 'pending:Second'])
	})
})

describe('edits and deletions', () => {
	test('an edit or deletion replaces the message in place', () => {
		const state = apply(
			start([message(1), message(2)]),
			{ type: 'received', message: message(1, { body: 'Fixed typo', editedAt: 5, changeId: 3 }) },
			{ type: 'received', message: message(2, { body: '', deletedAt: 6, changeId: 4 }) },
		)
		expect(ids(state)).toEqual([1, 2])
		expect(state.byId[1]).toMatchObject({ body: 'Fixed typo', editedAt: 5 })
		expect(state.byId[2]).toMatchObject({ body: '', deletedAt: 6 })
	})

	test('an older version arriving late never overwrites a newer one', () => {
		const state = apply(
			start([message(1)]),
			{ type: 'received', message: message(1, { body: '', deletedAt: 9, changeId: 9 }) },
			{ type: 'received', message: message(1, { body: 'Edited', editedAt: 5, changeId: 5 }) },
			{ type: 'synced', messages: [message(1)], lastChangeId: 9 },
		)
		expect(state.byId[1]).toMatchObject({ deletedAt: 9, body: '' })
	})

	test('an update for a message not loaded yet (out of order: update before create) is kept', () => {
		const state = apply(
			start([message(1)]),
			{ type: 'received', message: message(2, { body: 'Edited', editedAt: 3, changeId: 3 }) },
			{ type: 'received', message: message(2) },
		)
		expect(state.byId[2]).toMatchObject({ body: 'Edited', changeId: 3 })
	})
})

describe('catch-up and history', () => {
	test('a sync merges missed messages and edits and moves the change cursor', () => {
		const state = apply(start([message(1), message(2)], { lastChangeId: 2 }), {
			type: 'synced',
			messages: [
				message(3),
				message(1, { body: 'Edited while away', editedAt: 4, changeId: 4 }),
				message(4, { changeId: 5 }),
				message(9, { conversationId: 'cnv_other', changeId: 6 }),
			],
			lastChangeId: 6,
		})
		expect(ids(state)).toEqual([1, 2, 3, 4])
		expect(state.byId[1]!.body).toBe('Edited while away')
		expect(state.lastChangeId).toBe(6)
	})

	test('live messages do not move the change cursor: only syncs and loaders say what was caught up', () => {
		const state = apply(start([message(1)], { lastChangeId: 1 }), { type: 'received', message: message(5) })
		expect(state.lastChangeId).toBe(1)
	})

	test('an earlier page goes on top and says whether more remain', () => {
		const state = apply(start([message(51), message(52)], { hasMoreBefore: true }), {
			type: 'history',
			messages: [message(49), message(50)],
			hasMore: false,
		})
		expect(ids(state)).toEqual([49, 50, 51, 52])
		expect(state.hasMoreBefore).toBe(false)
	})

	test('a revalidated loader merges in without dropping earlier pages or pending sends', () => {
		const state = apply(
			start([message(10), message(11)], { hasMoreBefore: true, lastChangeId: 11 }),
			{ type: 'history', messages: [message(8), message(9)], hasMore: true },
			{ type: 'send-started', clientId: 'mine-0010', body: 'Pending', now: 1 },
			{
				type: 'loaded',
				messages: [message(10), message(11), message(12)],
				hasMoreBefore: true,
				hasMoreAfter: false,
				lastChangeId: 12,
				readPositions: { [peer]: 11 },
			},
		)
		expect(bodies(state)).toEqual([
			'Message 8',
			'Message 9',
			'Message 10',
			'Message 11',
			'Message 12',
			'pending:Pending',
		])
		expect(state.lastChangeId).toBe(12)
		expect(state.hasMoreBefore).toBe(true)
		expect(state.readPositions[peer]).toBe(11)
	})

	test('around an older message, newer live messages are left for "jump to latest" (no gap)', () => {
		const state = apply(start([message(5), message(6)], { hasMoreAfter: true }), {
			type: 'received',
			message: message(90),
		})
		expect(ids(state)).toEqual([5, 6])
		const edited = apply(state, { type: 'received', message: message(6, { body: 'Edited', changeId: 91 }) })
		expect(edited.byId[6]!.body).toBe('Edited')
	})
})

describe('read receipts', () => {
	const mine = (id: number) => message(id, { senderId: me, clientId: `mine-${id}-xxxx` })

	test('"seen" sits under the newest own message the peer has read, and read positions never go back', () => {
		let state = start([mine(1), message(2), mine(3), mine(4)])
		expect(seenReceipt(state)).toBeNull()
		state = apply(state, { type: 'read', userId: peer, lastReadMessageId: 3 })
		expect(seenReceipt(state)).toEqual({ messageId: 3, readers: 1 })
		state = apply(state, { type: 'read', userId: peer, lastReadMessageId: 2 })
		expect(state.readPositions[peer]).toBe(3)
		state = apply(state, { type: 'read', userId: peer, lastReadMessageId: 4 })
		expect(seenReceipt(state)).toEqual({ messageId: 4, readers: 1 })
	})

	test('in a roundtable the receipt counts the readers, not the member themself', () => {
		const state = apply(
			start([mine(1)], { readPositions: { [me]: 1 } }),
			{ type: 'read', userId: 'usr_b', lastReadMessageId: 1 },
			{ type: 'read', userId: 'usr_c', lastReadMessageId: 1 },
		)
		expect(seenReceipt(state)).toEqual({ messageId: 1, readers: 2 })
	})
})
