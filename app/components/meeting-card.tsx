import { Link } from '@remix-run/react'
import type { MeetingPerson, MeetingSummary } from '#app/features/scheduling/meeting-types.ts'
import { MemberAvatar } from './avatar.tsx'
import { firstNameOf, formatClock, formatDay, MeetingTime } from './meeting-time.tsx'

const badgeTones = {
	action: 'bg-accent-400/25 text-amber-900 ring-accent-500/40',
	waiting: 'bg-ink-50 text-ink-700 ring-ink-200',
	confirmed: 'bg-brand-50 text-brand-800 ring-brand-200',
	past: 'bg-ink-100 text-ink-700 ring-ink-200',
	closed: 'bg-red-50 text-red-800 ring-red-200',
} as const

type BadgeMeeting = Pick<MeetingSummary, 'kind' | 'status' | 'awaitingViewer' | 'endsAt' | 'organizerId' | 'others'>

/** What a meeting's state means to this viewer: "Your answer needed", "Your turn: confirm a time", "Confirmed"… */
export function statusOf(meeting: BadgeMeeting, now: number) {
	if (meeting.status === 'pending') {
		if (meeting.kind === 'direct')
			return meeting.awaitingViewer
				? { label: 'Your answer needed', tone: 'action' as const }
				: { label: 'Waiting for an answer', tone: 'waiting' as const }
		// `others` never holds the viewer, so the organizer missing from it means the viewer hosts.
		const viewerHosts = !meeting.others.some((person) => person.userId === meeting.organizerId)
		if (viewerHosts)
			return meeting.awaitingViewer
				? { label: 'Your turn: confirm a time', tone: 'action' as const }
				: { label: 'Waiting for votes', tone: 'waiting' as const }
		return meeting.awaitingViewer
			? { label: 'Your vote needed', tone: 'action' as const }
			: { label: 'Waiting for the host', tone: 'waiting' as const }
	}
	if (meeting.status === 'confirmed')
		return meeting.endsAt !== null && meeting.endsAt <= now
			? { label: 'Took place', tone: 'past' as const }
			: { label: 'Confirmed', tone: 'confirmed' as const }
	return { label: meeting.status === 'declined' ? 'Declined' : 'Cancelled', tone: 'closed' as const }
}

export function MeetingStatusBadge({ meeting, now }: { meeting: BadgeMeeting; now: number }) {
	const { label, tone } = statusOf(meeting, now)
	return (
		<span
			className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${badgeTones[tone]}`}
			data-testid="meeting-status"
		>
			<span
				aria-hidden="true"
				className={`h-1.5 w-1.5 rounded-full ${tone === 'action' ? 'bg-accent-500' : tone === 'confirmed' ? 'bg-brand-500' : tone === 'closed' ? 'bg-red-500' : 'bg-ink-400'}`}
			/>
			{label}
		</span>
	)
}

/** Overlapping avatars of the people on the other side. */
export function PeopleStack({ people, size = 'h-9 w-9 text-sm' }: { people: readonly MeetingPerson[]; size?: string }) {
	const shown = people.slice(0, 3)
	return (
		<span className="flex shrink-0 -space-x-2" aria-hidden="true">
			{shown.map((person) => (
				<span key={person.userId} className="rounded-full ring-2 ring-white">
					<MemberAvatar
						member={{ id: person.userId, name: person.name, photoVersion: person.photoVersion }}
						size={size}
					/>
				</span>
			))}
			{people.length > shown.length ? (
				<span
					className={`inline-flex items-center justify-center rounded-full bg-ink-100 font-semibold text-ink-700 ring-2 ring-white ${size}`}
				>
					+{people.length - shown.length}
				</span>
			) : null}
		</span>
	)
}

/** "Priya Shah, CMO at Acme" or "Priya, Tom and 3 others". */
export function peopleLine(people: readonly MeetingPerson[]) {
	if (people.length === 0) return 'Former member'
	if (people.length === 1) {
		const [person] = people as [MeetingPerson]
		return [person.name, [person.title, person.companyName].filter(Boolean).join(' at ')].filter(Boolean).join(', ')
	}
	const names = people.map((person) => firstNameOf(person.name))
	return names.length > 3 ? `${names.slice(0, 2).join(', ')} and ${names.length - 2} others` : names.join(', ')
}

/** One meeting in the /meetings lists. */
export function MeetingCard({
	meeting,
	viewerZone,
	now,
}: {
	meeting: MeetingSummary
	viewerZone: string
	now: number
}) {
	const headingId = `meeting-${meeting.id}-topic`
	return (
		<article
			aria-labelledby={headingId}
			className="group relative flex flex-col gap-3 rounded-2xl border border-ink-100 bg-white p-4 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-brand-600 hover:shadow-md sm:flex-row sm:items-start sm:gap-4 sm:p-5"
			data-testid="meeting-card"
			data-meeting-id={meeting.id}
		>
			<PeopleStack people={meeting.others} />
			<div className="min-w-0 flex-1">
				<div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
					<h3 id={headingId} className="min-w-0 text-base font-semibold text-ink-950">
						{/* The whole card is the link's target area; the heading keeps the accessible name short. */}
						<Link to={`/meetings/${meeting.id}`} className="after:absolute after:inset-0 focus:outline-none">
							{meeting.topic}
						</Link>
					</h3>
					<MeetingStatusBadge meeting={meeting} now={now} />
				</div>
				<p className="mt-0.5 truncate text-sm text-ink-500">
					{meeting.kind === 'roundtable' ? 'Roundtable · ' : ''}
					{peopleLine(meeting.others)}
				</p>
				{meeting.startsAt !== null && meeting.endsAt !== null ? (
					<MeetingTime
						startsAt={meeting.startsAt}
						endsAt={meeting.endsAt}
						viewerZone={viewerZone}
						others={meeting.others}
						className={`mt-2 text-sm ${meeting.status === 'cancelled' ? 'line-through decoration-ink-400' : ''}`}
					/>
				) : meeting.options.length ? (
					<div className="mt-2 text-sm">
						<p className="text-ink-500">
							{meeting.options.length === 1 ? '1 proposed time' : `${meeting.options.length} proposed times`} (your
							time)
						</p>
						<ul className="mt-1 flex flex-wrap gap-1.5">
							{meeting.options.map((option) => (
								<li
									key={option.id}
									className="rounded-md border border-dashed border-ink-200 bg-ink-50 px-2 py-0.5 text-xs font-medium text-ink-800"
								>
									<time dateTime={new Date(option.startsAt).toISOString()}>
										{formatDay(option.startsAt, viewerZone)} · {formatClock(option.startsAt, viewerZone)}
									</time>
								</li>
							))}
						</ul>
					</div>
				) : null}
				{meeting.location ? (
					<p className="mt-1.5 truncate text-xs text-ink-500">
						<span className="sr-only">Where: </span>
						<LocationIcon />
						{meeting.location}
					</p>
				) : null}
			</div>
		</article>
	)
}

function LocationIcon() {
	return (
		<svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mr-1 inline h-3.5 w-3.5 align-[-2px]">
			<path
				fillRule="evenodd"
				d="m9.69 18.933.003.001C9.89 19.02 10 19 10 19s.11.02.308-.066l.002-.001.006-.003.018-.008a5.741 5.741 0 0 0 .281-.14c.186-.096.446-.24.757-.433.62-.384 1.445-.966 2.274-1.765C15.302 14.988 17 12.493 17 9A7 7 0 1 0 3 9c0 3.492 1.698 5.988 3.355 7.584a13.731 13.731 0 0 0 2.273 1.765 11.842 11.842 0 0 0 .976.544l.062.029.018.008.006.003ZM10 11.25a2.25 2.25 0 1 0 0-4.5 2.25 2.25 0 0 0 0 4.5Z"
				clipRule="evenodd"
			/>
		</svg>
	)
}
