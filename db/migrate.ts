import { fileURLToPath, pathToFileURL } from 'node:url'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { openDatabase, type AppDatabase } from './client.ts'

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** Applies the committed drizzle-kit migrations that the database has not seen yet. */
export function migrateDatabase(db: AppDatabase) {
	migrate(db, { migrationsFolder })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const databasePath = process.env.DATABASE_PATH ?? 'data/crossroads.db'
	const db = openDatabase(databasePath)
	migrateDatabase(db)
	db.$client.close()
	console.log(`Migrated ${databasePath}`)
}
