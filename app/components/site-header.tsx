import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import type { Role } from '#db/schema.ts'
import { MemberAvatar } from './avatar.tsx'
import { buttonClass } from './button.tsx'
import { Logo } from './logo.tsx'
import { MessagesNavLink } from './messages-nav-link.tsx'
import { NotificationBell } from './notification-bell.tsx'

export type HeaderViewer = {
	id: string
	name: string
	role: Role
	status: string
	pendingRequests: number
	unreadNotifications: number
	unreadMessages: number
	/** Pending meetings waiting for this member's answer. */
	awaitingMeetings: number
	photoVersion: number | null
} | null

export const roleLabels: Record<Role, string> = { member: 'Member', moderator: 'Moderator', admin: 'Admin' }

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
	`rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap ${isActive ? 'bg-ink-100 text-ink-950' : 'text-ink-500 hover:text-ink-900'}`

export function SiteHeader({ viewer }: { viewer: HeaderViewer }) {
	const { pathname } = useLocation()
	return (
		<header className="border-b border-ink-100 bg-white/90 backdrop-blur">
			<div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
				<Link to="/" aria-label="Crossroads home">
					<Logo />
				</Link>
				{viewer?.status === 'active' ? (
					<nav aria-label="Main" className="order-3 -mx-1 flex w-full gap-1 overflow-x-auto">
						<NavLink to="/" end className={navLinkClass}>
							Home
							{viewer.pendingRequests > 0 ? (
								<span className="ml-1.5 rounded-full bg-accent-400 px-1.5 py-0.5 text-xs font-semibold text-ink-950">
									{viewer.pendingRequests}
									<span className="sr-only">
										{' '}
										connection {viewer.pendingRequests === 1 ? 'request' : 'requests'} waiting
									</span>
								</span>
							) : null}
						</NavLink>
						<NavLink
							to="/members"
							className={({ isActive }) => navLinkClass({ isActive: isActive && pathname !== '/members/suggestions' })}
						>
							Members
						</NavLink>
						<NavLink to="/members/suggestions" className={navLinkClass}>
							Peers to meet
						</NavLink>
						<MessagesNavLink unread={viewer.unreadMessages} viewerId={viewer.id} className={navLinkClass} />
						<NavLink to="/meetings" className={(state) => `relative ${navLinkClass(state)}`} data-testid="meetings-nav">
							Meetings
							{viewer.awaitingMeetings > 0 ? (
								<>
									<span
										aria-hidden="true"
										className="ml-1.5 rounded-full bg-accent-400 px-1.5 py-0.5 text-xs font-semibold text-ink-950 tabular-nums"
									>
										{viewer.awaitingMeetings}
									</span>
									<span className="sr-only">, {viewer.awaitingMeetings} waiting for your answer</span>
								</>
							) : null}
						</NavLink>
						<NavLink to="/case-studies" className={navLinkClass}>
							Case studies
						</NavLink>
						<NavLink to="/settings" className={navLinkClass}>
							Settings
						</NavLink>
						{viewer.role === 'moderator' || viewer.role === 'admin' ? (
							<NavLink to="/moderation" className={navLinkClass}>
								Moderation
							</NavLink>
						) : null}
						{viewer.role === 'admin' ? (
							<NavLink to="/admin" className={navLinkClass}>
								Admin
							</NavLink>
						) : null}
					</nav>
				) : null}
				<div className="ml-auto flex items-center gap-1 sm:gap-3">
					{viewer ? (
						<>
							{viewer.status === 'active' ? <NotificationBell unread={viewer.unreadNotifications} /> : null}
							<SignedInAs viewer={viewer} />
							<Form method="post" action="/logout">
								<button type="submit" className={buttonClass('ghost', 'px-3')}>
									Sign out
								</button>
							</Form>
						</>
					) : (
						<>
							<Link to="/login" className={buttonClass('ghost', 'px-3')}>
								Sign in
							</Link>
							<Link to="/join" className={buttonClass('primary', 'px-3 sm:px-4')}>
								<span className="sm:hidden">Apply</span>
								<span className="hidden sm:inline">Apply to join</span>
							</Link>
						</>
					)}
				</div>
			</div>
		</header>
	)
}

/** Who is signed in; for active members it opens their profile editor. */
function SignedInAs({ viewer }: { viewer: NonNullable<HeaderViewer> }) {
	const content = (
		<>
			<MemberAvatar member={viewer} />
			<div className="hidden leading-tight sm:block">
				<div className="text-sm font-semibold text-ink-900">{viewer.name}</div>
				<div className="text-xs text-ink-500">{roleLabels[viewer.role]}</div>
			</div>
		</>
	)
	if (viewer.status !== 'active')
		return (
			<div className="flex items-center gap-2.5" data-testid="signed-in-as">
				{content}
			</div>
		)
	return (
		<Link
			to="/profile"
			className="flex items-center gap-2.5 rounded-lg px-1.5 py-1 hover:bg-ink-50"
			data-testid="signed-in-as"
		>
			<span className="sr-only">Your profile: </span>
			{content}
		</Link>
	)
}
