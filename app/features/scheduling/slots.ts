/**
 * When members are free, in UTC: weekly windows in each member's own IANA zone, expanded date by
 * date, adjusted by date overrides, minus busy meetings widened by the member's buffer. Pure: the
 * server module loads the inputs. luxon turns every local wall-clock time into an instant, so DST
 * gaps and repeated hours follow the tz database (a time in a spring-forward gap moves forward as
 * luxon moves it; a window on a fall-back day lasts its true length).
 */
import { DateTime } from 'luxon'
import type { Interval } from './meeting-types.ts'
import { schedulingLimits, type OverrideKind, type Weekday } from './options.ts'

/** Minutes after local midnight; end exclusive, at most 1440. */
export type LocalWindow = { weekday: Weekday; startMinute: number; endMinute: number }
/** A local date (YYYY-MM-DD) that differs from the week; null minutes: the whole day. */
export type DateOverride = { date: string; kind: OverrideKind; startMinute: number | null; endMinute: number | null }
export type MemberAvailability = {
	timeZone: string
	windows: readonly LocalWindow[]
	overrides: readonly DateOverride[]
	busy: readonly Interval[]
	bufferMinutes: number
}

const minuteMs = 60_000
const dayMs = 86_400_000
const dayMinutes = 1440

type LocalDay = {
	year: number
	month: number
	day: number
	/** The instant the local date begins, and the instant the next one begins. */
	start: number
	end: number
}

const midnights = new Map<string, number>()
const midnightCacheSize = 20_000

/**
 * When a calendar date begins in a zone, remembered: zones and dates repeat across members and
 * requests, and luxon's zone lookups are the expensive part of slot computation.
 */
function midnightOf(timeZone: string, calendarDay: number) {
	const key = `${timeZone}|${calendarDay}`
	const known = midnights.get(key)
	if (known !== undefined) return known
	const instant = localInstant(timeZone, new Date(calendarDay), 0)
	if (midnights.size >= midnightCacheSize) midnights.delete(midnights.keys().next().value!)
	midnights.set(key, instant)
	return instant
}

function localDay(timeZone: string, calendarDay: number): LocalDay {
	const date = new Date(calendarDay)
	return {
		year: date.getUTCFullYear(),
		month: date.getUTCMonth() + 1,
		day: date.getUTCDate(),
		start: midnightOf(timeZone, calendarDay),
		end: midnightOf(timeZone, calendarDay + dayMs),
	}
}

/** The instant of a wall-clock time on a calendar date (held as UTC midnight of that date) in a zone. */
function localInstant(timeZone: string, date: Date, minute: number) {
	return DateTime.fromObject(
		{
			year: date.getUTCFullYear(),
			month: date.getUTCMonth() + 1,
			day: date.getUTCDate(),
			hour: Math.floor(minute / 60),
			minute: minute % 60,
		},
		{ zone: timeZone },
	).toMillis()
}

/** A minute of a local day as an instant. */
function instantOf(timeZone: string, day: LocalDay, minute: number) {
	if (minute === 0) return day.start
	if (minute === dayMinutes) return day.end
	// A day of exactly 24 hours has one offset throughout, so its minutes are plain arithmetic.
	if (day.end - day.start === dayMs) return day.start + minute * minuteMs
	return localInstant(timeZone, new Date(Date.UTC(day.year, day.month - 1, day.day)), minute)
}

/** UTC midnight of the calendar date an instant has in a zone (dates are counted on a plain calendar). */
function calendarDayOf(timeZone: string, instant: number) {
	const local = DateTime.fromMillis(instant, { zone: timeZone })
	return Date.UTC(local.year, local.month - 1, local.day)
}

function isoWeekday(calendarDay: number) {
	const day = new Date(calendarDay).getUTCDay()
	return (day === 0 ? 7 : day) as Weekday
}

type MinuteSpan = { start: number; end: number }

/** Sorted, non-overlapping spans; touching ones join. Works for minutes and for instants alike. */
function merged(spans: readonly MinuteSpan[]): MinuteSpan[] {
	const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start || a.end - b.end)
	const result: MinuteSpan[] = []
	for (const span of sorted) {
		const last = result.at(-1)
		if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
		else result.push({ start: span.start, end: span.end })
	}
	return result
}

/** `spans` minus `holes`; both sorted and merged. */
function subtract(spans: readonly MinuteSpan[], holes: readonly MinuteSpan[]): MinuteSpan[] {
	const result: MinuteSpan[] = []
	let hole = 0
	for (const span of spans) {
		let start = span.start
		while (hole < holes.length && holes[hole]!.end <= start) hole++
		for (let index = hole; index < holes.length && holes[index]!.start < span.end; index++) {
			if (holes[index]!.start > start) result.push({ start, end: holes[index]!.start })
			start = Math.max(start, holes[index]!.end)
		}
		if (start < span.end) result.push({ start, end: span.end })
	}
	return result
}

/** Where two sorted, merged lists overlap. */
function intersect(left: readonly MinuteSpan[], right: readonly MinuteSpan[]): MinuteSpan[] {
	const result: MinuteSpan[] = []
	let i = 0
	let j = 0
	while (i < left.length && j < right.length) {
		const start = Math.max(left[i]!.start, right[j]!.start)
		const end = Math.min(left[i]!.end, right[j]!.end)
		if (start < end) result.push({ start, end })
		if (left[i]!.end < right[j]!.end) i++
		else j++
	}
	return result
}

/**
 * One local date's free minutes: its weekly windows plus extra availability, minus out-of-office
 * time. Out of office wins over an extra slot on the same date.
 */
function minutesOfDay(
	windows: readonly LocalWindow[],
	overrides: readonly DateOverride[] | undefined,
	weekday: Weekday,
) {
	const open: MinuteSpan[] = windows.filter((window) => window.weekday === weekday).map(toSpan)
	const closed: MinuteSpan[] = []
	for (const override of overrides ?? []) {
		const span =
			override.startMinute === null || override.endMinute === null
				? { start: 0, end: dayMinutes }
				: { start: override.startMinute, end: override.endMinute }
		if (override.kind === 'available') open.push(span)
		else closed.push(span)
	}
	return subtract(merged(open), merged(closed))
}

const toSpan = (window: LocalWindow): MinuteSpan => ({ start: window.startMinute, end: window.endMinute })

/** A member's free time within `range`, sorted and merged, in UTC ms. */
export function freeIntervals(member: MemberAvailability, range: Interval): Interval[] {
	if (range.end <= range.start) return []
	const { timeZone } = member
	const overridesByDate = new Map<string, DateOverride[]>()
	for (const override of member.overrides) {
		const list = overridesByDate.get(override.date)
		if (list) list.push(override)
		else overridesByDate.set(override.date, [override])
	}
	const open: Interval[] = []
	// A day before and after: a window can reach past the dates the range's ends fall on only by a DST shift.
	const lastDay = calendarDayOf(timeZone, range.end) + dayMs
	for (let calendarDay = calendarDayOf(timeZone, range.start) - dayMs; calendarDay <= lastDay; calendarDay += dayMs) {
		const date = new Date(calendarDay).toISOString().slice(0, 10)
		const minutes = minutesOfDay(member.windows, overridesByDate.get(date), isoWeekday(calendarDay))
		if (minutes.length === 0) continue
		const day = localDay(timeZone, calendarDay)
		for (const span of minutes)
			open.push({ start: instantOf(timeZone, day, span.start), end: instantOf(timeZone, day, span.end) })
	}
	const withinRange = intersect(merged(open), [range])
	const buffer = member.bufferMinutes * minuteMs
	const blocked = merged(member.busy.map((busy) => ({ start: busy.start - buffer, end: busy.end + buffer })))
	return subtract(withinRange, blocked)
}

/** 15-minute steps for 15- and 45-minute meetings, half hours otherwise. */
export function defaultStepMinutes(durationMinutes: number) {
	return durationMinutes % 30 === 0 ? 30 : 15
}

/**
 * Start times where every member is free for the whole duration, every `stepMinutes` on the first
 * member's wall clock (the viewer's: they pick 09:00 and 09:30 in Kathmandu, not 09:15 and 09:45;
 * the others see their own local time beside it).
 */
export function commonSlots(
	members: readonly MemberAvailability[],
	options: { durationMinutes: number; range: Interval; stepMinutes?: number },
): Interval[] {
	if (members.length === 0) return []
	const [first, ...rest] = members
	let common: MinuteSpan[] = freeIntervals(first!, options.range)
	for (const member of rest) {
		if (common.length === 0) break
		common = intersect(common, freeIntervals(member, options.range))
	}
	const duration = options.durationMinutes * minuteMs
	const step = (options.stepMinutes ?? defaultStepMinutes(options.durationMinutes)) * minuteMs
	const slots: Interval[] = []
	if (common.length === 0) return slots
	// DST moves offsets by whole half hours (steps are 15 or 30 minutes), so one alignment holds throughout.
	const offset = DateTime.fromMillis(common[0]!.start, { zone: first!.timeZone }).offset * minuteMs
	for (const span of common) {
		for (
			let start = Math.ceil((span.start + offset) / step) * step - offset;
			start + duration <= span.end;
			start += step
		)
			slots.push({ start, end: start + duration })
	}
	return slots
}

/** The part of `range` a proposal may still use: never earlier than the minimum notice from now. */
export function bookableRange(range: Interval, now: number): Interval {
	return { start: Math.max(range.start, now + schedulingLimits.minimumNoticeMinutes * minuteMs), end: range.end }
}

/** Whether every member is free for the whole of `slot` (windows, overrides, busy time and buffers). */
export function fitsAll(members: readonly MemberAvailability[], slot: Interval): boolean {
	if (slot.end <= slot.start) return false
	return members.every((member) => {
		const free = freeIntervals(member, slot)
		return free.length === 1 && free[0]!.start === slot.start && free[0]!.end === slot.end
	})
}
