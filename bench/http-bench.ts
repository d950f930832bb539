/**
 * Load-tests the production server with autocannon: the signed-in directory against a trivial
 * Remix route (GET /login, signed out: a loader that returns null) in the same run.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { signedInBrowser, Browser } from '#tests/http/support.ts'
import { startServerProcess } from '#tests/support/server-process.ts'
import { buildIfNeeded } from '../scripts/build-if-needed.ts'

export const httpTargetRatio = 0.4

export type HttpResult = {
	name: string
	path: string
	signedIn: boolean
	requestsPerSecond: number
	p50: number
	p99: number
	total: number
	non2xx: number
	errors: number
	/** Server CPU time (user + system) per request: unlike req/s, barely moved by other load on the machine. */
	cpuMsPerRequest: number | null
	baseline: boolean
	/** Whether the ≥ 0.4× target applies (the contract is the signed-in /members page). */
	targeted: boolean
}

/** CPU time in ms the process has used so far, from /proc (Linux, 100 ticks a second); null elsewhere. */
export function processCpuMs(pid: number | undefined) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
		return (Number(fields[11]) + Number(fields[12])) * 10
	} catch {
		return null
	}
}

const acceptHeaders = {
	Accept: 'text/html,application/xhtml+xml',
	'Accept-Encoding': 'gzip, deflate, br',
	'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) crossroads-bench',
}

export async function runHttpBench(options: {
	databasePath: string
	connections: number
	durationSeconds: number
	email: string
	password: string
}) {
	if (buildIfNeeded()) console.log('Built the production bundle')
	const server = await startServerProcess({ databasePath: options.databasePath, seed: false })
	try {
		const browser = await signedInBrowser(server, options.email, options.password)
		const cookie = browser.cookieHeader()
		const cases = [
			{
				name: 'baseline: GET /login (signed out, trivial loader)',
				path: '/login',
				signedIn: false,
				baseline: true,
				targeted: false,
			},
			{ name: 'GET /members (signed in)', path: '/members', signedIn: true, baseline: false, targeted: true },
			{
				name: 'GET /members?region=Europe&q=brand (signed in, reported)',
				path: '/members?region=Europe&q=brand',
				signedIn: true,
				baseline: false,
				targeted: false,
			},
		]
		const results: HttpResult[] = []
		for (const entry of cases) {
			const headers: Record<string, string> = { ...acceptHeaders, ...(entry.signedIn ? { Cookie: cookie } : {}) }
			// One checked request first: a redirect or an error page would make the numbers meaningless.
			const check = await new Browser(server).get(entry.path, headers)
			if (check.status !== 200) throw new Error(`GET ${entry.path} answered ${check.status}, expected 200`)
			// A short warm-up so the JIT and SQLite's page cache are hot before measuring.
			await autocannon({
				url: new URL(entry.path, server.url).href,
				connections: options.connections,
				duration: 2,
				headers,
			})
			const cpuBefore = processCpuMs(server.process.pid)
			const result = await autocannon({
				url: new URL(entry.path, server.url).href,
				connections: options.connections,
				duration: options.durationSeconds,
				headers,
			})
			const cpuAfter = processCpuMs(server.process.pid)
			results.push({
				...entry,
				requestsPerSecond: result.requests.average,
				p50: result.latency.p50,
				p99: result.latency.p99,
				total: result.requests.total,
				non2xx: result.non2xx,
				errors: result.errors + result.timeouts,
				cpuMsPerRequest:
					cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
			})
			console.log(`  ${entry.name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`)
		}
		return results
	} finally {
		const code = await server.stop()
		if (code !== 0 && code !== null) console.warn(`The server exited with ${code}:\n${server.output().slice(-2000)}`)
	}
}
