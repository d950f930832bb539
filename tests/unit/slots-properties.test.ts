import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import type { Interval } from '#app/features/scheduling/meeting-types.ts'
import { bufferLengths, meetingLengths, weekdays, type Weekday } from '#app/features/scheduling/options.ts'
import { commonSlots, type LocalWindow, type MemberAvailability } from '#app/features/scheduling/slots.ts'

const zones = [
	'America/New_York',
	'Asia/Kolkata',
	'Asia/Kathmandu',
	'Australia/Sydney',
	'Australia/Adelaide',
	'Pacific/Chatham',
	'America/St_Johns',
	'Europe/London',
	'UTC',
]

const minuteMs = 60_000
const dayMs = 86_400_000
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis()

/** Days the clocks change in at least one of the zones above. */
const clockChanges = [
	'2026-03-08', // New York, St John's
	'2026-03-29', // London
	'2026-04-05', // Sydney, Adelaide, Chatham (back)
	'2026-09-27', // Chatham (forward)
	'2026-10-04', // Sydney, Adelaide (forward)
	'2026-10-25', // London
	'2026-11-01', // New York, St John's
].map(utc)

/**
 * Window edges on a quarter-hour grid. Edges stay out of 01:00–04:00, where these zones' clocks
 * jump or repeat: an edge there is moved by luxon, which the unit tests pin down with exact values,
 * while here a window may still span a change. No window ends at 24:00, so windows never join
 * across midnight, and a slot must then fit inside one window occurrence.
 */
const edges = Array.from({ length: 96 }, (_, index) => index * 15).filter((minute) => minute < 60 || minute >= 240)

const dayWindows = (weekday: Weekday) =>
	fc
		.uniqueArray(fc.constantFrom(...edges), { maxLength: 6 })
		.map((points) => points.sort((a, b) => a - b))
		.map((points) => {
			const windows: LocalWindow[] = []
			for (let index = 0; index + 1 < points.length; index += 2)
				windows.push({ weekday, startMinute: points[index]!, endMinute: points[index + 1]! })
			return windows
		})

const rangeArbitrary = fc
	.record({
		change: fc.constantFrom(...clockChanges),
		daysBefore: fc.integer({ min: 0, max: 12 }),
		minute: fc.integer({ min: 0, max: 1439 }),
	})
	.map(({ change, daysBefore, minute }) => {
		const start = change - daysBefore * dayMs + minute * minuteMs
		return { start, end: start + 14 * dayMs }
	})

const memberArbitrary = (range: Interval) =>
	fc.record({
		timeZone: fc.constantFrom(...zones),
		windows: fc.tuple(...weekdays.map(dayWindows)).map((days) => days.flat()),
		overrides: fc.constant([]),
		busy: fc.array(
			fc
				.record({
					start: fc.integer({ min: range.start - dayMs, max: range.end + dayMs }),
					minutes: fc.integer({ min: 5, max: 300 }),
				})
				.map(({ start, minutes }) => ({ start, end: start + minutes * minuteMs })),
			{ maxLength: 12 },
		),
		bufferMinutes: fc.constantFrom(...bufferLengths),
	})

const scenario = rangeArbitrary.chain((range) =>
	fc.record({
		range: fc.constant(range),
		members: fc.array(memberArbitrary(range), { minLength: 1, maxLength: 3 }),
		durationMinutes: fc.constantFrom(...meetingLengths),
	}),
)

/** The local date and wall-clock minute of an instant in a zone, read by luxon. */
function wallClock(instant: number, timeZone: string) {
	const local = DateTime.fromMillis(instant, { zone: timeZone })
	return { date: local.toISODate(), weekday: local.weekday, minute: local.hour * 60 + local.minute }
}

/** Independently of slots.ts: does one window occurrence of the member hold the whole slot, by their wall clock? */
function insideOneWindow(member: MemberAvailability, slot: Interval) {
	const start = wallClock(slot.start, member.timeZone)
	const end = wallClock(slot.end, member.timeZone)
	if (start.date !== end.date) return false
	return member.windows.some(
		(window) =>
			window.weekday === start.weekday && window.startMinute <= start.minute && end.minute <= window.endMinute,
	)
}

function clearOfBusy(member: MemberAvailability, slot: Interval) {
	const buffer = member.bufferMinutes * minuteMs
	return member.busy.every((busy) => slot.end <= busy.start - buffer || slot.start >= busy.end + buffer)
}

describe('commonSlots, for random zones, windows, meetings and buffers around clock changes', () => {
	test('every slot has the duration, lies in one window of every member and clear of their buffered meetings', () => {
		fc.assert(
			fc.property(scenario, ({ range, members, durationMinutes }) => {
				const slots = commonSlots(members, { durationMinutes, range })
				for (const [index, slot] of slots.entries()) {
					expect(slot.end - slot.start).toBe(durationMinutes * minuteMs)
					expect(slot.start).toBeGreaterThanOrEqual(range.start)
					expect(slot.end).toBeLessThanOrEqual(range.end)
					if (index > 0) expect(slot.start).toBeGreaterThan(slots[index - 1]!.start)
					for (const member of members) {
						expect(insideOneWindow(member, slot), `${member.timeZone} ${new Date(slot.start).toISOString()}`).toBe(true)
						expect(clearOfBusy(member, slot)).toBe(true)
					}
				}
			}),
			{ numRuns: 150 },
		)
	})

	test('no free start on the step grid is left out', () => {
		fc.assert(
			fc.property(scenario, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (given, picks) => {
				const { range, members, durationMinutes } = given
				const slots = commonSlots(members, { durationMinutes, range })
				const starts = new Set(slots.map((slot) => slot.start))
				const step = (durationMinutes % 30 === 0 ? 30 : 15) * minuteMs
				// Offsets are whole quarter hours: the candidates are the quarter hours on the first member's clock…
				const quarter = 15 * minuteMs
				const first = Math.ceil(range.start / quarter) * quarter
				const count = Math.floor((range.end - durationMinutes * minuteMs - first) / quarter) + 1
				const offsetAt = (start: number) => DateTime.fromMillis(start, { zone: members[0]!.timeZone }).offset
				for (const slot of slots) expect((slot.start + offsetAt(slot.start) * minuteMs) % step).toBe(0)
				for (const pick of picks) {
					const start = first + Math.min(count - 1, Math.floor(pick * count)) * quarter
					// …that fall on its step: 09:00 and 09:30 local for half-hour steps, whatever the offset.
					if ((start + offsetAt(start) * minuteMs) % step !== 0) continue
					const slot = { start, end: start + durationMinutes * minuteMs }
					const free = members.every((member) => insideOneWindow(member, slot) && clearOfBusy(member, slot))
					expect(starts.has(start), new Date(start).toISOString()).toBe(free)
				}
			}),
			{ numRuns: 150 },
		)
	})

	test('members whose windows cover a whole week get slots on every step, across the clock change', () => {
		fc.assert(
			fc.property(rangeArbitrary, fc.constantFrom(...zones), (range, timeZone) => {
				// 00:00–00:45 and 04:00–23:45 every day: only the hours around the change are left out.
				const member: MemberAvailability = {
					timeZone,
					windows: weekdays.flatMap((weekday) => [
						{ weekday, startMinute: 0, endMinute: 45 },
						{ weekday, startMinute: 240, endMinute: 1425 },
					]),
					overrides: [],
					busy: [],
					bufferMinutes: 0,
				}
				const slots = commonSlots([member], { durationMinutes: 15, range })
				// About 20.5 hours a day in 15-minute steps, whatever the offset.
				expect(slots.length).toBeGreaterThan(13 * 80)
				for (const slot of slots) expect(insideOneWindow(member, slot)).toBe(true)
			}),
			{ numRuns: 40 },
		)
	})
})
