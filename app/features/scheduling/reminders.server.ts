/**
 * Meeting reminders: one scheduled job per participant of a confirmed meeting, at the start time
 * minus that participant's lead time. The job carries the meeting's sequence, so a reminder of a
 * time that was rescheduled or cancelled finishes without a word.
 */
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { availabilitySettings, meetingParticipants, meetings, memberProfiles, users } from '#db/schema.ts'
import type { AppDatabase } from '#db/client.ts'
import { notify } from '#app/features/notifications/notifications.server.ts'
import { db } from '#app/utils/db.server.ts'
import { cancelJobs, enqueueJob, type DueJob, type JobTransaction } from '#app/utils/jobs.server.ts'
import { defaultAvailability } from './options.ts'

type Writer = Pick<AppDatabase, 'select' | 'insert' | 'update'>

const minuteMs = 60_000

const ReminderPayloadSchema = z.object({
	meetingId: z.string().min(1),
	userId: z.string().min(1),
	sequence: z.number().int().nonnegative(),
})

const reminderKeyPrefix = (meetingId: string) => `meeting-reminder:${meetingId}:`

/**
 * Schedules the reminders of a confirmed meeting, for the participants who want one and whose
 * reminder time is still ahead. Call it inside the transaction that confirms the meeting, after
 * its start time and sequence are written; calling it twice schedules nothing new.
 */
export function scheduleMeetingReminders(meetingId: string, tx: Writer = db, now = Date.now()) {
	const meeting = tx
		.select({ status: meetings.status, startsAt: meetings.startsAt, sequence: meetings.sequence })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get()
	if (meeting?.status !== 'confirmed' || !meeting.startsAt) return
	const startsAt = meeting.startsAt.getTime()
	// Through `tx`: the confirming transaction's writes are visible, and a seed may pass another database.
	const participants = tx
		.select({ userId: meetingParticipants.userId, reminderMinutes: availabilitySettings.reminderMinutes })
		.from(meetingParticipants)
		.leftJoin(availabilitySettings, eq(availabilitySettings.userId, meetingParticipants.userId))
		.where(eq(meetingParticipants.meetingId, meetingId))
		.all()
	for (const { userId, reminderMinutes } of participants) {
		const minutes = reminderMinutes ?? defaultAvailability.reminderMinutes
		const runAt = startsAt - minutes * minuteMs
		if (minutes <= 0 || runAt <= now) continue
		enqueueJob(
			{
				kind: 'meeting-reminder',
				dedupeKey: `${reminderKeyPrefix(meetingId)}${userId}:${meeting.sequence}`,
				runAt,
				payload: { meetingId, userId, sequence: meeting.sequence },
			},
			tx,
		)
	}
}

/** Cancels the meeting's pending reminders; call it inside the transaction that reschedules or cancels it. */
export function cancelMeetingReminders(meetingId: string, tx: Writer = db, now = Date.now()) {
	return cancelJobs({ kind: 'meeting-reminder', dedupeKeyPrefix: reminderKeyPrefix(meetingId) }, tx, now)
}

/** "30 minutes", "1 hour", "24 hours": what is left until the meeting starts. */
function timeLeft(milliseconds: number) {
	const minutes = Math.max(1, Math.round(milliseconds / minuteMs))
	if (minutes < 120 && minutes % 60 !== 0) return minutes === 1 ? '1 minute' : `${minutes} minutes`
	const hours = Math.round(minutes / 60)
	return hours === 1 ? '1 hour' : `${hours} hours`
}

/** "Ana Ruiz", "Ana Ruiz and Bo Li", "Ana Ruiz, Bo Li and Cy Oh", "Ana Ruiz, Bo Li, Cy Oh and 4 others". */
function namesText(names: readonly string[]) {
	if (names.length <= 1) return names[0] ?? 'no one else'
	if (names.length <= 4) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
	return `${names.slice(0, 3).join(', ')} and ${names.length - 3} others`
}

/**
 * The scheduled job's work: notifies the participant, in the claiming transaction, unless the
 * meeting is no longer the one the reminder was set for (cancelled, or rescheduled: another
 * sequence) or has already started (the server was down past its time; a late reminder is noise).
 */
export function runMeetingReminder(job: DueJob, tx: JobTransaction, now: number) {
	const { meetingId, userId, sequence } = ReminderPayloadSchema.parse(job.payload)
	const meeting = tx
		.select({
			topic: meetings.topic,
			status: meetings.status,
			startsAt: meetings.startsAt,
			sequence: meetings.sequence,
		})
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get()
	if (meeting?.status !== 'confirmed' || meeting.sequence !== sequence || !meeting.startsAt) return
	const startsAt = meeting.startsAt.getTime()
	if (startsAt <= now) return
	const people = tx
		.select({ userId: users.id, name: users.name, timeZone: memberProfiles.timeZone })
		.from(meetingParticipants)
		.innerJoin(users, eq(users.id, meetingParticipants.userId))
		.leftJoin(memberProfiles, eq(memberProfiles.userId, meetingParticipants.userId))
		.where(eq(meetingParticipants.meetingId, meetingId))
		.orderBy(users.name)
		.all()
	const recipient = people.find((person) => person.userId === userId)
	if (!recipient) return
	const local = DateTime.fromMillis(startsAt, { zone: recipient.timeZone ?? 'UTC', locale: 'en' })
	const when = local.isValid ? local : DateTime.fromMillis(startsAt, { zone: 'UTC', locale: 'en' })
	const others = people.filter((person) => person.userId !== userId).map((person) => person.name)
	notify(
		userId,
		{
			kind: 'meeting-reminder',
			title: `Starting in ${timeLeft(startsAt - now)}: ${meeting.topic}`,
			body: `${when.toFormat('cccc d LLLL, HH:mm')} (${when.zoneName}) with ${namesText(others)}`,
			link: `/meetings/${meetingId}`,
		},
		tx,
	)
}
