import { and, eq } from 'drizzle-orm'
import { afterAll, expect, test } from 'vitest'
import { availabilitySettings, notifications, scheduledJobs } from '#db/schema.ts'
import { scheduleMeetingReminders } from '#app/features/scheduling/reminders.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { insertConfirmedMeeting } from '#tests/support/confirmed-meeting.ts'
import { createUser } from '#tests/support/factories.ts'
import { mainText, signedInBrowser, startTestServer } from './support.ts'

const minute = 60_000
const running = new Set<ServerProcess>()

afterAll(async () => {
	await Promise.all([...running].map((server) => server.stop()))
})

async function start() {
	const server = await startTestServer({ env: { JOB_POLL_INTERVAL_MS: '100' } })
	running.add(server)
	return server
}

async function stop(server: ServerProcess) {
	expect(await server.stop()).toBe(0)
	running.delete(server)
	expect(server.output()).toContain('Closed the database; bye')
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

test('a reminder that fell due while the server was down fires once after the restart, and never again', async () => {
	const organizer = await createUser({ name: 'Maya Chen' })
	const invitee = await createUser({ name: 'Omar Haddad' })
	for (const person of [organizer, invitee])
		db.insert(availabilitySettings)
			.values({ userId: person.id, meetingLengthMinutes: 30, bufferMinutes: 10, reminderMinutes: 10 })
			.run()

	const first = await start()
	// Confirmed while the server runs; its reminders fall due a few seconds from now.
	const startsAt = Date.now() + 10 * minute + 5000
	const meetingId = insertConfirmedMeeting([organizer, invitee], startsAt)
	scheduleMeetingReminders(meetingId)
	const jobs = () =>
		db
			.select()
			.from(scheduledJobs)
			.all()
			.filter((job) => job.payload.meetingId === meetingId)
	const reminders = () =>
		db
			.select()
			.from(notifications)
			.where(and(eq(notifications.kind, 'meeting-reminder'), eq(notifications.link, `/meetings/${meetingId}`)))
			.all()
	const runAt = startsAt - 10 * minute
	expect(jobs().map((job) => job.runAt.getTime())).toEqual([runAt, runAt])

	// Stopped before they are due; they fall due while no server runs.
	await stop(first)
	expect(Date.now()).toBeLessThan(runAt)
	expect(jobs().map((job) => job.status)).toEqual(['pending', 'pending'])
	await sleep(runAt - Date.now() + 200)
	expect(reminders()).toEqual([])

	const second = await start()
	await expect.poll(() => reminders().length, { timeout: 10_000, interval: 50 }).toBe(2)
	// Many more polls later, still one each.
	await sleep(1000)
	const sent = reminders()
	expect(sent.map((row) => row.userId).sort()).toEqual([organizer.id, invitee.id].sort())
	expect(sent.find((row) => row.userId === invitee.id)?.body).toMatch(/ \(Europe\/Paris\) with Maya Chen$/)
	const browser = await signedInBrowser(second, invitee.email, invitee.password)
	const page = mainText((await browser.get('/notifications')).html)
	expect(page).toMatch(/Starting in (9|10) minutes: Retail media budgets/)
	await stop(second)

	const third = await start()
	await sleep(1000)
	expect(reminders()).toHaveLength(2)
	for (const job of jobs()) expect(job).toMatchObject({ status: 'done', attempts: 1, lastError: null })
	await stop(third)
	expect(reminders()).toHaveLength(2)
}, 120_000)
