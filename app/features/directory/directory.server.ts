import { sql, type SQL } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { listableFor } from '../conflicts/conflicts.server.ts'
import { pageSize, toFtsQuery, type DirectoryQuery } from './search-params.ts'

export type DirectoryEntry = {
	id: string
	name: string
	title: string
	headline: string
	company: string
	region: string
	sectorCode: string | null
	sectorTitle: string | null
}

/**
 * One page of the directory for a viewer: active members matching the search and filters,
 * never the viewer and never anyone in conflict with them (one indexed subquery, see
 * listableFor). Two queries: the page and its count.
 */
export function searchDirectory(viewerId: string, query: DirectoryQuery) {
	const match = toFtsQuery(query.q)
	const sort = query.sort ?? (match ? 'relevance' : 'name')
	const conditions: SQL[] = [sql`u.status = 'active'`, sql`u.id != ${viewerId}`, listableFor(viewerId, sql`u.id`)]
	if (query.sector)
		conditions.push(sql`exists (select 1 from company_sector_codes sc join naics_codes sn on sn.code = sc.code
			where sc.company_id = p.company_id and sn.sector = ${query.sector})`)
	if (query.region) conditions.push(sql`p.region = ${query.region}`)
	if (query.tag)
		conditions.push(sql`exists (select 1 from expertise_tags t where t.user_id = u.id and t.tag = ${query.tag})`)
	if (query.size) conditions.push(sql`p.company_size = ${query.size}`)
	if (query.model) conditions.push(sql`p.business_model = ${query.model}`)
	const where = sql.join(conditions, sql` and `)
	const searched = match
		? sql`join (select user_id, bm25(member_search, 0, 10, 5, 5, 3, 1, 4) as rank from member_search where member_search match ${match}) s on s.user_id = u.id`
		: sql``
	const orderBy =
		sort === 'relevance' && match
			? sql`s.rank, u.name`
			: sort === 'newest'
				? sql`u.reviewed_at desc, u.name`
				: sql`u.name collate nocase`
	// Filters touch only users and profiles; the count skips the company join the page needs.
	const from = sql`from users u
		join member_profiles p on p.user_id = u.id
		${searched}`

	const entries = db.all<DirectoryEntry>(sql`select u.id, u.name, p.title, p.headline, c.name as company, p.region,
			pc.code as sectorCode, pn.title as sectorTitle
		${from}
		join companies c on c.id = p.company_id
		left join company_sector_codes pc on pc.company_id = p.company_id and pc.is_primary = 1
		left join naics_codes pn on pn.code = pc.code
		where ${where}
		order by ${orderBy}
		limit ${pageSize} offset ${(query.page - 1) * pageSize}`)
	const total = db.get<{ total: number }>(sql`select count(*) as total ${from} where ${where}`)?.total ?? 0
	return {
		sort,
		total,
		pages: Math.max(1, Math.ceil(total / pageSize)),
		members: entries,
	}
}

/** Filter choices: sectors present among active members, and every expertise tag in use. */
export function directoryFilterOptions() {
	const sectors = db.all<{ sector: string; title: string }>(sql`select n.sector as sector, min(s.title) as title
		from naics_codes n join naics_codes s on s.code = substr(n.sector, 1, 2)
		where n.code in (select code from company_sector_codes) group by n.sector order by title`)
	const tags = db.all<{ tag: string }>(sql`select distinct tag from expertise_tags order by tag`)
	return { sectors, tags: tags.map((row) => row.tag) }
}
