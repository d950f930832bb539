import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { Ack } from '#app/realtime/events.ts'
import { useSocket, useSocketEvent } from '#app/realtime/socket-client.tsx'
import {
	conversationReducer,
	initialConversationState,
	newestMessageId,
	oldestMessageId,
	type ConversationState,
	type SendError,
} from './conversation-state.ts'
import { setOpenConversation } from './open-conversation.ts'
import type { MessageItem } from './options.ts'

/** An unanswered send turns into "failed" (with Retry) after this long. */
export const sendTimeoutMs = 10_000
/** Someone's "is typing" disappears after this long without another signal. */
const typingShownMs = 5_000
/** At most one "typing" signal per this interval. */
const typingThrottleMs = 3_000

export type ConversationInput = {
	conversationId: string
	viewerId: string
	messages: MessageItem[]
	hasMoreBefore: boolean
	hasMoreAfter: boolean
	lastChangeId: number
	readPositions: Record<string, number>
}

/** 8–64 URL-safe characters, as ClientIdSchema wants; crypto.randomUUID needs a secure context. */
export function newClientId() {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
	const bytes = crypto.getRandomValues(new Uint8Array(16))
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const failure = (code: string, message: string): SendError => ({ code, message })

/**
 * The live side of one conversation: merges socket events, acks and catch-up syncs into the
 * server-rendered page (conversation-state.ts), sends with retries, loads earlier history, marks
 * read while visible and tracks who is typing.
 */
export function useConversation(input: ConversationInput) {
	const socket = useSocket()
	const [state, dispatch] = useReducer(conversationReducer, input, initialConversationState)
	const stateRef = useRef<ConversationState>(state)
	stateRef.current = state
	const { conversationId, viewerId } = input

	// A revalidated loader (after a form post, a reconnect, a membership change) merges in.
	const firstInput = useRef(true)
	useEffect(() => {
		if (firstInput.current) {
			firstInput.current = false
			return
		}
		dispatch({
			type: 'loaded',
			messages: input.messages,
			hasMoreBefore: input.hasMoreBefore,
			hasMoreAfter: input.hasMoreAfter,
			lastChangeId: input.lastChangeId,
			readPositions: input.readPositions,
		})
	}, [input.messages, input.hasMoreBefore, input.hasMoreAfter, input.lastChangeId, input.readPositions])

	const emitSend = useCallback(
		(clientId: string, body: string) => {
			if (!socket) return
			socket
				.timeout(sendTimeoutMs)
				.emit(
					'message:send',
					{ conversationId, clientId, body },
					(error: Error | null, result?: Ack<{ message: MessageItem }>) => {
						if (error || !result) {
							dispatch({ type: 'send-failed', clientId, error: failure('timeout', 'No answer from the server.') })
							return
						}
						if (result.ok) dispatch({ type: 'received', message: result.data.message })
						else
							dispatch({
								type: 'send-failed',
								clientId,
								error: { code: result.code, message: result.message, retryAfterMs: result.retryAfterMs },
							})
					},
				)
		},
		[socket, conversationId],
	)

	const send = useCallback(
		(body: string) => {
			const clientId = newClientId()
			dispatch({ type: 'send-started', clientId, body, now: Date.now() })
			if (socket) emitSend(clientId, body)
			else dispatch({ type: 'send-failed', clientId, error: failure('timeout', 'Not connected.') })
		},
		[socket, emitSend],
	)

	/** Sends a pending or failed message again, with the same client id: the server stores it once. */
	const retry = useCallback(
		(clientId: string) => {
			const pending = stateRef.current.pending.find((send) => send.clientId === clientId)
			if (!pending) return
			dispatch({ type: 'send-retried', clientId })
			emitSend(clientId, pending.body)
		},
		[emitSend],
	)

	// Every (re)connection: catch up from the last change this page saw unless socket.io replayed
	// the gap, then resend what is still unconfirmed.
	useEffect(() => {
		if (!socket) return
		let cancelled = false
		const sync = () => {
			const since = stateRef.current.lastChangeId
			socket.timeout(sendTimeoutMs).emit('messages:sync', { sinceChangeId: since }, (error, result) => {
				if (cancelled || error || !result?.ok) return
				dispatch({ type: 'synced', messages: result.data.messages, lastChangeId: result.data.lastChangeId })
				if (result.data.more && result.data.lastChangeId > since) sync()
			})
		}
		const onConnect = () => {
			if (!socket.recovered) sync()
			for (const pending of stateRef.current.pending)
				if (pending.status === 'sending' || pending.retryable) retry(pending.clientId)
		}
		socket.on('connect', onConnect)
		if (socket.connected) sync()
		return () => {
			cancelled = true
			socket.off('connect', onConnect)
		}
	}, [socket, retry])

	useSocketEvent('message:new', ({ message }) => {
		dispatch({ type: 'received', message })
		if (message.conversationId === conversationId)
			setTyping((current) => current.filter((person) => person.userId !== message.senderId))
	})
	useSocketEvent('message:updated', ({ message }) => dispatch({ type: 'received', message }))
	useSocketEvent('conversation:read', (receipt) => {
		if (receipt.conversationId === conversationId)
			dispatch({ type: 'read', userId: receipt.userId, lastReadMessageId: receipt.lastReadMessageId })
	})

	const [typing, setTyping] = useState<Array<{ userId: string; name: string; until: number }>>([])
	useSocketEvent('typing:start', ({ conversationId: where, userId, name }) => {
		if (where !== conversationId || userId === viewerId) return
		const until = Date.now() + typingShownMs
		setTyping((current) => [...current.filter((person) => person.userId !== userId), { userId, name, until }])
	})
	useEffect(() => {
		if (typing.length === 0) return
		const next = Math.min(...typing.map((person) => person.until))
		const timer = setTimeout(
			() => setTyping((current) => current.filter((person) => person.until > Date.now())),
			Math.max(0, next - Date.now()) + 50,
		)
		return () => clearTimeout(timer)
	}, [typing])

	const lastTypingSent = useRef(0)
	const notifyTyping = useCallback(() => {
		if (!socket?.connected || Date.now() - lastTypingSent.current < typingThrottleMs) return
		lastTypingSent.current = Date.now()
		socket.emit('typing:start', { conversationId })
	}, [socket, conversationId])

	// Read receipts: while the conversation is on screen, its newest message counts as read.
	const newest = newestMessageId(state)
	const lastReadSent = useRef(input.readPositions[viewerId] ?? 0)
	useEffect(() => {
		setOpenConversation(conversationId)
		return () => setOpenConversation(null)
	}, [conversationId])
	useEffect(() => {
		if (!socket) return
		const markRead = () => {
			const upTo = newestMessageId(stateRef.current)
			if (document.visibilityState !== 'visible' || upTo <= lastReadSent.current || !socket.connected) return
			lastReadSent.current = upTo
			socket.emit('conversation:read', { conversationId, messageId: upTo }, (result) => {
				if (!result.ok) lastReadSent.current = 0
			})
		}
		markRead()
		document.addEventListener('visibilitychange', markRead)
		socket.on('connect', markRead)
		return () => {
			document.removeEventListener('visibilitychange', markRead)
			socket.off('connect', markRead)
		}
	}, [socket, conversationId, newest])

	const [loadingEarlier, setLoadingEarlier] = useState(false)
	const loadEarlier = useCallback(() => {
		const beforeId = oldestMessageId(stateRef.current)
		if (!socket?.connected || loadingEarlier || !stateRef.current.hasMoreBefore) return false
		setLoadingEarlier(true)
		socket.timeout(sendTimeoutMs).emit('conversation:history', { conversationId, beforeId }, (error, result) => {
			setLoadingEarlier(false)
			if (!error && result?.ok)
				dispatch({ type: 'history', messages: result.data.messages, hasMore: result.data.hasMore })
		})
		return true
	}, [socket, conversationId, loadingEarlier])

	const edit = useCallback(
		(messageId: number, body: string) =>
			new Promise<Ack<{ message: MessageItem }>>((resolve) => {
				if (!socket?.connected) {
					resolve({ ok: false, code: 'bad-request', message: 'Not connected. Try again in a moment.' })
					return
				}
				socket.timeout(sendTimeoutMs).emit('message:edit', { messageId, body }, (error, result) => {
					if (error || !result) resolve({ ok: false, code: 'bad-request', message: 'No answer from the server.' })
					else {
						if (result.ok) dispatch({ type: 'received', message: result.data.message })
						resolve(result)
					}
				})
			}),
		[socket],
	)

	const remove = useCallback(
		(messageId: number) =>
			new Promise<Ack<{ message: MessageItem }>>((resolve) => {
				if (!socket?.connected) {
					resolve({ ok: false, code: 'bad-request', message: 'Not connected. Try again in a moment.' })
					return
				}
				socket.timeout(sendTimeoutMs).emit('message:delete', { messageId }, (error, result) => {
					if (error || !result) resolve({ ok: false, code: 'bad-request', message: 'No answer from the server.' })
					else {
						if (result.ok) dispatch({ type: 'received', message: result.data.message })
						resolve(result)
					}
				})
			}),
		[socket],
	)

	return {
		state,
		live: socket !== null,
		send,
		retry,
		edit,
		remove,
		loadEarlier,
		loadingEarlier,
		typing: typing.map((person) => person.name),
		notifyTyping,
	}
}
