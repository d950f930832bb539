import { loadSnapshots, readPolicySettings } from '../app/features/conflicts/conflict-keys.server.ts'
import { evaluateConflict } from '../app/features/conflicts/policy.ts'
import type { AppDatabase } from './client.ts'

/**
 * For the seeds that pair members up: whether two members may meet under the stored policy at the
 * seed's fixed clock (`policyNow`), so every seeded pair would pass the app's own conflict check.
 * Reads every member's snapshot once; call it after the members it asks about are written.
 */
export function conflictFreePairs(db: AppDatabase, policyNow: number) {
	const snapshots = loadSnapshots(db, 'all')
	const settings = readPolicySettings(db)
	return (a: string, b: string) => {
		const one = snapshots.get(a)
		const other = snapshots.get(b)
		return Boolean(one && other) && !evaluateConflict(one!, other!, settings, policyNow).conflicted
	}
}
