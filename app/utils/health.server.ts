import packageJson from '../../package.json' with { type: 'json' }
import { db } from './db.server.ts'

/** Liveness for load balancers: the database answers a query, and which version runs. */
export function checkHealth() {
	try {
		const { now } = db.$client.prepare('select unixepoch() as now').get() as { now: number }
		return { ok: true, version: packageJson.version, database: { ok: true, time: now } }
	} catch (error) {
		return {
			ok: false,
			version: packageJson.version,
			database: { ok: false, error: error instanceof Error ? error.message : String(error) },
		}
	}
}
