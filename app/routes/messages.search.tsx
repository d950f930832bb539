import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { searchMessages } from '#app/features/messaging/search.server.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data?.query ? `“${data.query}” · Messages · Crossroads` : 'Search messages · Crossroads' },
]

const SearchQuery = z.object({
	q: z.string().trim().max(200).catch(''),
	page: z.coerce.number().int().min(1).catch(1),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const query = SearchQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	const found = query.q ? searchMessages(user.id, query.q, { page: query.page }) : null
	return {
		query: query.q,
		viewerId: user.id,
		timeZone: getMemberTimeZone(user.id),
		results: found?.results ?? [],
		total: found?.total ?? 0,
		page: found?.page ?? 1,
		pageCount: found ? Math.ceil(found.total / found.pageSize) : 0,
	}
}

export default function MessageSearchRoute() {
	const { query, results, total, page, pageCount, timeZone, viewerId } = useLoaderData<typeof loader>()
	return (
		<div className="flex min-h-0 flex-1 flex-col">
			<header className="flex items-center gap-3 border-b border-ink-100 px-4 py-3 sm:px-6">
				<Link
					to="/messages"
					className="-ml-2 inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-ink-500 hover:bg-ink-100 md:hidden"
				>
					<span aria-hidden="true">←</span>
					<span className="sr-only">All conversations</span>
				</Link>
				<div className="min-w-0">
					<h1 className="truncate font-semibold text-ink-950">
						{query ? `Results for “${query}”` : 'Search messages'}
					</h1>
					<p className="text-xs text-ink-500" role="status">
						{query
							? total === 0
								? 'No messages match.'
								: `${total.toLocaleString('en')} ${total === 1 ? 'message' : 'messages'} in your conversations`
							: 'Type in the search box to find a message in any of your conversations.'}
					</p>
				</div>
			</header>
			<div className="min-h-0 flex-1 overflow-y-auto">
				<form method="get" action="/messages/search" role="search" className="border-b border-ink-100 p-4 md:hidden">
					<label htmlFor="search-page-query" className="sr-only">
						Search your messages
					</label>
					<input
						id="search-page-query"
						type="search"
						name="q"
						defaultValue={query}
						placeholder="Search messages"
						className="block w-full rounded-lg border-0 bg-ink-50 px-3 py-2 text-sm ring-1 ring-ink-100 ring-inset focus:ring-2 focus:ring-brand-600"
					/>
				</form>
				{results.length ? (
					<ul aria-label="Search results" className="divide-y divide-ink-100">
						{results.map((result) => (
							<li key={result.message.id}>
								<Link
									to={`/messages/${result.conversationId}?around=${result.message.id}#message-${result.message.id}`}
									className="block px-4 py-3.5 hover:bg-ink-50 sm:px-6"
								>
									<div className="flex items-baseline gap-2">
										<span className="min-w-0 flex-1 truncate text-sm font-semibold text-ink-900">
											{result.conversationLabel}
										</span>
										<LocalTime
											at={result.message.createdAt}
											style="list"
											timeZone={timeZone}
											className="shrink-0 text-xs text-ink-400"
										/>
									</div>
									{result.message.senderId === viewerId ? (
										<p className="mt-0.5 text-xs text-ink-500">You</p>
									) : result.conversationKind === 'roundtable' ? (
										<p className="mt-0.5 text-xs text-ink-500">{result.message.senderName}</p>
									) : null}
									<p className="mt-1 text-sm break-words text-ink-700" data-testid="snippet">
										{result.snippet.map((part, index) =>
											part.match ? (
												<mark key={index} className="rounded bg-accent-400/40 px-0.5 text-ink-950">
													{part.text}
												</mark>
											) : (
												<span key={index}>{part.text}</span>
											),
										)}
									</p>
								</Link>
							</li>
						))}
					</ul>
				) : query ? (
					<div className="px-6 py-16 text-center">
						<p className="font-medium text-ink-900">Nothing found</p>
						<p className="mt-1 text-sm text-ink-500">
							Try fewer or different words. Deleted messages are not searched.
						</p>
					</div>
				) : null}
				{pageCount > 1 ? (
					<div className="p-4 sm:px-6">
						<Pagination page={page} pageCount={pageCount} />
					</div>
				) : null}
			</div>
		</div>
	)
}
