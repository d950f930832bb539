/**
 * Work due at a time (meeting reminders), kept in scheduled_jobs so it survives restarts. Each due
 * job is claimed, its effect written and the job marked done in one IMMEDIATE transaction: a crash
 * keeps all three or none, and another process sharing the database waits for the write lock and
 * then finds the job no longer pending.
 */
import { and, asc, eq, gte, lt, lte } from 'drizzle-orm'
import { scheduledJobs } from '#db/schema.ts'
import type { AppDatabase } from '#db/client.ts'
import type { JobKind } from '#app/features/scheduling/options.ts'
import { runMeetingReminder } from '#app/features/scheduling/reminders.server.ts'
import { db } from './db.server.ts'
import { getEnv } from './env.server.ts'

type Writer = Pick<AppDatabase, 'insert' | 'update'>
export type JobTransaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0]

export type DueJob = { id: number; kind: JobKind; runAt: number; payload: Record<string, unknown>; attempts: number }

/** Writes the job's effect with `tx`; throwing rolls the effect back and retries the job later. */
export type JobHandler = (job: DueJob, tx: JobTransaction, now: number) => void

export const jobLimits = {
	/** A job that failed this many times is cancelled with its last error instead of retried again. */
	maxAttempts: 5,
	batchSize: 20,
	/** The first retry waits this long; every further one twice as long as the one before. */
	retryBaseMs: 60_000,
} as const

/** Looked up when a job runs, not when this module loads: reminders.server.ts imports this module too. */
function handlerFor(kind: JobKind): JobHandler {
	const handlers: Record<JobKind, JobHandler> = { 'meeting-reminder': runMeetingReminder }
	return handlers[kind]
}

/**
 * Schedules a job unless one with the same `dedupeKey` exists (in any status, so a job that ran or
 * was cancelled is not scheduled again). Returns whether it was added.
 */
export function enqueueJob(
	job: { kind: JobKind; dedupeKey: string; runAt: number; payload: Record<string, unknown> },
	tx: Writer = db,
) {
	const { changes } = tx
		.insert(scheduledJobs)
		.values({ ...job, runAt: new Date(job.runAt) })
		.onConflictDoNothing({ target: scheduledJobs.dedupeKey })
		.run()
	return changes > 0
}

/** The smallest string after every string that starts with `prefix`, for a range scan over the unique index. */
function afterPrefix(prefix: string) {
	return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
}

/**
 * Cancels the pending jobs of one kind whose dedupe key starts with `dedupeKeyPrefix` (a range on
 * the unique index, so ids may hold LIKE wildcards). Returns how many it cancelled.
 */
export function cancelJobs(where: { kind: JobKind; dedupeKeyPrefix: string }, tx: Writer = db, now = Date.now()) {
	if (!where.dedupeKeyPrefix) throw new Error('cancelJobs needs a dedupe key prefix')
	const { changes } = tx
		.update(scheduledJobs)
		.set({ status: 'cancelled', finishedAt: new Date(now) })
		.where(
			and(
				gte(scheduledJobs.dedupeKey, where.dedupeKeyPrefix),
				lt(scheduledJobs.dedupeKey, afterPrefix(where.dedupeKeyPrefix)),
				eq(scheduledJobs.kind, where.kind),
				eq(scheduledJobs.status, 'pending'),
			),
		)
		.run()
	return changes
}

export type JobOutcome = 'done' | 'retried' | 'cancelled'

/** Claims, runs and finishes one job; null when another runner got to it first. */
function runJob(id: number, now: number): JobOutcome | null {
	return db.transaction(
		(tx) => {
			const job = tx
				.select()
				.from(scheduledJobs)
				.where(
					and(eq(scheduledJobs.id, id), eq(scheduledJobs.status, 'pending'), lte(scheduledJobs.runAt, new Date(now))),
				)
				.get()
			if (!job) return null
			const attempts = job.attempts + 1
			try {
				// A savepoint: a handler that throws leaves no half-written effect behind.
				tx.transaction((effect) => handlerFor(job.kind)({ ...job, runAt: job.runAt.getTime(), attempts }, effect, now))
			} catch (error) {
				const lastError = error instanceof Error ? error.message : String(error)
				const givingUp = attempts >= jobLimits.maxAttempts
				tx.update(scheduledJobs)
					.set(
						givingUp
							? { status: 'cancelled', attempts, lastError, finishedAt: new Date(now) }
							: { attempts, lastError, runAt: new Date(now + jobLimits.retryBaseMs * 2 ** (attempts - 1)) },
					)
					.where(eq(scheduledJobs.id, id))
					.run()
				return givingUp ? 'cancelled' : 'retried'
			}
			tx.update(scheduledJobs)
				.set({ status: 'done', attempts, finishedAt: new Date(now) })
				.where(eq(scheduledJobs.id, id))
				.run()
			return 'done'
		},
		{ behavior: 'immediate' },
	)
}

/**
 * Runs one batch of the jobs due at `now`, earliest first, over the (status, run_at) index.
 * `more` says a full batch ran and more may be due.
 */
export function runDueJobs(now = Date.now()) {
	const due = db
		.select({ id: scheduledJobs.id })
		.from(scheduledJobs)
		.where(and(eq(scheduledJobs.status, 'pending'), lte(scheduledJobs.runAt, new Date(now))))
		.orderBy(asc(scheduledJobs.runAt), asc(scheduledJobs.id))
		.limit(jobLimits.batchSize)
		.all()
	const summary = { done: 0, retried: 0, cancelled: 0, more: due.length === jobLimits.batchSize }
	for (const { id } of due) {
		const outcome = runJob(id, now)
		if (outcome) summary[outcome] += 1
	}
	return summary
}

export type JobRunner = { stop(): Promise<void> }

/**
 * Runs due jobs now (those whose time passed while the server was down) and then every
 * `intervalMs`; a backlog runs batch after batch, yielding to the event loop in between.
 */
export function startJobRunner({
	intervalMs = getEnv().JOB_POLL_INTERVAL_MS,
}: { intervalMs?: number } = {}): JobRunner {
	let timer: NodeJS.Timeout | undefined
	const tick = () => {
		let more = false
		try {
			const summary = runDueJobs()
			more = summary.more
			const failed = summary.retried + summary.cancelled
			if (failed > 0) console.warn(`${failed} scheduled job(s) failed; see scheduled_jobs.last_error`)
		} catch (error) {
			console.error('Scheduled jobs could not run', error)
		}
		timer = setTimeout(tick, more ? 0 : intervalMs)
		timer.unref()
	}
	tick()
	return {
		// Each job runs synchronously inside its transaction, so none is half-done when this returns.
		async stop() {
			clearTimeout(timer)
		},
	}
}
