import { Link } from '@remix-run/react'
import { DateTime } from 'luxon'
import type { MeetingSummary } from '#app/features/scheduling/meeting-types.ts'
import { groupBy } from '#app/utils/collections.ts'
import { buttonClass } from './button.tsx'
import { peopleLine } from './meeting-card.tsx'
import { dayKey, formatClock } from './meeting-time.tsx'

type Entry = {
	key: string
	meeting: MeetingSummary
	start: number
	end: number
	/** A proposed option, not an agreed time: drawn dashed. */
	tentative: boolean
}

const hourHeight = 48

/** The week of `weekStart` (a Monday, "YYYY-MM-DD", in the viewer's zone) with prev/next links. */
export function WeekCalendar({
	weekStart,
	today,
	viewerZone,
	meetings,
}: {
	weekStart: string
	today: string
	viewerZone: string
	meetings: readonly MeetingSummary[]
}) {
	const monday = DateTime.fromISO(weekStart, { zone: viewerZone, locale: 'en-GB' })
	const days = Array.from({ length: 7 }, (_, index) => {
		const start = monday.plus({ days: index })
		return { key: start.toISODate()!, start: start.toMillis(), end: start.plus({ days: 1 }).toMillis(), date: start }
	})
	const weekEnd = days[6]!.end
	const entries = meetings.flatMap<Entry>((meeting) =>
		meeting.status === 'confirmed' && meeting.startsAt !== null && meeting.endsAt !== null
			? [{ key: meeting.id, meeting, start: meeting.startsAt, end: meeting.endsAt, tentative: false }]
			: meeting.options
					.filter((option) => option.endsAt > days[0]!.start && option.startsAt < weekEnd)
					.map((option) => ({
						key: `${meeting.id}-${option.id}`,
						meeting,
						start: option.startsAt,
						end: option.endsAt,
						tentative: true,
					})),
	)
	entries.sort((a, b) => a.start - b.start || a.end - b.end)
	const byDay = groupBy(entries, (entry) => dayKey(entry.start, viewerZone))
	const minuteOfDay = (at: number) => {
		const local = DateTime.fromMillis(at, { zone: viewerZone })
		return local.hour * 60 + local.minute
	}
	// Office hours, stretched to whatever falls outside them this week.
	const firstHour = Math.min(8, ...entries.map((entry) => Math.floor(minuteOfDay(entry.start) / 60)))
	const lastHour = Math.max(
		19,
		...entries.map((entry) =>
			Math.min(24, Math.ceil((minuteOfDay(entry.start) + (entry.end - entry.start) / 60_000) / 60)),
		),
	)
	const hours = Array.from({ length: lastHour - firstHour }, (_, index) => firstHour + index)
	const previous = monday.minus({ weeks: 1 }).toISODate()
	const next = monday.plus({ weeks: 1 }).toISODate()
	const title =
		monday.month === days[6]!.date.month
			? `${monday.toFormat('d')}–${days[6]!.date.toFormat('d LLLL yyyy')}`
			: `${monday.toFormat('d LLL')} – ${days[6]!.date.toFormat('d LLL yyyy')}`

	return (
		<section aria-labelledby="week-heading" data-testid="week-calendar">
			<div className="flex flex-wrap items-center justify-between gap-3">
				<h2 id="week-heading" className="text-lg font-semibold text-ink-950">
					<span className="sr-only">Week of </span>
					{title}
				</h2>
				<nav aria-label="Weeks" className="flex items-center gap-2">
					<Link
						to={`?view=week&week=${previous}`}
						className={buttonClass('secondary', 'px-3 py-1.5')}
						aria-label="Previous week"
					>
						←
					</Link>
					<Link to="?view=week" className={buttonClass('secondary', 'px-3 py-1.5')}>
						This week
					</Link>
					<Link
						to={`?view=week&week=${next}`}
						className={buttonClass('secondary', 'px-3 py-1.5')}
						aria-label="Next week"
					>
						→
					</Link>
				</nav>
			</div>
			<p className="mt-1 text-xs text-ink-500">
				Times in your zone ({viewerZone.replaceAll('_', ' ')}).{' '}
				<span className="inline-flex items-center gap-1">
					<span aria-hidden="true" className="inline-block h-2.5 w-4 rounded-sm bg-brand-600" /> confirmed
				</span>{' '}
				<span className="ml-1 inline-flex items-center gap-1">
					<span aria-hidden="true" className="inline-block h-2.5 w-4 rounded-sm border border-dashed border-ink-400" />{' '}
					proposed, not yet agreed
				</span>
			</p>

			{/* Desktop: seven columns on an hour grid. */}
			<div className="mt-4 hidden overflow-hidden rounded-2xl border border-ink-100 bg-white shadow-sm md:block">
				<div className="grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] border-b border-ink-100">
					<span />
					{days.map((day) => (
						<div
							key={day.key}
							className={`border-l border-ink-100 px-2 py-2 text-center text-xs ${day.key === today ? 'bg-brand-50' : ''}`}
						>
							<span className="block font-medium text-ink-500 uppercase">{day.date.toFormat('ccc')}</span>
							<span
								className={`mt-0.5 inline-flex h-7 w-7 items-center justify-center rounded-full text-sm font-semibold ${day.key === today ? 'bg-brand-600 text-white' : 'text-ink-900'}`}
							>
								{day.date.toFormat('d')}
							</span>
						</div>
					))}
				</div>
				<div className="grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]">
					<div aria-hidden="true">
						{hours.map((hour) => (
							<div
								key={hour}
								className="relative pr-2 text-right text-[0.6875rem] text-ink-400"
								style={{ height: hourHeight }}
							>
								<span className="relative -top-2">
									{hour === firstHour ? '' : `${String(hour).padStart(2, '0')}:00`}
								</span>
							</div>
						))}
					</div>
					{days.map((day) => (
						<div
							key={day.key}
							className={`relative border-l border-ink-100 ${day.key === today ? 'bg-brand-50/40' : ''}`}
							style={{ height: hours.length * hourHeight }}
						>
							{hours.map((hour) => (
								<div
									key={hour}
									aria-hidden="true"
									className="border-t border-ink-100 first:border-t-0"
									style={{ height: hourHeight }}
								/>
							))}
							<ul aria-label={day.date.toFormat('cccc d LLLL')}>
								{laidOut(byDay.get(day.key) ?? []).map(({ entry, lane, lanes }) => {
									const top = ((minuteOfDay(entry.start) - firstHour * 60) / 60) * hourHeight
									const height = Math.max(22, ((entry.end - entry.start) / 3_600_000) * hourHeight - 2)
									return (
										<li
											key={entry.key}
											className="absolute px-0.5"
											style={{ top, height, left: `${(lane / lanes) * 100}%`, width: `${100 / lanes}%` }}
										>
											<EntryBlock entry={entry} viewerZone={viewerZone} />
										</li>
									)
								})}
							</ul>
						</div>
					))}
				</div>
			</div>

			{/* Phones: the days stacked, each with its meetings in order. */}
			<ol className="mt-4 flex flex-col gap-3 md:hidden">
				{days.map((day) => {
					const dayEntries = byDay.get(day.key) ?? []
					return (
						<li key={day.key} className="rounded-xl border border-ink-100 bg-white p-3 shadow-sm">
							<h3 className={`text-sm font-semibold ${day.key === today ? 'text-brand-700' : 'text-ink-900'}`}>
								{day.date.toFormat('cccc d LLLL')}
								{day.key === today ? <span className="ml-2 text-xs font-medium">Today</span> : null}
							</h3>
							{dayEntries.length ? (
								<ul className="mt-2 flex flex-col gap-2">
									{dayEntries.map((entry) => (
										<li key={entry.key}>
											<EntryBlock entry={entry} viewerZone={viewerZone} stacked />
										</li>
									))}
								</ul>
							) : (
								<p className="mt-1 text-xs text-ink-400">Nothing scheduled</p>
							)}
						</li>
					)
				})}
			</ol>
		</section>
	)
}

function EntryBlock({ entry, viewerZone, stacked = false }: { entry: Entry; viewerZone: string; stacked?: boolean }) {
	const time = `${formatClock(entry.start, viewerZone)}–${formatClock(entry.end, viewerZone)}`
	return (
		<Link
			to={`/meetings/${entry.meeting.id}`}
			title={`${time} ${entry.meeting.topic}`}
			className={`block overflow-hidden rounded-md px-2 py-1 text-xs leading-tight ${stacked ? '' : 'h-full'} ${entry.tentative ? 'border border-dashed border-ink-400 bg-white text-ink-800 hover:bg-ink-50' : 'bg-brand-600 text-white hover:bg-brand-700'}`}
			data-testid={entry.tentative ? 'week-option' : 'week-meeting'}
		>
			{/* In the grid a half-hour block has one line: the start and as much of the topic as fits. */}
			<span className={stacked ? '' : 'block truncate'}>
				<span className="font-semibold tabular-nums">{stacked ? time : formatClock(entry.start, viewerZone)}</span>
				{entry.tentative ? <span className="sr-only"> (proposed)</span> : null} {entry.meeting.topic}
			</span>
			{stacked ? (
				<span className={`block ${entry.tentative ? 'text-ink-500' : 'text-brand-50'}`}>
					{peopleLine(entry.meeting.others)}
				</span>
			) : null}
		</Link>
	)
}

/** Side-by-side lanes for entries of one day that overlap in time. */
function laidOut(entries: readonly Entry[]) {
	const laneEnds: number[] = []
	const placed = entries.map((entry) => {
		let lane = laneEnds.findIndex((end) => end <= entry.start)
		if (lane === -1) lane = laneEnds.push(entry.end) - 1
		else laneEnds[lane] = entry.end
		return { entry, lane }
	})
	return placed.map((item) => ({ ...item, lanes: laneEnds.length }))
}
