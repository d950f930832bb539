import { z } from 'zod'
import { businessModels, companySizes } from '#db/schema.ts'
import { regions } from '../members/regions.ts'

export const directorySorts = ['relevance', 'name', 'newest'] as const
export const pageSize = 20

/** Blank or unknown values mean "no filter", so a hand-edited URL never errors. */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === '' ? undefined : value), schema.optional()).catch(undefined)

export const DirectoryQuery = z.object({
	q: z.string().trim().max(100).catch('').default(''),
	sector: optional(z.string().regex(/^\d{2}(-\d{2})?$/)),
	region: optional(z.enum(regions)),
	tag: optional(z.string().regex(/^[a-z0-9-]{1,40}$/)),
	size: optional(z.enum(companySizes)),
	model: optional(z.enum(businessModels)),
	sort: optional(z.enum(directorySorts)),
	page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
})
export type DirectoryQuery = z.infer<typeof DirectoryQuery>

export function parseDirectoryQuery(searchParams: URLSearchParams): DirectoryQuery {
	return DirectoryQuery.parse(Object.fromEntries(searchParams))
}
