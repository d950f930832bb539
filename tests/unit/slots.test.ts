import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import type { Interval } from '#app/features/scheduling/meeting-types.ts'
import type { Weekday } from '#app/features/scheduling/options.ts'
import {
	bookableRange,
	commonSlots,
	fitsAll,
	freeIntervals,
	type DateOverride,
	type LocalWindow,
	type MemberAvailability,
} from '#app/features/scheduling/slots.ts'

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis()
const hhmm = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

function windows(from: string, until: string, days: readonly Weekday[] = [1, 2, 3, 4, 5]): LocalWindow[] {
	return days.map((weekday) => ({
		weekday,
		startMinute: hhmm(from),
		endMinute: until === '24:00' ? 1440 : hhmm(until),
	}))
}

function member(timeZone: string, overrides: Partial<MemberAvailability> = {}): MemberAvailability {
	return { timeZone, windows: [], overrides: [], busy: [], bufferMinutes: 0, ...overrides }
}

const range = (from: string, to: string): Interval => ({ start: utc(from), end: utc(to) })
const asUtc = (intervals: readonly Interval[]) =>
	intervals.map((interval) => `${isoOf(interval.start)}–${isoOf(interval.end)}`)
const isoOf = (instant: number) => DateTime.fromMillis(instant, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm")
const localTimes = (slots: readonly Interval[], zone: string) =>
	slots.map((slot) => DateTime.fromMillis(slot.start, { zone }).toFormat('ccc HH:mm'))
const onDate = (slots: readonly Interval[], date: string) => slots.filter((slot) => isoOf(slot.start).startsWith(date))

describe('New York and Kolkata the week US clocks change', () => {
	// 08:00–10:00 in New York lies inside 17:00–23:00 in Kolkata on both sides of the change.
	const newYork = member('America/New_York', { windows: windows('08:00', '10:00') })
	const kolkata = member('Asia/Kolkata', { windows: windows('17:00', '23:00') })

	test('fall back (1 November 2026): the overlap moves an hour later in UTC, New York keeps its wall clock', () => {
		const slots = commonSlots([newYork, kolkata], {
			durationMinutes: 30,
			range: range('2026-10-29T00:00', '2026-11-05T00:00'),
		})
		const friday = onDate(slots, '2026-10-30')
		const monday = onDate(slots, '2026-11-02')
		expect(asUtc(friday)).toEqual([
			'2026-10-30T12:00–2026-10-30T12:30',
			'2026-10-30T12:30–2026-10-30T13:00',
			'2026-10-30T13:00–2026-10-30T13:30',
			'2026-10-30T13:30–2026-10-30T14:00',
		])
		expect(asUtc(monday).map((slot) => slot.slice(11, 16))).toEqual(['13:00', '13:30', '14:00', '14:30'])
		expect(localTimes(friday, 'America/New_York')).toEqual(['Fri 08:00', 'Fri 08:30', 'Fri 09:00', 'Fri 09:30'])
		expect(localTimes(monday, 'America/New_York')).toEqual(['Mon 08:00', 'Mon 08:30', 'Mon 09:00', 'Mon 09:30'])
		expect(localTimes(friday, 'Asia/Kolkata')).toEqual(['Fri 17:30', 'Fri 18:00', 'Fri 18:30', 'Fri 19:00'])
		expect(localTimes(monday, 'Asia/Kolkata')).toEqual(['Mon 18:30', 'Mon 19:00', 'Mon 19:30', 'Mon 20:00'])
		// Weekdays only: nothing on the weekend of the change.
		expect(onDate(slots, '2026-10-31')).toEqual([])
		expect(onDate(slots, '2026-11-01')).toEqual([])
		expect(slots).toHaveLength(5 * 4)
	})

	test('spring forward (8 March 2026): the overlap moves an hour earlier in UTC', () => {
		const slots = commonSlots([newYork, kolkata], {
			durationMinutes: 60,
			range: range('2026-03-05T00:00', '2026-03-11T00:00'),
		})
		expect(asUtc(onDate(slots, '2026-03-06'))).toEqual([
			'2026-03-06T13:00–2026-03-06T14:00',
			'2026-03-06T13:30–2026-03-06T14:30',
			'2026-03-06T14:00–2026-03-06T15:00',
		])
		expect(asUtc(onDate(slots, '2026-03-09'))).toEqual([
			'2026-03-09T12:00–2026-03-09T13:00',
			'2026-03-09T12:30–2026-03-09T13:30',
			'2026-03-09T13:00–2026-03-09T14:00',
		])
		expect(localTimes(onDate(slots, '2026-03-09'), 'America/New_York')).toEqual(['Mon 08:00', 'Mon 08:30', 'Mon 09:00'])
		expect(localTimes(onDate(slots, '2026-03-09'), 'Asia/Kolkata')).toEqual(['Mon 17:30', 'Mon 18:00', 'Mon 18:30'])
	})

	test('a window on the fall-back day lasts its true length: 00:00–04:00 is five hours', () => {
		const sunday = member('America/New_York', { windows: windows('00:00', '04:00', [7]) })
		expect(asUtc(freeIntervals(sunday, range('2026-11-01T00:00', '2026-11-02T00:00')))).toEqual([
			'2026-11-01T04:00–2026-11-01T09:00',
		])
		// The Sunday before: four hours, as usual.
		expect(asUtc(freeIntervals(sunday, range('2026-10-25T00:00', '2026-10-26T00:00')))).toEqual([
			'2026-10-25T04:00–2026-10-25T08:00',
		])
	})

	test('on the spring-forward day 01:00–04:00 lasts two hours, and a start in the missing hour moves forward', () => {
		const early = member('America/New_York', { windows: windows('01:00', '04:00', [7]) })
		expect(asUtc(freeIntervals(early, range('2026-03-08T00:00', '2026-03-09T00:00')))).toEqual([
			'2026-03-08T06:00–2026-03-08T08:00',
		])
		// 02:30 does not exist that night: luxon reads it as 03:30 EDT.
		const inGap = member('America/New_York', { windows: windows('02:30', '04:00', [7]) })
		expect(asUtc(freeIntervals(inGap, range('2026-03-08T00:00', '2026-03-09T00:00')))).toEqual([
			'2026-03-08T07:30–2026-03-08T08:00',
		])
	})
})

describe('Australia/Sydney (DST starts 4 October 2026)', () => {
	const sydney = member('Australia/Sydney', { windows: windows('09:00', '17:00') })
	const london = member('Europe/London', { windows: windows('07:00', '10:00') })

	test('the Sydney workday starts an hour earlier in UTC after the change', () => {
		expect(asUtc(freeIntervals(sydney, range('2026-10-01T12:00', '2026-10-05T12:00')))).toEqual([
			'2026-10-01T23:00–2026-10-02T07:00',
			'2026-10-04T22:00–2026-10-05T06:00',
		])
	})

	test('the hour Sydney shares with a London morning disappears once Sydney moves its clocks', () => {
		const slots = commonSlots([sydney, london], {
			durationMinutes: 30,
			range: range('2026-09-28T00:00', '2026-10-10T00:00'),
		})
		expect(asUtc(onDate(slots, '2026-10-02'))).toEqual([
			'2026-10-02T06:00–2026-10-02T06:30',
			'2026-10-02T06:30–2026-10-02T07:00',
		])
		expect(localTimes(onDate(slots, '2026-10-02'), 'Australia/Sydney')).toEqual(['Fri 16:00', 'Fri 16:30'])
		expect(localTimes(onDate(slots, '2026-10-02'), 'Europe/London')).toEqual(['Fri 07:00', 'Fri 07:30'])
		expect(slots.filter((slot) => slot.start >= utc('2026-10-04T00:00'))).toEqual([])
		expect(slots).toHaveLength(5 * 2)
	})
})

describe('zones with half- and quarter-hour offsets', () => {
	const everyDay = [1, 2, 3, 4, 5, 6, 7] as const
	const anytime = member('UTC', { windows: windows('00:00', '24:00', everyDay) })

	test('Kolkata (+05:30): half-hour slots start on the local hour and half hour', () => {
		const kolkata = member('Asia/Kolkata', { windows: windows('09:00', '10:30', everyDay) })
		const slots = commonSlots([kolkata, anytime], {
			durationMinutes: 30,
			range: range('2026-06-01T00:00', '2026-06-02T00:00'),
		})
		expect(asUtc(slots).map((slot) => slot.slice(11, 16))).toEqual(['03:30', '04:00', '04:30'])
		expect(localTimes(slots, 'Asia/Kolkata')).toEqual(['Mon 09:00', 'Mon 09:30', 'Mon 10:00'])
	})

	test('Kathmandu (+05:45): steps line up with the first member’s own clock, quarter and half hours alike', () => {
		const kathmandu = member('Asia/Kathmandu', { windows: windows('09:00', '10:00', everyDay) })
		const quarterHours = commonSlots([kathmandu, anytime], {
			durationMinutes: 15,
			range: range('2026-06-01T00:00', '2026-06-02T00:00'),
		})
		expect(localTimes(quarterHours, 'Asia/Kathmandu')).toEqual(['Mon 09:00', 'Mon 09:15', 'Mon 09:30', 'Mon 09:45'])
		const halfHours = commonSlots([kathmandu, anytime], {
			durationMinutes: 30,
			range: range('2026-06-01T00:00', '2026-06-02T00:00'),
		})
		expect(asUtc(halfHours)).toEqual(['2026-06-01T03:15–2026-06-01T03:45', '2026-06-01T03:45–2026-06-01T04:15'])
		expect(localTimes(halfHours, 'Asia/Kathmandu')).toEqual(['Mon 09:00', 'Mon 09:30'])
		// Seen from a UTC member first, the same hour offers UTC half hours: 09:15 in Kathmandu.
		const fromUtc = commonSlots([anytime, kathmandu], {
			durationMinutes: 30,
			range: range('2026-06-01T00:00', '2026-06-02T00:00'),
		})
		expect(localTimes(fromUtc, 'Asia/Kathmandu')).toEqual(['Mon 09:15'])
		// 45 minutes steps by quarter hours too.
		const longer = commonSlots([kathmandu, anytime], {
			durationMinutes: 45,
			range: range('2026-06-01T00:00', '2026-06-02T00:00'),
		})
		expect(localTimes(longer, 'Asia/Kathmandu')).toEqual(['Mon 09:00', 'Mon 09:15'])
	})

	test('Adelaide (+09:30, +10:30 from 4 October 2026)', () => {
		const adelaide = member('Australia/Adelaide', { windows: windows('09:00', '10:00') })
		expect(asUtc(freeIntervals(adelaide, range('2026-10-01T12:00', '2026-10-05T12:00')))).toEqual([
			'2026-10-01T23:30–2026-10-02T00:30',
			'2026-10-04T22:30–2026-10-04T23:30',
		])
	})
})

describe('overrides', () => {
	const paris = (overrides: DateOverride[]) =>
		member('Europe/Paris', { windows: windows('09:00', '12:00', [1, 2, 3, 4, 5]), overrides })
	const week = range('2026-06-01T00:00', '2026-06-08T00:00')
	const days = (intervals: Interval[]) => [...new Set(intervals.map((interval) => isoOf(interval.start).slice(0, 10)))]

	test('out of office for a whole day removes that local day', () => {
		const free = freeIntervals(
			paris([{ date: '2026-06-03', kind: 'unavailable', startMinute: null, endMinute: null }]),
			week,
		)
		expect(days(free)).toEqual(['2026-06-01', '2026-06-02', '2026-06-04', '2026-06-05'])
	})

	test('out of office for part of a day removes that part', () => {
		const free = freeIntervals(
			paris([{ date: '2026-06-03', kind: 'unavailable', startMinute: hhmm('10:00'), endMinute: hhmm('11:00') }]),
			range('2026-06-03T00:00', '2026-06-04T00:00'),
		)
		// Paris is UTC+2 in June.
		expect(asUtc(free)).toEqual(['2026-06-03T07:00–2026-06-03T08:00', '2026-06-03T09:00–2026-06-03T10:00'])
	})

	test('extra availability adds time, even on a weekend, and joins a window it touches', () => {
		const free = freeIntervals(
			paris([
				{ date: '2026-06-06', kind: 'available', startMinute: hhmm('14:00'), endMinute: hhmm('16:00') },
				{ date: '2026-06-01', kind: 'available', startMinute: hhmm('12:00'), endMinute: hhmm('13:00') },
			]),
			week,
		)
		expect(asUtc(free).filter((slot) => slot.startsWith('2026-06-06') || slot.startsWith('2026-06-01'))).toEqual([
			'2026-06-01T07:00–2026-06-01T11:00',
			'2026-06-06T12:00–2026-06-06T14:00',
		])
	})

	test('out of office wins over extra availability on the same date', () => {
		const free = freeIntervals(
			paris([
				{ date: '2026-06-06', kind: 'available', startMinute: hhmm('14:00'), endMinute: hhmm('16:00') },
				{ date: '2026-06-06', kind: 'unavailable', startMinute: null, endMinute: null },
			]),
			week,
		)
		expect(days(free)).not.toContain('2026-06-06')
	})

	test('an override is read as the member’s local date, not the UTC date', () => {
		// Tokyo's Tuesday 2 June 08:00–10:00 is Monday 1 June 23:00 – Tuesday 01:00 in UTC.
		const tokyo = member('Asia/Tokyo', {
			windows: windows('08:00', '10:00', [1, 2]),
			overrides: [{ date: '2026-06-02', kind: 'unavailable', startMinute: null, endMinute: null }],
		})
		expect(asUtc(freeIntervals(tokyo, range('2026-05-31T00:00', '2026-06-07T00:00')))).toEqual([
			'2026-05-31T23:00–2026-06-01T01:00',
		])
	})
})

describe('busy time and buffers', () => {
	const london = (busy: Interval[], bufferMinutes: number) =>
		member('Europe/London', { windows: windows('09:00', '13:00', [1]), busy, bufferMinutes })
	const monday = range('2026-06-01T00:00', '2026-06-02T00:00')

	test('a busy meeting is kept clear by the member’s buffer on both sides', () => {
		// 10:00–10:30 London (BST) is 09:00–09:30 UTC; with 15 minutes either side 08:45–09:45 is blocked.
		const busy = [range('2026-06-01T09:00', '2026-06-01T09:30')]
		const slots = commonSlots([london(busy, 15)], { durationMinutes: 30, range: monday })
		expect(localTimes(slots, 'Europe/London')).toEqual([
			'Mon 09:00',
			'Mon 11:00',
			'Mon 11:30',
			'Mon 12:00',
			'Mon 12:30',
		])
		expect(fitsAll([london(busy, 15)], range('2026-06-01T08:15', '2026-06-01T08:45'))).toBe(true)
		expect(fitsAll([london(busy, 15)], range('2026-06-01T08:30', '2026-06-01T09:00'))).toBe(false)
		expect(fitsAll([london(busy, 15)], range('2026-06-01T09:45', '2026-06-01T10:15'))).toBe(true)
		expect(fitsAll([london(busy, 15)], range('2026-06-01T09:30', '2026-06-01T10:00'))).toBe(false)
		// Without a buffer the slots right before and after the meeting are free.
		const tight = commonSlots([london(busy, 0)], { durationMinutes: 30, range: monday })
		expect(localTimes(tight, 'Europe/London')).toEqual([
			'Mon 09:00',
			'Mon 09:30',
			'Mon 10:30',
			'Mon 11:00',
			'Mon 11:30',
			'Mon 12:00',
			'Mon 12:30',
		])
	})

	test('each member’s buffer applies to their own meetings only', () => {
		const busyWithBuffer = london([range('2026-06-01T09:00', '2026-06-01T09:30')], 30)
		const busyWithout = member('Europe/London', {
			windows: windows('09:00', '13:00', [1]),
			busy: [range('2026-06-01T11:00', '2026-06-01T11:30')],
			bufferMinutes: 0,
		})
		const slots = commonSlots([busyWithBuffer, busyWithout], { durationMinutes: 30, range: monday })
		// The first member's 30-minute buffer blocks 09:30–11:00 London; the second's meeting 12:00–12:30 alone.
		expect(localTimes(slots, 'Europe/London')).toEqual(['Mon 09:00', 'Mon 11:00', 'Mon 11:30', 'Mon 12:30'])
	})

	test('a meeting just outside the range still blocks its buffer inside it', () => {
		const slots = commonSlots([london([range('2026-06-01T07:30', '2026-06-01T08:00')], 30)], {
			durationMinutes: 30,
			range: range('2026-06-01T08:00', '2026-06-01T12:00'),
		})
		expect(localTimes(slots, 'Europe/London')[0]).toBe('Mon 09:30')
	})
})

describe('minimum notice', () => {
	const anytime = member('UTC', { windows: windows('00:00', '24:00', [1, 2, 3, 4, 5, 6, 7]) })

	test('no slot starts within the minimum notice from now', () => {
		const now = utc('2026-06-01T10:10')
		const slots = commonSlots([anytime], {
			durationMinutes: 30,
			range: bookableRange(range('2026-06-01T00:00', '2026-06-01T13:00'), now),
		})
		expect(asUtc(slots).map((slot) => slot.slice(11, 16))).toEqual(['11:30', '12:00', '12:30'])
	})

	test('a range that starts later than the notice is left alone', () => {
		const later = range('2026-06-02T00:00', '2026-06-03T00:00')
		expect(bookableRange(later, utc('2026-06-01T10:10'))).toEqual(later)
	})
})

describe('edge cases', () => {
	test('a window until midnight (24:00) joins the next day’s window from 00:00', () => {
		const night = member('Europe/Berlin', {
			windows: [
				{ weekday: 1, startMinute: hhmm('22:00'), endMinute: 1440 },
				{ weekday: 2, startMinute: 0, endMinute: hhmm('01:00') },
			],
		})
		const slots = commonSlots([night], { durationMinutes: 60, range: range('2026-06-01T00:00', '2026-06-03T00:00') })
		expect(localTimes(slots, 'Europe/Berlin')).toEqual([
			'Mon 22:00',
			'Mon 22:30',
			'Mon 23:00',
			'Mon 23:30',
			'Tue 00:00',
		])
	})

	test('no members, no time, or an empty range: no slots', () => {
		const week = range('2026-06-01T00:00', '2026-06-08T00:00')
		expect(commonSlots([], { durationMinutes: 30, range: week })).toEqual([])
		expect(commonSlots([member('UTC')], { durationMinutes: 30, range: week })).toEqual([])
		expect(
			freeIntervals(member('UTC', { windows: windows('09:00', '17:00') }), { start: week.end, end: week.start }),
		).toEqual([])
		expect(
			fitsAll([member('UTC', { windows: windows('09:00', '17:00') })], range('2026-06-01T10:00', '2026-06-01T10:00')),
		).toBe(false)
	})

	test('a meeting longer than any free stretch has no slots', () => {
		const short = member('UTC', { windows: windows('09:00', '09:45') })
		expect(commonSlots([short], { durationMinutes: 60, range: range('2026-06-01T00:00', '2026-06-08T00:00') })).toEqual(
			[],
		)
	})

	test('three weeks for two members takes milliseconds, fresh dates and remembered ones alike', () => {
		const newYork = member('America/New_York', {
			windows: [...windows('08:00', '12:00'), ...windows('13:00', '18:00')],
			busy: [range('2026-10-27T14:00', '2026-10-27T15:00')],
			bufferMinutes: 10,
		})
		const kolkata = member('Asia/Kolkata', { windows: windows('16:00', '22:00') })
		const threeWeeks = range('2026-10-20T00:00', '2026-11-10T00:00')
		const weekMs = 7 * 86_400_000
		const threeWeeksFrom = (weeks: number) => ({
			start: threeWeeks.start + weeks * weekMs,
			end: threeWeeks.end + weeks * weekMs,
		})
		// Warm the JIT on other dates; then time a new stretch of dates each run, so nothing comes from the memo.
		for (let run = 1; run <= 10; run++)
			commonSlots([newYork, kolkata], { durationMinutes: 30, range: threeWeeksFrom(-3 * run) })
		const runs = 20
		const started = performance.now()
		for (let run = 1; run <= runs; run++)
			expect(
				commonSlots([newYork, kolkata], { durationMinutes: 30, range: threeWeeksFrom(3 * run) }).length,
			).toBeGreaterThan(0)
		const fresh = (performance.now() - started) / runs
		// Generous for a busy CI machine: about 1 ms on an idle one.
		expect(fresh).toBeLessThan(8)
		const repeated = performance.now()
		for (let run = 1; run <= runs; run++)
			commonSlots([newYork, kolkata], { durationMinutes: 30, range: threeWeeksFrom(3 * run) })
		// Remembered dates skip luxon's zone lookups (about 0.2 ms idle); the bound stays generous, as the suite runs in parallel.
		expect((performance.now() - repeated) / runs).toBeLessThan(8)
	})
})
