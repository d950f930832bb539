import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, inject, vi } from 'vitest'

// Each test file gets its own copy of the migrated base database, set before app modules load.
const directory = mkdtempSync(join(tmpdir(), 'crossroads-test-'))
process.env.DATABASE_PATH = join(directory, 'test.db')
copyFileSync(inject('baseDatabasePath'), process.env.DATABASE_PATH)
process.env.NODE_ENV = 'test'
process.env.LOG_LEVEL = 'silent'
process.env.SEED_DEMO_DATA = 'false'

// An unexpected console.error is a bug: fail the test that caused it.
beforeEach(() => {
	vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
		throw new Error(`console.error was called: ${args.map(String).join(' ')}`)
	})
})
afterEach(() => {
	vi.restoreAllMocks()
})
