/**
 * WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1,000 pages, on the main thread, and its fsync stalls that commit (and every event behind
 * it) for up to hundreds of ms. The server turns auto-checkpointing off on its connection and lets
 * this worker, with its own connection, checkpoint PASSIVE every 20 ms (never blocks the writer).
 * A busy writer seldom finds the WAL fully copied, the only moment it starts the file over, so past
 * a bound the worker runs a RESTART (a few ms of writer wait, measured in bench/REPORT.md), and a
 * TRUNCATE when a long reader let the file grow far past it.
 */
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export type CheckpointerStats = {
	/** PASSIVE checkpoints run (one per tick). */
	passive: number
	/** Checkpoints that could not finish: another checkpointer ran, or a reader held an old snapshot. */
	busy: number
	/** RESTART (or TRUNCATE) checkpoints tried because the WAL passed the bound. */
	restarts: number
	/** The largest WAL file size seen, and the slowest checkpoint, since the start. */
	maxWalBytes: number
	maxCheckpointMs: number
	errors: number
}

export type Checkpointer = {
	stats: () => CheckpointerStats
	/** Stops the timer, runs a final TRUNCATE checkpoint, closes the worker's connection and ends the thread. */
	stop: () => Promise<void>
}

// Plain CommonJS run with `eval: true`: a worker from a .ts file would need tsx's loader in the
// thread, and this needs nothing but better-sqlite3 (resolved by the parent, passed as a path).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const { statSync } = require('node:fs')
const Database = require(workerData.betterSqlitePath)
const db = new Database(workerData.databasePath)
// A TRUNCATE waits only briefly for readers to finish, holding up the app's writer meanwhile.
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs)
const stats = { passive: 0, busy: 0, restarts: 0, maxWalBytes: 0, maxCheckpointMs: 0, errors: 0 }
const walSize = () => { try { return statSync(workerData.databasePath + '-wal').size } catch { return 0 } }
let skipTicks = 0
let backoff = 1
function checkpoint(mode) {
	const start = performance.now()
	try {
		const [result] = db.pragma('wal_checkpoint(' + mode + ')')
		if (result.busy) stats.busy++
		return result
	} catch (error) {
		stats.errors++
		if (!String(error.code).startsWith('SQLITE_BUSY')) parentPort.postMessage({ type: 'error', message: String(error) })
		return { busy: 1, log: -1, checkpointed: -1 }
	} finally {
		stats.maxCheckpointMs = Math.max(stats.maxCheckpointMs, performance.now() - start)
	}
}
// A WAL frame is a page plus its 24-byte header.
const frameBytes = db.pragma('page_size', { simple: true }) + 24
function tick() {
	stats.passive++
	const passive = checkpoint('PASSIVE')
	const size = walSize()
	stats.maxWalBytes = Math.max(stats.maxWalBytes, size)
	if (skipTicks > 0) {
		skipTicks--
		return parentPort.postMessage({ type: 'stats', stats })
	}
	// RESTART and TRUNCATE hold the write lock until they finish, so only try one when PASSIVE just
	// copied every frame (what is left is a few ms of work) and no reader pins an old snapshot; after
	// a refusal back off, or a long reader would have the app's writer wait on this thread again and again.
	const caughtUp = passive.busy === 0 && passive.checkpointed === passive.log
	// TRUNCATE only when a long reader let the file balloon: RESTART reuses the file's blocks, cheaper than regrowing it.
	const mode = size > 2 * workerData.boundBytes ? 'TRUNCATE' : passive.log * frameBytes > workerData.boundBytes ? 'RESTART' : null
	if (caughtUp && mode) {
		stats.restarts++
		if (checkpoint(mode).busy) {
			skipTicks = backoff
			backoff = Math.min(backoff * 2, 32)
		} else backoff = 1
	}
	parentPort.postMessage({ type: 'stats', stats })
}
const timer = setInterval(tick, workerData.intervalMs)
parentPort.on('message', (message) => {
	if (message !== 'stop') return
	clearInterval(timer)
	db.pragma('busy_timeout = 5000')
	checkpoint('TRUNCATE')
	db.close()
	parentPort.postMessage({ type: 'stats', stats })
	parentPort.close()
})
`

/**
 * Starts checkpointing `databasePath` from a worker thread. The caller's own connections should run
 * with `wal_autocheckpoint = 0`, or they keep checkpointing on their thread as well.
 */
export function startCheckpointer(
	databasePath: string,
	options: { intervalMs?: number; boundBytes?: number; busyTimeoutMs?: number } = {},
): Checkpointer {
	const worker = new Worker(workerSource, {
		eval: true,
		// No tsx loader or other flags of the parent in the thread.
		execArgv: [],
		workerData: {
			databasePath,
			betterSqlitePath: createRequire(import.meta.url).resolve('better-sqlite3'),
			intervalMs: options.intervalMs ?? 20,
			boundBytes: options.boundBytes ?? 64 * 1024 * 1024,
			busyTimeoutMs: options.busyTimeoutMs ?? 20,
		},
	})
	let latest: CheckpointerStats = { passive: 0, busy: 0, restarts: 0, maxWalBytes: 0, maxCheckpointMs: 0, errors: 0 }
	worker.on('message', (message: { type: 'stats'; stats: CheckpointerStats } | { type: 'error'; message: string }) => {
		if (message.type === 'stats') latest = message.stats
		else console.error(`WAL checkpoint failed: ${message.message}`)
	})
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
	worker.on('error', (error) => console.error('The WAL checkpointer stopped', error))
	// The thread must not keep a process alive that has nothing else to do.
	worker.unref()
	let stopping: Promise<void> | undefined
	return {
		stats: () => ({ ...latest }),
		stop: () => {
			// Referenced again, so a process with nothing else left to do waits for the final checkpoint.
			worker.ref()
			worker.postMessage('stop')
			return (stopping ??= exited)
		},
	}
}

/** The WAL file's size in bytes (0 when there is none). */
export function walFileSize(databasePath: string) {
	try {
		return statSync(`${databasePath}-wal`).size
	} catch {
		return 0
	}
}
