import { sql, type SQL } from 'drizzle-orm'
import { allRows, cacheUntilWrite, firstRow } from '#app/utils/db.server.ts'
import { toFtsQuery } from '#app/utils/full-text-query.ts'
import { conflictedMembersOf, isCompiled, listableFor } from '../conflicts/conflicts.server.ts'
import { openlyListed } from '../members/profile.server.ts'
import { pageSize, type DirectoryQuery } from './search-params.ts'

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

type DirectoryFilters = Pick<DirectoryQuery, 'sector' | 'region' | 'tag' | 'size' | 'model'>

/** The viewer's accepted connections (column `id`): the only members who see a connections-only profile listed. */
function connectedMembersOf(viewerId: string) {
	return sql`select addressee_id as id from connections where requester_id = ${viewerId} and status = 'accepted'
		union all select requester_id from connections where addressee_id = ${viewerId} and status = 'accepted'`
}

/** The search filters, as conditions on `u` (users) and `p` (member_profiles). */
function filterConditions(filters: DirectoryFilters): SQL[] {
	const conditions: SQL[] = []
	// The sector's companies are found once through the code index, not with a join per member.
	if (filters.sector)
		conditions.push(sql`p.company_id in (select sc.company_id from naics_codes n
			join company_sector_codes sc on sc.code = n.code where n.sector = ${filters.sector})`)
	if (filters.region) conditions.push(sql`p.region = ${filters.region}`)
	if (filters.tag)
		conditions.push(sql`exists (select 1 from expertise_tags t where t.user_id = u.id and t.tag = ${filters.tag})`)
	if (filters.size) conditions.push(sql`p.company_size = ${filters.size}`)
	if (filters.model) conditions.push(sql`p.business_model = ${filters.model}`)
	return conditions
}

/**
 * Who a viewer with no conflicts and no connections would see: active members open to all
 * members, not hidden by a moderator, whose conflict keys are compiled (listableFor leaves
 * anyone else out).
 */
const listedByDefault = sql`${openlyListed} and ${isCompiled(sql`u.id`)}`

const defaultCounts = cacheUntilWrite<number>()

/**
 * How many members match the filters for this viewer, without visiting all of them: the count a
 * viewer with no conflicts and no connections would get (the same for every viewer, so kept until
 * the next write), less those in conflict with this viewer and the viewer themself, plus their
 * connections who are open to connections only. Both corrections start from those few members.
 */
function countListed(viewerId: string, conflicted: SQL, listed: SQL, filters: DirectoryFilters) {
	const conditions = filterConditions(filters)
	const key = JSON.stringify([filters.sector, filters.region, filters.tag, filters.size, filters.model])
	const base = defaultCounts(key, () => {
		const where = sql.join([listedByDefault, ...conditions], sql` and `)
		return firstRow<{ total: number }>(sql`select count(*) as total
			from users u join member_profiles p on p.user_id = u.id where ${where}`)!.total
	})
	const hiddenFromViewer = sql`select user_id as id from (${conflicted}) union select ${viewerId}`
	// CROSS JOIN keeps SQLite from scanning every profile: each count starts from its few members.
	const among = (members: SQL, condition: SQL) => sql`select count(*) from (${members}) d
		cross join users u on u.id = d.id cross join member_profiles p on p.user_id = u.id
		where ${sql.join([condition, ...conditions], sql` and `)}`
	const { hidden, revealed } = firstRow<{ hidden: number; revealed: number }>(sql`select
		(${among(hiddenFromViewer, listedByDefault)}) as hidden,
		(${among(connectedMembersOf(viewerId), sql`p.visibility = 'connections' and ${listed}`)}) as revealed`)!
	return base - hidden + revealed
}

/** Cards of the given members, in the given order. */
function directoryEntries(ids: string[]): DirectoryEntry[] {
	if (ids.length === 0) return []
	const rows = allRows<DirectoryEntry>(sql`select u.id, u.name, p.title, p.headline, c.name as company, p.region,
			pc.code as sectorCode, pn.title as sectorTitle
		from users u
		join member_profiles p on p.user_id = u.id
		join companies c on c.id = p.company_id
		left join company_sector_codes pc on pc.company_id = p.company_id and pc.is_primary = 1
		left join naics_codes pn on pn.code = pc.code
		where u.id in (${sql.join(
			ids.map((id) => sql`${id}`),
			sql`, `,
		)})`)
	const byId = new Map(rows.map((row) => [row.id, row]))
	return ids.flatMap((id) => byId.get(id) ?? [])
}

/**
 * One page of the directory for a viewer: active members matching the search and filters,
 * never a profile hidden by a moderator, never the viewer, never anyone in conflict with them (one indexed subquery, see
 * listableFor), and members open to connections only when they are the viewer's connections.
 * The page's ids come first and only those 20 members are joined to their company and sector.
 */
export function searchDirectory(viewerId: string, query: DirectoryQuery, now = Date.now()) {
	const match = toFtsQuery(query.q)
	const sort = query.sort ?? (match ? 'relevance' : 'name')
	const conflicted = conflictedMembersOf(viewerId, now)
	const listed = sql`u.status = 'active' and p.hidden_at is null and u.id != ${viewerId}
		and ${listableFor(viewerId, sql`u.id`, now, conflicted)}
		and (p.visibility = 'members' or u.id in (${connectedMembersOf(viewerId)}))`
	const where = sql.join([listed, ...filterConditions(query)], sql` and `)
	const orderBy =
		sort === 'relevance' && match
			? sql`s.rank, u.name`
			: sort === 'newest'
				? sql`u.reviewed_at desc, u.name`
				: sql`u.name collate nocase`
	// A text search starts from the matches and reads each one's profile (where region, size and
	// model filters drop most) before its user row. The match's user id is read straight from the
	// FTS5 content table (member_search_content, columns c0… in declaration order, see
	// https://sqlite.org/fts5.html): half the cost of reading it through the virtual table.
	const from = match
		? sql`from (select c.c0 as user_id, bm25(member_search, 0, 10, 5, 5, 3, 1, 4) as rank
				from member_search cross join member_search_content c on c.id = member_search.rowid
				where member_search match ${match}) s
			cross join member_profiles p on p.user_id = s.user_id cross join users u on u.id = p.user_id`
		: sql`from users u join member_profiles p on p.user_id = u.id`
	const offset = (query.page - 1) * pageSize

	let total: number
	let ids: string[]
	if (match) {
		// A text search visits every match to rank them, so it counts them in the same pass.
		const rows = allRows<{ id: string; total: number }>(sql`select u.id, count(*) over () as total ${from}
			where ${where} order by ${orderBy} limit ${pageSize} offset ${offset}`)
		ids = rows.map((row) => row.id)
		total =
			rows[0]?.total ??
			(offset === 0 ? 0 : firstRow<{ total: number }>(sql`select count(*) as total ${from} where ${where}`)!.total)
	} else {
		ids = allRows<{ id: string }>(
			sql`select u.id ${from} where ${where} order by ${orderBy} limit ${pageSize} offset ${offset}`,
		).map((row) => row.id)
		total = countListed(viewerId, conflicted, listed, query)
	}
	return {
		sort,
		total,
		pages: Math.max(1, Math.ceil(total / pageSize)),
		members: directoryEntries(ids),
	}
}

const filterOptions = cacheUntilWrite<{ sectors: { sector: string; title: string }[]; tags: string[] }>(1)

/**
 * Filter choices: sectors present among members' companies, and every expertise tag in use.
 * The same for everyone, so computed once per change of the data.
 */
export function directoryFilterOptions() {
	return filterOptions('all', () => {
		const sectors = allRows<{ sector: string; title: string }>(sql`select n.sector as sector, min(s.title) as title
			from naics_codes n join naics_codes s on s.code = substr(n.sector, 1, 2)
			where n.code in (select code from company_sector_codes) group by n.sector order by title`)
		const tags = allRows<{ tag: string }>(sql`select distinct tag from expertise_tags order by tag`)
		return { sectors, tags: tags.map((row) => row.tag) }
	})
}
