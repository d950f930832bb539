import { z } from 'zod'
import { parseNaicsInput } from './naics.ts'

export const naicsMessage = 'Pick an industry from the list, or type its NAICS code.'

/** A picker field ("4451 Grocery…" or a bare code) read as its NAICS code; existence is checked in the domain. */
export function toNaicsCode(text: string, context: z.RefinementCtx) {
	const code = parseNaicsInput(text)
	if (code) return code
	context.addIssue({ code: 'custom', message: naicsMessage })
	return z.NEVER
}

export const naicsCodeField = z.string({ error: naicsMessage }).transform(toNaicsCode)

export function unknownNaicsCode(code: string) {
	return `There is no NAICS 2022 code ${code}. Pick an industry from the list.`
}
