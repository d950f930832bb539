import { z } from 'zod'
import { caseStudyChannels, caseStudyObjectives } from './options.ts'

export const librarySorts = ['relevance', 'newest', 'useful'] as const
export const libraryPageSize = 12

/** Blank or unknown values mean "no filter", so a hand-edited URL never errors. */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === '' ? undefined : value), schema.optional()).catch(undefined)

export const LibraryQuery = z.object({
	q: z.string().trim().max(100).catch('').default(''),
	sector: optional(z.string().regex(/^\d{2}(-\d{2})?$/)),
	channel: optional(z.enum(caseStudyChannels)),
	objective: optional(z.enum(caseStudyObjectives)),
	tag: optional(z.string().regex(/^[a-z0-9-]{1,40}$/)),
	sort: optional(z.enum(librarySorts)),
	page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
})
export type LibraryQuery = z.infer<typeof LibraryQuery>

export function parseLibraryQuery(searchParams: URLSearchParams): LibraryQuery {
	return LibraryQuery.parse(Object.fromEntries(searchParams))
}

/** Whether the library shows everything (no search, no filter): then featured studies lead the page. */
export function isUnfiltered(query: LibraryQuery) {
	return !query.q && !query.sector && !query.channel && !query.objective && !query.tag && query.page === 1
}
