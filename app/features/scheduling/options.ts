/** Scheduling: the shared vocabulary of availability, proposals, meetings and reminders. */

/** ISO weekdays, Monday = 1 … Sunday = 7 (luxon's `weekday`). */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const
export type Weekday = (typeof weekdays)[number]
export const weekdayNames: Record<Weekday, string> = {
	1: 'Monday',
	2: 'Tuesday',
	3: 'Wednesday',
	4: 'Thursday',
	5: 'Friday',
	6: 'Saturday',
	7: 'Sunday',
}

export const meetingLengths = [15, 30, 45, 60] as const
export type MeetingLength = (typeof meetingLengths)[number]
export const bufferLengths = [0, 5, 10, 15, 30] as const
/** How long before a meeting its reminder fires, in minutes; 0 turns reminders off. */
export const reminderLeadTimes = [0, 10, 30, 60, 1440] as const

/** Used until a member saves their own availability: weekdays, 09:00–17:00 in their zone. */
export const defaultAvailability = {
	meetingLengthMinutes: 30 satisfies MeetingLength,
	bufferMinutes: 10,
	reminderMinutes: 30,
	windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as Weekday, startMinute: 9 * 60, endMinute: 17 * 60 })),
} as const

/** `unavailable`: out of office for the day or a part of it; `available`: an extra slot that day. */
export const overrideKinds = ['unavailable', 'available'] as const
export type OverrideKind = (typeof overrideKinds)[number]

export const meetingKinds = ['direct', 'roundtable'] as const
export type MeetingKind = (typeof meetingKinds)[number]

/**
 * pending: options are on the table, waiting for `awaitingUserId` (direct) or the host's
 * confirmation after votes (roundtable); confirmed: a time is agreed; declined; cancelled.
 * Whether a confirmed meeting is upcoming or past is a matter of the clock, not of the status.
 */
export const meetingStatuses = ['pending', 'confirmed', 'declined', 'cancelled'] as const
export type MeetingStatus = (typeof meetingStatuses)[number]

export const participantRoles = ['organizer', 'invitee'] as const
export type ParticipantRole = (typeof participantRoles)[number]

export const jobKinds = ['meeting-reminder'] as const
export type JobKind = (typeof jobKinds)[number]
export const jobStatuses = ['pending', 'done', 'cancelled'] as const
export type JobStatus = (typeof jobStatuses)[number]

export const schedulingLimits = {
	/** Options a proposal (or a counter-proposal, or a reschedule) may offer. */
	maxOptions: 3,
	/** How far ahead proposals look, in days. */
	horizonDays: 21,
	/** The earliest a proposed slot may start, from now, in minutes. */
	minimumNoticeMinutes: 60,
	topic: 140,
	location: 500,
	note: 1000,
	agenda: 4000,
	reflection: 4000,
	windowsPerDay: 6,
	overridesPerMember: 100,
} as const
