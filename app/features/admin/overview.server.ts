import { sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { readPolicySettings } from '../conflicts/conflict-keys.server.ts'

/** The admin hub's figures, in one query: what is waiting and what happened this week. */
export function adminOverview(now = Date.now()) {
	const weekAgo = now - 7 * 24 * 3600 * 1000
	const counts = db.get<{ applications: number; refusals: number; companies: number; members: number }>(sql`select
		(select count(*) from users where status = 'applicant') as applications,
		(select count(*) from conflict_decisions where created_at > ${weekAgo}) as refusals,
		(select count(*) from companies) as companies,
		(select count(*) from users where status = 'active') as members`)!
	return { ...counts, policy: readPolicySettings(db) }
}
