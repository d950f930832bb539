import { defineConfig } from 'vitest/config'

// The remix() Vite plugin stays out of the test config: it does not run under vitest.
export default defineConfig({
	test: {
		include: ['tests/{unit,integration,realtime,http}/**/*.test.{ts,tsx}'],
		globalSetup: ['tests/setup/global-setup.ts'],
		setupFiles: ['tests/setup/setup-test-env.ts'],
		testTimeout: 20_000,
		hookTimeout: 180_000,
		restoreMocks: true,
	},
})
