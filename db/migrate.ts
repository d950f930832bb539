import { fileURLToPath, pathToFileURL } from 'node:url'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { openDatabase, type AppDatabase } from './client.ts'

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Applies the committed drizzle-kit migrations that the database has not seen yet, as drizzle's
 * migrator does (same `__drizzle_migrations` table), but deciding what to apply inside one
 * BEGIN IMMEDIATE transaction: when several server processes start on the same file, the second
 * waits for the first (busy timeout) and then finds nothing left to do, where drizzle's own
 * migrator reads before it locks and would apply everything twice.
 */
export function migrateDatabase(db: AppDatabase) {
	const migrations = readMigrationFiles({ migrationsFolder })
	const sqlite = db.$client
	sqlite.exec('BEGIN IMMEDIATE')
	try {
		sqlite.exec(`CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (
			id SERIAL PRIMARY KEY,
			hash text NOT NULL,
			created_at numeric
		)`)
		const last = sqlite
			.prepare<[], { createdAt: number }>(
				'SELECT created_at as createdAt FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1',
			)
			.get()
		const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)')
		for (const migration of migrations) {
			if (last && Number(last.createdAt) >= migration.folderMillis) continue
			for (const statement of migration.sql) sqlite.exec(statement)
			record.run(migration.hash, migration.folderMillis)
		}
		sqlite.exec('COMMIT')
	} catch (error) {
		if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
		throw error
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const databasePath = process.env.DATABASE_PATH ?? 'data/crossroads.db'
	const db = openDatabase(databasePath)
	migrateDatabase(db)
	db.$client.close()
	console.log(`Migrated ${databasePath}`)
}
