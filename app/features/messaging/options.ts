/** Messaging choices and limits shared by the schema, the server and the browser. */
export const conversationKinds = ['direct', 'roundtable'] as const
export type ConversationKind = (typeof conversationKinds)[number]

/** invited → joined or declined; joined → left (by themselves) or removed (by the host). */
export const conversationMemberStatuses = ['invited', 'joined', 'declined', 'left', 'removed'] as const
export type ConversationMemberStatus = (typeof conversationMemberStatuses)[number]

export const conversationRoles = ['host', 'member'] as const

export const messagingLimits = {
	/** Characters (code points) in one message. */
	messageLength: 4000,
	/** People in a roundtable, the host included. */
	roundtableSize: 12,
	roundtableTitle: 80,
	/** Own messages can be edited this long after sending. */
	editWindowMs: 15 * 60 * 1000,
	/** Messages per history page. */
	historyPage: 50,
	/**
	 * How long socket.io keeps the events a dropped socket missed, to replay them when it comes back.
	 * Short on purpose: every broadcast stays in memory (or in the Redis stream) this long, and at
	 * 1,000 messages/s two minutes' worth caused long garbage-collection pauses. Longer gaps are
	 * caught up from the database (`messages:sync`), the source of truth.
	 */
	recoveryWindowMs: 30 * 1000,
	/**
	 * How long a socket send waits for others to share its transaction (group commit). Measured
	 * in-process: 280 µs of database time per message committed alone, about 140 µs in groups of five.
	 */
	groupCommitWindowMs: 2,
	/** Changes per catch-up batch; the client asks again while `more` is true. */
	syncBatch: 500,
} as const

export type PresenceState = 'online' | 'away' | 'offline'

export type MessagingErrorCode =
	| 'bad-request'
	| 'not-found'
	| 'read-only'
	| 'not-connected'
	| 'conflict'
	| 'not-yours'
	| 'edit-window'
	| 'deleted'
	| 'full'
	| 'not-host'
	| 'rate-limited'

/** A message as every client sees it; a deleted or hidden message carries no text. */
export type MessageItem = {
	id: number
	conversationId: string
	senderId: string
	senderName: string
	clientId: string
	body: string
	createdAt: number
	editedAt: number | null
	deletedAt: number | null
	hiddenAt: number | null
	changeId: number
}
