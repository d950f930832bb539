/**
 * History around one message: what a search result links to, so the message shows in context.
 * Same access rule as every other read (conversationAccess); two indexed range reads.
 */
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { conversationAccess, type Outcome } from './messaging.server.ts'
import type { MessageItem } from './options.ts'

type MessageRow = Omit<MessageItem, 'body'> & { body: string }

const columns = `m.id as id, m.conversation_id as conversationId, m.sender_id as senderId, u.name as senderName,
	m.client_id as clientId, m.body as body, m.created_at as createdAt, m.edited_at as editedAt,
	m.deleted_at as deletedAt, m.hidden_at as hiddenAt, m.change_id as changeId`

const upTo = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; messageId: number; limit: number }, MessageRow>(
		`select ${columns} from messages m join users u on u.id = m.sender_id
		where m.conversation_id = @conversationId and m.id <= @messageId order by m.id desc limit @limit`,
	),
)

const after = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string; messageId: number; limit: number }, MessageRow>(
		`select ${columns} from messages m join users u on u.id = m.sender_id
		where m.conversation_id = @conversationId and m.id > @messageId order by m.id asc limit @limit`,
	),
)

/** A deleted or hidden message carries no text, as everywhere else. */
const toItem = (row: MessageRow): MessageItem => ({
	...row,
	body: row.deletedAt !== null || row.hiddenAt !== null ? '' : row.body,
})

/**
 * Up to `before` messages before `messageId`, the message itself and up to `after` after it,
 * oldest first. `found` is false when the message is not in this conversation (the page then
 * shows the newest messages instead).
 */
export function messagesAround(
	userId: string,
	conversationId: string,
	messageId: number,
	{ before = 25, after: afterCount = 24 }: { before?: number; after?: number } = {},
): Outcome<{ messages: MessageItem[]; hasMoreBefore: boolean; hasMoreAfter: boolean; found: boolean }> {
	if (!conversationAccess(userId, conversationId))
		return { ok: false, code: 'not-found', message: 'This conversation does not exist or you are not part of it.' }
	const older = upTo().all({ conversationId, messageId, limit: before + 2 })
	const found = older[0]?.id === messageId
	const newer = after().all({ conversationId, messageId, limit: afterCount + 1 })
	return {
		ok: true,
		data: {
			messages: [...older.slice(0, before + 1).reverse(), ...newer.slice(0, afterCount)].map(toItem),
			hasMoreBefore: older.length > before + 1,
			hasMoreAfter: newer.length > afterCount,
			found,
		},
	}
}
