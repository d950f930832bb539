/** The availability forms: weekly windows with meeting preferences, and date overrides. */
import { DateTime } from 'luxon'
import { z } from 'zod'
import {
	bufferLengths,
	meetingLengths,
	overrideKinds,
	reminderLeadTimes,
	schedulingLimits,
	weekdayNames,
	weekdays,
} from './options.ts'
import type { LocalWindow } from './slots.ts'

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/

/** An `<input type="time">` value ("09:30") as minutes after midnight. */
export function minuteOfTime(value: string) {
	return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5))
}

/** Minutes after midnight as an `<input type="time">` value; the end of the day (1440) is "00:00". */
export function timeOfMinute(minute: number) {
	const clamped = minute % 1440
	return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`
}

const time = z.string().trim().regex(timePattern, { error: 'Enter a time like 09:30.' })
/** "Until" 00:00 means until midnight: a time input cannot say 24:00. */
const endMinuteOf = (value: string) => minuteOfTime(value) || 1440

const choice = <const Values extends readonly number[]>(values: Values, message: string) =>
	z.coerce.number({ error: message }).pipe(z.literal(values, { error: message }))

const WindowRowSchema = z.object({
	weekday: choice(weekdays, 'Choose a day of the week.'),
	start: time.optional(),
	end: time.optional(),
})

/** The weekly form's fields and rules, as the browser sends them (conform reads its constraints from this). */
export const WeeklyAvailabilityFormSchema = z
	.object({
		intent: z.literal('weekly'),
		meetingLengthMinutes: choice(meetingLengths, 'Choose 15, 30, 45 or 60 minutes.'),
		bufferMinutes: choice(bufferLengths, 'Choose a buffer from the list.'),
		reminderMinutes: choice(reminderLeadTimes, 'Choose when to be reminded from the list.'),
		windows: z
			.array(WindowRowSchema)
			.max(weekdays.length * (schedulingLimits.windowsPerDay + 1), { error: 'Too many windows.' })
			.default([]),
	})
	.superRefine((value, context) => {
		const complete: Array<LocalWindow & { index: number }> = []
		value.windows.forEach((row, index) => {
			if (row.start === undefined && row.end === undefined) return
			if (row.start === undefined || row.end === undefined) {
				context.addIssue({
					code: 'custom',
					path: ['windows', index, row.start === undefined ? 'start' : 'end'],
					message: 'Enter both times, or clear both to drop this window.',
				})
				return
			}
			const startMinute = minuteOfTime(row.start)
			const endMinute = endMinuteOf(row.end)
			if (endMinute <= startMinute) {
				context.addIssue({
					code: 'custom',
					path: ['windows', index, 'end'],
					message: 'The end must be after the start.',
				})
				return
			}
			complete.push({ weekday: row.weekday, startMinute, endMinute, index })
		})
		for (const weekday of weekdays) {
			const day = complete.filter((window) => window.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute)
			const name = weekdayNames[weekday]
			if (day.length > schedulingLimits.windowsPerDay) {
				context.addIssue({
					code: 'custom',
					path: ['windows', day[schedulingLimits.windowsPerDay]!.index, 'start'],
					message: `${name} can have at most ${schedulingLimits.windowsPerDay} windows.`,
				})
			}
			for (let position = 1; position < day.length; position++) {
				const earlier = day[position - 1]!
				const later = day[position]!
				if (later.startMinute < earlier.endMinute)
					context.addIssue({
						code: 'custom',
						path: ['windows', later.index, 'start'],
						message: `Overlaps ${name}’s ${timeOfMinute(earlier.startMinute)}–${timeOfMinute(earlier.endMinute)} window.`,
					})
			}
		}
	})

export const WeeklyAvailabilitySchema = WeeklyAvailabilityFormSchema.transform(
	({ meetingLengthMinutes, bufferMinutes, reminderMinutes, windows }) => ({
		meetingLengthMinutes,
		bufferMinutes,
		reminderMinutes,
		// Empty rows are how a form without JavaScript offers a spare window: they mean nothing.
		windows: windows
			.flatMap((row): LocalWindow[] =>
				row.start === undefined || row.end === undefined
					? []
					: [{ weekday: row.weekday, startMinute: minuteOfTime(row.start), endMinute: endMinuteOf(row.end) }],
			)
			.sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute),
	}),
)

export type WeeklyAvailabilityInput = z.output<typeof WeeklyAvailabilitySchema>

export const overrideKindLabels = { unavailable: 'Out of office', available: 'Extra availability' } as const

/** The date form's fields and rules, as the browser sends them. */
export const OverrideFormSchema = z
	.object({
		intent: z.literal('add-override'),
		date: z
			.string({ error: 'Enter a date.' })
			.trim()
			.refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid, {
				error: 'Enter a valid date.',
			}),
		kind: z.enum(overrideKinds, { error: 'Choose out of office or extra availability.' }),
		start: time.optional(),
		end: time.optional(),
	})
	.superRefine((value, context) => {
		if (value.start === undefined && value.end === undefined) {
			if (value.kind === 'available')
				context.addIssue({
					code: 'custom',
					path: ['start'],
					message: 'Extra availability needs a start and an end time.',
				})
			return
		}
		if (value.start === undefined || value.end === undefined) {
			context.addIssue({
				code: 'custom',
				path: [value.start === undefined ? 'start' : 'end'],
				message: 'Enter both times, or neither for the whole day.',
			})
			return
		}
		if (endMinuteOf(value.end) <= minuteOfTime(value.start))
			context.addIssue({ code: 'custom', path: ['end'], message: 'The end must be after the start.' })
	})

export const OverrideSchema = OverrideFormSchema.transform(({ date, kind, start, end }) => ({
	date,
	kind,
	startMinute: start === undefined ? null : minuteOfTime(start),
	endMinute: end === undefined ? null : endMinuteOf(end),
}))

export type OverrideInput = z.output<typeof OverrideSchema>

export const RemoveOverrideSchema = z.object({
	intent: z.literal('remove-override'),
	overrideId: z.coerce.number({ error: 'Choose a date to remove.' }).int().positive(),
})
