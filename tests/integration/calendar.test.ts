import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { calendarFeeds, meetings, users } from '#db/schema.ts'
import {
	calendarAddressOf,
	calendarFeed,
	createFeed,
	hasFeed,
	meetingInvite,
	revokeFeed,
} from '#app/features/scheduling/calendar.server.ts'
import { db } from '#app/utils/db.server.ts'
import { insertMeeting, insertOption, parseCalendar } from '#tests/support/calendar.ts'
import { createUser } from '#tests/support/factories.ts'

const origin = 'https://crossroads.example'
const hourMs = 3_600_000
const dayMs = 24 * hourMs

async function pair() {
	const organizer = await createUser({ name: 'Maya Chen' })
	const invitee = await createUser({ name: 'Priya Nair' })
	return { organizer, invitee }
}

function inviteOf(viewerId: string, meetingId: string) {
	const outcome = meetingInvite(viewerId, meetingId, origin)
	if (!outcome.ok) throw new Error(`No invite: ${outcome.message}`)
	return { ...outcome.data, parsed: parseCalendar(outcome.data.body) }
}

describe('meetingInvite', () => {
	test('a confirmed meeting: REQUEST with a stable UID, its sequence, the zone as TZID with its VTIMEZONE, names and links', async () => {
		const { organizer, invitee } = await pair()
		// 2026-07-14 15:00 UTC is 11:00 in New York (EDT, UTC−4).
		const startsAt = Date.UTC(2026, 6, 14, 15)
		const id = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'confirmed',
			startsAt,
			durationMinutes: 45,
			sequence: 1,
			topic: 'Loyalty economics',
			agenda: 'Member pricing; holdout design',
			location: 'https://meet.example/abc',
		})
		const invite = inviteOf(invitee.id, id)
		expect(invite.filename).toBe('loyalty-economics.ics')
		const { method, timeZones, events } = invite.parsed
		expect(method).toBe('REQUEST')
		expect(timeZones).toEqual(['America/New_York'])
		expect(events).toHaveLength(1)
		const event = events[0]!
		expect(event.uid).toBe(`${id}@crossroads`)
		expect(event.sequence).toBe(1)
		expect(event.status).toBe('CONFIRMED')
		expect(event.startTzid).toBe('America/New_York')
		expect([event.start.hour, event.start.minute]).toEqual([11, 0])
		expect(event.start.toUnixTime() * 1000).toBe(startsAt)
		expect(event.end.toUnixTime() * 1000).toBe(startsAt + 45 * 60_000)
		// From the invitee's side the summary names the organizer, and the other way round.
		expect(event.summary).toBe('Loyalty economics with Maya Chen')
		expect(inviteOf(organizer.id, id).parsed.events[0]!.summary).toBe('Loyalty economics with Priya Nair')
		expect(event.description).toBe(`Member pricing; holdout design\n\nMeeting page: ${origin}/meetings/${id}`)
		expect(event.location).toBe('https://meet.example/abc')
		const organizerProperty = event.component.getFirstProperty('organizer')!
		expect(organizerProperty.getParameter('cn')).toBe('Maya Chen')
		expect(String(organizerProperty.getFirstValue()).toLowerCase()).toBe(`mailto:${calendarAddressOf(organizer.id)}`)
		const attendees = event.component.getAllProperties('attendee')
		expect(attendees.map((attendee) => attendee.getParameter('cn'))).toEqual(['Priya Nair'])
		expect(String(attendees[0]!.getFirstValue()).toLowerCase()).toBe(`mailto:member-${invitee.id}@crossroads.invalid`)
		// Member emails are private: they never appear in the file.
		expect(invite.body).not.toContain(organizer.email)
		expect(invite.body).not.toContain(invitee.email)
	})

	test('across the US clock change: local times on each side of it, the same instants in UTC', async () => {
		const { organizer, invitee } = await pair()
		// 2026-03-08: New York springs forward at 02:00 EST (07:00 UTC). 06:30 UTC is 01:30 EST; an hour later is 03:30 EDT.
		const acrossChange = Date.UTC(2026, 2, 8, 6, 30)
		const before = Date.UTC(2026, 2, 6, 15)
		const after = Date.UTC(2026, 2, 10, 15)
		const local = (startsAt: number, durationMinutes = 30) => {
			const id = insertMeeting({
				organizerId: organizer.id,
				inviteeIds: [invitee.id],
				status: 'confirmed',
				startsAt,
				durationMinutes,
			})
			const event = inviteOf(organizer.id, id).parsed.events[0]!
			expect(event.startTzid).toBe('America/New_York')
			expect(event.start.toUnixTime() * 1000).toBe(startsAt)
			expect(event.end.toUnixTime() * 1000).toBe(startsAt + durationMinutes * 60_000)
			return [event.start.hour, event.start.minute, event.end.hour, event.end.minute]
		}
		expect(local(before)).toEqual([10, 0, 10, 30])
		expect(local(after)).toEqual([11, 0, 11, 30])
		expect(local(acrossChange, 60)).toEqual([1, 30, 3, 30])
	})

	test('a half-hour zone keeps its offset, and an unknown zone falls back to UTC', async () => {
		const { organizer, invitee } = await pair()
		const startsAt = Date.UTC(2026, 0, 20, 9)
		const kolkata = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'confirmed',
			startsAt,
			timeZone: 'Asia/Kolkata',
		})
		const inKolkata = inviteOf(invitee.id, kolkata).parsed
		expect(inKolkata.timeZones).toEqual(['Asia/Kolkata'])
		expect([inKolkata.events[0]!.start.hour, inKolkata.events[0]!.start.minute]).toEqual([14, 30])
		expect(inKolkata.events[0]!.start.toUnixTime() * 1000).toBe(startsAt)

		const unknown = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'confirmed',
			startsAt,
			timeZone: 'Mars/Olympus_Mons',
		})
		const invite = inviteOf(invitee.id, unknown)
		expect(invite.parsed.timeZones).toEqual([])
		expect(invite.parsed.events[0]!.startTzid).toBeNull()
		expect(invite.body).toContain('DTSTART:20260120T090000Z')
		expect(invite.parsed.events[0]!.start.toUnixTime() * 1000).toBe(startsAt)
	})

	test('a reschedule keeps the UID and raises SEQUENCE; a cancellation is a CANCEL of the same UID', async () => {
		const { organizer, invitee } = await pair()
		const first = Date.UTC(2026, 4, 5, 14)
		const id = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'confirmed',
			startsAt: first,
		})
		const original = inviteOf(invitee.id, id).parsed.events[0]!

		const moved = first + 2 * dayMs
		db.update(meetings)
			.set({ startsAt: new Date(moved), endsAt: new Date(moved + 30 * 60_000), sequence: 2, round: 2 })
			.where(eq(meetings.id, id))
			.run()
		const rescheduled = inviteOf(invitee.id, id).parsed.events[0]!
		expect(rescheduled.uid).toBe(original.uid)
		expect(rescheduled.sequence).toBeGreaterThan(original.sequence)
		expect(rescheduled.start.toUnixTime() * 1000).toBe(moved)

		db.update(meetings).set({ status: 'cancelled', sequence: 3 }).where(eq(meetings.id, id)).run()
		const cancelled = inviteOf(organizer.id, id).parsed
		expect(cancelled.method).toBe('CANCEL')
		expect(cancelled.events[0]).toMatchObject({ uid: original.uid, sequence: 3, status: 'CANCELLED' })
		expect(cancelled.events[0]!.start.toUnixTime() * 1000).toBe(moved)
	})

	test('a meeting cancelled while a reschedule waited still cancels, labelled with its latest options', async () => {
		const { organizer, invitee } = await pair()
		const id = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'cancelled',
			startsAt: null,
			sequence: 4,
		})
		const latest = Date.UTC(2026, 5, 2, 13)
		insertOption(id, 1, Date.UTC(2026, 4, 1, 13), organizer.id)
		insertOption(id, 2, latest + hourMs, invitee.id)
		insertOption(id, 2, latest, invitee.id)
		const { method, events } = inviteOf(invitee.id, id).parsed
		expect(method).toBe('CANCEL')
		expect(events[0]).toMatchObject({ uid: `${id}@crossroads`, sequence: 4, status: 'CANCELLED' })
		expect(events[0]!.start.toUnixTime() * 1000).toBe(latest)
	})

	test('refuses strangers, and meetings with nothing agreed', async () => {
		const { organizer, invitee } = await pair()
		const stranger = await createUser()
		const startsAt = Date.now() + 3 * dayMs
		const confirmed = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'confirmed',
			startsAt,
		})
		expect(meetingInvite(stranger.id, confirmed, origin)).toMatchObject({ ok: false, code: 'not-found' })
		expect(meetingInvite(invitee.id, 'mtg_missing', origin)).toMatchObject({ ok: false, code: 'not-found' })
		const pending = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'pending',
			startsAt: null,
		})
		expect(meetingInvite(invitee.id, pending, origin)).toMatchObject({
			ok: false,
			code: 'illegal-transition',
			message: expect.stringContaining('no agreed time yet'),
		})
		const declined = insertMeeting({
			organizerId: organizer.id,
			inviteeIds: [invitee.id],
			status: 'declined',
			startsAt: null,
		})
		expect(meetingInvite(organizer.id, declined, origin)).toMatchObject({ ok: false, code: 'illegal-transition' })
		expect(meetingInvite(stranger.id, pending, origin)).toMatchObject({ ok: false, code: 'not-found' })
	})

	test('a roundtable meeting names everyone else, one attendee per invitee', async () => {
		const host = await createUser({ name: 'Maya Chen' })
		const guests = [
			await createUser({ name: 'Ana Ruiz' }),
			await createUser({ name: 'Bo Li' }),
			await createUser({ name: 'Cy Oh' }),
		]
		const id = insertMeeting({
			organizerId: host.id,
			inviteeIds: guests.map((guest) => guest.id),
			status: 'confirmed',
			startsAt: Date.now() + dayMs,
			topic: 'Personalisation without creeping people out',
		})
		const event = inviteOf(guests[1]!.id, id).parsed.events[0]!
		expect(event.summary).toBe('Personalisation without creeping people out with Maya Chen, Ana Ruiz and Cy Oh')
		expect(event.component.getAllProperties('attendee')).toHaveLength(3)
	})
})

describe('the private calendar feed', () => {
	test('creating stores only a hash; the feed lists confirmed meetings from 90 days back and recent cancellations', async () => {
		const { organizer: member, invitee: peer } = await pair()
		const other = await createUser({ name: 'Hannah Brooks' })
		const now = Date.now()
		const meet = (status: 'confirmed' | 'cancelled' | 'pending' | 'declined', startsAt: number | null, extra = {}) =>
			insertMeeting({ organizerId: member.id, inviteeIds: [peer.id], status, startsAt, ...extra })
		const upcoming = meet('confirmed', now + 5 * dayMs, { timeZone: 'Asia/Kolkata', sequence: 2 })
		const farAhead = meet('confirmed', now + 200 * dayMs)
		const recentPast = meet('confirmed', now - 80 * dayMs)
		meet('confirmed', now - 100 * dayMs)
		const recentlyCancelled = meet('cancelled', now + 2 * dayMs, { updatedAt: now - 10 * dayMs, sequence: 3 })
		meet('cancelled', now + 2 * dayMs, { updatedAt: now - 40 * dayMs })
		meet('pending', null)
		meet('declined', null)
		insertMeeting({ organizerId: peer.id, inviteeIds: [other.id], status: 'confirmed', startsAt: now + dayMs })

		expect(hasFeed(member.id)).toBeNull()
		const token = createFeed(member.id)
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
		expect(hasFeed(member.id)).toEqual({ createdAt: expect.any(Number) })
		const stored = db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, member.id)).get()!
		expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
		expect(JSON.stringify(stored)).not.toContain(token)

		const feed = parseCalendar(calendarFeed(token, origin, now)!)
		expect(feed.method).toBe('PUBLISH')
		const uids = feed.events.map((event) => event.uid)
		expect(uids).toEqual([recentPast, recentlyCancelled, upcoming, farAhead].map((id) => `${id}@crossroads`))
		expect(feed.timeZones.sort()).toEqual(['America/New_York', 'Asia/Kolkata'])
		const cancelled = feed.events.find((event) => event.uid === `${recentlyCancelled}@crossroads`)!
		expect(cancelled).toMatchObject({ status: 'CANCELLED', sequence: 3 })
		const next = feed.events.find((event) => event.uid === `${upcoming}@crossroads`)!
		expect(next).toMatchObject({
			status: 'CONFIRMED',
			sequence: 2,
			startTzid: 'Asia/Kolkata',
			summary: 'Loyalty economics with Priya Nair',
		})
		expect(next.start.toUnixTime()).toBe(Math.floor((now + 5 * dayMs) / 1000))
	})

	test('regenerating revokes the old URL, revoking ends the feed, and only active members have one', async () => {
		const member = await createUser()
		const first = createFeed(member.id)
		const second = createFeed(member.id)
		expect(second).not.toBe(first)
		expect(calendarFeed(first, origin)).toBeUndefined()
		expect(calendarFeed(second, origin)).toContain('BEGIN:VCALENDAR')

		db.update(users).set({ status: 'suspended' }).where(eq(users.id, member.id)).run()
		expect(calendarFeed(second, origin)).toBeUndefined()
		db.update(users).set({ status: 'active' }).where(eq(users.id, member.id)).run()
		expect(calendarFeed(second, origin)).toBeDefined()

		revokeFeed(member.id)
		revokeFeed(member.id)
		expect(hasFeed(member.id)).toBeNull()
		expect(calendarFeed(second, origin)).toBeUndefined()
	})

	test('malformed and unknown tokens find nothing', async () => {
		const member = await createUser()
		const token = createFeed(member.id)
		expect(calendarFeed('', origin)).toBeUndefined()
		expect(calendarFeed(`${token}x`, origin)).toBeUndefined()
		expect(calendarFeed(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, origin)).toBeUndefined()
		expect(calendarFeed("' or 1=1 --", origin)).toBeUndefined()
	})
})
