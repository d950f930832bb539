/**
 * Conversations and messages: who may read and write, and every change to a message. The HTTP
 * routes (no-JS forms) and the socket events both call these functions, so the rules live once.
 * Each mutation is one synchronous SQLite transaction; callers broadcast only after it returns
 * (that is, after the commit).
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { conversationMembers, conversations, users } from '#db/schema.ts'
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { checkPair, logConflictDecision } from '../conflicts/conflicts.server.ts'
import { connectionBetween, pairKeyOf } from '../connections/connections.server.ts'
import { ClientIdSchema, MessageBodySchema } from './message-text.ts'
import { messagingLimits, type ConversationKind, type MessageItem, type MessagingErrorCode } from './options.ts'

export type { MessageItem, MessagingErrorCode }

export type Refusal = { ok: false; code: MessagingErrorCode; message: string; field?: string }
export type Outcome<T> = { ok: true; data: T } | Refusal

const refuse = (code: MessagingErrorCode, message: string, field?: string): Refusal => ({
	ok: false,
	code,
	message,
	...(field ? { field } : {}),
})
const notFound = () => refuse('not-found', 'This conversation does not exist or you are not part of it.')

/** A row as read from SQLite: the same fields, but the text even of a deleted or hidden message. */
type MessageRow = MessageItem

const messageColumns = `m.id as id, m.conversation_id as conversationId, m.sender_id as senderId, u.name as senderName,
	m.client_id as clientId, m.body as body, m.created_at as createdAt, m.edited_at as editedAt,
	m.deleted_at as deletedAt, m.hidden_at as hiddenAt, m.change_id as changeId`

function toItem(row: MessageRow): MessageItem {
	return { ...row, body: row.deletedAt !== null || row.hiddenAt !== null ? '' : row.body }
}

// ---------------------------------------------------------------------------------------------
// Access: who belongs to a conversation and whether it is writable now.

export type ReadOnlyReason =
	'connection-suspended' | 'not-connected' | 'member-inactive' | 'roundtable-suspended' | 'alone'

export type Access = {
	conversationId: string
	kind: ConversationKind
	/** The other joined members (for a direct conversation, the one peer). */
	otherMemberIds: string[]
	writable: boolean
	readOnly: { reason: ReadOnlyReason; message: string } | null
}

type AccessRow = {
	kind: ConversationKind
	pairKey: string | null
	suspendedAt: number | null
	connectionStatus: string | null
	connectionSuspendedAt: number | null
}

const readAccessRow = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; userId: string }, AccessRow>(
		`select c.kind as kind, c.pair_key as pairKey, c.suspended_at as suspendedAt,
			con.status as connectionStatus, con.suspended_at as connectionSuspendedAt
		from conversation_members me
		join conversations c on c.id = me.conversation_id
		left join connections con on con.pair_key = c.pair_key
		where me.conversation_id = @conversationId and me.user_id = @userId and me.status = 'joined'`,
	),
)

const readOtherMembers = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; userId: string }, { userId: string; name: string; status: string }>(
		`select cm.user_id as userId, u.name as name, u.status as status
		from conversation_members cm join users u on u.id = cm.user_id
		where cm.conversation_id = @conversationId and cm.user_id != @userId and cm.status = 'joined'`,
	),
)

const readOnlyMessages: Record<ReadOnlyReason, (name: string) => string> = {
	'connection-suspended': () =>
		'This conversation is read-only: a change to one of your profiles puts you in conflict under the competitor policy.',
	'not-connected': (name) => `This conversation is read-only: you and ${name} are no longer connected.`,
	'member-inactive': (name) => `This conversation is read-only: ${name}’s membership is not active.`,
	'roundtable-suspended': () =>
		'This roundtable is read-only: two of its members are now in conflict under the competitor policy. The host can remove a member to reopen it.',
	alone: () => 'This roundtable is read-only until someone else joins.',
}

/**
 * Whether `userId` belongs to the conversation (joined) and may write to it now. Undefined when
 * they do not belong to it: callers answer "not found", never revealing that it exists.
 */
export function conversationAccess(userId: string, conversationId: string): Access | undefined {
	const row = readAccessRow().get({ conversationId, userId })
	if (!row) return undefined
	const others = readOtherMembers().all({ conversationId, userId })
	const readOnly = (reason: ReadOnlyReason, name = 'this member') => ({
		reason,
		message: readOnlyMessages[reason](name),
	})
	let blocked: Access['readOnly'] = null
	if (row.kind === 'direct') {
		const peer = others[0]
		if (!peer) blocked = readOnly('not-connected')
		else if (peer.status !== 'active') blocked = readOnly('member-inactive', peer.name)
		else if (row.connectionStatus !== 'accepted') blocked = readOnly('not-connected', peer.name)
		else if (row.connectionSuspendedAt !== null) blocked = readOnly('connection-suspended', peer.name)
	} else if (row.suspendedAt !== null) blocked = readOnly('roundtable-suspended')
	else if (others.length === 0) blocked = readOnly('alone')
	return {
		conversationId,
		kind: row.kind,
		otherMemberIds: others.map((member) => member.userId),
		writable: blocked === null,
		readOnly: blocked,
	}
}

/** Refusal for a member who may read but not write. */
function readOnlyRefusal(access: Access): Refusal {
	return refuse('read-only', access.readOnly?.message ?? 'This conversation is read-only.')
}

// ---------------------------------------------------------------------------------------------
// Starting conversations.

const newConversationId = () => `cnv_${crypto.randomUUID().replaceAll('-', '')}`

/**
 * The direct conversation between two connected members, created on first use. Refused for a pair
 * that is not connected, whose connection is suspended, or that the policy now puts in conflict.
 */
export function openDirectConversation(userId: string, peerId: string): Outcome<{ conversationId: string }> {
	if (userId === peerId) return refuse('bad-request', 'You cannot message yourself.')
	const peer = db.select({ status: users.status }).from(users).where(eq(users.id, peerId)).get()
	if (!peer || peer.status !== 'active') return refuse('not-found', 'That member does not exist.')
	const conflict = checkPair(userId, peerId)
	if (conflict.conflicted) {
		logConflictDecision(userId, peerId, conflict.rules, 'message')
		return refuse('conflict', conflict.explanation.message)
	}
	const connection = connectionBetween(userId, peerId)
	if (!connection || connection.status !== 'accepted' || connection.suspendedAt)
		return refuse('not-connected', 'You can message members you are connected with. Send a connection request first.')
	const pairKey = pairKeyOf(userId, peerId)
	const conversationId = db.transaction((tx) => {
		const existing = tx
			.select({ id: conversations.id })
			.from(conversations)
			.where(eq(conversations.pairKey, pairKey))
			.get()
		if (existing) return existing.id
		const id = newConversationId()
		tx.insert(conversations).values({ id, kind: 'direct', pairKey, createdBy: userId }).run()
		tx.insert(conversationMembers)
			.values([
				{ conversationId: id, userId, role: 'member' },
				{ conversationId: id, userId: peerId, role: 'member' },
			])
			.run()
		return id
	})
	return { ok: true, data: { conversationId } }
}

// ---------------------------------------------------------------------------------------------
// Messages.

type SendInput = { conversationId: string; clientId: string; body: string }

export type SendResult = {
	message: MessageItem
	/** True when this client id was already stored: nothing new was written. */
	duplicate: boolean
	/** Everyone who should receive it live, the sender included (their other tabs). */
	recipientIds: string[]
}

const findByClientId = prepareOnce(() =>
	db.$client.prepare<{ senderId: string; clientId: string }, MessageRow>(
		`select ${messageColumns} from messages m join users u on u.id = m.sender_id
		where m.sender_id = @senderId and m.client_id = @clientId`,
	),
)

const insertMessage = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; senderId: string; clientId: string; body: string; now: number }>(
		`insert into messages (conversation_id, sender_id, client_id, body, created_at, change_id)
		values (@conversationId, @senderId, @clientId, @body, @now,
			(select coalesce(max(change_id), 0) + 1 from messages))`,
	),
)

const touchConversation = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; messageId: number; now: number }>(
		`update conversations set last_message_id = @messageId, last_activity_at = @now where id = @conversationId`,
	),
)

const markOwnMessageRead = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; userId: string; messageId: number }>(
		`update conversation_members set last_read_message_id = max(last_read_message_id, @messageId)
		where conversation_id = @conversationId and user_id = @userId`,
	),
)

const readMessage = prepareOnce(() =>
	db.$client.prepare<{ id: number }, MessageRow>(
		`select ${messageColumns} from messages m join users u on u.id = m.sender_id where m.id = @id`,
	),
)

/**
 * Stores a message once its sender may write to the conversation. Idempotent on the client id:
 * sending the same client id again returns the stored message (`duplicate: true`), whatever the
 * body says, so a retry after a lost acknowledgement never doubles a message.
 */
export function sendMessage(senderId: string, input: SendInput, now = Date.now()): Outcome<SendResult> {
	const clientId = ClientIdSchema.safeParse(input.clientId)
	if (!clientId.success) return refuse('bad-request', clientId.error.issues[0]!.message, 'clientId')
	const existing = findByClientId().get({ senderId, clientId: clientId.data })
	if (existing) {
		if (existing.conversationId !== input.conversationId)
			return refuse('bad-request', 'This client id was already used for another conversation.', 'clientId')
		const access = conversationAccess(senderId, existing.conversationId)
		if (!access) return notFound()
		return {
			ok: true,
			data: { message: toItem(existing), duplicate: true, recipientIds: [senderId, ...access.otherMemberIds] },
		}
	}
	const body = MessageBodySchema.safeParse(input.body)
	if (!body.success) return refuse('bad-request', body.error.issues[0]!.message, 'body')
	const access = conversationAccess(senderId, input.conversationId)
	if (!access) return notFound()
	if (!access.writable) return readOnlyRefusal(access)
	const message = db.$client
		.transaction(() => {
			const { lastInsertRowid } = insertMessage().run({
				conversationId: input.conversationId,
				senderId,
				clientId: clientId.data,
				body: body.data,
				now,
			})
			const messageId = Number(lastInsertRowid)
			touchConversation().run({ conversationId: input.conversationId, messageId, now })
			markOwnMessageRead().run({ conversationId: input.conversationId, userId: senderId, messageId })
			return readMessage().get({ id: messageId })!
		})
		.immediate()
	return {
		ok: true,
		data: { message: toItem(message), duplicate: false, recipientIds: [senderId, ...access.otherMemberIds] },
	}
}

type QueuedSend = {
	senderId: string
	input: SendInput
	resolve: (outcome: Outcome<SendResult>) => void
	reject: (error: unknown) => void
}

let queuedSends: QueuedSend[] = []

/**
 * sendMessage for the socket path, with group commit: the messages that arrive within a short
 * window (messagingLimits.groupCommitWindowMs) are written in one transaction (each in its own
 * savepoint). A commit writes the shared index, search and conversation pages once for the whole
 * group, which halves the database time per message at a few messages per group. Each promise
 * settles only after that transaction committed, in the order the messages were queued, so acks
 * and broadcasts keep id order.
 */
export function queueMessage(senderId: string, input: SendInput): Promise<Outcome<SendResult>> {
	return new Promise((resolve, reject) => {
		if (queuedSends.length === 0) setTimeout(flushQueuedSends, messagingLimits.groupCommitWindowMs)
		queuedSends.push({ senderId, input, resolve, reject })
	})
}

function flushQueuedSends() {
	const batch = queuedSends
	queuedSends = []
	let outcomes: Array<{ ok: true; outcome: Outcome<SendResult> } | { ok: false; error: unknown }>
	try {
		// IMMEDIATE: take the write lock before the first read, so the batch waits its turn (busy
		// timeout) instead of failing with SQLITE_BUSY when its read snapshot cannot be upgraded.
		outcomes = db.$client
			.transaction(() =>
				batch.map(({ senderId, input }) => {
					// One failing message (its savepoint rolled back) must not take the others down with it.
					try {
						return { ok: true as const, outcome: sendMessage(senderId, input) }
					} catch (error) {
						return { ok: false as const, error }
					}
				}),
			)
			.immediate()
	} catch (error) {
		for (const queued of batch) queued.reject(error)
		return
	}
	batch.forEach((queued, index) => {
		const result = outcomes[index]!
		if (result.ok) queued.resolve(result.outcome)
		else queued.reject(result.error)
	})
}

export type MessageChange = { message: MessageItem; recipientIds: string[] }

const nextChangeId = `(select coalesce(max(change_id), 0) + 1 from messages)`

const editMessageRow = prepareOnce(() =>
	db.$client.prepare<{ id: number; body: string; now: number }>(
		`update messages set body = @body, edited_at = @now, change_id = ${nextChangeId} where id = @id`,
	),
)

const deleteMessageRow = prepareOnce(() =>
	db.$client.prepare<{ id: number; now: number }>(
		`update messages set body = '', deleted_at = @now, change_id = ${nextChangeId} where id = @id`,
	),
)

/** The sender's own message, in a conversation they still belong to. */
function ownMessage(userId: string, messageId: number): Outcome<{ row: MessageRow; access: Access }> {
	const row = Number.isSafeInteger(messageId) ? readMessage().get({ id: messageId }) : undefined
	const access = row ? conversationAccess(userId, row.conversationId) : undefined
	if (!row || !access) return refuse('not-found', 'This message does not exist or you cannot see it.')
	if (row.senderId !== userId) return refuse('not-yours', 'You can only change your own messages.')
	if (row.deletedAt !== null) return refuse('deleted', 'This message was deleted.')
	if (row.hiddenAt !== null) return refuse('deleted', 'This message was hidden by a moderator.')
	return { ok: true, data: { row, access } }
}

/** Edits an own message within 15 minutes of sending it, while the conversation is writable. */
export function editMessage(userId: string, messageId: number, body: string, now = Date.now()): Outcome<MessageChange> {
	const own = ownMessage(userId, messageId)
	if (!own.ok) return own
	const { row, access } = own.data
	if (!access.writable) return readOnlyRefusal(access)
	if (now - row.createdAt > messagingLimits.editWindowMs)
		return refuse('edit-window', 'Messages can be edited for 15 minutes after sending.')
	const text = MessageBodySchema.safeParse(body)
	if (!text.success) return refuse('bad-request', text.error.issues[0]!.message, 'body')
	if (text.data === row.body)
		return { ok: true, data: { message: toItem(row), recipientIds: [userId, ...access.otherMemberIds] } }
	editMessageRow().run({ id: messageId, body: text.data, now })
	return {
		ok: true,
		data: { message: toItem(readMessage().get({ id: messageId })!), recipientIds: [userId, ...access.otherMemberIds] },
	}
}

/** Deletes an own message: its text is erased and everyone sees "message deleted". Allowed even when read-only. */
export function deleteMessage(userId: string, messageId: number, now = Date.now()): Outcome<MessageChange> {
	const own = ownMessage(userId, messageId)
	if (!own.ok) return own
	deleteMessageRow().run({ id: messageId, now })
	return {
		ok: true,
		data: {
			message: toItem(readMessage().get({ id: messageId })!),
			recipientIds: [userId, ...own.data.access.otherMemberIds],
		},
	}
}

const hideMessageRow = prepareOnce(() =>
	db.$client.prepare<{ id: number; hiddenAt: number | null }>(
		`update messages set hidden_at = @hiddenAt, change_id = ${nextChangeId} where id = @id`,
	),
)

const readConversationMemberIds = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string }, { userId: string }>(
		`select user_id as userId from conversation_members where conversation_id = @conversationId and status = 'joined'`,
	),
)

/**
 * A moderator hides (or restores, `hidden: false`) a reported message. Synchronous, so it can run
 * inside the moderator's transaction; the caller broadcasts the returned change after commit.
 */
export function setMessageHidden(messageId: number, hidden: boolean, now = Date.now()): MessageChange | undefined {
	const row = readMessage().get({ id: messageId })
	if (!row) return undefined
	hideMessageRow().run({ id: messageId, hiddenAt: hidden ? now : null })
	const recipientIds = readConversationMemberIds()
		.all({ conversationId: row.conversationId })
		.map((member) => member.userId)
	return { message: toItem(readMessage().get({ id: messageId })!), recipientIds }
}

/** A message a member may see (for reports and links), or undefined. */
export function readableMessage(userId: string, messageId: number) {
	const row = Number.isSafeInteger(messageId) ? readMessage().get({ id: messageId }) : undefined
	if (!row || !conversationAccess(userId, row.conversationId)) return undefined
	return toItem(row)
}

/** Any message with its text, hidden or not, for moderators reviewing a report. */
export function messageForModeration(messageId: number) {
	return Number.isSafeInteger(messageId) ? readMessage().get({ id: messageId }) : undefined
}

// ---------------------------------------------------------------------------------------------
// Reading.

const historyBefore = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; beforeId: number; limit: number }, MessageRow>(
		`select ${messageColumns} from messages m join users u on u.id = m.sender_id
		where m.conversation_id = @conversationId and m.id < @beforeId
		order by m.id desc limit @limit`,
	),
)

/**
 * One page of history, oldest first: the newest messages, or those before `beforeId` (the
 * cursor the client got with the previous page).
 */
export function messageHistory(
	userId: string,
	conversationId: string,
	{ beforeId, limit = messagingLimits.historyPage }: { beforeId?: number; limit?: number } = {},
): Outcome<{ messages: MessageItem[]; hasMore: boolean }> {
	if (!conversationAccess(userId, conversationId)) return notFound()
	const pageSize = Math.min(Math.max(1, Math.trunc(limit)), 200)
	const rows = historyBefore().all({
		conversationId,
		beforeId: beforeId && beforeId > 0 ? beforeId : Number.MAX_SAFE_INTEGER,
		limit: pageSize + 1,
	})
	const hasMore = rows.length > pageSize
	return { ok: true, data: { messages: rows.slice(0, pageSize).reverse().map(toItem), hasMore } }
}

const changesAfter = prepareOnce(() =>
	db.$client.prepare<{ userId: string; since: number; limit: number }, MessageRow>(
		`select ${messageColumns} from messages m
		join conversation_members cm on cm.conversation_id = m.conversation_id and cm.user_id = @userId and cm.status = 'joined'
		join users u on u.id = m.sender_id
		where m.change_id > @since order by m.change_id limit @limit`,
	),
)

/**
 * Every message created, edited, deleted or hidden after change `since`, in the member's
 * conversations: what a client that was away has missed. Ask again from `lastChangeId` while
 * `more` is true.
 */
export function changesSince(userId: string, since: number, limit: number = messagingLimits.syncBatch) {
	const pageSize = Math.min(Math.max(1, Math.trunc(limit)), messagingLimits.syncBatch)
	const rows = changesAfter().all({ userId, since: Math.max(0, Math.trunc(since)), limit: pageSize + 1 })
	const page = rows.slice(0, pageSize)
	return {
		messages: page.map(toItem),
		more: rows.length > pageSize,
		lastChangeId: page.at(-1)?.changeId ?? Math.max(0, Math.trunc(since)),
	}
}

const latestChange = prepareOnce(() =>
	db.$client.prepare<[], { changeId: number | null }>(`select max(change_id) as changeId from messages`),
)

/** The newest change id: a page rendered now has seen everything up to it. */
export function currentChangeId() {
	return latestChange().get()?.changeId ?? 0
}

const updateLastRead = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; userId: string; messageId: number }>(
		`update conversation_members set last_read_message_id = @messageId, updated_at = unixepoch('subsec') * 1000
		where conversation_id = @conversationId and user_id = @userId and status = 'joined'
			and last_read_message_id < @messageId`,
	),
)

const lastMessageIdOf = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string }, { id: number | null }>(
		`select last_message_id as id from conversations where id = @conversationId`,
	),
)

export type ReadReceipt = { conversationId: string; userId: string; lastReadMessageId: number; recipientIds: string[] }

/**
 * Marks the conversation read up to `messageId` (capped at its newest message; never moves
 * back). `changed` is false when nothing moved, so callers broadcast only real receipts.
 */
export function markRead(
	userId: string,
	conversationId: string,
	messageId: number,
): Outcome<ReadReceipt & { changed: boolean }> {
	const access = conversationAccess(userId, conversationId)
	if (!access) return notFound()
	if (!Number.isSafeInteger(messageId) || messageId < 0) return refuse('bad-request', 'Give the id of a message.')
	const newest = lastMessageIdOf().get({ conversationId })?.id ?? 0
	const upTo = Math.min(messageId, newest)
	const changed = updateLastRead().run({ conversationId, userId, messageId: upTo }).changes > 0
	return {
		ok: true,
		data: {
			conversationId,
			userId,
			lastReadMessageId: upTo,
			recipientIds: [userId, ...access.otherMemberIds],
			changed,
		},
	}
}

const unreadPerConversation = prepareOnce(() =>
	db.$client.prepare<{ userId: string }, { conversationId: string; unread: number }>(
		`select cm.conversation_id as conversationId, count(m.id) as unread from conversation_members cm
		join messages m on m.conversation_id = cm.conversation_id and m.id > cm.last_read_message_id
			and m.sender_id != cm.user_id and m.deleted_at is null and m.hidden_at is null
		where cm.user_id = @userId and cm.status = 'joined' group by cm.conversation_id`,
	),
)

/** Unread messages across all of a member's conversations (the header badge). */
export function unreadMessageCount(userId: string) {
	return unreadPerConversation()
		.all({ userId })
		.reduce((total, row) => total + row.unread, 0)
}

export type ConversationSummary = {
	id: string
	kind: ConversationKind
	title: string
	/** For roundtables the host; the caller shows names. */
	members: Array<{ userId: string; name: string; photoVersion: number | null }>
	status: 'joined' | 'invited'
	lastMessage: { senderId: string; senderName: string; preview: string; createdAt: number; deleted: boolean } | null
	lastActivityAt: number
	unread: number
}

/**
 * The member's conversations, newest activity first, with the last message and unread count:
 * three queries whatever the number of conversations.
 */
export function listConversations(userId: string): ConversationSummary[] {
	const own = db
		.select({
			id: conversations.id,
			kind: conversations.kind,
			title: conversations.title,
			status: conversationMembers.status,
			lastActivityAt: conversations.lastActivityAt,
			lastMessageId: conversations.lastMessageId,
			lastRead: conversationMembers.lastReadMessageId,
		})
		.from(conversationMembers)
		.innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
		.where(and(eq(conversationMembers.userId, userId), inArray(conversationMembers.status, ['joined', 'invited'])))
		.orderBy(sql`${conversations.lastActivityAt} desc`)
		.all()
	if (own.length === 0) return []
	const ids = own.map((conversation) => conversation.id)
	const memberRows = db.$client
		.prepare<unknown[], { conversationId: string; userId: string; name: string; photoVersion: number | null }>(
			`select cm.conversation_id as conversationId, u.id as userId, u.name as name, p.photo_version as photoVersion
			from conversation_members cm join users u on u.id = cm.user_id
			left join member_profiles p on p.user_id = u.id
			where cm.conversation_id in (${ids.map(() => '?').join(',')}) and cm.status = 'joined' and cm.user_id != ?
			order by cm.role = 'host' desc, cm.created_at`,
		)
		.all(...ids, userId)
	const lastMessages = db.$client
		.prepare<unknown[], MessageRow>(
			`select ${messageColumns} from messages m join users u on u.id = m.sender_id
			where m.id in (select last_message_id from conversations where id in (${ids.map(() => '?').join(',')}))`,
		)
		.all(...ids)
	const unreadRows = unreadPerConversation().all({ userId })
	const membersOf = new Map<string, ConversationSummary['members']>()
	for (const row of memberRows) {
		const list = membersOf.get(row.conversationId) ?? []
		list.push({ userId: row.userId, name: row.name, photoVersion: row.photoVersion })
		membersOf.set(row.conversationId, list)
	}
	const lastById = new Map(lastMessages.map((row) => [row.id, row]))
	const unreadOf = new Map(unreadRows.map((row) => [row.conversationId, row.unread]))
	return own.map((conversation) => {
		const last = conversation.lastMessageId ? lastById.get(conversation.lastMessageId) : undefined
		return {
			id: conversation.id,
			kind: conversation.kind,
			title: conversation.title,
			members: membersOf.get(conversation.id) ?? [],
			status: conversation.status === 'invited' ? 'invited' : 'joined',
			lastMessage: last
				? {
						senderId: last.senderId,
						senderName: last.senderName,
						preview: last.deletedAt !== null || last.hiddenAt !== null ? '' : last.body,
						createdAt: last.createdAt,
						deleted: last.deletedAt !== null || last.hiddenAt !== null,
					}
				: null,
			lastActivityAt: conversation.lastActivityAt.getTime(),
			unread: conversation.status === 'joined' ? (unreadOf.get(conversation.id) ?? 0) : 0,
		}
	})
}

export type ConversationMemberView = {
	userId: string
	name: string
	title: string | null
	company: string | null
	photoVersion: number | null
	role: 'host' | 'member'
	status: 'joined' | 'invited'
	lastReadMessageId: number
	lastSeenAt: number | null
}

const readConversationMembers = prepareOnce(() =>
	db.$client.prepare<[string], ConversationMemberView>(
		`select u.id as userId, u.name as name, p.title as title, co.name as company, p.photo_version as photoVersion,
				cm.role as role, cm.status as status, cm.last_read_message_id as lastReadMessageId, u.last_seen_at as lastSeenAt
			from conversation_members cm join users u on u.id = cm.user_id
			left join member_profiles p on p.user_id = u.id left join companies co on co.id = p.company_id
			where cm.conversation_id = ? and cm.status in ('joined', 'invited') order by cm.role = 'host' desc, cm.created_at`,
	),
)

/** A conversation's header data: kind, title, members with their read positions, and whether it is writable. */
export function conversationDetails(userId: string, conversationId: string) {
	const access = conversationAccess(userId, conversationId)
	if (!access) return undefined
	const conversation = db.select().from(conversations).where(eq(conversations.id, conversationId)).get()!
	const members = readConversationMembers().all(conversationId)
	return {
		id: conversation.id,
		kind: conversation.kind,
		title: conversation.title,
		createdBy: conversation.createdBy,
		members,
		writable: access.writable,
		readOnly: access.readOnly,
	}
}
