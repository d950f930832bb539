import { z } from 'zod'

export const companyNameMaxLength = 120
export const companiesPerPage = 25

/** The admin company list's URL state; blank or unknown values fall back, so a hand-edited URL never errors. */
export const CompanyListQuery = z.object({
	q: z.string().trim().max(100).catch('').default(''),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type CompanyListQuery = z.infer<typeof CompanyListQuery>

/** The detail page's search for a parent company (`?find=`). */
export const ParentSearchQuery = z.object({
	find: z.string().trim().max(100).catch('').default(''),
})

export const CompanyNameSchema = z
	.string({ error: 'Enter the company name.' })
	.trim()
	.min(1, { error: 'Enter the company name.' })
	.max(companyNameMaxLength, { error: `A company name is at most ${companyNameMaxLength} characters.` })

export const RenameCompanySchema = z.object({
	intent: z.literal('rename'),
	name: CompanyNameSchema,
})

export const AttachCompanySchema = z.object({
	intent: z.literal('attach'),
	parentId: z
		.string({ error: 'Choose the parent company from the search results.' })
		.trim()
		.min(1, { error: 'Choose the parent company from the search results.' })
		.max(100, { error: 'Choose the parent company from the search results.' }),
})

export const DetachCompanySchema = z.object({ intent: z.literal('detach') })

export const companyIntents = ['rename', 'attach', 'detach'] as const
export type CompanyIntent = (typeof companyIntents)[number]
