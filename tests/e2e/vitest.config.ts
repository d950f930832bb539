import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * Browser tests: the real production server (a child process per test file) driven by
 * Debian's Chromium through playwright-core. The remix() Vite plugin stays out (it does not
 * run under vitest), and so does tests/setup/setup-test-env.ts: each file makes its own temp
 * directory and database.
 */
export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['tests/e2e/**/*.e2e.test.ts'],
		globalSetup: ['tests/e2e/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 180_000,
		// One Chromium and one server at a time on this 2-core machine.
		fileParallelism: false,
	},
})
