/**
 * The messaging socket events. Each one is validated (zod) on arrival, authorized by the same
 * domain functions the HTTP routes call, and answered with a typed ack; broadcasts follow the commit.
 */
import { z } from 'zod'
import { publishMessage, publishMessageChange, publishReadReceipt } from '#app/features/messaging/live.server.ts'
import {
	changesSince,
	conversationAccess,
	deleteMessage,
	editMessage,
	markRead,
	messageHistory,
	queueMessage,
} from '#app/features/messaging/messaging.server.ts'
import { messageRateMessage, takeMessageAllowance } from '#app/features/messaging/send-limits.server.ts'
import { createLimiter } from '#app/utils/rate-limit.server.ts'
import { rooms, type Ack, type ClientToServerEvents } from './events.ts'
import { presenceFor, setPresence } from './presence.server.ts'
import type { AppSocket } from './socket-server.server.ts'

type Refusal = Extract<Ack<never>, { ok: false }>
/** What an event's ack receives. */
type ResultOf<Event extends keyof ClientToServerEvents> = Parameters<
	NonNullable<Parameters<ClientToServerEvents[Event]>[1]>
>[0]

const payload = <Shape extends z.ZodRawShape>(shape: Shape) =>
	z.object(shape, { error: 'The event payload must be an object.' })
const ConversationIdSchema = z
	.string({ error: 'Give the id of a conversation.' })
	.min(1, { error: 'Give the id of a conversation.' })
	.max(64, { error: 'This is not a conversation id.' })
const MessageIdSchema = z
	.number({ error: 'Give the id of a message.' })
	.int({ error: 'A message id is a whole number.' })
	.positive({ error: 'A message id is a positive number.' })

const schemas = {
	// Only the shape here: sendMessage and editMessage validate the client id and the text themselves (once).
	send: payload({
		conversationId: ConversationIdSchema,
		clientId: z.string({ error: 'A message needs a client id.' }),
		body: z.string({ error: 'Write a message.' }),
	}),
	edit: payload({ messageId: MessageIdSchema, body: z.string({ error: 'Write a message.' }) }),
	delete: payload({ messageId: MessageIdSchema }),
	history: payload({ conversationId: ConversationIdSchema, beforeId: MessageIdSchema.optional() }),
	read: payload({
		conversationId: ConversationIdSchema,
		messageId: z
			.number({ error: 'Give the id of a message.' })
			.int({ error: 'A message id is a whole number.' })
			.nonnegative({ error: 'A message id cannot be negative.' }),
	}),
	sync: payload({
		sinceChangeId: z
			.number({ error: 'Give the last change id you saw (0 for none).' })
			.int({ error: 'A change id is a whole number.' })
			.nonnegative({ error: 'A change id cannot be negative.' }),
	}),
	typing: payload({ conversationId: ConversationIdSchema }),
	presenceSet: payload({ state: z.enum(['online', 'away'], { error: 'The state is "online" or "away".' }) }),
	presenceQuery: payload({
		userIds: z
			.array(z.string({ error: 'A member id is text.' }).min(1).max(64), { error: 'Give a list of member ids.' })
			.max(100, { error: 'Ask about at most 100 members at a time.' }),
	}),
}

/** Typing notices arrive every few seconds per conversation; more than this is a misbehaving client. */
const typingLimiter = createLimiter('typing', 20, 10)
/** Tabs flip between online and away as they gain and lose focus; a loop flipping faster is cut off. */
const presenceLimiter = createLimiter('presence-set', 30, 10)

const badRequest = (error: z.ZodError): Refusal => {
	const issue = error.issues[0]!
	const field = issue.path.map(String).join('.')
	return { ok: false, code: 'bad-request', message: issue.message, ...(field ? { field } : {}) }
}
const rateLimited = (message: string, retryAfterMs: number): Refusal => ({
	ok: false,
	code: 'rate-limited',
	message,
	retryAfterMs,
})

/**
 * Registers one event: ignores it when the contract wants an ack and none came (the session and
 * membership were already checked by the socket's guard), answers bad input with the field at fault, and turns an unexpected error into a typed ack instead of silence.
 */
function handle<Event extends keyof ClientToServerEvents, Schema extends z.ZodType>(
	socket: AppSocket,
	event: Event,
	schema: Schema,
	options: { ackRequired: boolean },
	run: (input: z.output<Schema>, reply: (result: ResultOf<Event> | Refusal) => void) => void | Promise<void>,
) {
	const listener = async (raw: unknown, ack?: unknown) => {
		if (options.ackRequired && typeof ack !== 'function') return
		let answered = false
		const reply = (result: ResultOf<Event> | Refusal) => {
			if (answered || typeof ack !== 'function') return
			answered = true
			;(ack as (result: unknown) => void)(result)
		}
		const input = schema.safeParse(raw)
		if (!input.success) return reply(badRequest(input.error))
		try {
			await run(input.data, reply)
		} catch (error) {
			console.error(`Socket event ${event} failed`, error)
			reply({ ok: false, code: 'server-error', message: 'Something went wrong on our side. Try again.' })
		}
	}
	// socket.io's typed `on` cannot resolve a listener type for a generic event name.
	socket.on(event, listener as never)
}

/** Every messaging and presence event of one socket. */
export function registerMessagingHandlers(socket: AppSocket) {
	const { userId } = socket.data

	handle(socket, 'message:send', schemas.send, { ackRequired: true }, async (input, reply) => {
		const allowance = await takeMessageAllowance(userId)
		if (!allowance.allowed)
			return reply(rateLimited(messageRateMessage(allowance.retryAfterMs), allowance.retryAfterMs))
		const sent = await queueMessage(userId, input)
		if (!sent.ok) return reply(sent)
		// Acked and published in the same tick as the commit, so every tab sees messages in id order.
		reply({ ok: true, data: { message: sent.data.message, duplicate: sent.data.duplicate } })
		publishMessage(sent.data, { exceptSocketId: socket.id })
	})

	handle(socket, 'message:edit', schemas.edit, { ackRequired: true }, (input, reply) => {
		const edited = editMessage(userId, input.messageId, input.body)
		if (!edited.ok) return reply(edited)
		reply({ ok: true, data: { message: edited.data.message } })
		publishMessageChange(edited.data)
	})

	handle(socket, 'message:delete', schemas.delete, { ackRequired: true }, (input, reply) => {
		const deleted = deleteMessage(userId, input.messageId)
		if (!deleted.ok) return reply(deleted)
		reply({ ok: true, data: { message: deleted.data.message } })
		publishMessageChange(deleted.data)
	})

	handle(socket, 'conversation:history', schemas.history, { ackRequired: true }, (input, reply) => {
		reply(messageHistory(userId, input.conversationId, { beforeId: input.beforeId }))
	})

	handle(socket, 'conversation:read', schemas.read, { ackRequired: true }, (input, reply) => {
		const read = markRead(userId, input.conversationId, input.messageId)
		if (!read.ok) return reply(read)
		reply({ ok: true, data: { lastReadMessageId: read.data.lastReadMessageId } })
		publishReadReceipt(read.data)
	})

	handle(socket, 'messages:sync', schemas.sync, { ackRequired: true }, (input, reply) => {
		reply({ ok: true, data: changesSince(userId, input.sinceChangeId) })
	})

	handle(socket, 'typing:start', schemas.typing, { ackRequired: false }, async (input, reply) => {
		const allowance = await typingLimiter.consume(userId)
		if (!allowance.allowed)
			return reply(rateLimited('You are sending typing notices too often.', allowance.retryAfterMs))
		const access = conversationAccess(userId, input.conversationId)
		if (!access)
			return reply({
				ok: false,
				code: 'not-found',
				message: 'This conversation does not exist or you are not part of it.',
			})
		if (!access.writable)
			return reply({
				ok: false,
				code: 'read-only',
				message: access.readOnly?.message ?? 'This conversation is read-only.',
			})
		// The other members only: the typer's own tabs are not in these rooms.
		if (access.otherMemberIds.length > 0)
			socket.nsp.to(access.otherMemberIds.map(rooms.user)).emit('typing:start', {
				conversationId: input.conversationId,
				userId,
				name: socket.data.viewer.name,
			})
		reply({ ok: true, data: null })
	})

	handle(socket, 'presence:set', schemas.presenceSet, { ackRequired: false }, async (input, reply) => {
		const allowance = await presenceLimiter.consume(userId)
		if (!allowance.allowed) return reply(rateLimited('Your presence changes too often.', allowance.retryAfterMs))
		setPresence(socket, input.state)
		reply({ ok: true, data: null })
	})

	handle(socket, 'presence:query', schemas.presenceQuery, { ackRequired: true }, async (input, reply) => {
		reply({ ok: true, data: await presenceFor(socket, input.userIds) })
	})
}
