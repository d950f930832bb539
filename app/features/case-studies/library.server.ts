/**
 * The case-study library and every other list of studies (a member's page, bookmarks). Each list
 * applies the read policy as one set-based condition (`listedFor`), computed once per request,
 * so what a member may not read is never listed, found, counted or offered as a filter value.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Role } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { toFtsQuery } from '#app/utils/full-text-query.ts'
import { listedFor } from './read-policy.server.ts'
import type { caseStudyObjectives } from './options.ts'
import { isUnfiltered, libraryPageSize, type LibraryQuery } from './search-params.ts'

export type StudyCard = {
	id: string
	title: string
	brand: string
	summary: string
	objective: (typeof caseStudyObjectives)[number]
	sectorCode: string
	sectorTitle: string | null
	usefulCount: number
	publishedAt: number | null
	featured: boolean
	readers: 'non-conflicted' | 'all'
	authorId: string
	authorName: string
	authorTitle: string
	authorCompany: string
	coverImageId: string | null
	coverAlt: string | null
	/** The first result the author listed, shown on the card. */
	headline: { label: string; before: number; after: number; unit: string } | null
}

type CardRow = Omit<StudyCard, 'featured' | 'headline'> & {
	featuredAt: number | null
	metricLabel: string | null
	metricBefore: number | null
	metricAfter: number | null
	metricUnit: string | null
}

/** The cards of the studies `from … where …` selects, in the given order, with cover and first result: one query. */
function cards(from: SQL, where: SQL, orderBy: SQL, limit: number, offset = 0): StudyCard[] {
	const rows = db.all<CardRow>(sql`select s.id, s.title, s.brand, s.summary, s.objective, s.sector_code as sectorCode,
			n.title as sectorTitle, s.useful_count as usefulCount, s.published_at as publishedAt,
			s.featured_at as featuredAt, s.readers, u.id as authorId, u.name as authorName, p.title as authorTitle,
			c.name as authorCompany, i.id as coverImageId, i.alt as coverAlt, hm.label as metricLabel,
			hm.before_value as metricBefore, hm.after_value as metricAfter, hm.unit as metricUnit
		${from}
		join users u on u.id = s.author_id
		join member_profiles p on p.user_id = u.id
		join companies c on c.id = p.company_id
		left join naics_codes n on n.code = s.sector_code
		left join case_study_images i on i.study_id = s.id and i.is_cover = 1 and i.revision_id is null
		left join case_study_metrics hm on hm.study_id = s.id and hm.position = 0
		where ${where}
		order by ${orderBy}
		limit ${limit} offset ${offset}`)
	return rows.map(({ featuredAt, metricLabel, metricBefore, metricAfter, metricUnit, ...row }) => ({
		...row,
		featured: featuredAt !== null,
		headline:
			metricLabel === null
				? null
				: { label: metricLabel, before: metricBefore!, after: metricAfter!, unit: metricUnit ?? '' },
	}))
}

/** The library's filters, as conditions on `s` (case_studies). */
function filterConditions(query: LibraryQuery): SQL[] {
	const conditions: SQL[] = []
	if (query.sector)
		conditions.push(sql`s.sector_code in (select n.code from naics_codes n where n.sector = ${query.sector})`)
	if (query.objective) conditions.push(sql`s.objective = ${query.objective}`)
	if (query.channel)
		conditions.push(
			sql`exists (select 1 from case_study_channels ch where ch.study_id = s.id and ch.channel = ${query.channel})`,
		)
	if (query.tag)
		conditions.push(sql`exists (select 1 from case_study_tags t where t.study_id = s.id and t.tag = ${query.tag})`)
	return conditions
}

export type FacetValue = { value: string; label: string; total: number }
export type LibraryFacets = {
	sectors: FacetValue[]
	objectives: FacetValue[]
	channels: FacetValue[]
	tags: FacetValue[]
}

/** How many listed studies carry each sector, objective, channel and tag the viewer may read: one query. */
function facets(listed: SQL): LibraryFacets {
	const rows = db.all<{ kind: keyof LibraryFacets; value: string; label: string; total: number }>(sql`with listed as (
			select s.id, s.sector_code, s.objective from case_studies s where ${listed})
		select 'sectors' as kind, n.sector as value, min(top.title) as label, count(*) as total
			from listed l join naics_codes n on n.code = l.sector_code join naics_codes top on top.code = substr(n.sector, 1, 2)
			group by n.sector
		union all select 'objectives', l.objective, l.objective, count(*) from listed l group by l.objective
		union all select 'channels', ch.channel, ch.channel, count(*)
			from listed l join case_study_channels ch on ch.study_id = l.id group by ch.channel
		union all select 'tags', t.tag, t.tag, count(*) from listed l join case_study_tags t on t.study_id = l.id group by t.tag
		order by kind, total desc, label`)
	const result: LibraryFacets = { sectors: [], objectives: [], channels: [], tags: [] }
	for (const { kind, ...value } of rows) result[kind].push(value)
	result.sectors.sort((a, b) => a.label.localeCompare(b.label))
	return result
}

/**
 * One page of the library for a viewer, with the total and the filter values. A fixed number of
 * queries: the page, its count, the facets and (on an unfiltered first page) the featured studies.
 */
export function searchLibrary(viewer: { id: string; role: Role }, query: LibraryQuery, now = Date.now()) {
	const listed = listedFor(viewer.id, viewer.role, now)
	const match = toFtsQuery(query.q)
	const sort = query.sort === 'relevance' && !match ? 'newest' : (query.sort ?? (match ? 'relevance' : 'newest'))
	const where = sql.join([listed, ...filterConditions(query)], sql` and `)
	const from = match
		? sql`from (select study_id, bm25(case_study_search, 0, 10, 6, 4, 1, 2, 5) as rank
				from case_study_search where case_study_search match ${match}) found
			cross join case_studies s on s.id = found.study_id`
		: sql`from case_studies s`
	const orderBy =
		sort === 'relevance'
			? sql`found.rank, s.published_at desc`
			: sort === 'useful'
				? sql`s.useful_count desc, s.published_at desc, s.id`
				: sql`s.published_at desc, s.id`
	const total = db.get<{ total: number }>(sql`select count(*) as total ${from} where ${where}`)!.total
	const pages = Math.max(1, Math.ceil(total / libraryPageSize))
	const offset = (Math.min(query.page, pages) - 1) * libraryPageSize
	return {
		sort,
		total,
		pages,
		studies: cards(from, where, orderBy, libraryPageSize, offset),
		featured: isUnfiltered(query)
			? cards(sql`from case_studies s`, sql`${listed} and s.featured_at is not null`, sql`s.featured_at desc`, 3)
			: [],
		facets: facets(listed),
	}
}

/** A member's published studies that the viewer may read, newest first: one query. */
export function listMemberStudies(viewer: { id: string; role: Role }, memberId: string, now = Date.now()) {
	return cards(
		sql`from case_studies s`,
		sql`s.author_id = ${memberId} and ${listedFor(viewer.id, viewer.role, now)}`,
		sql`s.published_at desc, s.id`,
		50,
	)
}

/** The viewer's bookmarks that they may still read, most recently saved first: one query. */
export function listBookmarks(viewer: { id: string; role: Role }, now = Date.now()) {
	return cards(
		sql`from case_study_bookmarks b cross join case_studies s on s.id = b.study_id`,
		sql`b.user_id = ${viewer.id} and ${listedFor(viewer.id, viewer.role, now)}`,
		sql`b.created_at desc, s.id`,
		200,
	)
}
