import { describe, expect, test } from 'vitest'
import { checkRequestOrigin } from '#app/utils/origin.ts'

const expectedOrigin = 'https://crossroads.example'

describe('checkRequestOrigin', () => {
	test.each(['GET', 'HEAD', 'OPTIONS'])('lets %s through without an Origin', (method) => {
		expect(checkRequestOrigin({ method, origin: undefined, referer: undefined, expectedOrigin })).toEqual({ ok: true })
	})

	test('accepts a POST from the site itself', () => {
		expect(checkRequestOrigin({ method: 'POST', origin: expectedOrigin, referer: undefined, expectedOrigin }).ok).toBe(
			true,
		)
	})

	test.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('refuses a cross-origin %s', (method) => {
		const verdict = checkRequestOrigin({ method, origin: 'https://evil.example', referer: undefined, expectedOrigin })
		expect(verdict).toEqual({ ok: false, reason: 'Cross-origin request from https://evil.example refused.' })
	})

	test('refuses a look-alike origin (other scheme, port or subdomain)', () => {
		for (const origin of [
			'http://crossroads.example',
			'https://crossroads.example:8443',
			'https://crossroads.example.evil.example',
		]) {
			expect(checkRequestOrigin({ method: 'POST', origin, referer: undefined, expectedOrigin }).ok).toBe(false)
		}
	})

	test('falls back to the Referer when Origin is missing or "null"', () => {
		expect(
			checkRequestOrigin({ method: 'POST', origin: undefined, referer: `${expectedOrigin}/login`, expectedOrigin }).ok,
		).toBe(true)
		expect(
			checkRequestOrigin({ method: 'POST', origin: 'null', referer: 'https://evil.example/x', expectedOrigin }).ok,
		).toBe(false)
	})

	test('refuses a POST that names no origin at all, or an unparsable Referer', () => {
		expect(checkRequestOrigin({ method: 'POST', origin: undefined, referer: undefined, expectedOrigin })).toEqual({
			ok: false,
			reason: 'The request did not say where it came from (no Origin header).',
		})
		expect(checkRequestOrigin({ method: 'POST', origin: undefined, referer: 'not a url', expectedOrigin }).ok).toBe(
			false,
		)
	})
})
