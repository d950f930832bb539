/**
 * Live updates after a messaging change has committed. The socket handlers and the no-JS form
 * routes call these once the domain function returned, so nothing is announced that did not commit.
 */
import { emitToUser, emitToUsers, emitToUsersExcept, isRealtimeRunning } from '#app/realtime/broadcast.server.ts'
import { connectedUserIds } from '#app/realtime/presence.server.ts'
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { markReadByLink, notify, withUnreadNotification } from '../notifications/notifications.server.ts'
import { previewOf } from './message-text.ts'
import { unreadMessageCount, type MessageChange, type ReadReceipt, type SendResult } from './messaging.server.ts'

export const conversationLink = (conversationId: string) => `/messages/${conversationId}`

/**
 * A new message to every tab of every member (the sender's other tabs included; pass the sending
 * socket's id to leave out the tab that has it in its ack). A retried client id sends nothing.
 * Members with no tab open get one "new messages" notification per conversation until they read it.
 */
export function publishMessage(result: SendResult, options: { exceptSocketId?: string } = {}) {
	if (result.duplicate) return
	const payload = { message: result.message }
	if (options.exceptSocketId) emitToUsersExcept(options.exceptSocketId, result.recipientIds, 'message:new', payload)
	else emitToUsers(result.recipientIds, 'message:new', payload)
	const others = result.recipientIds.filter((id) => id !== result.message.senderId)
	if (others.length === 0) return
	// Off the hot path: the sender's ack and the live delivery do not wait for the notification.
	setImmediate(() => {
		notifyOfflineRecipients(result.message, others).catch((error: unknown) =>
			console.error('Could not notify offline recipients', error),
		)
	})
}

const readConversationTitle = prepareOnce(() =>
	db.$client.prepare<{ id: string }, { kind: string; title: string | null }>(
		`select kind, title from conversations where id = @id`,
	),
)

async function notifyOfflineRecipients(message: SendResult['message'], recipientIds: string[]) {
	const connected = await connectedUserIds(recipientIds)
	const offline = recipientIds.filter((id) => !connected.has(id))
	if (offline.length === 0) return
	const link = conversationLink(message.conversationId)
	// Synchronous from here on: the check and the insert cannot interleave with another message's.
	const already = withUnreadNotification(offline, 'message-received', link)
	const toNotify = offline.filter((id) => !already.has(id))
	if (toNotify.length === 0) return
	const conversation = readConversationTitle().get({ id: message.conversationId })
	if (!conversation) return
	const title =
		conversation.kind === 'roundtable'
			? `New messages in ${conversation.title ?? 'a roundtable'}`
			: `New messages from ${message.senderName}`
	const body = previewOf(message.body)
	db.transaction((tx) => {
		for (const userId of toNotify) notify(userId, { kind: 'message-received', title, body, link }, tx)
	})
}

/** An edit, deletion or moderator hiding, to every tab of every member. */
export function publishMessageChange(change: MessageChange) {
	emitToUsers(change.recipientIds, 'message:updated', { message: change.message })
}

/**
 * A read position that moved: the receipt to the members (the reader's other tabs included), the
 * reader's new unread total to their tabs, and their "new messages" notification for it settled.
 */
export function publishReadReceipt(receipt: ReadReceipt & { changed: boolean }) {
	if (!receipt.changed) return
	const { conversationId, userId, lastReadMessageId } = receipt
	emitToUsers(receipt.recipientIds, 'conversation:read', { conversationId, userId, lastReadMessageId })
	if (isRealtimeRunning()) emitToUser(userId, 'messages:unread', { unread: unreadMessageCount(userId) })
	markReadByLink(userId, conversationLink(conversationId), 'message-received')
}

/** Membership, invitations or the read-only state changed: these members reload the conversation. */
export function publishConversationChanged(conversationId: string, userIds: string[]) {
	emitToUsers(userIds, 'conversation:changed', { conversationId })
}

const readJoinedMembers = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string }, { userId: string }>(
		`select user_id as userId from conversation_members where conversation_id = @conversationId and status = 'joined'`,
	),
)

const readDirectConversation = prepareOnce(() =>
	db.$client.prepare<{ pairKey: string }, { id: string }>(`select id from conversations where pair_key = @pairKey`),
)

/**
 * The conflict policy made conversations read-only or writable again (rooms by id, 1:1s by the
 * pair's key): their open tabs reload. Deferred until the caller's synchronous work is done, since
 * the re-check may run inside a larger transaction; after a rollback the reload is merely useless.
 */
export function announceReadOnlyChanges({ roomIds = [], pairKeys = [] }: { roomIds?: string[]; pairKeys?: string[] }) {
	if (!isRealtimeRunning() || (roomIds.length === 0 && pairKeys.length === 0)) return
	setImmediate(() => {
		const directIds = pairKeys.flatMap((pairKey) =>
			readDirectConversation()
				.all({ pairKey })
				.map((row) => row.id),
		)
		for (const conversationId of [...roomIds, ...directIds]) {
			const memberIds = readJoinedMembers()
				.all({ conversationId })
				.map((row) => row.userId)
			publishConversationChanged(conversationId, memberIds)
		}
	})
}
