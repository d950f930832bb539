import { describe, expect, test } from 'vitest'
import { formatNaicsOption, parseNaicsInput } from '#app/features/sectors/naics.ts'

describe('the industry picker’s field', () => {
	test('reads the code at the start of what was picked or typed', () => {
		expect(parseNaicsInput('4451 Grocery and Convenience Retailers')).toBe('4451')
		expect(parseNaicsInput('  311812')).toBe('311812')
		expect(parseNaicsInput('52')).toBe('52')
	})

	test('refuses text without a leading code, a code too short or too long, and digits glued to words', () => {
		for (const text of ['Grocery', '', '4', '1234567', '4451Grocery', 'Retail 4451'])
			expect(parseNaicsInput(text)).toBeNull()
	})

	test('formats an option the way it parses back', () => {
		const option = { code: '722511', title: 'Full-Service Restaurants' }
		expect(formatNaicsOption(option)).toBe('722511 Full-Service Restaurants')
		expect(parseNaicsInput(formatNaicsOption(option))).toBe('722511')
	})
})
