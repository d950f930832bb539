/** The socket.io contract, shared by the server and the browser. */
import type { MessageItem, MessagingErrorCode, PresenceState } from '#app/features/messaging/options.ts'
import type { NotificationItem } from '#app/features/notifications/options.ts'

export type SocketErrorCode =
	| 'unauthenticated'
	| 'session-revoked'
	| 'forbidden-origin'
	| 'bad-request'
	| 'rate-limited'
	/** An unexpected failure on the server; retrying may work. */
	| 'server-error'
	| MessagingErrorCode

/**
 * Every acknowledged event answers with this. A refusal says why (`code`), in words a member can
 * read (`message`), which input was wrong (`field`) and, when rate limited, when to retry.
 */
export type Ack<T> =
	{ ok: true; data: T } | { ok: false; code: SocketErrorCode; message: string; field?: string; retryAfterMs?: number }

export type PresenceInfo = { state: PresenceState; lastSeenAt: number | null }
export type { MessageItem, PresenceState }

/** Attached as `err.data` to the connect_error a refused handshake produces. */
export type HandshakeErrorData = { code: SocketErrorCode; message: string }

export type Viewer = { userId: string; name: string; role: 'member' | 'moderator' | 'admin' }

export interface ClientToServerEvents {
	/** Who the server thinks this socket is; proves per-event authorization. */
	'session:whoami': (ack: (result: Ack<Viewer>) => void) => void
	/** Stores a message; acknowledged only after the commit. Resending a client id returns the stored message. */
	'message:send': (
		payload: { conversationId: string; clientId: string; body: string },
		ack: (result: Ack<{ message: MessageItem; duplicate: boolean }>) => void,
	) => void
	/** Edits an own message (within 15 minutes of sending). */
	'message:edit': (
		payload: { messageId: number; body: string },
		ack: (result: Ack<{ message: MessageItem }>) => void,
	) => void
	/** Deletes an own message; everyone sees it as deleted. */
	'message:delete': (payload: { messageId: number }, ack: (result: Ack<{ message: MessageItem }>) => void) => void
	/** One page of history before `beforeId` (the newest page without it), oldest first. */
	'conversation:history': (
		payload: { conversationId: string; beforeId?: number },
		ack: (result: Ack<{ messages: MessageItem[]; hasMore: boolean }>) => void,
	) => void
	/** Marks a conversation read up to a message (read receipts; never moves back). */
	'conversation:read': (
		payload: { conversationId: string; messageId: number },
		ack: (result: Ack<{ lastReadMessageId: number }>) => void,
	) => void
	/** Catch-up after a gap: every message change after `sinceChangeId` in the member's conversations. */
	'messages:sync': (
		payload: { sinceChangeId: number },
		ack: (result: Ack<{ messages: MessageItem[]; more: boolean; lastChangeId: number }>) => void,
	) => void
	/** "I am typing" in a conversation; clients send it at most every few seconds while typing. */
	'typing:start': (payload: { conversationId: string }, ack?: (result: Ack<null>) => void) => void
	/** The tab is in use (`online`) or idle/hidden (`away`). */
	'presence:set': (payload: { state: 'online' | 'away' }, ack?: (result: Ack<null>) => void) => void
	/** Presence of members the asker shares a conversation with (others are reported offline). */
	'presence:query': (payload: { userIds: string[] }, ack: (result: Ack<Record<string, PresenceInfo>>) => void) => void
}

export interface ServerToClientEvents {
	/** Sent just before the server disconnects a socket whose session ended elsewhere. */
	'session:ended': (payload: { reason: 'revoked' }) => void
	/** A notification was committed for this member; `unread` is their new unread count. */
	'notification:new': (payload: { notification: NotificationItem; unread: number }) => void
	/** The unread count changed without a new notification (marked read in another tab). */
	'notification:count': (payload: { unread: number }) => void
	/** A message was committed in one of the member's conversations (also sent to the sender's other tabs). */
	'message:new': (payload: { message: MessageItem }) => void
	/** A message was edited, deleted or hidden by a moderator. */
	'message:updated': (payload: { message: MessageItem }) => void
	/** A member's read position moved (read receipts). */
	'conversation:read': (payload: { conversationId: string; userId: string; lastReadMessageId: number }) => void
	/** The member's total of unread messages, after they read somewhere (another tab included). */
	'messages:unread': (payload: { unread: number }) => void
	/** Membership, invitations or the read-only state of a conversation changed: reload it. */
	'conversation:changed': (payload: { conversationId: string }) => void
	/** Someone is typing in a conversation (clients hide it after a few seconds without another). */
	'typing:start': (payload: { conversationId: string; userId: string; name: string }) => void
	/** A member's presence changed. */
	'presence:changed': (payload: { userId: string } & PresenceInfo) => void
}

export interface SocketData {
	userId: string
	sessionId: string
	viewer: Viewer
	/** What this tab reports; the member is online if any of their tabs is. */
	presence: 'online' | 'away'
}

export const rooms = {
	user: (userId: string) => `user:${userId}`,
	session: (sessionId: string) => `session:${sessionId}`,
}
