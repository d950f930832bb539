/**
 * NAICS 2022 structure. Three sectors span several two-digit codes; NAICS names them by the
 * range ("31-33" Manufacturing), so two codes share a sector when their ranges match.
 */
const multiCodeSectors: Record<string, string> = {
	'31': '31-33',
	'32': '31-33',
	'33': '31-33',
	'44': '44-45',
	'45': '44-45',
	'48': '48-49',
	'49': '48-49',
}

/** The sector of any NAICS code of 2 to 6 digits, e.g. "311811" → "31-33". */
export function sectorOf(code: string): string {
	const twoDigits = code.slice(0, 2)
	return multiCodeSectors[twoDigits] ?? twoDigits
}

export const naicsLevels = {
	sector: 2,
	subsector: 3,
	industryGroup: 4,
	industry: 5,
	nationalIndustry: 6,
} as const

export type NaicsOption = { code: string; title: string; sectorTitle: string }

/** How a picked code reads in a form field, and back: "4451 Grocery and Convenience Retailers". */
export function formatNaicsOption(option: Pick<NaicsOption, 'code' | 'title'>) {
	return `${option.code} ${option.title}`
}

/** The code at the start of a picker's text ("4451 Grocery…" or just "4451"), or null. */
export function parseNaicsInput(text: string): string | null {
	return /^\s*(\d{2,6})(?:\s|$)/.exec(text)?.[1] ?? null
}
