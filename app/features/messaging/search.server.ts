/**
 * Search in one's own messages: the FTS5 index over message bodies, limited to conversations the
 * member has joined, without deleted or hidden messages, best matches first (bm25).
 */
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { toFtsQuery } from '#app/utils/full-text-query.ts'
import type { MessageItem } from './options.ts'

export const messageSearchPageSize = 20

/** Private-use characters around each match: they cannot collide with markup, and are split out below. */
const matchStart = '\uE000'
const matchEnd = '\uE001'

export type SnippetPart = { text: string; match: boolean }

export type MessageSearchResult = {
	message: MessageItem
	conversationId: string
	conversationKind: 'direct' | 'roundtable'
	/** The roundtable's title, or the other member's name. */
	conversationLabel: string
	snippet: SnippetPart[]
}

type Params = { userId: string; match: string }

const visibleMatches = `from message_search s
	join messages m on m.id = s.rowid
	join conversation_members me on me.conversation_id = m.conversation_id and me.user_id = @userId and me.status = 'joined'
	join conversations c on c.id = m.conversation_id
	join users u on u.id = m.sender_id
	where message_search match @match and m.deleted_at is null and m.hidden_at is null`

const countMatches = prepareOnce(() =>
	db.$client.prepare<Params, { total: number }>(`select count(*) as total ${visibleMatches}`),
)

type ResultRow = Omit<MessageItem, 'conversationId'> & {
	conversationId: string
	kind: 'direct' | 'roundtable'
	title: string
	peerName: string | null
	snippet: string
}

const pageOfMatches = prepareOnce(() =>
	db.$client.prepare<Params & { limit: number; offset: number }, ResultRow>(
		`select m.id as id, m.conversation_id as conversationId, m.sender_id as senderId, u.name as senderName,
			m.client_id as clientId, m.body as body, m.created_at as createdAt, m.edited_at as editedAt,
			m.deleted_at as deletedAt, m.hidden_at as hiddenAt, m.change_id as changeId,
			c.kind as kind, c.title as title,
			(select pu.name from conversation_members peer join users pu on pu.id = peer.user_id
				where peer.conversation_id = c.id and peer.user_id != @userId limit 1) as peerName,
			snippet(message_search, 0, '${matchStart}', '${matchEnd}', '…', 16) as snippet
		${visibleMatches}
		order by bm25(message_search), m.id desc limit @limit offset @offset`,
	),
)

/** Splits a marked snippet into plain text and matched parts (never HTML). */
export function snippetParts(marked: string): SnippetPart[] {
	const parts: SnippetPart[] = []
	let match = false
	for (const piece of marked.split(/([\uE000\uE001])/)) {
		if (piece === matchStart) match = true
		else if (piece === matchEnd) match = false
		else if (piece) parts.push({ text: piece, match })
	}
	return parts
}

/**
 * One page of the member's messages matching `query`. What they typed is turned into quoted words
 * (the last one a prefix), so nothing of theirs is FTS syntax; a query with no words finds nothing.
 */
export function searchMessages(
	userId: string,
	query: string,
	{ page = 1 }: { page?: number } = {},
): { results: MessageSearchResult[]; total: number; page: number; pageSize: number } {
	const current = Number.isFinite(page) ? Math.max(1, Math.trunc(page)) : 1
	const match = toFtsQuery(query, { prefix: 'last' })
	if (!match) return { results: [], total: 0, page: current, pageSize: messageSearchPageSize }
	const total = countMatches().get({ userId, match })?.total ?? 0
	const rows =
		total > (current - 1) * messageSearchPageSize
			? pageOfMatches().all({
					userId,
					match,
					limit: messageSearchPageSize,
					offset: (current - 1) * messageSearchPageSize,
				})
			: []
	return {
		results: rows.map(({ kind, title, peerName, snippet, ...message }) => ({
			message,
			conversationId: message.conversationId,
			conversationKind: kind,
			conversationLabel: kind === 'roundtable' ? title : (peerName ?? 'Former member'),
			snippet: snippetParts(snippet),
		})),
		total,
		page: current,
		pageSize: messageSearchPageSize,
	}
}
