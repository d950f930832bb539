/**
 * Meetings written straight into the test database for the calendar tests, and the calendar
 * files read back with ical.js (an independent parser) rather than with the code that wrote them.
 */
import { randomUUID } from 'node:crypto'
import ICAL from 'ical.js'
import { meetingOptions, meetingParticipants, meetings } from '#db/schema.ts'
import type { MeetingStatus } from '#app/features/scheduling/options.ts'
import { db } from '#app/utils/db.server.ts'

const minuteMs = 60_000

export function insertMeeting(options: {
	organizerId: string
	inviteeIds: readonly string[]
	status: MeetingStatus
	startsAt: number | null
	durationMinutes?: number
	timeZone?: string
	sequence?: number
	topic?: string
	agenda?: string
	location?: string
	updatedAt?: number
}) {
	const id = `mtg_${randomUUID()}`
	const durationMinutes = options.durationMinutes ?? 30
	const { startsAt } = options
	db.transaction((tx) => {
		tx.insert(meetings)
			.values({
				id,
				kind: options.inviteeIds.length > 1 ? 'roundtable' : 'direct',
				organizerId: options.organizerId,
				topic: options.topic ?? 'Loyalty economics',
				location: options.location ?? '',
				agenda: options.agenda ?? '',
				status: options.status,
				durationMinutes,
				startsAt: startsAt === null ? null : new Date(startsAt),
				endsAt: startsAt === null ? null : new Date(startsAt + durationMinutes * minuteMs),
				timeZone: options.timeZone ?? 'America/New_York',
				sequence: options.sequence ?? 0,
				updatedAt: new Date(options.updatedAt ?? Date.now()),
			})
			.run()
		tx.insert(meetingParticipants)
			.values([
				{ meetingId: id, userId: options.organizerId, role: 'organizer' as const },
				...options.inviteeIds.map((userId) => ({ meetingId: id, userId, role: 'invitee' as const })),
			])
			.run()
	})
	return id
}

export function insertOption(meetingId: string, round: number, startsAt: number, proposedBy: string, minutes = 30) {
	db.insert(meetingOptions)
		.values({
			meetingId,
			round,
			startsAt: new Date(startsAt),
			endsAt: new Date(startsAt + minutes * minuteMs),
			proposedBy,
		})
		.run()
}

/** The calendar's METHOD and its events, as a calendar app would read them. */
export function parseCalendar(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text))
	// ical.js resolves a TZID through its timezone service: the file's own VTIMEZONE blocks, as a calendar app would use them.
	for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
	const events = calendar.getAllSubcomponents('vevent').map((component) => {
		const event = new ICAL.Event(component)
		return {
			component,
			uid: event.uid,
			sequence: event.sequence,
			summary: event.summary,
			description: event.description,
			location: event.location,
			status: String(component.getFirstPropertyValue('status') ?? ''),
			startTzid: component.getFirstProperty('dtstart')?.getParameter('tzid') ?? null,
			start: event.startDate,
			end: event.endDate,
		}
	})
	return {
		method: String(calendar.getFirstPropertyValue('method') ?? ''),
		timeZones: calendar.getAllSubcomponents('vtimezone').map((zone) => String(zone.getFirstPropertyValue('tzid'))),
		events,
	}
}
