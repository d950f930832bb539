import { NavLink } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useSocketEvent } from '#app/realtime/socket-client.tsx'

/**
 * The header bell: the unread count comes from the root loader (right on first paint, even
 * without JavaScript) and then follows the member's socket events.
 */
export function NotificationBell({ unread: loaderUnread }: { unread: number }) {
	const [unread, setUnread] = useState(loaderUnread)
	const [announcement, setAnnouncement] = useState('')
	useEffect(() => setUnread(loaderUnread), [loaderUnread])
	useSocketEvent('notification:new', ({ notification, unread }) => {
		setUnread(unread)
		setAnnouncement(`New notification: ${notification.title}. ${unread} unread.`)
	})
	useSocketEvent('notification:count', (payload) => setUnread(payload.unread))
	return (
		<>
			<NavLink
				to="/notifications"
				className={({ isActive }) =>
					`relative inline-flex h-10 w-10 items-center justify-center rounded-lg text-ink-500 hover:bg-ink-100 hover:text-ink-900 ${isActive ? 'bg-ink-100 text-ink-950' : ''}`
				}
				data-testid="notification-bell"
			>
				<svg
					aria-hidden="true"
					viewBox="0 0 24 24"
					fill="none"
					strokeWidth={1.6}
					stroke="currentColor"
					className="h-6 w-6"
				>
					<path
						strokeLinecap="round"
						strokeLinejoin="round"
						d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0"
					/>
				</svg>
				<span className="sr-only">{unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}</span>
				{unread > 0 ? (
					<span
						aria-hidden="true"
						className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-accent-400 px-1 text-center text-xs leading-5 font-semibold text-ink-950"
					>
						{unread > 99 ? '99+' : unread}
					</span>
				) : null}
			</NavLink>
			<div aria-live="polite" className="sr-only">
				{announcement}
			</div>
		</>
	)
}
