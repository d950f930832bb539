import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import * as schema from './schema.ts'

export type AppDatabase = BetterSQLite3Database<typeof schema> & {
	$client: Database.Database
}

/**
 * Opens (creating if needed) the SQLite file with the pragmas every connection needs:
 * WAL so readers never block the writer, a busy timeout instead of SQLITE_BUSY errors,
 * foreign keys enforced, and synchronous=NORMAL (durable at checkpoints, safe in WAL mode;
 * see docs/decisions/002-sqlite-wal-synchronous-normal.md).
 */
export function openDatabase(databasePath: string): AppDatabase {
	if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true })
	const sqlite = new Database(databasePath)
	// The busy timeout first: switching a new file to WAL needs a lock another process may hold.
	sqlite.pragma('busy_timeout = 5000')
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('foreign_keys = ON')
	sqlite.pragma('synchronous = NORMAL')
	return drizzle(sqlite, { schema })
}
