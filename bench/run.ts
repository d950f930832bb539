/**
 * Benchmarks: `npm run bench [-- --members 100000] [--write-report]`.
 * Directory: builds a seeded dataset of N members in a temp SQLite file, times directory searches
 * against a bare indexed query, then load-tests the production server's signed-in /members page
 * against a trivial Remix route. Messaging (`--sockets 2000 --rate 1000`, `--messaging-only`,
 * `--skip-messaging`): see bench/messaging-bench.ts. Every result is reported as a ratio to its
 * baseline from the same run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
		'skip-messaging': { type: 'boolean', default: false },
		'messaging-only': { type: 'boolean', default: false },
		sockets: { type: 'string', default: '2000' },
		'second-tabs': { type: 'string', default: '100' },
		rate: { type: 'string', default: '1000' },
		'messaging-duration': { type: 'string', default: '30' },
		ramp: { type: 'string', default: '500,1000,2000,4000,8000' },
		'ramp-duration': { type: 'string', default: '10' },
		'skip-checkpoint-comparison': { type: 'boolean', default: false },
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
const sockets = positive('sockets', args.sockets)
const secondTabs = Number(args['second-tabs'])
if (!Number.isInteger(secondTabs) || secondTabs < 0 || secondTabs > sockets / 2)
	throw new Error(`--second-tabs must be between 0 and half of --sockets, got ${args['second-tabs']}`)
const messageRate = positive('rate', args.rate)
const messagingSeconds = positive('messaging-duration', args['messaging-duration'])
const rampSteps = (args.ramp ?? '').split(',').map((step) => positive('ramp', step))
const rampSeconds = positive('ramp-duration', args['ramp-duration'])
const runDirectory = !args['messaging-only']
const runMessaging = !args['skip-messaging']
const cpus = os.cpus()
const machine =
	`${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(os.totalmem() / 2 ** 30, 1)} GiB RAM, ` +
	`${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`
const reportPath = fileURLToPath(new URL('./REPORT.md', import.meta.url))
const messagingHeading = '# Messaging benchmark'

/** REPORT.md holds both sections; a run that skips one keeps that section from the last report. */
function writeReport(sections: { directory?: string; messaging?: string }) {
	const previous = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : ''
	const split = previous.indexOf(messagingHeading)
	const oldDirectory = (split === -1 ? previous : previous.slice(0, split)).trim()
	const oldMessaging = split === -1 ? '' : previous.slice(split).trim()
	const parts = [sections.directory?.trim() ?? oldDirectory, sections.messaging?.trim() ?? oldMessaging]
	writeFileSync(reportPath, `${parts.filter(Boolean).join('\n\n')}\n`)
	console.log(`Wrote ${reportPath}`)
}

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

const sections: { directory?: string; messaging?: string } = {}
let passed = true
try {
	if (runDirectory) {
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

		const queryPassed = queries.every((entry) => entry.baseline || entry.summary.p95 < queryTargetP95Ms)
		const summary = [
			`# Directory benchmark`,
			'',
			`- Members: ${dataset.members.toLocaleString('en')} active (${dataset.demoMembers} demo + synthetic), ` +
				`${dataset.companies.toLocaleString('en')} companies; dataset built in ${fixed(t.totalMs / 1000, 1)} s`,
			`- Machine: ${machine}`,
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
		sections.directory = summary
		passed &&= queryPassed && httpPassed
	}

	if (runMessaging) {
		const { runMessagingBench, formatMessagingReport } = await import('./messaging-bench.ts')
		console.log(
			`\nMessaging benchmark: ${sockets} sockets (${secondTabs} second tabs), ${messageRate} msg/s for ${messagingSeconds} s, ` +
				`ramp ${rampSteps.join(', ')} msg/s for ${rampSeconds} s each…`,
		)
		const messaging = await runMessagingBench({
			directory,
			pairs: Math.floor((sockets - secondTabs) / 2),
			secondTabs,
			rate: messageRate,
			seconds: messagingSeconds,
			warmupSeconds: 5,
			rampSteps,
			rampSeconds,
			compareCheckpoints: !args['skip-checkpoint-comparison'],
		})
		const report = formatMessagingReport(messaging, { rate: messageRate, machine })
		console.log(`\n${report.summary}`)
		sections.messaging = report.summary
		passed &&= report.passed
	}

	if (args['write-report']) writeReport(sections)
	process.exitCode = passed ? 0 : 1
} finally {
	if (args.keep) console.log(`Kept the database at ${databasePath}`)
	else rmSync(directory, { recursive: true, force: true })
}
