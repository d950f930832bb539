import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { startCheckpointer, walFileSize } from '#db/checkpointer.ts'
import { openDatabase } from '#db/client.ts'

const directory = mkdtempSync(join(tmpdir(), 'crossroads-checkpointer-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const bound = 1024 * 1024
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A database as the server runs it: WAL, with SQLite's own checkpointing turned off. */
function openWithoutAutoCheckpoint(name: string) {
	const path = join(directory, name)
	const db = openDatabase(path).$client
	db.pragma('wal_autocheckpoint = 0')
	db.exec('create table notes (id integer primary key, body text not null)')
	const insert = db.prepare('insert into notes (body) values (?)')
	const body = 'x'.repeat(1000)
	/** About 25 KB of WAL per step (a few MB/s), with a pause between steps so the worker gets its turns. */
	const write = async (steps: number) => {
		let maxWal = 0
		for (let step = 0; step < steps; step++) {
			db.transaction(() => {
				for (let row = 0; row < 20; row++) insert.run(body)
			})()
			maxWal = Math.max(maxWal, walFileSize(path))
			await pause(3)
		}
		return maxWal
	}
	return { path, db, write }
}

test('without a checkpointer and with auto-checkpoint off, the WAL only grows', async () => {
	const { db, write } = openWithoutAutoCheckpoint('control.db')
	expect(await write(200)).toBeGreaterThan(3 * bound)
	db.close()
})

test('the worker keeps the WAL near its bound, truncates it after a long reader, and stops cleanly', async () => {
	const { path, db, write } = openWithoutAutoCheckpoint('managed.db')
	const checkpointer = startCheckpointer(path, { intervalMs: 20, boundBytes: bound })
	try {
		// The thread's first tick: it has opened its connection.
		await expect.poll(() => checkpointer.stats().passive, { timeout: 5000, interval: 10 }).toBeGreaterThan(0)
		// The writer starts the WAL over when it finds it fully checkpointed; a steady writer seldom
		// does, so past the bound a RESTART: the file may overshoot by what is written meanwhile.
		expect(await write(200)).toBeLessThan(2 * bound)

		// A reader holding an old snapshot keeps the WAL from restarting, so it grows past the bound…
		const reader = new Database(path)
		reader.exec('begin')
		reader.prepare('select count(*) from notes').get()
		expect(await write(120)).toBeGreaterThan(2 * bound)
		reader.exec('commit')
		reader.close()
		// …and once the reader is gone, a TRUNCATE brings the file back down.
		await expect.poll(() => walFileSize(path), { timeout: 3000, interval: 20 }).toBeLessThan(bound)
		expect(checkpointer.stats().restarts).toBeGreaterThan(0)
		expect(checkpointer.stats().errors).toBe(0)
	} finally {
		await checkpointer.stop()
	}
	// The final TRUNCATE on stop leaves an empty WAL and every row in the database file.
	expect(walFileSize(path)).toBe(0)
	expect(db.prepare('select count(*) as count from notes').get()).toEqual({ count: 320 * 20 })
	await checkpointer.stop()
	db.close()
})
