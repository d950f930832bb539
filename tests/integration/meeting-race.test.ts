import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { meetingOptions, meetingParticipants, meetings } from '#db/schema.ts'
import { slotsBetween } from '#app/features/scheduling/availability.server.ts'
import type { SchedulingOutcome } from '#app/features/scheduling/meeting-types.ts'
import { proposeMeeting } from '#app/features/scheduling/meetings.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'
import { connect } from '#tests/support/messaging.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dayMs = 86_400_000

type Task = { userId: string; meetingId: string; optionId: number; startAt: number }
type Outcome = SchedulingOutcome<{ meetingId: string }>

/**
 * A process of its own with its own SQLite connection to this file's database: it loads the app,
 * says it is ready, and runs each acceptance it is sent once the shared start time comes (a
 * busy wait, so both processes leave the barrier within the same millisecond).
 */
const childScript = `
	const { acceptOption } = await import('#app/features/scheduling/meetings.server.ts')
	process.on('message', (task) => {
		while (Date.now() < task.startAt) {}
		const outcome = acceptOption(task.userId, task.meetingId, task.optionId)
		process.send({ outcome, finishedAt: Date.now() })
	})
	process.send('ready')
`

type Racer = { child: ChildProcess; output: () => string; run: (task: Task) => Promise<Outcome> }

function startRacer(): Promise<Racer> {
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childScript], {
		cwd: root,
		env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH, LOG_LEVEL: 'silent' },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
	})
	let output = ''
	child.stdout!.on('data', (chunk) => (output += chunk))
	child.stderr!.on('data', (chunk) => (output += chunk))
	const racer: Racer = {
		child,
		output: () => output,
		run: (task) =>
			new Promise((resolve, reject) => {
				child.once('message', (reply: { outcome: Outcome }) => resolve(reply.outcome))
				child.once('exit', (code) => reject(new Error(`Racer exited with ${code}:\n${output}`)))
				child.send(task)
			}),
	}
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Racer not ready in 60 s:\n${output}`)), 60_000)
		child.once('message', (message) => {
			clearTimeout(timer)
			if (message === 'ready') resolve(racer)
			else reject(new Error(`Unexpected message ${JSON.stringify(message)}`))
		})
		child.once('exit', (code) => {
			clearTimeout(timer)
			reject(new Error(`Racer exited with ${code} before it was ready:\n${output}`))
		})
	})
}

let racers: [Racer, Racer]

beforeAll(async () => {
	racers = (await Promise.all([startRacer(), startRacer()])) as [Racer, Racer]
}, 120_000)

afterAll(async () => {
	await Promise.all(
		racers?.map(
			({ child }) =>
				new Promise<void>((resolve) => {
					if (child.exitCode !== null) return resolve()
					child.once('exit', () => resolve())
					child.kill('SIGTERM')
				}),
		) ?? [],
	)
})

/** Both acceptances at once, from the two processes. */
function race(first: Omit<Task, 'startAt'>, second: Omit<Task, 'startAt'>) {
	const startAt = Date.now() + 300
	return Promise.all([racers[0].run({ ...first, startAt }), racers[1].run({ ...second, startAt })])
}

function propose(organizerId: string, inviteeId: string, start: number) {
	const outcome = proposeMeeting(
		organizerId,
		{ inviteeId },
		{ topic: 'Pricing', location: '', agenda: '', note: '', durationMinutes: 30, options: [start] },
	)
	if (!outcome.ok) throw new Error(outcome.message)
	const option = db
		.select({ id: meetingOptions.id })
		.from(meetingOptions)
		.where(eq(meetingOptions.meetingId, outcome.data.meetingId))
		.get()!
	return { meetingId: outcome.data.meetingId, optionId: option.id }
}

/** Confirmed meetings of `userId` overlapping [start, end). */
function confirmedOverlapping(userId: string, start: number, end: number) {
	return db
		.select({ id: meetings.id, startsAt: meetings.startsAt, sequence: meetings.sequence })
		.from(meetings)
		.innerJoin(meetingParticipants, eq(meetingParticipants.meetingId, meetings.id))
		.where(and(eq(meetingParticipants.userId, userId), eq(meetings.status, 'confirmed')))
		.all()
		.filter((row) => row.startsAt!.getTime() < end && row.startsAt!.getTime() + 30 * 60_000 > start)
}

async function threeMembers() {
	const member = await createUser({ sectorCode: '445110' })
	const peerA = await createUser({ sectorCode: '541810' })
	const peerB = await createUser({ sectorCode: '611310' })
	connect(peerA.id, member.id)
	connect(peerB.id, member.id)
	const now = Date.now()
	const slots = slotsBetween([member.id, peerA.id, peerB.id], {
		durationMinutes: 30,
		from: now,
		to: now + 21 * dayMs,
		now,
	})
	return { member, peerA, peerB, slots }
}

describe('two acceptances racing for the same member’s time, from two processes', () => {
	test('the member accepts two overlapping proposals at once: one confirms, the other is "slot-taken"', async () => {
		const { member, peerA, peerB, slots } = await threeMembers()
		const start = slots[0]!.start
		// Overlapping, not identical: B's option starts 15 minutes into A's.
		const fromA = propose(peerA.id, member.id, start)
		const fromB = propose(peerB.id, member.id, start + 15 * 60_000)
		const outcomes = await race({ userId: member.id, ...fromA }, { userId: member.id, ...fromB })
		const confirmed = outcomes.filter((outcome) => outcome.ok)
		const taken = outcomes.filter((outcome) => !outcome.ok)
		expect(confirmed).toHaveLength(1)
		expect(taken).toEqual([
			{
				ok: false,
				code: 'slot-taken',
				message: expect.stringMatching(
					/^You already have a meeting then .*Pick another option or suggest new times\.$/,
				),
			},
		])
		const booked = confirmedOverlapping(member.id, start, start + 45 * 60_000)
		expect(booked).toHaveLength(1)
		expect(booked[0]!.id).toBe(confirmed[0]!.ok && confirmed[0]!.data.meetingId)
		const statuses = db
			.select({ status: meetings.status })
			.from(meetings)
			.where(inArray(meetings.id, [fromA.meetingId, fromB.meetingId]))
			.all()
			.map((row) => row.status)
			.sort()
		expect(statuses).toEqual(['confirmed', 'pending'])
	})

	test('two peers accept the same member’s proposals at once: one wins, the other hears the time was just booked', async () => {
		const { member, peerA, peerB, slots } = await threeMembers()
		const start = slots[1]!.start
		const toA = propose(member.id, peerA.id, start)
		const toB = propose(member.id, peerB.id, start)
		const outcomes = await race({ userId: peerA.id, ...toA }, { userId: peerB.id, ...toB })
		expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1)
		const loser = outcomes.find((outcome) => !outcome.ok)
		expect(loser).toMatchObject({
			ok: false,
			code: 'slot-taken',
			message: expect.stringMatching(/^That time was just booked by another meeting for .+\. Pick another option/),
		})
		// The loser learns who is busy, never what the other meeting is about.
		expect(!loser?.ok && loser?.message).not.toMatch(/Pricing/)
		expect(confirmedOverlapping(member.id, start, start + 30 * 60_000)).toHaveLength(1)
	})
})
