import { expect, test } from 'vitest'
import { describeUserAgent } from '#app/features/accounts/user-agent.ts'

test('names browser and system', () => {
	expect(
		describeUserAgent(
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
		),
	).toBe('Chrome on macOS')
	expect(describeUserAgent('')).toBe('Unknown device')
})
