import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { availabilitySettings, meetings, memberProfiles, notifications, scheduledJobs } from '#db/schema.ts'
import { cancelMeetingReminders, scheduleMeetingReminders } from '#app/features/scheduling/reminders.server.ts'
import { db } from '#app/utils/db.server.ts'
import { cancelJobs, enqueueJob, jobLimits, runDueJobs, startJobRunner } from '#app/utils/jobs.server.ts'
import { insertConfirmedMeeting } from '#tests/support/confirmed-meeting.ts'
import { createUser } from '#tests/support/factories.ts'

const minute = 60_000
const hour = 60 * minute
const root = fileURLToPath(new URL('../..', import.meta.url))


async function pair() {
	const organizer = await createUser({ name: `Ana Ruiz ${randomUUID().slice(0, 4)}` })
	const invitee = await createUser({ name: `Bo Li ${randomUUID().slice(0, 4)}` })
	return [organizer, invitee] as const
}

function setReminderMinutes(userId: string, reminderMinutes: number) {
	db.insert(availabilitySettings)
		.values({ userId, meetingLengthMinutes: 30, bufferMinutes: 10, reminderMinutes })
		.onConflictDoUpdate({ target: availabilitySettings.userId, set: { reminderMinutes } })
		.run()
}

const jobsOf = (meetingId: string) =>
	db
		.select()
		.from(scheduledJobs)
		.all()
		.filter((job) => job.payload.meetingId === meetingId)
		.sort((a, b) => a.id - b.id)

const remindersOf = (meetingId: string) =>
	db
		.select()
		.from(notifications)
		.where(and(eq(notifications.kind, 'meeting-reminder'), eq(notifications.link, `/meetings/${meetingId}`)))
		.all()

describe('scheduling reminders', () => {
	test('one job per participant at the start minus their own lead; none when off, past, or scheduled twice', async () => {
		const [organizer, invitee] = await pair()
		const third = await createUser()
		setReminderMinutes(invitee.id, 1440)
		setReminderMinutes(third.id, 0)
		const startsAt = Date.now() + 3 * hour
		const meetingId = insertConfirmedMeeting([organizer, invitee, third], startsAt)

		scheduleMeetingReminders(meetingId)
		scheduleMeetingReminders(meetingId)
		// The organizer keeps the 30-minute default; the invitee's day-ahead reminder is already past; the third turned them off.
		const jobs = jobsOf(meetingId)
		expect(jobs).toHaveLength(1)
		expect(jobs[0]).toMatchObject({
			kind: 'meeting-reminder',
			dedupeKey: `meeting-reminder:${meetingId}:${organizer.id}:1`,
			status: 'pending',
			attempts: 0,
			payload: { meetingId, userId: organizer.id, sequence: 1 },
		})
		expect(jobs[0]!.runAt.getTime()).toBe(startsAt - 30 * minute)
	})

	test('a pending or cancelled meeting gets no reminders', async () => {
		const people = await pair()
		const meetingId = insertConfirmedMeeting(people, Date.now() + 3 * hour)
		db.update(meetings).set({ status: 'pending', startsAt: null, endsAt: null }).where(eq(meetings.id, meetingId)).run()
		scheduleMeetingReminders(meetingId)
		db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, meetingId)).run()
		scheduleMeetingReminders(meetingId)
		scheduleMeetingReminders('no-such-meeting')
		expect(jobsOf(meetingId)).toEqual([])
	})
})

describe('running due jobs', () => {
	test('a due reminder notifies once, in the recipient’s zone, and a job not yet due waits', async () => {
		const [organizer, invitee] = await pair()
		db.update(memberProfiles).set({ timeZone: 'Asia/Kolkata' }).where(eq(memberProfiles.userId, invitee.id)).run()
		// 2031-03-04 09:00 UTC is 14:30 in Kolkata and 10:00 in Paris.
		const startsAt = Date.UTC(2031, 2, 4, 9, 0)
		const meetingId = insertConfirmedMeeting([organizer, invitee], startsAt, { topic: 'Loyalty programs' })
		scheduleMeetingReminders(meetingId)
		const dueAt = startsAt - 30 * minute

		runDueJobs(dueAt - 1)
		expect(remindersOf(meetingId)).toEqual([])
		expect(jobsOf(meetingId).map((job) => job.status)).toEqual(['pending', 'pending'])

		runDueJobs(dueAt)
		const sent = remindersOf(meetingId)
		expect(sent).toHaveLength(2)
		const toInvitee = sent.find((row) => row.userId === invitee.id)!
		expect(toInvitee.title).toBe('Starting in 30 minutes: Loyalty programs')
		expect(toInvitee.body).toBe(`Tuesday 4 March, 14:30 (Asia/Kolkata) with ${organizer.name}`)
		const toOrganizer = sent.find((row) => row.userId === organizer.id)!
		expect(toOrganizer.body).toBe(`Tuesday 4 March, 10:00 (Europe/Paris) with ${invitee.name}`)

		runDueJobs(dueAt + 5 * minute)
		expect(remindersOf(meetingId)).toHaveLength(2)
		for (const job of jobsOf(meetingId)) {
			expect(job).toMatchObject({ status: 'done', attempts: 1, lastError: null })
			expect(job.finishedAt?.getTime()).toBe(dueAt)
		}
	})

	test('a reminder of a rescheduled, cancelled or already started meeting finishes without notifying', async () => {
		const startsAt = Date.UTC(2032, 0, 10, 15, 0)
		const rescheduled = insertConfirmedMeeting(await pair(), startsAt)
		const cancelled = insertConfirmedMeeting(await pair(), startsAt)
		const started = insertConfirmedMeeting(await pair(), startsAt)
		for (const id of [rescheduled, cancelled, started]) scheduleMeetingReminders(id, db, startsAt - 2 * hour)
		// Changed behind the reminders' back: the workflow would also cancel them, but a job may already be claimed.
		db.update(meetings).set({ sequence: 2 }).where(eq(meetings.id, rescheduled)).run()
		db.update(meetings).set({ status: 'cancelled', sequence: 2 }).where(eq(meetings.id, cancelled)).run()

		runDueJobs(startsAt - 30 * minute)
		runDueJobs(startsAt)
		for (const id of [rescheduled, cancelled]) {
			expect(remindersOf(id)).toEqual([])
			expect(jobsOf(id).map((job) => job.status)).toEqual(['done', 'done'])
		}
		expect(remindersOf(started)).toHaveLength(2)

		const late = insertConfirmedMeeting(await pair(), startsAt + hour)
		scheduleMeetingReminders(late, db, startsAt)
		// The server was down past the meeting's start: the reminder would be noise.
		runDueJobs(startsAt + hour)
		expect(remindersOf(late)).toEqual([])
		expect(jobsOf(late).map((job) => job.status)).toEqual(['done', 'done'])
	})

	test('cancelling a meeting’s reminders leaves other meetings’ and finished jobs alone', async () => {
		const people = await pair()
		const startsAt = Date.UTC(2033, 5, 1, 12, 0)
		const first = insertConfirmedMeeting(people, startsAt, { id: `m_${randomUUID()}` })
		// An id that starts with the first one's: the prefix must end at the separator.
		const second = insertConfirmedMeeting(people, startsAt + 2 * hour, { id: `${first}0` })
		for (const id of [first, second]) scheduleMeetingReminders(id, db, startsAt - 2 * hour)

		expect(cancelMeetingReminders(first, db, startsAt - hour)).toBe(2)
		expect(cancelMeetingReminders(first)).toBe(0)
		expect(jobsOf(first).map((job) => job.status)).toEqual(['cancelled', 'cancelled'])
		expect(jobsOf(second).map((job) => job.status)).toEqual(['pending', 'pending'])

		runDueJobs(startsAt + 2 * hour - 30 * minute)
		expect(remindersOf(first)).toEqual([])
		expect(remindersOf(second)).toHaveLength(2)
		expect(cancelMeetingReminders(second)).toBe(0)
		expect(jobsOf(second).map((job) => job.status)).toEqual(['done', 'done'])
		expect(() => cancelJobs({ kind: 'meeting-reminder', dedupeKeyPrefix: '' })).toThrow(/prefix/)
	})

	test('the same dedupe key is scheduled once, even after the job ran or was cancelled', () => {
		const job = {
			kind: 'meeting-reminder',
			dedupeKey: `dedupe-${randomUUID()}`,
			runAt: Date.UTC(2034, 0, 1),
			payload: { meetingId: 'gone', userId: 'nobody', sequence: 0 },
		} as const
		expect(enqueueJob(job)).toBe(true)
		expect(enqueueJob({ ...job, runAt: job.runAt + hour })).toBe(false)
		const rows = db.select().from(scheduledJobs).where(eq(scheduledJobs.dedupeKey, job.dedupeKey)).all()
		expect(rows).toHaveLength(1)
		expect(rows[0]!.runAt.getTime()).toBe(job.runAt)
		// A reminder of a meeting that no longer exists simply finishes.
		runDueJobs(job.runAt)
		expect(enqueueJob(job)).toBe(false)
		expect(db.select().from(scheduledJobs).where(eq(scheduledJobs.dedupeKey, job.dedupeKey)).get()?.status).toBe('done')
	})

	test('a job that throws is retried with growing delays, then cancelled with its error', () => {
		const dedupeKey = `broken-${randomUUID()}`
		let now = Date.UTC(2035, 0, 1)
		enqueueJob({ kind: 'meeting-reminder', dedupeKey, runAt: now, payload: { meetingId: 42 } })
		const row = () => db.select().from(scheduledJobs).where(eq(scheduledJobs.dedupeKey, dedupeKey)).get()!

		const delays: number[] = []
		for (let attempt = 1; attempt < jobLimits.maxAttempts; attempt++) {
			expect(runDueJobs(now)).toMatchObject({ retried: 1, cancelled: 0 })
			const job = row()
			expect(job).toMatchObject({ status: 'pending', attempts: attempt, finishedAt: null })
			expect(job.lastError).toMatch(/meetingId/)
			delays.push(job.runAt.getTime() - now)
			// Not due again until its retry time.
			expect(runDueJobs(job.runAt.getTime() - 1)).toMatchObject({ retried: 0, cancelled: 0 })
			now = job.runAt.getTime()
		}
		expect(delays).toEqual([1, 2, 4, 8].map((factor) => factor * jobLimits.retryBaseMs))

		expect(runDueJobs(now)).toMatchObject({ retried: 0, cancelled: 1 })
		expect(row()).toMatchObject({ status: 'cancelled', attempts: jobLimits.maxAttempts })
		expect(row().lastError).toMatch(/meetingId/)
		expect(row().finishedAt?.getTime()).toBe(now)
		expect(runDueJobs(now + 365 * 24 * hour)).toMatchObject({ retried: 0, cancelled: 0 })
		expect(row().attempts).toBe(jobLimits.maxAttempts)
	})

	test('a backlog runs in batches, earliest first', () => {
		// Long before every other test's jobs, so only these are due.
		const base = Date.UTC(1995, 0, 1)
		const count = jobLimits.batchSize + 5
		const keys = Array.from({ length: count }, (_, index) => `backlog-${index}-${randomUUID()}`)
		// Inserted latest first, so id order and run_at order disagree.
		for (let index = count - 1; index >= 0; index--)
			enqueueJob({
				kind: 'meeting-reminder',
				dedupeKey: keys[index]!,
				runAt: base + index * minute,
				payload: { meetingId: 'gone', userId: 'nobody', sequence: 0 },
			})
		const statuses = () => {
			const rows = db.select().from(scheduledJobs).where(inArray(scheduledJobs.dedupeKey, keys)).all()
			return keys.map((key) => rows.find((row) => row.dedupeKey === key)!.status)
		}
		const now = base + count * minute
		expect(runDueJobs(now)).toEqual({ done: jobLimits.batchSize, retried: 0, cancelled: 0, more: true })
		expect(statuses()).toEqual([
			...Array<string>(jobLimits.batchSize).fill('done'),
			...Array<string>(count - jobLimits.batchSize).fill('pending'),
		])
		expect(runDueJobs(now)).toEqual({ done: count - jobLimits.batchSize, retried: 0, cancelled: 0, more: false })
		expect(statuses()).toEqual(Array<string>(count).fill('done'))
	})
})

describe('the job runner', () => {
	test('runs what is due as soon as it starts and then on every poll, and stops', async () => {
		const people = await pair()
		const overdue = insertConfirmedMeeting(people, Date.now() + 20 * minute)
		// Scheduled "before" its reminder time passed, as if while the server was down.
		scheduleMeetingReminders(overdue, db, Date.now() - 20 * minute)
		const runner = startJobRunner({ intervalMs: 50 })
		expect(remindersOf(overdue)).toHaveLength(2)

		// Its reminder falls due a moment after the runner started.
		const next = insertConfirmedMeeting(people, Date.now() + 30 * minute + 300)
		scheduleMeetingReminders(next)
		expect(jobsOf(next).map((job) => job.status)).toEqual(['pending', 'pending'])
		await expect.poll(() => remindersOf(next).length, { timeout: 5000, interval: 20 }).toBe(2)

		await runner.stop()
		const afterStop = insertConfirmedMeeting(people, Date.now() + 25 * minute)
		scheduleMeetingReminders(afterStop, db, Date.now() - 10 * minute)
		await new Promise((resolve) => setTimeout(resolve, 300))
		expect(remindersOf(afterStop)).toEqual([])
		expect(jobsOf(afterStop).map((job) => job.status)).toEqual(['pending', 'pending'])
		expect(remindersOf(overdue)).toHaveLength(2)
	})

	test('several processes sharing the database never run a job twice', async () => {
		const startsAt = Date.UTC(2040, 0, 1)
		const meetingIds: string[] = []
		for (let index = 0; index < 20; index++) {
			const id = insertConfirmedMeeting(await pair(), startsAt + index * minute)
			scheduleMeetingReminders(id, db, startsAt - hour)
			meetingIds.push(id)
		}
		const now = startsAt - 10 * minute

		// Each process loads the runner, says it is ready, and drains the due jobs once told to go.
		const script = `
			import { createInterface } from 'node:readline'
			const { runDueJobs } = await import(${JSON.stringify(`${root}app/utils/jobs.server.ts`)})
			console.log('ready')
			await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve))
			let done = 0
			for (;;) {
				const summary = runDueJobs(${now})
				done += summary.done
				if (!summary.more) break
			}
			console.log(JSON.stringify({ done }))
			process.exit(0)
		`
		const children = Array.from({ length: 3 }, () =>
			spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
				cwd: root,
				env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH, LOG_LEVEL: 'silent' },
				stdio: ['pipe', 'pipe', 'pipe'],
			}),
		)
		const outputs = children.map((child) => {
			let output = ''
			child.stdout.on('data', (chunk) => (output += chunk))
			child.stderr.on('data', (chunk) => (output += chunk))
			const ready = new Promise<void>((resolve, reject) => {
				child.stdout.on('data', () => output.includes('ready') && resolve())
				child.once('exit', (code) => reject(new Error(`Exited with ${code} before ready:\n${output}`)))
			})
			const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
			return { ready, exited, output: () => output }
		})
		await Promise.all(outputs.map((output) => output.ready))
		for (const child of children) child.stdin.write('go\n')
		expect(await Promise.all(outputs.map((output) => output.exited))).toEqual([0, 0, 0])

		const doneCounts = outputs.map(
			(output) => JSON.parse(output.output().trim().split('\n').at(-1)!) as { done: number },
		)
		expect(doneCounts.reduce((sum, { done }) => sum + done, 0)).toBeGreaterThanOrEqual(40)
		for (const id of meetingIds) {
			const sent = remindersOf(id)
			expect(sent).toHaveLength(2)
			expect(new Set(sent.map((row) => row.userId)).size).toBe(2)
			for (const job of jobsOf(id)) expect(job).toMatchObject({ status: 'done', attempts: 1 })
		}
	}, 60_000)
})
