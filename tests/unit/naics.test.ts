import { expect, test } from 'vitest'
import { sectorOf } from '#app/features/sectors/naics.ts'

test('codes of the multi-code sectors share one sector', () => {
	expect(sectorOf('311811')).toBe('31-33')
	expect(sectorOf('336111')).toBe('31-33')
	expect(sectorOf('445110')).toBe('44-45')
	expect(sectorOf('455219')).toBe('44-45')
	expect(sectorOf('481111')).toBe('48-49')
	expect(sectorOf('49')).toBe('48-49')
})

test('other codes belong to their two-digit sector', () => {
	expect(sectorOf('522110')).toBe('52')
	expect(sectorOf('5132')).toBe('51')
	expect(sectorOf('42')).toBe('42')
	expect(sectorOf('43')).toBe('43')
})
