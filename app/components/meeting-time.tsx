import { DateTime } from 'luxon'
import { groupBy } from '#app/utils/collections.ts'

/**
 * Meeting times in the viewer's saved zone, with the other side's local time beside them.
 * Formatted with luxon in an explicit zone and a fixed locale, so the server render and the
 * hydrated page print the same text whatever the browser's own zone is.
 */

type Person = { name: string; timeZone: string }

const locale = 'en-GB'

const at = (ms: number, timeZone: string) => DateTime.fromMillis(ms, { zone: timeZone, locale })

/** "America/New_York" → "New York", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(timeZone: string) {
	return (timeZone.split('/').at(-1) ?? timeZone).replaceAll('_', ' ')
}

export const firstNameOf = (name: string) => name.split(' ')[0] ?? name

/** "Tue 24 Nov" */
export const formatDay = (ms: number, timeZone: string) => at(ms, timeZone).toFormat('ccc d LLL')

/** "Tuesday 24 November" */
export const formatLongDay = (ms: number, timeZone: string) => at(ms, timeZone).toFormat('cccc d LLLL')

/** "15:00" */
export const formatClock = (ms: number, timeZone: string) => at(ms, timeZone).toFormat('HH:mm')

/** The local calendar date, "2025-11-24": the key to group by day. */
export const dayKey = (ms: number, timeZone: string) => at(ms, timeZone).toISODate() ?? ''

/** "GMT-5", "GMT+5:30": the zone's offset at that moment (it changes with DST). */
export const zoneOffset = (ms: number, timeZone: string) => at(ms, timeZone).toFormat("'GMT'Z")

/**
 * The others' local start times, one entry per zone that differs from the viewer's:
 * "09:00 for Priya in New York", with the weekday when their date is not the viewer's.
 */
export function othersLocalTimes(startsAt: number, viewerZone: string, people: readonly Person[]) {
	const viewerDay = dayKey(startsAt, viewerZone)
	const byZone = groupBy(
		people.filter((person) => at(startsAt, person.timeZone).offset !== at(startsAt, viewerZone).offset),
		(person) => person.timeZone,
	)
	return [...byZone].map(([timeZone, group]) => {
		const clock = formatClock(startsAt, timeZone)
		const day = dayKey(startsAt, timeZone) === viewerDay ? '' : `${at(startsAt, timeZone).toFormat('ccc')} `
		const names = group.map((person) => firstNameOf(person.name))
		const who = names.length > 2 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join(' and ')
		return { timeZone, text: `${day}${clock} for ${who} in ${zoneCity(timeZone)}` }
	})
}

/** "Tue 24 Nov · 15:00–15:30 (your time) · 09:00 for Priya in New York" */
export function MeetingTime({
	startsAt,
	endsAt,
	viewerZone,
	others,
	className = '',
	compact = false,
}: {
	startsAt: number
	endsAt: number
	viewerZone: string
	others: readonly Person[]
	className?: string
	/** One line without the "(your time)" marker, for tight spots such as cards. */
	compact?: boolean
}) {
	const local = othersLocalTimes(startsAt, viewerZone, others)
	return (
		<p className={className} data-testid="meeting-time">
			<time dateTime={new Date(startsAt).toISOString()} className="font-semibold text-ink-900">
				{formatDay(startsAt, viewerZone)} · {formatClock(startsAt, viewerZone)}–{formatClock(endsAt, viewerZone)}
			</time>
			{compact ? null : <span className="text-ink-500"> (your time)</span>}
			{local.map((entry) => (
				<span key={entry.timeZone} className="text-ink-500">
					{' · '}
					{entry.text}
				</span>
			))}
		</p>
	)
}
