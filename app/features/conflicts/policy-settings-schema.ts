import { z } from 'zod'
import { sectorLevels } from './policy.ts'

/** The admin form's fields and the server's check, in one place (shared with the browser). */
export const PolicySettingsSchema = z.object({
	sectorLevel: z.literal(sectorLevels, { error: 'Choose a sector level from the list.' }),
	coolingOffMonths: z
		.number({ error: 'Enter the cooling-off period in months.' })
		.int({ error: 'Use a whole number of months.' })
		.min(0, { error: 'Use 0 months or more.' })
		.max(60, { error: 'Use at most 60 months.' }),
})
