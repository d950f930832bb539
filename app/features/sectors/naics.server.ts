import { sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import type { NaicsOption } from './naics.ts'

const maxResults = 12

/**
 * NAICS codes matching what a member typed: a code prefix ("4451") or words of the title
 * ("grocery retail"), most specific first. The list has ~2,100 rows, so a scan is a fraction
 * of a millisecond and needs no index.
 */
export function searchNaicsCodes(query: string): NaicsOption[] {
	const text = query.trim().toLowerCase()
	if (!text) return []
	const code = /^\d{2,6}/.exec(text)?.[0]
	const words = text
		.replace(/^\d{2,6}/, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((word) => word.length > 1)
	const conditions = [
		...(code ? [sql`n.code like ${`${code}%`}`] : []),
		...words.map((word) => sql`lower(n.title) like ${`%${word}%`}`),
	]
	if (conditions.length === 0) return []
	return db.all<NaicsOption>(sql`select n.code, n.title, s.title as sectorTitle from naics_codes n
		join naics_codes s on s.code = substr(n.code, 1, 2)
		where ${sql.join(conditions, sql` and `)}
			-- NAICS repeats a title one level down when an industry has a single national industry; offer it once.
			and not exists (select 1 from naics_codes child where child.code like n.code || '_' and child.title = n.title)
		order by case when n.code = ${code ?? ''} then 0 else 1 end, n.level desc, n.title
		limit ${maxResults}`)
}

/** The codes that exist, with their titles, for validating and showing what was picked. */
export function describeNaicsCodes(codes: readonly string[]): Map<string, NaicsOption> {
	if (codes.length === 0) return new Map()
	const rows = db.all<NaicsOption>(sql`select n.code, n.title, s.title as sectorTitle from naics_codes n
		join naics_codes s on s.code = substr(n.code, 1, 2)
		where n.code in (${sql.join(
			codes.map((code) => sql`${code}`),
			sql`, `,
		)})`)
	return new Map(rows.map((row) => [row.code, row]))
}
