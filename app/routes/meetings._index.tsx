import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DateTime } from 'luxon'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { buttonClass } from '#app/components/button.tsx'
import { MeetingCard } from '#app/components/meeting-card.tsx'
import { zoneCity } from '#app/components/meeting-time.tsx'
import { WeekCalendar } from '#app/components/meeting-week-calendar.tsx'
import { PageHeader } from '#app/components/page.tsx'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import type { MeetingSummary } from '#app/features/scheduling/meeting-types.ts'
import { listMeetings, meetingsInRange } from '#app/features/scheduling/meetings.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Meetings · Crossroads' }]

const tabs = ['pending', 'upcoming', 'past', 'closed'] as const
type Tab = (typeof tabs)[number]
const tabLabels: Record<Tab, string> = { pending: 'Pending', upcoming: 'Upcoming', past: 'Past', closed: 'Closed' }

const Query = z.object({
	view: z.enum(['list', 'week']).catch('list'),
	tab: z.enum(tabs).optional().catch(undefined),
	week: z.iso.date().optional().catch(undefined),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
	const timeZone = getMemberTimeZone(user.id)
	const now = Date.now()
	const today = DateTime.fromMillis(now, { zone: timeZone })
	if (query.view === 'week') {
		// Weeks start on Monday (luxon's ISO weeks), in the viewer's zone.
		const requested = query.week ? DateTime.fromISO(query.week, { zone: timeZone }) : today
		const monday = (requested.isValid ? requested : today).startOf('week')
		const range = { start: monday.toMillis(), end: monday.plus({ weeks: 1 }).toMillis() }
		return {
			view: 'week' as const,
			timeZone,
			now,
			today: today.toISODate()!,
			weekStart: monday.toISODate()!,
			meetings: meetingsInRange(user.id, range),
		}
	}
	const lists = listMeetings(user.id, now)
	const waitingForViewer = lists.pending.filter((meeting) => meeting.awaitingViewer).length
	return {
		view: 'list' as const,
		timeZone,
		now,
		// Open on what needs an answer, when something does.
		tab: query.tab ?? (waitingForViewer > 0 ? 'pending' : 'upcoming'),
		lists,
		waitingForViewer,
	}
}

export default function MeetingsRoute() {
	const view = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Meetings"
				description={
					<>
						Conversations with your peers, always shown in your time zone ({zoneCity(view.timeZone)}) with theirs beside
						it.
					</>
				}
				actions={
					<>
						<Link to="/meetings/availability" className={buttonClass('secondary', 'px-3')}>
							Availability
						</Link>
						<Link to="/meetings/calendar" className={buttonClass('secondary', 'px-3')}>
							Calendar feed
						</Link>
					</>
				}
			/>
			<nav aria-label="Meeting views" className="flex flex-wrap items-center justify-between gap-3">
				{view.view === 'list' ? <Tabs view={view} /> : <span />}
				<div className="inline-flex rounded-lg bg-ink-100 p-1 text-sm font-medium">
					<ViewLink to="/meetings" active={view.view === 'list'}>
						List
					</ViewLink>
					<ViewLink to="/meetings?view=week" active={view.view === 'week'}>
						Week
					</ViewLink>
				</div>
			</nav>
			{view.view === 'week' ? (
				<WeekCalendar
					weekStart={view.weekStart}
					today={view.today}
					viewerZone={view.timeZone}
					meetings={view.meetings}
				/>
			) : (
				<TabPanel view={view} />
			)}
		</div>
	)
}

type ListView = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { view: 'list' }>

function ViewLink({ to, active, children }: { to: string; active: boolean; children: ReactNode }) {
	return (
		<Link
			to={to}
			aria-current={active ? 'page' : undefined}
			className={`rounded-md px-3 py-1.5 ${active ? 'bg-white text-ink-950 shadow-sm' : 'text-ink-500 hover:text-ink-900'}`}
		>
			{children}
		</Link>
	)
}

function Tabs({ view }: { view: ListView }) {
	return (
		<ul className="-mx-1 flex max-w-full gap-1 overflow-x-auto px-1">
			{tabs.map((tab) => {
				const count = view.lists[tab].length
				const active = view.tab === tab
				return (
					<li key={tab}>
						<Link
							to={`/meetings?tab=${tab}`}
							aria-current={active ? 'page' : undefined}
							className={`inline-flex items-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap ${active ? 'bg-ink-900 text-white' : 'text-ink-500 hover:bg-ink-100 hover:text-ink-900'}`}
						>
							{tabLabels[tab]}
							{count > 0 ? (
								<span
									className={`rounded-full px-1.5 text-xs font-semibold tabular-nums ${tab === 'pending' && view.waitingForViewer > 0 ? 'bg-accent-400 text-ink-950' : active ? 'bg-white/20' : 'bg-ink-100 text-ink-700'}`}
								>
									{count}
								</span>
							) : null}
						</Link>
					</li>
				)
			})}
		</ul>
	)
}

const emptyStates: Record<Tab, { title: string; body: string }> = {
	pending: {
		title: 'No open proposals',
		body: 'Propose a time from a member’s page or a conversation: you pick up to three slots when you are both free.',
	},
	upcoming: {
		title: 'Nothing on the calendar yet',
		body: 'Propose a time from a member’s page: Crossroads shows the slots where you are both free over the next three weeks.',
	},
	past: { title: 'No past meetings', body: 'Once you have met a peer, note what you learned here: it stays private.' },
	closed: {
		title: 'Nothing declined or cancelled',
		body: 'Declined and cancelled meetings of the last 90 days show up here.',
	},
}

function TabPanel({ view }: { view: ListView }) {
	const meetings = view.lists[view.tab]
	if (meetings.length === 0) {
		const empty = emptyStates[view.tab]
		return (
			<section
				aria-labelledby="meetings-heading"
				className="rounded-2xl border border-dashed border-ink-200 bg-white/60 px-6 py-12 text-center"
			>
				<h2 id="meetings-heading" className="sr-only">
					{tabLabels[view.tab]}
				</h2>
				<CalendarGlyph />
				<p className="mt-4 font-semibold text-ink-900">{empty.title}</p>
				<p className="mx-auto mt-1 max-w-md text-sm text-ink-500">{empty.body}</p>
				<div className="mt-6 flex flex-wrap justify-center gap-3">
					<Link to="/members" className={buttonClass('primary')}>
						Find a member
					</Link>
					<Link to="/meetings/availability" className={buttonClass('secondary')}>
						Set your availability
					</Link>
				</div>
			</section>
		)
	}
	if (view.tab === 'pending') {
		const forViewer = meetings.filter((meeting) => meeting.awaitingViewer)
		const forThem = meetings.filter((meeting) => !meeting.awaitingViewer)
		return (
			<div className="flex flex-col gap-8">
				<MeetingGroup id="waiting-for-you" title="Waiting for you" meetings={forViewer} view={view}>
					Nothing needs your answer.
				</MeetingGroup>
				<MeetingGroup id="waiting-for-them" title="Waiting for them" meetings={forThem} view={view}>
					No proposals of yours are waiting for an answer.
				</MeetingGroup>
			</div>
		)
	}
	return <MeetingGroup id="meetings-heading" title={tabLabels[view.tab]} meetings={meetings} view={view} hiddenTitle />
}

function MeetingGroup({
	id,
	title,
	meetings,
	view,
	hiddenTitle = false,
	children,
}: {
	id: string
	title: string
	meetings: readonly MeetingSummary[]
	view: ListView
	hiddenTitle?: boolean
	children?: ReactNode
}) {
	return (
		<section aria-labelledby={id} data-testid={`meetings-${id}`}>
			<h2
				id={id}
				className={hiddenTitle ? 'sr-only' : 'mb-3 text-sm font-semibold tracking-wide text-ink-500 uppercase'}
			>
				{title}
				{hiddenTitle ? null : <span className="ml-2 text-ink-400 tabular-nums">{meetings.length}</span>}
			</h2>
			{meetings.length ? (
				<ul className="flex flex-col gap-3">
					{meetings.map((meeting) => (
						<li key={meeting.id}>
							<MeetingCard meeting={meeting} viewerZone={view.timeZone} now={view.now} />
						</li>
					))}
				</ul>
			) : (
				<p className="rounded-xl border border-dashed border-ink-200 px-4 py-6 text-center text-sm text-ink-500">
					{children}
				</p>
			)}
		</section>
	)
}

function CalendarGlyph() {
	return (
		<span className="mx-auto flex h-12 w-12 items-center justify-center rounded-2xl bg-white text-brand-700 shadow-sm ring-1 ring-ink-100">
			<svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-6 w-6">
				<path
					fillRule="evenodd"
					d="M5.75 2a.75.75 0 0 1 .75.75V4h7V2.75a.75.75 0 0 1 1.5 0V4h.25A2.75 2.75 0 0 1 18 6.75v8.5A2.75 2.75 0 0 1 15.25 18H4.75A2.75 2.75 0 0 1 2 15.25v-8.5A2.75 2.75 0 0 1 4.75 4H5V2.75A.75.75 0 0 1 5.75 2Zm-1 5.5c-.69 0-1.25.56-1.25 1.25v6.5c0 .69.56 1.25 1.25 1.25h10.5c.69 0 1.25-.56 1.25-1.25v-6.5c0-.69-.56-1.25-1.25-1.25H4.75Z"
					clipRule="evenodd"
				/>
			</svg>
		</span>
	)
}
