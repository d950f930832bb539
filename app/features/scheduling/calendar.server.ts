/**
 * Meetings as calendar files: a per-meeting .ics download and a private feed URL calendar apps
 * subscribe to. The meeting id is the event UID, so a reschedule updates the same entry and
 * `meetings.sequence` tells the app which version is newer. Times carry the meeting's own zone as
 * TZID with its VTIMEZONE, so a calendar shows them right across daylight-saving changes.
 * Member emails are private, so organizer and attendees are named with an opaque address under
 * the reserved `.invalid` domain that no calendar app can ever send mail to.
 */
import { createHash, randomBytes } from 'node:crypto'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import { and, eq, sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { calendarFeeds, meetingOptions, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { groupBy } from '#app/utils/collections.ts'
import type { SchedulingOutcome } from './meeting-types.ts'
import type { MeetingKind, MeetingStatus, ParticipantRole } from './options.ts'

const dayMs = 86_400_000
const prodId = '//Crossroads//Meetings//EN'
/** How far back the feed reaches: confirmed meetings, and cancellations so calendars drop them. */
const feedWindow = { confirmedDays: 90, cancelledDays: 30 } as const

type MeetingRow = {
	id: string
	kind: MeetingKind
	status: MeetingStatus
	topic: string
	location: string
	agenda: string
	timeZone: string
	durationMinutes: number
	startsAt: number | null
	endsAt: number | null
	sequence: number
	updatedAt: number
}

type ParticipantRow = { meetingId: string; userId: string; name: string; role: ParticipantRole }

/** The site's public origin for links in calendar entries: PUBLIC_ORIGIN, else the request's own. */
export function publicOrigin(request: Request) {
	const configured = getEnv().PUBLIC_ORIGIN
	return new URL(configured ?? request.url).origin
}

/** The address a member appears under in calendar files: stable, and never deliverable. */
export function calendarAddressOf(userId: string) {
	return `member-${userId}@crossroads.invalid`
}

const knownZones = new Map<string, boolean>()

/** The meeting's zone when a VTIMEZONE for it exists; otherwise the event is written in UTC. */
function eventZone(timeZone: string) {
	let known = knownZones.get(timeZone)
	if (known === undefined) {
		known = getVtimezoneComponent(timeZone) !== null
		knownZones.set(timeZone, known)
	}
	return known ? timeZone : 'UTC'
}

function namesText(names: readonly string[]) {
	if (names.length <= 1) return names[0] ?? ''
	if (names.length <= 4) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
	return `${names.slice(0, 3).join(', ')} and ${names.length - 3} others`
}

function newCalendar(method: ICalCalendarMethod, name?: string) {
	return ical({
		prodId,
		method,
		name: name ?? null,
		// Named per event: one VTIMEZONE block for each zone the events use.
		timezone: { name: null, generator: getVtimezoneComponent },
	})
}

function addEvent(
	calendar: ReturnType<typeof ical>,
	viewerId: string,
	meeting: MeetingRow,
	people: readonly ParticipantRow[],
	time: { start: number; end: number },
	origin: string,
) {
	const link = `${origin}/meetings/${meeting.id}`
	const others = people.filter((person) => person.userId !== viewerId).map((person) => person.name)
	const organizer = people.find((person) => person.role === 'organizer')
	const cancelled = meeting.status === 'cancelled'
	const zone = eventZone(meeting.timeZone)
	calendar.createEvent({
		id: `${meeting.id}@crossroads`,
		sequence: meeting.sequence,
		// luxon instants in the event's zone: given a plain Date, ical-generator would write the server's local wall time.
		start: DateTime.fromMillis(time.start, { zone }),
		end: DateTime.fromMillis(time.end, { zone }),
		timezone: zone,
		stamp: new Date(meeting.updatedAt),
		lastModified: new Date(meeting.updatedAt),
		summary: others.length ? `${meeting.topic} with ${namesText(others)}` : meeting.topic,
		description: [meeting.agenda.trim(), `Meeting page: ${link}`].filter(Boolean).join('\n\n'),
		location: meeting.location.trim() || null,
		url: link,
		status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		organizer: organizer ? { name: organizer.name, email: calendarAddressOf(organizer.userId) } : null,
		attendees: people
			.filter((person) => person.role !== 'organizer')
			.map((person) => ({
				name: person.name,
				email: calendarAddressOf(person.userId),
				role: ICalAttendeeRole.REQ,
				status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
			})),
	})
}

const meetingColumns = sql`m.id as id, m.kind as kind, m.status as status, m.topic as topic, m.location as location,
	m.agenda as agenda, m.time_zone as timeZone, m.duration_minutes as durationMinutes, m.starts_at as startsAt,
	m.ends_at as endsAt, m.sequence as sequence, m.updated_at as updatedAt`

function participantsOf(meetingIds: readonly string[]) {
	if (meetingIds.length === 0) return new Map<string, ParticipantRow[]>()
	const rows = db.all<ParticipantRow>(sql`select mp.meeting_id as meetingId, mp.user_id as userId, u.name as name,
			mp.role as role
		from meeting_participants mp join users u on u.id = mp.user_id
		where mp.meeting_id in (select value from json_each(${JSON.stringify(meetingIds)}))
		order by mp.meeting_id, case mp.role when 'organizer' then 0 else 1 end, u.name`)
	return groupBy(rows, (row) => row.meetingId)
}

/**
 * The time a calendar knows a meeting by. A cancelled meeting may have lost its time (cancelled
 * while a reschedule waited): its latest round's first option stands in, since calendars match a
 * cancellation on UID and the time only labels it.
 */
function timeOf(meeting: MeetingRow) {
	if (meeting.startsAt !== null && meeting.endsAt !== null) return { start: meeting.startsAt, end: meeting.endsAt }
	if (meeting.status !== 'cancelled') return null
	const option = db
		.select({ startsAt: meetingOptions.startsAt, endsAt: meetingOptions.endsAt })
		.from(meetingOptions)
		.where(eq(meetingOptions.meetingId, meeting.id))
		.orderBy(sql`${meetingOptions.round} desc`, meetingOptions.startsAt)
		.limit(1)
		.get()
	return option ? { start: option.startsAt.getTime(), end: option.endsAt.getTime() } : null
}

function fileNameOf(topic: string) {
	const slug = topic
		.normalize('NFKD')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase()
		.slice(0, 60)
		.replace(/-$/, '')
	return `${slug || 'meeting'}.ics`
}

export type MeetingInvite = { filename: string; body: string }

/**
 * The .ics of one meeting for a participant: METHOD:REQUEST for a confirmed meeting,
 * METHOD:CANCEL with STATUS:CANCELLED for a cancelled one. Not a participant (or no such
 * meeting): not-found. Pending or declined: nothing agreed, so nothing to put in a calendar.
 */
export function meetingInvite(viewerId: string, meetingId: string, origin: string): SchedulingOutcome<MeetingInvite> {
	const meeting = db.get<MeetingRow>(sql`select ${meetingColumns}
		from meetings m join meeting_participants mine on mine.meeting_id = m.id and mine.user_id = ${viewerId}
		where m.id = ${meetingId}`)
	if (!meeting) return { ok: false, code: 'not-found', message: 'That meeting does not exist or is not yours.' }
	if (meeting.status === 'pending')
		return {
			ok: false,
			code: 'illegal-transition',
			message: 'This meeting has no agreed time yet: its calendar file is ready once a time is accepted.',
		}
	if (meeting.status === 'declined')
		return { ok: false, code: 'illegal-transition', message: 'This meeting was declined, so it has no calendar entry.' }
	const time = timeOf(meeting)
	if (!time)
		return { ok: false, code: 'illegal-transition', message: 'This meeting never had a time to put in a calendar.' }
	const cancelled = meeting.status === 'cancelled'
	const calendar = newCalendar(cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST)
	addEvent(calendar, viewerId, meeting, participantsOf([meeting.id]).get(meeting.id) ?? [], time, origin)
	return { ok: true, data: { filename: fileNameOf(meeting.topic), body: calendar.toString() } }
}

const tokenPattern = /^[A-Za-z0-9_-]{43}$/

function hashOf(token: string) {
	return createHash('sha256').update(token).digest('hex')
}

/**
 * A new secret feed token for the member (32 random bytes, base64url), returned once: only its
 * SHA-256 is stored, replacing any earlier one, so creating a new URL revokes the old.
 */
export function createFeed(userId: string): string {
	const token = randomBytes(32).toString('base64url')
	const tokenHash = hashOf(token)
	db.insert(calendarFeeds)
		.values({ userId, tokenHash, createdAt: new Date() })
		.onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: new Date() } })
		.run()
	return token
}

/** Stops the member's feed URL working; revoking twice changes nothing. */
export function revokeFeed(userId: string): void {
	db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).run()
}

export function hasFeed(userId: string): { createdAt: number } | null {
	const row = db
		.select({ createdAt: calendarFeeds.createdAt })
		.from(calendarFeeds)
		.where(eq(calendarFeeds.userId, userId))
		.get()
	return row ? { createdAt: row.createdAt.getTime() } : null
}

/** The feed URL path of a token; the token is the whole credential, so it is shown once. */
export function feedPath(token: string) {
	return `/calendar/${token}/meetings.ics`
}

/**
 * The member's calendar behind a feed token (METHOD:PUBLISH): confirmed meetings of the last
 * 90 days and all ahead, and meetings cancelled in the last 30 days (those that had a time) as
 * STATUS:CANCELLED so subscribed calendars drop them. Undefined for an unknown or revoked token, or a member who is
 * no longer active. Two queries, whatever the number of meetings.
 */
export function calendarFeed(token: string, origin: string, now = Date.now()): string | undefined {
	if (!tokenPattern.test(token)) return undefined
	const owner = db
		.select({ userId: calendarFeeds.userId })
		.from(calendarFeeds)
		.innerJoin(users, eq(users.id, calendarFeeds.userId))
		.where(and(eq(calendarFeeds.tokenHash, hashOf(token)), eq(users.status, 'active')))
		.get()
	if (!owner) return undefined
	const meetings = db.all<MeetingRow>(sql`select ${meetingColumns}
		from meeting_participants mine join meetings m on m.id = mine.meeting_id
		where mine.user_id = ${owner.userId} and m.starts_at is not null and m.ends_at is not null and (
			(m.status = 'confirmed' and m.ends_at >= ${now - feedWindow.confirmedDays * dayMs})
			or (m.status = 'cancelled' and m.updated_at >= ${now - feedWindow.cancelledDays * dayMs}))
		order by m.starts_at, m.id`)
	const people = participantsOf(meetings.map((meeting) => meeting.id))
	const calendar = newCalendar(ICalCalendarMethod.PUBLISH, 'Crossroads meetings')
	calendar.ttl(60 * 60)
	for (const meeting of meetings)
		addEvent(
			calendar,
			owner.userId,
			meeting,
			people.get(meeting.id) ?? [],
			{ start: meeting.startsAt!, end: meeting.endsAt! },
			origin,
		)
	return calendar.toString()
}
