import { expect, test } from 'vitest'
import { deploymentWarnings, getEnv, isCookieSecure, type Env } from '#app/utils/env.server.ts'

const production = { ...getEnv(), NODE_ENV: 'production' } satisfies Env

test('production without PUBLIC_ORIGIN or HTTPS warns about both', () => {
	const warnings = deploymentWarnings({ ...production, PUBLIC_ORIGIN: undefined, COOKIE_SECURE: undefined })
	expect(warnings).toHaveLength(2)
	expect(warnings[0]).toMatch(/PUBLIC_ORIGIN is unset/)
	expect(warnings[1]).toMatch(/Secure flag/)
})

test('an https PUBLIC_ORIGIN makes cookies Secure and silences the warnings', () => {
	const env = { ...production, PUBLIC_ORIGIN: 'https://crossroads.example' }
	expect(isCookieSecure(env)).toBe(true)
	expect(deploymentWarnings(env)).toEqual([])
})

test('development never warns, and COOKIE_SECURE overrides the default', () => {
	expect(deploymentWarnings({ ...production, NODE_ENV: 'development' })).toEqual([])
	expect(isCookieSecure({ ...production, PUBLIC_ORIGIN: 'https://x.example', COOKIE_SECURE: false })).toBe(false)
})
