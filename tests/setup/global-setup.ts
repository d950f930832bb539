import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { buildIfNeeded } from '../../scripts/build-if-needed.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		baseDatabasePath: string
	}
}

/**
 * Once per run: a migrated base database that each test file copies (a fresh, real SQLite
 * file per file), and the production build that the HTTP tests run as a real server.
 */
export default function setup(project: TestProject) {
	const directory = mkdtempSync(join(tmpdir(), 'crossroads-test-base-'))
	const baseDatabasePath = join(directory, 'base.db')
	const db = openDatabase(baseDatabasePath)
	migrateDatabase(db)
	db.$client.pragma('wal_checkpoint(TRUNCATE)')
	db.$client.close()
	project.provide('baseDatabasePath', baseDatabasePath)
	buildIfNeeded()
	return () => rmSync(directory, { recursive: true, force: true })
}
