import { NavLink } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { isConversationInView } from '#app/features/messaging/open-conversation.ts'
import { useSocketEvent } from '#app/realtime/socket-client.tsx'

/**
 * "Messages" in the main navigation with the unread count: rendered from the root loader, then
 * +1 for each new message from someone else (unless its conversation is on screen) and set
 * exactly whenever the server recounts ('messages:unread', after reading anywhere).
 */
export function MessagesNavLink({
	unread: loaderUnread,
	viewerId,
	className,
}: {
	unread: number
	viewerId: string
	className: (state: { isActive: boolean }) => string
}) {
	const [unread, setUnread] = useState(loaderUnread)
	const counted = useRef(new Set<number>())
	useEffect(() => setUnread(loaderUnread), [loaderUnread])
	useSocketEvent('message:new', ({ message }) => {
		if (message.senderId === viewerId || counted.current.has(message.id)) return
		counted.current.add(message.id)
		if (!isConversationInView(message.conversationId)) setUnread((count) => count + 1)
	})
	useSocketEvent('messages:unread', (payload) => setUnread(payload.unread))
	return (
		// `relative` keeps the screen-reader text inside the scrolling nav (no page-wide overflow on phones).
		<NavLink to="/messages" className={(state) => `relative ${className(state)}`} data-testid="messages-nav">
			Messages
			{unread > 0 ? (
				<>
					<span
						aria-hidden="true"
						className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums"
						data-testid="messages-unread"
					>
						{unread > 99 ? '99+' : unread}
					</span>
					<span className="sr-only">, {unread} unread</span>
				</>
			) : null}
		</NavLink>
	)
}
