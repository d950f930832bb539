import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
	isRouteErrorResponse,
	Link,
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useRouteError,
	useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { buttonClass } from './components/button.tsx'
import { SiteHeader, type HeaderViewer } from './components/site-header.tsx'
import { pendingRequestCount } from './features/connections/connections.server.ts'
import { unreadMessageCount } from './features/messaging/messaging.server.ts'
import { photoVersionOf } from './features/members/profile.server.ts'
import { unreadCount } from './features/notifications/notifications.server.ts'
import { awaitingResponseCount } from './features/scheduling/meetings.server.ts'
import { PresenceReporter } from './components/presence.tsx'
import { SocketProvider } from './realtime/socket-client.tsx'
import stylesheet from './styles/app.css?url'
import { useNonce } from './utils/nonce.tsx'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
	{ title: 'Crossroads · the peer network for CMOs' },
	{ name: 'description', content: 'Meet marketing leaders from other industries, never your competitors.' },
]

export async function loader({ context }: LoaderFunctionArgs) {
	const user = context.auth?.user
	const isActive = user?.status === 'active'
	const viewer: HeaderViewer = user
		? {
				id: user.id,
				name: user.name,
				role: user.role,
				status: user.status,
				pendingRequests: isActive ? pendingRequestCount(user.id) : 0,
				unreadNotifications: isActive ? unreadCount(user.id) : 0,
				unreadMessages: isActive ? unreadMessageCount(user.id) : 0,
				awaitingMeetings: isActive ? awaitingResponseCount(user.id) : 0,
				photoVersion: isActive ? photoVersionOf(user.id) : null,
			}
		: null
	// Only approved members hold a live socket (the server refuses everyone else).
	return { viewer, socketUserId: isActive ? user.id : null }
}

export function Layout({ children }: { children: ReactNode }) {
	const nonce = useNonce()
	const data = useRouteLoaderData<typeof loader>('root')
	return (
		<html lang="en" className="h-full">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="flex min-h-full flex-col">
				<a
					href="#main"
					className="sr-only focus:not-sr-only focus:absolute focus:top-4 focus:left-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
				>
					Skip to content
				</a>
				<SocketProvider userId={data?.socketUserId ?? null}>
					{data?.socketUserId ? <PresenceReporter /> : null}
					<SiteHeader viewer={data?.viewer ?? null} />
					<main id="main" className="flex-1">
						{children}
					</main>
				</SocketProvider>
				<footer className="border-t border-ink-100 bg-white">
					<div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-ink-500 sm:flex-row sm:justify-between sm:px-6">
						<span>© Crossroads · peers from every industry, never a competitor.</span>
						<span>Membership is vetted by our team.</span>
					</div>
				</footer>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	const error = useRouteError()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const heading =
		status === 404
			? 'We could not find that page'
			: status === 403
				? 'You do not have access to this page'
				: 'Something went wrong'
	const detail = isRouteErrorResponse(error)
		? typeof error.data === 'string' && error.data
			? error.data
			: (messageOf(error.data) ?? error.statusText)
		: 'An unexpected error occurred. Please try again in a moment.'
	return (
		<div className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center">
			<p className="text-sm font-semibold text-brand-700">{status}</p>
			<h1 className="mt-2 text-3xl font-semibold tracking-tight text-ink-950">{heading}</h1>
			<p className="mt-4 text-ink-500">{detail}</p>
			<Link to="/" className={buttonClass('primary', 'mt-8')}>
				Back to home
			</Link>
		</div>
	)
}

/** Refusals thrown as JSON (e.g. a conflict: `{ message }`) show their message on the error page. */
function messageOf(data: unknown) {
	return typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string'
		? data.message
		: undefined
}
