import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { describe, expect, test, vi } from 'vitest'
import {
	availabilityOverrides,
	availabilityWindows,
	meetingParticipants,
	meetings,
	memberProfiles,
} from '#db/schema.ts'
import {
	OverrideSchema,
	WeeklyAvailabilitySchema,
	type OverrideInput,
	type WeeklyAvailabilityInput,
} from '#app/features/scheduling/availability-schemas.ts'
import {
	addOverride,
	busyIntervals,
	readAvailability,
	removeOverride,
	saveWeeklyAvailability,
	slotsBetween,
	unavailableSlots,
} from '#app/features/scheduling/availability.server.ts'
import type { Interval } from '#app/features/scheduling/meeting-types.ts'
import type { MeetingStatus } from '#app/features/scheduling/options.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis()
const at = (from: string, to: string): Interval => ({ start: utc(from), end: utc(to) })
const hours = (slots: readonly Interval[]) =>
	slots.map((slot) => DateTime.fromMillis(slot.start, { zone: 'utc' }).toFormat('ccc HH:mm'))

/** A Monday, 1 March 2027 at midnight UTC: Paris is UTC+1 and Kolkata UTC+05:30 all week. */
const monday = utc('2027-03-01T00:00')
const week = { from: monday, to: monday + 5 * 86_400_000 }

async function memberIn(timeZone: string) {
	const user = await createUser()
	db.update(memberProfiles).set({ timeZone }).where(eq(memberProfiles.userId, user.id)).run()
	return user
}

function weekly(fields: Record<string, unknown>): WeeklyAvailabilityInput {
	return WeeklyAvailabilitySchema.parse({
		intent: 'weekly',
		meetingLengthMinutes: '30',
		bufferMinutes: '10',
		reminderMinutes: '30',
		...fields,
	})
}

const weekdaysFrom = (start: string, end: string) =>
	[1, 2, 3, 4, 5].map((weekday) => ({ weekday: String(weekday), start, end }))

function insertMeeting(participantIds: string[], slot: Interval | null, status: MeetingStatus = 'confirmed') {
	const id = randomUUID()
	db.transaction((tx) => {
		tx.insert(meetings)
			.values({
				id,
				kind: 'direct',
				organizerId: participantIds[0]!,
				topic: 'Pricing in a downturn',
				status,
				durationMinutes: 30,
				startsAt: slot ? new Date(slot.start) : null,
				endsAt: slot ? new Date(slot.end) : null,
				timeZone: 'Europe/Paris',
			})
			.run()
		tx.insert(meetingParticipants)
			.values(
				participantIds.map((userId, index) => ({
					meetingId: id,
					userId,
					role: index === 0 ? ('organizer' as const) : ('invitee' as const),
				})),
			)
			.run()
	})
	return id
}

const overridesOf = (userId: string) =>
	db.select().from(availabilityOverrides).where(eq(availabilityOverrides.userId, userId)).all()

describe('reading and saving availability', () => {
	test('a member who never saved gets the defaults in their own zone', async () => {
		const member = await memberIn('Asia/Kolkata')
		expect(readAvailability(member.id)).toEqual({
			timeZone: 'Asia/Kolkata',
			isDefault: true,
			meetingLengthMinutes: 30,
			bufferMinutes: 10,
			reminderMinutes: 30,
			windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 })),
			overrides: [],
		})
	})

	test('saved windows and preferences read back in order, and saving again replaces them', async () => {
		const member = await createUser()
		saveWeeklyAvailability(
			member.id,
			weekly({
				meetingLengthMinutes: '45',
				bufferMinutes: '15',
				reminderMinutes: '60',
				windows: [
					{ weekday: '3', start: '14:00', end: '00:00' },
					{ weekday: '1', start: '13:00', end: '17:30' },
					{ weekday: '1', start: '08:00', end: '12:00' },
					{ weekday: '2' },
				],
			}),
		)
		const saved = readAvailability(member.id)
		expect(saved).toMatchObject({ isDefault: false, meetingLengthMinutes: 45, bufferMinutes: 15, reminderMinutes: 60 })
		expect(saved.windows).toEqual([
			{ weekday: 1, startMinute: 480, endMinute: 720 },
			{ weekday: 1, startMinute: 780, endMinute: 1050 },
			{ weekday: 3, startMinute: 840, endMinute: 1440 },
		])

		saveWeeklyAvailability(member.id, weekly({ windows: [{ weekday: '5', start: '10:00', end: '11:00' }] }))
		expect(readAvailability(member.id).windows).toEqual([{ weekday: 5, startMinute: 600, endMinute: 660 }])
		expect(db.select().from(availabilityWindows).where(eq(availabilityWindows.userId, member.id)).all()).toHaveLength(1)
	})

	test('saving no windows at all means no weekly time, not the defaults', async () => {
		const member = await createUser()
		saveWeeklyAvailability(member.id, weekly({}))
		expect(readAvailability(member.id)).toMatchObject({ isDefault: false, windows: [] })
		expect(slotsBetween([member.id], { durationMinutes: 30, ...week, now: monday })).toEqual([])
	})

	test('date overrides: added, listed from today on, removed only by their owner', async () => {
		const member = await memberIn('America/New_York')
		const other = await createUser()
		const now = utc('2027-03-01T03:00') // still 28 February in New York
		const outOfOffice = addOverride(
			member.id,
			OverrideSchema.parse({ intent: 'add-override', date: '2027-03-03', kind: 'unavailable' }),
			now,
		)
		const extra = addOverride(
			member.id,
			OverrideSchema.parse({
				intent: 'add-override',
				date: '2027-02-28',
				kind: 'available',
				start: '18:00',
				end: '20:00',
			}),
			now,
		)
		expect(outOfOffice.ok && extra.ok).toBe(true)
		if (!outOfOffice.ok || !extra.ok) return
		expect(readAvailability(member.id, now).overrides).toEqual([
			{ id: extra.data.overrideId, date: '2027-02-28', kind: 'available', startMinute: 1080, endMinute: 1200 },
			{ id: outOfOffice.data.overrideId, date: '2027-03-03', kind: 'unavailable', startMinute: null, endMinute: null },
		])
		// A day later, 28 February is in the past and drops off the list.
		expect(readAvailability(member.id, now + 86_400_000).overrides.map((row) => row.date)).toEqual(['2027-03-03'])

		expect(removeOverride(other.id, outOfOffice.data.overrideId)).toMatchObject({ ok: false, code: 'not-found' })
		expect(overridesOf(member.id)).toHaveLength(2)
		expect(removeOverride(member.id, outOfOffice.data.overrideId)).toEqual({
			ok: true,
			data: { overrideId: outOfOffice.data.overrideId },
		})
		expect(removeOverride(member.id, outOfOffice.data.overrideId)).toMatchObject({ ok: false, code: 'not-found' })
		expect(overridesOf(member.id).map((row) => row.date)).toEqual(['2027-02-28'])
	})
})

describe('bad input is refused with field messages, and nothing is stored', () => {
	const issuesOf = (result: {
		success: boolean
		error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
	}) => Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))

	test('weekly windows: end before start, half-filled rows, overlaps, too many, unknown choices', () => {
		const result = WeeklyAvailabilitySchema.safeParse({
			intent: 'weekly',
			meetingLengthMinutes: '20',
			bufferMinutes: '10',
			reminderMinutes: 'soon',
			windows: [
				{ weekday: '1', start: '12:00', end: '09:00' },
				{ weekday: '2', start: '09:00' },
				{ weekday: '3', start: '09:00', end: '12:00' },
				{ weekday: '3', start: '11:30', end: '13:00' },
				{ weekday: '4', start: '9am', end: '10:00' },
				...Array.from({ length: 7 }, (_, index) => ({
					weekday: '5',
					start: `${String(8 + index).padStart(2, '0')}:00`,
					end: `${String(8 + index).padStart(2, '0')}:30`,
				})),
				{ weekday: '8', start: '09:00', end: '10:00' },
			],
		})
		expect(result.success).toBe(false)
		expect(issuesOf(result)).toEqual({
			meetingLengthMinutes: 'Choose 15, 30, 45 or 60 minutes.',
			reminderMinutes: 'Choose when to be reminded from the list.',
			'windows.4.start': 'Enter a time like 09:30.',
			'windows.12.weekday': 'Choose a day of the week.',
		})
		// Row-level rules run once every field has a valid shape.
		const rows = WeeklyAvailabilitySchema.safeParse({
			intent: 'weekly',
			meetingLengthMinutes: '30',
			bufferMinutes: '10',
			reminderMinutes: '30',
			windows: [
				{ weekday: '1', start: '12:00', end: '09:00' },
				{ weekday: '2', start: '09:00' },
				{ weekday: '3', start: '09:00', end: '12:00' },
				{ weekday: '3', start: '11:30', end: '13:00' },
				...Array.from({ length: 7 }, (_, index) => ({
					weekday: '5',
					start: `${String(8 + index).padStart(2, '0')}:00`,
					end: `${String(8 + index).padStart(2, '0')}:30`,
				})),
			],
		})
		expect(issuesOf(rows)).toEqual({
			'windows.0.end': 'The end must be after the start.',
			'windows.1.end': 'Enter both times, or clear both to drop this window.',
			'windows.3.start': 'Overlaps Wednesday’s 09:00–12:00 window.',
			'windows.10.start': 'Friday can have at most 6 windows.',
		})
	})

	test('date overrides: impossible dates, extra time without times, one time only, end before start', () => {
		const parse = (fields: Record<string, string>) =>
			issuesOf(OverrideSchema.safeParse({ intent: 'add-override', kind: 'unavailable', ...fields }))
		expect(parse({ date: '2027-02-30' })).toEqual({ date: 'Enter a valid date.' })
		expect(parse({ date: 'next friday' })).toEqual({ date: 'Enter a valid date.' })
		expect(parse({ date: '2027-03-05', kind: 'holiday' })).toEqual({
			kind: 'Choose out of office or extra availability.',
		})
		expect(parse({ date: '2027-03-05', kind: 'available' })).toEqual({
			start: 'Extra availability needs a start and an end time.',
		})
		expect(parse({ date: '2027-03-05', end: '12:00' })).toEqual({
			start: 'Enter both times, or neither for the whole day.',
		})
		expect(parse({ date: '2027-03-05', start: '12:00', end: '11:00' })).toEqual({
			end: 'The end must be after the start.',
		})
	})

	test('a past date and a full list are refused, and nothing is added', async () => {
		const member = await createUser()
		const now = utc('2027-03-01T12:00')
		const input = (date: string): OverrideInput => ({ date, kind: 'unavailable', startMinute: null, endMinute: null })
		expect(addOverride(member.id, input('2027-02-28'), now)).toEqual({
			ok: false,
			code: 'bad-request',
			field: 'date',
			message: 'Choose today or a later date.',
		})
		expect(overridesOf(member.id)).toEqual([])
		db.insert(availabilityOverrides)
			.values(
				Array.from({ length: 100 }, (_, index) => ({
					userId: member.id,
					date: DateTime.fromMillis(now, { zone: 'utc' }).plus({ days: index }).toISODate()!,
					kind: 'unavailable' as const,
				})),
			)
			.run()
		expect(addOverride(member.id, input('2027-12-24'), now)).toMatchObject({ ok: false, field: 'date' })
		expect(overridesOf(member.id)).toHaveLength(100)
	})
})

describe('busy time', () => {
	test('only confirmed meetings that overlap the range count, for each member', async () => {
		const [ada, ben, cy] = await Promise.all([createUser(), createUser(), createUser()])
		const range = at('2027-03-02T00:00', '2027-03-03T00:00')
		insertMeeting([ada.id, ben.id], at('2027-03-02T09:00', '2027-03-02T09:30'))
		insertMeeting([ada.id, ben.id], at('2027-03-02T11:00', '2027-03-02T11:30'), 'cancelled')
		insertMeeting([ada.id, ben.id], at('2027-03-02T12:00', '2027-03-02T12:30'), 'declined')
		insertMeeting([ada.id, ben.id], null, 'pending')
		insertMeeting([ada.id], at('2027-03-01T23:45', '2027-03-02T00:15'))
		insertMeeting([ada.id], at('2027-03-03T00:00', '2027-03-03T00:30'))
		const except = insertMeeting([ben.id], at('2027-03-02T15:00', '2027-03-02T16:00'))
		expect(busyIntervals([ada.id, ben.id, cy.id], range)).toEqual(
			new Map([
				[ada.id, [at('2027-03-01T23:45', '2027-03-02T00:15'), at('2027-03-02T09:00', '2027-03-02T09:30')]],
				[ben.id, [at('2027-03-02T09:00', '2027-03-02T09:30'), at('2027-03-02T15:00', '2027-03-02T16:00')]],
				[cy.id, []],
			] as Array<[string, Interval[]]>),
		)
		expect(busyIntervals([ben.id], range, { exceptMeetingId: except }).get(ben.id)).toEqual([
			at('2027-03-02T09:00', '2027-03-02T09:30'),
		])
		expect(busyIntervals([], range)).toEqual(new Map())
	})
})

describe('slots between members', () => {
	/** Paris 09:00–12:00 (08:00–11:00 UTC) and Kolkata 13:00–17:00 (07:30–11:30 UTC): 08:00–11:00 UTC in common. */
	async function pair() {
		const paris = await memberIn('Europe/Paris')
		const kolkata = await memberIn('Asia/Kolkata')
		saveWeeklyAvailability(paris.id, weekly({ windows: weekdaysFrom('09:00', '12:00') }))
		saveWeeklyAvailability(kolkata.id, weekly({ bufferMinutes: '0', windows: weekdaysFrom('13:00', '17:00') }))
		return { paris, kolkata }
	}

	test('the common time, stepped by the meeting length', async () => {
		const { paris, kolkata } = await pair()
		const slots = slotsBetween([paris.id, kolkata.id], { durationMinutes: 30, ...week, now: monday })
		expect(hours(slots.slice(0, 6))).toEqual([
			'Mon 08:00',
			'Mon 08:30',
			'Mon 09:00',
			'Mon 09:30',
			'Mon 10:00',
			'Mon 10:30',
		])
		expect(slots).toHaveLength(5 * 6)
		const hourLong = slotsBetween([paris.id, kolkata.id], { durationMinutes: 60, ...week, now: monday })
		expect(hours(hourLong.slice(0, 5))).toEqual(['Mon 08:00', 'Mon 08:30', 'Mon 09:00', 'Mon 09:30', 'Mon 10:00'])
	})

	test('a confirmed meeting blocks its time plus the member’s buffer, unless it is the meeting being moved', async () => {
		const { paris, kolkata } = await pair()
		const other = await createUser()
		const meetingId = insertMeeting([paris.id, other.id], at('2027-03-02T09:00', '2027-03-02T09:30'))
		const tuesday = { from: utc('2027-03-02T00:00'), to: utc('2027-03-03T00:00'), now: monday }
		// Paris keeps 10 minutes either side: 08:50–09:40 UTC.
		expect(hours(slotsBetween([paris.id, kolkata.id], { durationMinutes: 30, ...tuesday }))).toEqual([
			'Tue 08:00',
			'Tue 10:00',
			'Tue 10:30',
		])
		expect(
			hours(slotsBetween([paris.id, kolkata.id], { durationMinutes: 30, ...tuesday, exceptMeetingId: meetingId })),
		).toHaveLength(6)
	})

	test('never sooner than the minimum notice', async () => {
		const { paris, kolkata } = await pair()
		const slots = slotsBetween([paris.id, kolkata.id], { durationMinutes: 30, ...week, now: utc('2027-03-01T08:10') })
		expect(hours(slots.slice(0, 3))).toEqual(['Mon 09:30', 'Mon 10:00', 'Mon 10:30'])
	})

	test('an out-of-office day of either member removes it', async () => {
		const { paris, kolkata } = await pair()
		addOverride(kolkata.id, { date: '2027-03-03', kind: 'unavailable', startMinute: null, endMinute: null }, monday)
		const days = new Set(
			hours(slotsBetween([paris.id, kolkata.id], { durationMinutes: 30, ...week, now: monday })).map((slot) =>
				slot.slice(0, 3),
			),
		)
		expect([...days]).toEqual(['Mon', 'Tue', 'Thu', 'Fri'])
	})

	test('members who never saved use the default 09:00–17:00 in their zones', async () => {
		const paris = await memberIn('Europe/Paris')
		const newYork = await memberIn('America/New_York')
		// Paris 08:00–16:00 UTC, New York (EST) 14:00–22:00 UTC.
		const slots = slotsBetween([paris.id, newYork.id], { durationMinutes: 60, ...week, now: monday })
		expect(hours(slots.slice(0, 3))).toEqual(['Mon 14:00', 'Mon 14:30', 'Mon 15:00'])
	})

	test('unavailableSlots names the offered times that no longer fit', async () => {
		const { paris, kolkata } = await pair()
		const meetingId = insertMeeting([kolkata.id], at('2027-03-02T09:00', '2027-03-02T09:30'))
		addOverride(paris.id, { date: '2027-03-04', kind: 'unavailable', startMinute: 600, endMinute: 720 }, monday)
		const free = at('2027-03-02T08:00', '2027-03-02T08:30')
		const busy = at('2027-03-02T09:00', '2027-03-02T09:30')
		const weekend = at('2027-03-06T08:00', '2027-03-06T08:30')
		const outOfOffice = at('2027-03-04T09:00', '2027-03-04T09:30')
		const ids = [paris.id, kolkata.id]
		expect(unavailableSlots(ids, [free, busy, weekend, outOfOffice])).toEqual([busy, weekend, outOfOffice])
		expect(unavailableSlots(ids, [free, busy, weekend], { exceptMeetingId: meetingId })).toEqual([weekend])
		expect(unavailableSlots(ids, [])).toEqual([])
	})

	test('one query per table whatever the number of members', async () => {
		const members = await Promise.all(Array.from({ length: 8 }, () => createUser()))
		const prepare = vi.spyOn(db.$client, 'prepare')
		const queriesFor = (count: number) => {
			prepare.mockClear()
			slotsBetween(
				members.slice(0, count).map((member) => member.id),
				{ durationMinutes: 30, ...week, now: monday },
			)
			return prepare.mock.calls.length
		}
		const forTwo = queriesFor(2)
		expect(forTwo).toBeLessThanOrEqual(5)
		expect(queriesFor(8)).toBe(forTwo)
	})
})
