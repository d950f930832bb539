import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/button.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { listNotifications, markRead } from '#app/features/notifications/notifications.server.ts'
import { useSocketEvent } from '#app/realtime/socket-client.tsx'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · Crossroads' }]

const filters = ['all', 'unread'] as const

const ListQuery = z.object({
	page: z.coerce.number().int().min(1).catch(1),
	filter: z.enum(filters).catch('all'),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const query = ListQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	const list = listNotifications(user.id, query)
	const dateTime = new Intl.DateTimeFormat('en', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: getMemberTimeZone(user.id),
	})
	return {
		...list,
		filter: query.filter,
		// Formatted here, in the member's time zone, so server and browser render the same text.
		items: list.items.map((item) => ({ ...item, when: dateTime.format(item.createdAt) })),
	}
}

const ReadIntent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('mark-read'), id: z.coerce.number().int().positive() }),
	z.object({ intent: z.literal('mark-all-read') }),
])

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const parsed = ReadIntent.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return data({ message: 'Choose a notification to mark read.' }, { status: 400 })
	const input = parsed.data
	const changed = markRead(user.id, input.intent === 'mark-all-read' ? 'all' : [input.id])
	return {
		message:
			input.intent === 'mark-all-read'
				? `Marked ${changed} ${changed === 1 ? 'notification' : 'notifications'} read.`
				: 'Marked read.',
	}
}

export default function NotificationsRoute() {
	const { items, page, pageCount, unread, filter } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle'
	const { revalidate } = useRevalidator()
	// Keep the list current: a new one arrived, or another tab marked some read.
	useSocketEvent('notification:new', () => revalidate())
	useSocketEvent('notification:count', (payload) => {
		if (payload.unread !== unread) revalidate()
	})
	return (
		<div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Notifications"
				description={unread > 0 ? `${unread} unread` : 'You are all caught up.'}
				actions={
					unread > 0 ? (
						<Form method="post">
							<input type="hidden" name="intent" value="mark-all-read" />
							<Button variant="secondary" disabled={busy}>
								Mark all read
							</Button>
						</Form>
					) : null
				}
			/>
			{actionData?.message ? <Notice>{actionData.message}</Notice> : null}
			<nav aria-label="Show" className="flex gap-1">
				{filters.map((option) => (
					<Link
						key={option}
						to={option === 'all' ? '?' : `?filter=${option}`}
						aria-current={option === filter ? 'page' : undefined}
						className={`rounded-md px-3 py-2 text-sm font-medium ${option === filter ? 'bg-ink-100 text-ink-950' : 'text-ink-500 hover:text-ink-900'}`}
					>
						{option === 'all' ? 'All' : `Unread (${unread})`}
					</Link>
				))}
			</nav>
			{items.length === 0 ? (
				<Card className="text-center">
					<h2 className="font-semibold text-ink-950">
						{filter === 'unread' ? 'No unread notifications' : 'No notifications yet'}
					</h2>
					<p className="mt-2 text-sm text-ink-500">
						{filter === 'unread'
							? 'You have read everything. Older notifications stay under “All”.'
							: 'When a moderator reviews your case study or a peer comments or replies, you will see it here.'}
					</p>
				</Card>
			) : (
				<ul className="flex flex-col divide-y divide-ink-100 overflow-hidden rounded-2xl border border-ink-100 bg-white shadow-sm">
					{items.map((item) => {
						const isUnread = item.readAt === null
						return (
							<li
								key={item.id}
								className={`flex gap-3 px-4 py-4 sm:px-5 ${isUnread ? 'bg-brand-50/60' : ''}`}
								data-unread={isUnread || undefined}
							>
								<span
									aria-hidden="true"
									className={`mt-2 h-2 w-2 shrink-0 rounded-full ${isUnread ? 'bg-brand-600' : 'bg-transparent'}`}
								/>
								<div className="min-w-0 flex-1">
									<h2 className={`text-sm ${isUnread ? 'font-semibold text-ink-950' : 'font-medium text-ink-800'}`}>
										<Link to={`/notifications/${item.id}`} className="hover:underline">
											{item.title}
											{isUnread ? <span className="sr-only"> (unread)</span> : null}
										</Link>
									</h2>
									{item.body ? <p className="mt-1 text-sm break-words text-ink-700">{item.body}</p> : null}
									<p className="mt-1 text-xs text-ink-500">
										<time dateTime={new Date(item.createdAt).toISOString()}>{item.when}</time>
									</p>
								</div>
								{isUnread ? (
									<Form method="post" className="shrink-0">
										<input type="hidden" name="intent" value="mark-read" />
										<input type="hidden" name="id" value={item.id} />
										<button
											type="submit"
											disabled={busy}
											className="rounded-md px-2 py-1 text-xs font-semibold text-brand-700 hover:bg-brand-100"
										>
											Mark read<span className="sr-only">: {item.title}</span>
										</button>
									</Form>
								) : null}
							</li>
						)
					})}
				</ul>
			)}
			<Pagination page={page} pageCount={pageCount} />
		</div>
	)
}
