/**
 * Members' availability: read and saved here, turned into free time by slots.ts. Loading any
 * number of members takes one query per table (profiles, settings, windows, overrides, meetings).
 */
import { and, asc, eq, gt, gte, inArray, lt, lte, ne, sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import {
	availabilityOverrides,
	availabilitySettings,
	availabilityWindows,
	meetingParticipants,
	meetings,
	memberProfiles,
} from '#db/schema.ts'
import { groupBy } from '#app/utils/collections.ts'
import { db } from '#app/utils/db.server.ts'
import type { OverrideInput, WeeklyAvailabilityInput } from './availability-schemas.ts'
import type { Interval, SchedulingOutcome } from './meeting-types.ts'
import { defaultAvailability, schedulingLimits, type Weekday } from './options.ts'
import {
	bookableRange,
	commonSlots,
	fitsAll,
	type DateOverride,
	type LocalWindow,
	type MemberAvailability,
} from './slots.ts'

const minuteMs = 60_000
const dayMs = 86_400_000

export type AvailabilityView = {
	timeZone: string
	/** True until the member saves their own: the defaults of options.ts apply. */
	isDefault: boolean
	meetingLengthMinutes: number
	bufferMinutes: number
	reminderMinutes: number
	windows: LocalWindow[]
	overrides: Array<DateOverride & { id: number }>
}

type Settings = { meetingLengthMinutes: number; bufferMinutes: number; reminderMinutes: number }

function timeZonesOf(userIds: readonly string[]) {
	const rows = db
		.select({ userId: memberProfiles.userId, timeZone: memberProfiles.timeZone })
		.from(memberProfiles)
		.where(inArray(memberProfiles.userId, [...userIds]))
		.all()
	return new Map(rows.map((row) => [row.userId, row.timeZone]))
}

function settingsOf(userIds: readonly string[]) {
	const rows = db
		.select({
			userId: availabilitySettings.userId,
			meetingLengthMinutes: availabilitySettings.meetingLengthMinutes,
			bufferMinutes: availabilitySettings.bufferMinutes,
			reminderMinutes: availabilitySettings.reminderMinutes,
		})
		.from(availabilitySettings)
		.where(inArray(availabilitySettings.userId, [...userIds]))
		.all()
	return new Map<string, Settings>(rows.map(({ userId, ...settings }) => [userId, settings]))
}

function windowsOf(userIds: readonly string[]) {
	const rows = db
		.select({
			userId: availabilityWindows.userId,
			weekday: availabilityWindows.weekday,
			startMinute: availabilityWindows.startMinute,
			endMinute: availabilityWindows.endMinute,
		})
		.from(availabilityWindows)
		.where(inArray(availabilityWindows.userId, [...userIds]))
		.orderBy(asc(availabilityWindows.weekday), asc(availabilityWindows.startMinute))
		.all()
	const byUser = groupBy(rows, (row) => row.userId)
	return (userId: string): LocalWindow[] =>
		// Weekdays were validated on the way in.
		(byUser.get(userId) ?? []).map(({ weekday, startMinute, endMinute }) => ({
			weekday: weekday as Weekday,
			startMinute,
			endMinute,
		}))
}

const defaultWindows = (): LocalWindow[] => defaultAvailability.windows.map((window) => ({ ...window }))

const isoDate = (instant: number) => new Date(instant).toISOString().slice(0, 10)

/** The member's availability as they set it (or the defaults), with their date overrides from today on. */
export function readAvailability(userId: string, now = Date.now()): AvailabilityView {
	const timeZone = timeZonesOf([userId]).get(userId) ?? 'UTC'
	const settings = settingsOf([userId]).get(userId)
	const today = DateTime.fromMillis(now, { zone: timeZone }).toISODate()!
	const overrides = db
		.select({
			id: availabilityOverrides.id,
			date: availabilityOverrides.date,
			kind: availabilityOverrides.kind,
			startMinute: availabilityOverrides.startMinute,
			endMinute: availabilityOverrides.endMinute,
		})
		.from(availabilityOverrides)
		.where(and(eq(availabilityOverrides.userId, userId), gte(availabilityOverrides.date, today)))
		.orderBy(asc(availabilityOverrides.date), asc(availabilityOverrides.startMinute), asc(availabilityOverrides.id))
		.all()
	return {
		timeZone,
		isDefault: !settings,
		meetingLengthMinutes: settings?.meetingLengthMinutes ?? defaultAvailability.meetingLengthMinutes,
		bufferMinutes: settings?.bufferMinutes ?? defaultAvailability.bufferMinutes,
		reminderMinutes: settings?.reminderMinutes ?? defaultAvailability.reminderMinutes,
		windows: settings ? windowsOf([userId])(userId) : defaultWindows(),
		overrides,
	}
}

/** Each member's confirmed meetings that overlap `range`, as they are (slots.ts adds the buffers). */
export function busyIntervals(
	userIds: readonly string[],
	range: Interval,
	options: { exceptMeetingId?: string } = {},
): Map<string, Interval[]> {
	const busy = new Map<string, Interval[]>(userIds.map((userId) => [userId, []]))
	if (userIds.length === 0) return busy
	const rows = db
		.select({ userId: meetingParticipants.userId, startsAt: meetings.startsAt, endsAt: meetings.endsAt })
		.from(meetings)
		.innerJoin(meetingParticipants, eq(meetingParticipants.meetingId, meetings.id))
		.where(
			and(
				eq(meetings.status, 'confirmed'),
				lt(meetings.startsAt, new Date(range.end)),
				gt(meetings.endsAt, new Date(range.start)),
				inArray(meetingParticipants.userId, [...userIds]),
				options.exceptMeetingId ? ne(meetings.id, options.exceptMeetingId) : undefined,
			),
		)
		.orderBy(asc(meetings.startsAt))
		.all()
	for (const row of rows) {
		if (row.startsAt && row.endsAt)
			busy.get(row.userId)?.push({ start: row.startsAt.getTime(), end: row.endsAt.getTime() })
	}
	return busy
}

/** Everything slots.ts needs about the members for `range`, in one query per table. */
function loadMembers(userIds: readonly string[], range: Interval, exceptMeetingId?: string): MemberAvailability[] {
	const zones = timeZonesOf(userIds)
	const settings = settingsOf(userIds)
	const savedWindows = windowsOf(userIds)
	// Local dates differ from UTC dates by less than a day in every zone.
	const overrideRows = db
		.select({
			userId: availabilityOverrides.userId,
			date: availabilityOverrides.date,
			kind: availabilityOverrides.kind,
			startMinute: availabilityOverrides.startMinute,
			endMinute: availabilityOverrides.endMinute,
		})
		.from(availabilityOverrides)
		.where(
			and(
				inArray(availabilityOverrides.userId, [...userIds]),
				gte(availabilityOverrides.date, isoDate(range.start - dayMs)),
				lte(availabilityOverrides.date, isoDate(range.end + dayMs)),
			),
		)
		.all()
	const overrides = groupBy(overrideRows, (row) => row.userId)
	const buffers = new Map(
		userIds.map((userId) => [userId, settings.get(userId)?.bufferMinutes ?? defaultAvailability.bufferMinutes]),
	)
	// A meeting just outside the range still keeps its buffer inside it.
	const widest = Math.max(0, ...buffers.values()) * minuteMs
	const busy = busyIntervals(userIds, { start: range.start - widest, end: range.end + widest }, { exceptMeetingId })
	return userIds.map((userId) => ({
		timeZone: zones.get(userId) ?? 'UTC',
		windows: settings.has(userId) ? savedWindows(userId) : defaultWindows(),
		overrides: overrides.get(userId) ?? [],
		busy: busy.get(userId) ?? [],
		bufferMinutes: buffers.get(userId)!,
	}))
}

/**
 * Slots of `durationMinutes` where every member is free between `from` and `to`, never sooner than
 * the minimum notice; they step on the first member's clock, so put the viewer first.
 */
export function slotsBetween(
	userIds: readonly string[],
	options: { durationMinutes: number; from: number; to: number; exceptMeetingId?: string; now?: number },
): Interval[] {
	const range = bookableRange({ start: options.from, end: options.to }, options.now ?? Date.now())
	if (userIds.length === 0 || range.end <= range.start) return []
	const members = loadMembers(userIds, range, options.exceptMeetingId)
	return commonSlots(members, { durationMinutes: options.durationMinutes, range })
}

/** The given slots that no longer fit every member's windows, overrides and buffered meetings. */
export function unavailableSlots(
	userIds: readonly string[],
	slots: readonly Interval[],
	options: { exceptMeetingId?: string } = {},
): Interval[] {
	if (slots.length === 0 || userIds.length === 0) return []
	const range = {
		start: Math.min(...slots.map((slot) => slot.start)),
		end: Math.max(...slots.map((slot) => slot.end)),
	}
	const members = loadMembers(userIds, range, options.exceptMeetingId)
	return slots.filter((slot) => !fitsAll(members, slot))
}

/** Replaces the member's weekly windows and meeting preferences. */
export function saveWeeklyAvailability(userId: string, input: WeeklyAvailabilityInput) {
	const settings = {
		meetingLengthMinutes: input.meetingLengthMinutes,
		bufferMinutes: input.bufferMinutes,
		reminderMinutes: input.reminderMinutes,
	}
	db.transaction(
		(tx) => {
			tx.insert(availabilitySettings)
				.values({ userId, ...settings })
				.onConflictDoUpdate({ target: availabilitySettings.userId, set: { ...settings, updatedAt: new Date() } })
				.run()
			tx.delete(availabilityWindows).where(eq(availabilityWindows.userId, userId)).run()
			if (input.windows.length > 0)
				tx.insert(availabilityWindows)
					.values(input.windows.map((window) => ({ userId, ...window })))
					.run()
		},
		{ behavior: 'immediate' },
	)
}

/** Adds an out-of-office or extra-availability date, today or later in the member's zone. */
export function addOverride(
	userId: string,
	input: OverrideInput,
	now = Date.now(),
): SchedulingOutcome<{ overrideId: number }> {
	const timeZone = timeZonesOf([userId]).get(userId) ?? 'UTC'
	const today = DateTime.fromMillis(now, { zone: timeZone }).toISODate()!
	if (input.date < today)
		return { ok: false, code: 'bad-request', field: 'date', message: 'Choose today or a later date.' }
	return db.transaction(
		(tx): SchedulingOutcome<{ overrideId: number }> => {
			const upcoming =
				tx
					.select({ count: sql<number>`count(*)` })
					.from(availabilityOverrides)
					.where(and(eq(availabilityOverrides.userId, userId), gte(availabilityOverrides.date, today)))
					.get()?.count ?? 0
			if (upcoming >= schedulingLimits.overridesPerMember)
				return {
					ok: false,
					code: 'bad-request',
					field: 'date',
					message: `You already have ${schedulingLimits.overridesPerMember} dates listed; remove some first.`,
				}
			const { id } = tx
				.insert(availabilityOverrides)
				.values({ userId, ...input })
				.returning({ id: availabilityOverrides.id })
				.get()
			return { ok: true, data: { overrideId: id } }
		},
		{ behavior: 'immediate' },
	)
}

export function removeOverride(userId: string, overrideId: number): SchedulingOutcome<{ overrideId: number }> {
	const removed = db
		.delete(availabilityOverrides)
		.where(and(eq(availabilityOverrides.id, overrideId), eq(availabilityOverrides.userId, userId)))
		.run()
	if (removed.changes === 0) return { ok: false, code: 'not-found', message: 'That date is not on your list.' }
	return { ok: true, data: { overrideId } }
}
