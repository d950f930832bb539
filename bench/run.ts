/**
 * Directory performance benchmark: `npm run bench [-- --members 100000] [--write-report]`.
 * Builds a seeded dataset of N members in a temp SQLite file, times directory searches against a
 * bare indexed query, then load-tests the production server's signed-in /members page against a
 * trivial Remix route. Every result is reported as a ratio to its baseline from the same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { fixed, table } from './stats.ts'

const { values: args } = parseArgs({
	options: {
		members: { type: 'string', default: '10000' },
		iterations: { type: 'string', default: '300' },
		connections: { type: 'string', default: '50' },
		duration: { type: 'string', default: '10' },
		'skip-http': { type: 'boolean', default: false },
		'write-report': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
	},
})
const positive = (name: string, value: string | undefined) => {
	const number = Number(value)
	if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer, got ${value}`)
	return number
}
const memberTarget = positive('members', args.members)
const iterations = positive('iterations', args.iterations)
const connections = positive('connections', args.connections)
const durationSeconds = positive('duration', args.duration)

const viewerId = 'usr_0001'
const viewerEmail = 'member@crossroads.test'
const viewerPassword = 'crossroads-demo'
const region = 'Europe'
const sector = '44-45'

// The app's modules read DATABASE_PATH when first imported, so point it at the temp file first.
const directory = mkdtempSync(join(os.tmpdir(), 'crossroads-bench-'))
const databasePath = join(directory, 'bench.db')
process.env.DATABASE_PATH = databasePath
process.env.NODE_ENV ??= 'production'

try {
	const { buildDataset } = await import('./dataset.ts')
	console.log(`Building a dataset of ${memberTarget.toLocaleString('en')} members in ${databasePath}…`)
	const dataset = await buildDataset(databasePath, memberTarget)
	const t = dataset.timings
	console.log(
		`Dataset ready in ${fixed(t.totalMs / 1000, 1)} s: ${dataset.members.toLocaleString('en')} active members, ` +
			`${dataset.companies.toLocaleString('en')} companies, ${dataset.pastRoles.toLocaleString('en')} synthetic past roles ` +
			`(seed ${fixed(t.seedMs / 1000, 1)} s, bulk insert ${fixed(t.bulkMs / 1000, 1)} s, ` +
			`search index ${fixed(t.searchIndexMs / 1000, 1)} s, conflict keys + ANALYZE ${fixed(t.conflictKeysMs / 1000, 1)} s)`,
	)
	if (dataset.indexedRows < dataset.members)
		throw new Error(`member_search holds ${dataset.indexedRows} rows for ${dataset.members} members`)

	console.log(`\nQuery benchmark: ${iterations} iterations each, viewer ${viewerId}…`)
	const { runQueryBench, queryTargetP95Ms } = await import('./query-bench.ts')
	const queries = runQueryBench({ viewerId, iterations, region, sector })
	const baselineQuery = queries.find((entry) => entry.baseline)!
	const queryRows = queries.map((entry) => {
		const ratio = entry.summary.p95 / baselineQuery.summary.p95
		return [
			entry.name,
			fixed(entry.summary.p50, 3),
			fixed(entry.summary.p95, 3),
			fixed(entry.summary.p99, 3),
			entry.baseline ? '1.0×' : `${fixed(ratio, 1)}×`,
			entry.total === null ? String(entry.rows) : `${entry.rows} of ${entry.total}`,
			entry.baseline ? '—' : entry.summary.p95 < queryTargetP95Ms ? 'PASS' : 'FAIL',
		]
	})
	const queryTable = table(
		['query', 'p50 ms', 'p95 ms', 'p99 ms', 'p95 / baseline', 'rows', `p95 < ${queryTargetP95Ms} ms`],
		queryRows,
	)
	console.log(queryTable)

	let httpTable = '(skipped with --skip-http)'
	let httpPassed = true
	if (!args['skip-http']) {
		console.log(`\nHTTP benchmark: ${connections} connections, ${durationSeconds} s each…`)
		const { runHttpBench, httpTargetRatio } = await import('./http-bench.ts')
		const http = await runHttpBench({
			databasePath,
			connections,
			durationSeconds,
			email: viewerEmail,
			password: viewerPassword,
		})
		const baselineHttp = http.find((entry) => entry.baseline)!
		httpTable = table(
			[
				'request',
				'req/s',
				'p50 ms',
				'p99 ms',
				'req/s ÷ baseline',
				'non-2xx',
				'errors',
				`≥ ${httpTargetRatio}×`,
				'server CPU ms/req',
				'baseline CPU ÷ CPU',
			],
			http.map((entry) => {
				const ratio = entry.requestsPerSecond / baselineHttp.requestsPerSecond
				const passed = ratio >= httpTargetRatio && entry.non2xx === 0 && entry.errors === 0
				if (entry.targeted) httpPassed &&= passed
				const cpuRatio =
					entry.cpuMsPerRequest && baselineHttp.cpuMsPerRequest
						? baselineHttp.cpuMsPerRequest / entry.cpuMsPerRequest
						: Number.NaN
				return [
					entry.name,
					fixed(entry.requestsPerSecond, 0),
					String(entry.p50),
					String(entry.p99),
					entry.baseline ? '1.00×' : `${fixed(ratio, 2)}×`,
					String(entry.non2xx),
					String(entry.errors),
					!entry.targeted ? '—' : passed ? 'PASS' : 'FAIL',
					entry.cpuMsPerRequest === null ? 'n/a' : fixed(entry.cpuMsPerRequest, 1),
					entry.baseline ? '1.00×' : `${fixed(cpuRatio, 2)}×`,
				]
			}),
		)
	}

	const cpus = os.cpus()
	const queryPassed = queries.every((entry) => entry.baseline || entry.summary.p95 < queryTargetP95Ms)
	const summary = [
		`# Directory benchmark`,
		'',
		`- Members: ${dataset.members.toLocaleString('en')} active (${dataset.demoMembers} demo + synthetic), ` +
			`${dataset.companies.toLocaleString('en')} companies; dataset built in ${fixed(t.totalMs / 1000, 1)} s`,
		`- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(os.totalmem() / 2 ** 30, 1)} GiB RAM, ` +
			`${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`,
		`- Date: ${new Date().toISOString()}`,
		'',
		`## Directory search (in-process, ${iterations} iterations, viewer ${viewerId})`,
		'',
		queryTable,
		'',
		`## HTTP (production server, autocannon, ${connections} connections, ${durationSeconds} s each)`,
		'',
		httpTable,
		'',
		`Result: search p95 < 50 ms ${queryPassed ? 'PASS' : 'FAIL'}; /members throughput ≥ 0.4× baseline ${
			args['skip-http'] ? 'not measured' : httpPassed ? 'PASS' : 'FAIL'
		}`,
		'',
	].join('\n')
	console.log(`\n${summary}`)
	if (args['write-report']) {
		const reportPath = fileURLToPath(new URL('./REPORT.md', import.meta.url))
		writeFileSync(reportPath, summary)
		console.log(`Wrote ${reportPath}`)
	}
	process.exitCode = queryPassed && httpPassed ? 0 : 1
} finally {
	if (args.keep) console.log(`Kept the database at ${databasePath}`)
	else rmSync(directory, { recursive: true, force: true })
}
