import { defineConfig } from 'vitest/config'

// Real server processes sharing one database and one Redis: `npm run test:redis`.
export default defineConfig({
	test: {
		include: ['tests/multiprocess/**/*.test.ts'],
		globalSetup: ['tests/setup/global-setup.ts', 'tests/multiprocess/redis-setup.ts'],
		setupFiles: ['tests/setup/setup-test-env.ts'],
		testTimeout: 30_000,
		hookTimeout: 180_000,
		restoreMocks: true,
	},
})
