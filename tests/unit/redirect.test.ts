import { expect, test } from 'vitest'
import { safeRedirectTarget } from '#app/utils/redirect.ts'

test('keeps same-site paths with their query', () => {
	expect(safeRedirectTarget('/settings?tab=security')).toBe('/settings?tab=security')
})

test.each([['https://evil.example'], ['//evil.example'], ['/\\evil.example'], ['settings'], [''], [null], [undefined]])(
	'falls back to / for %j',
	(target) => {
		expect(safeRedirectTarget(target)).toBe('/')
	},
)
