/**
 * In-process directory search timings against a bare indexed query on the same connection.
 * Import only after process.env.DATABASE_PATH points at the benchmark database.
 */
import { searchDirectory } from '#app/features/directory/directory.server.ts'
import { parseDirectoryQuery } from '#app/features/directory/search-params.ts'
import { db } from '#app/utils/db.server.ts'
import { timeIterations, type Summary } from './stats.ts'

export const queryTargetP95Ms = 50

export type QueryResult = { name: string; summary: Summary; rows: number; total: number | null; baseline: boolean }

export function runQueryBench(options: { viewerId: string; iterations: number; region: string; sector: string }) {
	const { viewerId, iterations, region, sector } = options
	const bare = db.$client.prepare('select user_id from member_profiles where region = ? limit 20')
	// The directory keeps viewer-independent counts until the next write; a write to a scratch
	// table before each call measures the searches that recompute them.
	db.$client.exec('create temp table if not exists bench_writes (at integer)')
	const insertWrite = db.$client.prepare('insert into bench_writes (at) values (?)')
	const write = () => void insertWrite.run(Date.now())
	const cases: { name: string; params: Record<string, string>; afterWrite?: boolean }[] = [
		{ name: `filter: region=${region} + sector=${sector}`, params: { region, sector } },
		{
			name: `filter: region=${region} + sector=${sector}, after a write`,
			params: { region, sector },
			afterWrite: true,
		},
		{ name: `text: q=loyalty + region=${region}`, params: { q: 'loyalty', region } },
		{ name: 'no filters, page 5', params: { page: '5' } },
		{ name: 'no filters, page 5, after a write', params: { page: '5' }, afterWrite: true },
	]
	const results: QueryResult[] = []
	const baselineRows = bare.all(region).length
	results.push({
		name: 'baseline: bare indexed query (region, limit 20)',
		summary: timeIterations(() => bare.all(region), iterations),
		rows: baselineRows,
		total: null,
		baseline: true,
	})
	for (const entry of cases) {
		const query = parseDirectoryQuery(new URLSearchParams(entry.params))
		const sample = searchDirectory(viewerId, query)
		if (sample.members.length === 0)
			throw new Error(`The "${entry.name}" search found nobody; the benchmark would be meaningless`)
		results.push({
			name: `searchDirectory ${entry.name}`,
			summary: timeIterations(
				() => searchDirectory(viewerId, query),
				iterations,
				20,
				entry.afterWrite ? write : undefined,
			),
			rows: sample.members.length,
			total: sample.total,
			baseline: false,
		})
	}
	return results
}
