import { describe, expect, test } from 'vitest'
import { describeNaicsCodes, searchNaicsCodes } from '#app/features/sectors/naics.server.ts'

describe('searchNaicsCodes', () => {
	test('finds industries by words of their title, most specific first, each title once', () => {
		const options = searchNaicsCodes('grocery retail')
		expect(options[0]).toEqual({
			code: '445110',
			title: 'Supermarkets and Other Grocery Retailers (except Convenience Retailers)',
			sectorTitle: 'Retail Trade',
		})
		expect(options.map((option) => option.code)).toContain('4451')
		const titles = options.map((option) => option.title)
		expect(new Set(titles).size).toBe(titles.length)
	})

	test('a code puts that exact code first, then the codes under it', () => {
		const codes = searchNaicsCodes('4451').map((option) => option.code)
		expect(codes[0]).toBe('4451')
		expect(codes.slice(1).every((code) => code.startsWith('4451'))).toBe(true)
	})

	test('nothing for blank input, noise or a code that does not exist; never more than 12', () => {
		expect(searchNaicsCodes('   ')).toEqual([])
		expect(searchNaicsCodes('zzqx')).toEqual([])
		expect(searchNaicsCodes('9999')).toEqual([])
		expect(searchNaicsCodes('manufacturing').length).toBe(12)
	})

	test('describes existing codes with their sector and skips unknown ones', () => {
		const described = describeNaicsCodes(['311812', '000000'])
		expect([...described.keys()]).toEqual(['311812'])
		expect(described.get('311812')).toEqual({
			code: '311812',
			title: 'Commercial Bakeries',
			sectorTitle: 'Manufacturing',
		})
	})
})
