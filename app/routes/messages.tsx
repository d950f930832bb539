import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, Outlet, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { buttonClass } from '#app/components/button.tsx'
import { ConversationList } from '#app/components/conversation-list.tsx'
import { listConversations } from '#app/features/messaging/messaging.server.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Messages · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	return {
		viewerId: user.id,
		timeZone: getMemberTimeZone(user.id),
		conversations: listConversations(user.id),
	}
}

/** Two panes at desktop width (list, then the open conversation); one at a time on phones. */
export default function MessagesLayout() {
	const { conversations, viewerId, timeZone } = useLoaderData<typeof loader>()
	const { pathname } = useLocation()
	const [searchParams] = useSearchParams()
	const listOnly = pathname.replace(/\/$/, '') === '/messages'
	return (
		<div className="mx-auto max-w-6xl sm:px-6 sm:py-6">
			<div className="flex h-[calc(100dvh-7.25rem)] min-h-[30rem] overflow-hidden border-ink-100 bg-white sm:h-[calc(100dvh-9rem)] sm:rounded-2xl sm:border sm:shadow-sm">
				<aside
					aria-label="Your conversations"
					className={`${listOnly ? 'flex' : 'hidden'} w-full min-w-0 flex-col border-ink-100 md:flex md:w-80 md:shrink-0 md:border-r lg:w-96`}
				>
					<div className="flex flex-col gap-3 border-b border-ink-100 px-4 pt-4 pb-3">
						<div className="flex items-center justify-between gap-3">
							<h1 className="text-lg font-semibold tracking-tight text-ink-950">Messages</h1>
							<Link
								to="/messages/roundtables/new"
								className={buttonClass('secondary', 'px-3 py-1.5 text-xs')}
								title="Start a roundtable with up to 11 connections"
							>
								<svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
									<path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
								</svg>
								New roundtable
							</Link>
						</div>
						<Form method="get" action="/messages/search" role="search" className="relative">
							<label htmlFor="message-search" className="sr-only">
								Search your messages
							</label>
							<svg
								aria-hidden="true"
								viewBox="0 0 20 20"
								fill="currentColor"
								className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-ink-400"
							>
								<path
									fillRule="evenodd"
									d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.452 4.391l3.328 3.329a.75.75 0 1 1-1.06 1.06l-3.329-3.328A7 7 0 0 1 2 9Z"
									clipRule="evenodd"
								/>
							</svg>
							<input
								id="message-search"
								type="search"
								name="q"
								defaultValue={pathname.startsWith('/messages/search') ? (searchParams.get('q') ?? '') : ''}
								placeholder="Search messages"
								className="block w-full rounded-lg border-0 bg-ink-50 py-2 pr-3 pl-9 text-sm text-ink-900 ring-1 ring-ink-100 ring-inset placeholder:text-ink-400 focus:bg-white focus:ring-2 focus:ring-brand-600"
							/>
						</Form>
					</div>
					<ConversationList conversations={conversations} viewerId={viewerId} timeZone={timeZone} />
				</aside>
				<section className={`${listOnly ? 'hidden' : 'flex'} min-w-0 flex-1 flex-col md:flex`}>
					<Outlet />
				</section>
			</div>
		</div>
	)
}
