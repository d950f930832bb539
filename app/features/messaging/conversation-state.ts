/**
 * One open conversation as the browser holds it: server-rendered history, live events, acks,
 * catch-up results and the member's own sends that are not confirmed yet. Pure, so every path
 * (socket event, ack, sync, revalidated loader) goes through the same merge: messages are keyed
 * and ordered by id, a message seen twice is kept once, and a newer version (higher change id)
 * always wins over an older one, whatever order they arrive in.
 */
import type { MessageItem } from './options.ts'

export type SendError = { code: string; message: string; retryAfterMs?: number }

/** A message the member sent that the server has not acknowledged (yet, or ever: `failed`). */
export type PendingSend = {
	clientId: string
	body: string
	createdAt: number
	status: 'sending' | 'failed'
	error: string | null
	/** Whether sending it again can help (a timeout or rate limit can; a too-long body cannot). */
	retryable: boolean
}

export type ConversationState = {
	conversationId: string
	viewerId: string
	byId: Record<number, MessageItem>
	/** Confirmed message ids, ascending: the order every client shows. */
	ids: number[]
	pending: PendingSend[]
	hasMoreBefore: boolean
	/** Viewing history around an older message: newer messages exist that are not loaded. */
	hasMoreAfter: boolean
	/** The change id this page has caught up to (loader or `messages:sync`), where the next sync starts. */
	lastChangeId: number
	/** Each member's read position (read receipts). */
	readPositions: Record<string, number>
}

export type ConversationAction =
	| {
			type: 'loaded'
			messages: MessageItem[]
			hasMoreBefore: boolean
			hasMoreAfter: boolean
			lastChangeId: number
			readPositions: Record<string, number>
	  }
	| { type: 'history'; messages: MessageItem[]; hasMore: boolean }
	| { type: 'received'; message: MessageItem }
	| { type: 'synced'; messages: MessageItem[]; lastChangeId: number }
	| { type: 'send-started'; clientId: string; body: string; now: number }
	| { type: 'send-failed'; clientId: string; error: SendError }
	| { type: 'send-retried'; clientId: string }
	| { type: 'read'; userId: string; lastReadMessageId: number }

export function initialConversationState(input: {
	conversationId: string
	viewerId: string
	messages: MessageItem[]
	hasMoreBefore: boolean
	hasMoreAfter?: boolean
	lastChangeId: number
	readPositions?: Record<string, number>
}): ConversationState {
	const empty: ConversationState = {
		conversationId: input.conversationId,
		viewerId: input.viewerId,
		byId: {},
		ids: [],
		pending: [],
		hasMoreBefore: input.hasMoreBefore,
		hasMoreAfter: false,
		lastChangeId: input.lastChangeId,
		readPositions: input.readPositions ?? {},
	}
	return { ...mergeMessages(empty, input.messages), hasMoreAfter: input.hasMoreAfter ?? false }
}

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
	switch (action.type) {
		case 'loaded': {
			// A revalidated loader: its page is merged in; older pages already scrolled to stay.
			const oldest = state.ids[0]
			const loadedOldest = action.messages[0]?.id
			const keepsOlder = oldest !== undefined && loadedOldest !== undefined && oldest < loadedOldest
			const merged = mergeMessages({ ...state, hasMoreAfter: false }, action.messages)
			return {
				...merged,
				hasMoreAfter: action.hasMoreAfter && state.hasMoreAfter,
				hasMoreBefore: keepsOlder ? state.hasMoreBefore : action.hasMoreBefore,
				lastChangeId: Math.max(state.lastChangeId, action.lastChangeId),
				readPositions: maxPositions(state.readPositions, action.readPositions),
			}
		}
		case 'history': {
			const merged = mergeMessages(state, action.messages)
			return { ...merged, hasMoreBefore: action.hasMore }
		}
		case 'received':
			return mergeMessages(state, [action.message])
		case 'synced': {
			const merged = mergeMessages(state, action.messages)
			return { ...merged, lastChangeId: Math.max(state.lastChangeId, action.lastChangeId) }
		}
		case 'send-started': {
			const existing = state.pending.find((send) => send.clientId === action.clientId)
			if (existing || confirmedClientIds(state).has(action.clientId)) return state
			return {
				...state,
				pending: [
					...state.pending,
					{
						clientId: action.clientId,
						body: action.body,
						createdAt: action.now,
						status: 'sending',
						error: null,
						retryable: true,
					},
				],
			}
		}
		case 'send-failed':
			return updatePending(state, action.clientId, (send) => ({
				...send,
				status: 'failed',
				error: describeSendError(action.error),
				retryable: !nonRetryableCodes.has(action.error.code),
			}))
		case 'send-retried':
			return updatePending(state, action.clientId, (send) => ({ ...send, status: 'sending', error: null }))
		case 'read': {
			const current = state.readPositions[action.userId] ?? 0
			if (action.lastReadMessageId <= current) return state
			return { ...state, readPositions: { ...state.readPositions, [action.userId]: action.lastReadMessageId } }
		}
	}
}

/** Refusals that the same message would get again: retrying cannot help. */
const nonRetryableCodes = new Set(['bad-request', 'read-only', 'not-found', 'conflict', 'not-connected', 'deleted'])

export function describeSendError(error: SendError) {
	if (error.code === 'rate-limited') {
		const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000))
		return `You're sending too fast — try again in ${seconds} s.`
	}
	if (error.code === 'timeout') return 'Not sent: no answer from the server.'
	return error.message
}

function updatePending(state: ConversationState, clientId: string, update: (send: PendingSend) => PendingSend) {
	const index = state.pending.findIndex((send) => send.clientId === clientId)
	if (index === -1) return state
	const pending = state.pending.slice()
	pending[index] = update(pending[index]!)
	return { ...state, pending }
}

function confirmedClientIds(state: ConversationState) {
	const ids = new Set<string>()
	for (const id of state.ids) {
		const message = state.byId[id]!
		if (message.senderId === state.viewerId) ids.add(message.clientId)
	}
	return ids
}

/**
 * The one merge every path uses: other conversations are ignored, an older version of a known
 * message is ignored, and the member's own confirmed message replaces its pending copy.
 */
export function mergeMessages(state: ConversationState, incoming: MessageItem[]): ConversationState {
	let byId: Record<number, MessageItem> | undefined
	let added = false
	const confirmedOwn = new Set<string>()
	const newest = state.ids.at(-1) ?? 0
	for (const message of incoming) {
		if (message.conversationId !== state.conversationId) continue
		if (message.senderId === state.viewerId) confirmedOwn.add(message.clientId)
		const current = (byId ?? state.byId)[message.id]
		if (current && current.changeId >= message.changeId) continue
		// Around an older message, newer ones would leave a gap: they load with "jump to latest".
		if (!current && state.hasMoreAfter && message.id > newest) continue
		byId ??= { ...state.byId }
		byId[message.id] = message
		if (!current) added = true
	}
	const pending = state.pending.some((send) => confirmedOwn.has(send.clientId))
		? state.pending.filter((send) => !confirmedOwn.has(send.clientId))
		: state.pending
	if (!byId) return pending === state.pending ? state : { ...state, pending }
	const ids = added
		? Object.keys(byId)
				.map(Number)
				.sort((a, b) => a - b)
		: state.ids
	return { ...state, byId, ids, pending }
}

function maxPositions(current: Record<string, number>, incoming: Record<string, number>) {
	const positions = { ...current }
	for (const [userId, position] of Object.entries(incoming))
		positions[userId] = Math.max(positions[userId] ?? 0, position)
	return positions
}

export type TimelineEntry =
	{ kind: 'message'; key: string; message: MessageItem } | { kind: 'pending'; key: string; send: PendingSend }

/**
 * What the conversation shows, top to bottom: confirmed messages by id, then pending sends in the
 * order they were written. Keys are sender + client id, so an acknowledged send keeps its element.
 */
export function timelineOf(state: ConversationState): TimelineEntry[] {
	const entries: TimelineEntry[] = state.ids.map((id) => {
		const message = state.byId[id]!
		return { kind: 'message', key: `${message.senderId}:${message.clientId}`, message }
	})
	for (const send of state.pending) entries.push({ kind: 'pending', key: `${state.viewerId}:${send.clientId}`, send })
	return entries
}

export function newestMessageId(state: ConversationState) {
	return state.ids.at(-1) ?? 0
}

export function oldestMessageId(state: ConversationState) {
	return state.ids[0]
}

/** The member's newest message that others have read, and how many of them (read receipts). */
export function seenReceipt(state: ConversationState) {
	for (let index = state.ids.length - 1; index >= 0; index--) {
		const message = state.byId[state.ids[index]!]!
		if (message.senderId !== state.viewerId || message.deletedAt !== null) continue
		const readers = Object.entries(state.readPositions).filter(
			([userId, position]) => userId !== state.viewerId && position >= message.id,
		).length
		if (readers > 0) return { messageId: message.id, readers }
	}
	return null
}
