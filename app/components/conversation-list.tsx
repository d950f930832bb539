import { Form, Link, NavLink, useRevalidator } from '@remix-run/react'
import { useEffect, useState } from 'react'
import type { ConversationSummary } from '#app/features/messaging/messaging.server.ts'
import { previewOf } from '#app/features/messaging/message-text.ts'
import { isConversationInView } from '#app/features/messaging/open-conversation.ts'
import { useSocketEvent } from '#app/realtime/socket-client.tsx'
import { InitialsAvatar, MemberAvatar } from './avatar.tsx'
import { buttonClass } from './button.tsx'
import { LocalTime } from './local-time.tsx'

export function conversationLabel(conversation: Pick<ConversationSummary, 'kind' | 'title' | 'members'>) {
	if (conversation.kind === 'roundtable') return conversation.title ?? 'Roundtable'
	return conversation.members[0]?.name ?? 'Former member'
}

/** A direct conversation shows the peer's avatar; a roundtable a group glyph. */
export function ConversationAvatar({
	conversation,
	size = 'h-11 w-11 text-sm',
}: {
	conversation: Pick<ConversationSummary, 'kind' | 'title' | 'members'>
	size?: string
}) {
	const first = conversation.members[0]
	if (conversation.kind === 'direct')
		return first ? (
			<MemberAvatar member={{ id: first.userId, name: first.name, photoVersion: first.photoVersion }} size={size} />
		) : (
			<InitialsAvatar name="?" size={size} />
		)
	return (
		<span aria-hidden="true" className={`relative inline-flex shrink-0 ${size}`}>
			<span className="absolute inset-0 flex items-center justify-center rounded-xl bg-brand-50 text-brand-700 ring-1 ring-brand-100">
				<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} className="h-5 w-5">
					<path
						strokeLinecap="round"
						strokeLinejoin="round"
						d="M18 18.72a9.094 9.094 0 0 0 3.741-.479 3 3 0 0 0-4.682-2.72m.94 3.198.001.031c0 .225-.012.447-.037.666A11.944 11.944 0 0 1 12 21c-2.17 0-4.207-.576-5.963-1.584A6.062 6.062 0 0 1 6 18.719m12 0a5.971 5.971 0 0 0-.941-3.197m0 0A5.995 5.995 0 0 0 12 12.75a5.995 5.995 0 0 0-5.058 2.772m0 0a3 3 0 0 0-4.681 2.72 8.986 8.986 0 0 0 3.74.477m.94-3.197a5.971 5.971 0 0 0-.94 3.197M15 6.75a3 3 0 1 1-6 0 3 3 0 0 1 6 0Zm6 3a2.25 2.25 0 1 1-4.5 0 2.25 2.25 0 0 1 4.5 0Zm-13.5 0a2.25 2.25 0 1 1-4.5 0 2.25 2.25 0 0 1 4.5 0Z"
					/>
				</svg>
			</span>
		</span>
	)
}

/**
 * The member's conversations, newest activity first. Rendered by the server; then each new or
 * changed message updates its row (moving it to the top) and membership changes reload the list.
 */
export function ConversationList({
	conversations: loaded,
	viewerId,
	timeZone,
}: {
	conversations: ConversationSummary[]
	viewerId: string
	timeZone: string
}) {
	const [conversations, setConversations] = useState(loaded)
	useEffect(() => setConversations(loaded), [loaded])
	const { revalidate } = useRevalidator()

	useSocketEvent('message:new', ({ message }) => {
		if (!conversations.some((conversation) => conversation.id === message.conversationId)) {
			revalidate()
			return
		}
		setConversations((current) => {
			const index = current.findIndex((conversation) => conversation.id === message.conversationId)
			const conversation = current[index]
			if (!conversation || (conversation.lastMessage && conversation.lastMessage.createdAt > message.createdAt))
				return current
			const fromOther = message.senderId !== viewerId
			const updated: ConversationSummary = {
				...conversation,
				lastMessage: {
					senderId: message.senderId,
					senderName: message.senderName,
					preview: message.body,
					createdAt: message.createdAt,
					deleted: message.deletedAt !== null || message.hiddenAt !== null,
				},
				lastActivityAt: message.createdAt,
				unread:
					fromOther && !isConversationInView(message.conversationId) ? conversation.unread + 1 : conversation.unread,
			}
			return [updated, ...current.slice(0, index), ...current.slice(index + 1)]
		})
	})
	useSocketEvent('message:updated', ({ message }) => {
		setConversations((current) =>
			current.map((conversation) =>
				conversation.id === message.conversationId &&
				conversation.lastMessage?.createdAt === message.createdAt &&
				conversation.lastMessage.senderId === message.senderId
					? {
							...conversation,
							lastMessage: {
								...conversation.lastMessage,
								preview: message.body,
								deleted: message.deletedAt !== null || message.hiddenAt !== null,
							},
						}
					: conversation,
			),
		)
	})
	useSocketEvent('conversation:read', ({ conversationId, userId }) => {
		if (userId !== viewerId) return
		setConversations((current) =>
			current.map((conversation) =>
				conversation.id === conversationId ? { ...conversation, unread: 0 } : conversation,
			),
		)
	})
	useSocketEvent('conversation:changed', () => revalidate())

	if (conversations.length === 0)
		return (
			<div className="flex flex-1 flex-col items-center justify-center px-6 py-16 text-center">
				<span className="flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-700">
					<ChatGlyph />
				</span>
				<h2 className="mt-4 font-semibold text-ink-950">No conversations yet</h2>
				<p className="mt-1 text-sm text-ink-500">
					Message a connection from their profile, or gather several peers in a roundtable.
				</p>
				<Link to="/members" className={buttonClass('secondary', 'mt-5')}>
					Find peers
				</Link>
			</div>
		)

	return (
		<ul aria-label="Conversations" className="flex-1 divide-y divide-ink-100 overflow-y-auto">
			{conversations.map((conversation) => {
				const label = conversationLabel(conversation)
				const last = conversation.lastMessage
				const unread = conversation.unread
				return (
					<li key={conversation.id} data-conversation={conversation.id}>
						<NavLink
							to={`/messages/${conversation.id}`}
							className={({ isActive }) =>
								`flex gap-3 px-4 py-3.5 transition-colors focus-visible:-outline-offset-2 ${isActive ? 'bg-brand-50/70' : 'hover:bg-ink-50'}`
							}
						>
							<ConversationAvatar conversation={conversation} />
							<div className="min-w-0 flex-1">
								<div className="flex items-baseline gap-2">
									<span
										className={`min-w-0 flex-1 truncate text-sm ${unread > 0 ? 'font-semibold text-ink-950' : 'font-medium text-ink-900'}`}
									>
										{label}
									</span>
									<LocalTime
										at={last?.createdAt ?? conversation.lastActivityAt}
										style="list"
										timeZone={timeZone}
										className={`shrink-0 text-xs ${unread > 0 ? 'font-semibold text-brand-700' : 'text-ink-400'}`}
									/>
								</div>
								<div className="mt-0.5 flex items-center gap-2">
									<p
										className={`min-w-0 flex-1 truncate text-sm ${unread > 0 ? 'text-ink-800' : 'text-ink-500'}`}
										data-testid="conversation-preview"
									>
										{conversation.status === 'invited' ? (
											<span className="font-medium text-accent-500">Invitation to join</span>
										) : last ? (
											<>
												{last.senderId === viewerId
													? 'You: '
													: conversation.kind === 'roundtable'
														? `${firstName(last.senderName)}: `
														: ''}
												{last.deleted ? <em>Message deleted</em> : previewOf(last.preview, 90)}
											</>
										) : (
											<span className="text-ink-400">No messages yet</span>
										)}
									</p>
									{unread > 0 ? (
										<span className="shrink-0 rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white tabular-nums">
											{unread > 99 ? '99+' : unread}
											<span className="sr-only"> unread</span>
										</span>
									) : null}
								</div>
							</div>
						</NavLink>
						{conversation.status === 'invited' ? (
							<Form method="post" action={`/messages/${conversation.id}`} className="flex gap-2 px-4 pb-3 pl-18">
								<button
									type="submit"
									name="intent"
									value="accept"
									className={buttonClass('primary', 'px-3 py-1.5 text-xs')}
								>
									Accept<span className="sr-only"> invitation to {label}</span>
								</button>
								<button
									type="submit"
									name="intent"
									value="decline"
									className={buttonClass('secondary', 'px-3 py-1.5 text-xs')}
								>
									Decline<span className="sr-only"> invitation to {label}</span>
								</button>
							</Form>
						) : null}
					</li>
				)
			})}
		</ul>
	)
}

const firstName = (name: string) => name.split(' ')[0] ?? name

export function ChatGlyph({ className = 'h-6 w-6' }: { className?: string }) {
	return (
		<svg
			aria-hidden="true"
			viewBox="0 0 24 24"
			fill="none"
			stroke="currentColor"
			strokeWidth={1.6}
			className={className}
		>
			<path
				strokeLinecap="round"
				strokeLinejoin="round"
				d="M20.25 8.511c.884.284 1.5 1.128 1.5 2.097v4.286c0 1.136-.847 2.1-1.98 2.193-.34.027-.68.052-1.02.072v3.091l-3-3c-1.354 0-2.694-.055-4.02-.163a2.115 2.115 0 0 1-.825-.242m9.345-8.334a2.126 2.126 0 0 0-.476-.095 48.64 48.64 0 0 0-8.048 0c-1.131.094-1.976 1.057-1.976 2.192v4.286c0 .837.46 1.58 1.155 1.951m9.345-8.334V6.637c0-1.621-1.152-3.026-2.76-3.235A48.455 48.455 0 0 0 11.25 3c-2.115 0-4.198.137-6.24.402-1.608.209-2.76 1.614-2.76 3.235v6.226c0 1.621 1.152 3.026 2.76 3.235.577.075 1.157.14 1.74.194V21l4.155-4.155"
			/>
		</svg>
	)
}
