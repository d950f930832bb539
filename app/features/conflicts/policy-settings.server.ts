/**
 * The admin side of the conflict policy: changing its settings (which recompiles every member's
 * conflict keys and re-checks every accepted connection) and reading the decision log.
 */
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import { conflictDecisions, connections, policySettings, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { loadSnapshots, readPolicySettings, rebuildConflictKeys } from './conflict-keys.server.ts'
import type { EntryPoint } from './conflicts.server.ts'
import { evaluateConflict, type PolicySettings } from './policy.ts'
import { PolicySettingsSchema } from './policy-settings-schema.ts'

type SettingsField = keyof z.infer<typeof PolicySettingsSchema>

export type PolicySettingsUpdate =
	| {
			ok: true
			previous: PolicySettings
			current: PolicySettings
			keys: { members: number; keys: number }
			connections: { suspended: number; restored: number }
	  }
	| { ok: false; fieldErrors: Partial<Record<SettingsField, string[]>> }

/** The settings in force, with who last changed them (null while they are the defaults). */
export function describePolicySettings() {
	const row = db
		.select({ updatedAt: policySettings.updatedAt, updatedBy: policySettings.updatedBy, updatedByName: users.name })
		.from(policySettings)
		.leftJoin(users, eq(users.id, policySettings.updatedBy))
		.where(eq(policySettings.id, 1))
		.get()
	return {
		...readPolicySettings(db),
		updatedAt: row?.updatedBy ? row.updatedAt : null,
		updatedByName: row?.updatedBy ? (row.updatedByName ?? 'a former admin') : null,
	}
}

/**
 * Re-checks every accepted connection against the policy in one pass (a fixed number of
 * queries): suspends those now in conflict, restores those no longer in conflict.
 * Synchronous, so it can run inside the caller's transaction.
 */
export function syncAllConnectionSuspensions(now = Date.now()) {
	const accepted = db
		.select({
			id: connections.id,
			requesterId: connections.requesterId,
			addresseeId: connections.addresseeId,
			suspendedAt: connections.suspendedAt,
		})
		.from(connections)
		.where(eq(connections.status, 'accepted'))
		.all()
	if (accepted.length === 0) return { suspended: 0, restored: 0 }
	const snapshots = loadSnapshots(db, 'all')
	const settings = readPolicySettings(db)
	const toSuspend: string[] = []
	const toRestore: string[] = []
	for (const row of accepted) {
		const requester = snapshots.get(row.requesterId)
		const addressee = snapshots.get(row.addresseeId)
		// As in checkPair: a member without a profile cannot be vetted, so the pair stays apart.
		const conflicted = !requester || !addressee || evaluateConflict(requester, addressee, settings, now).conflicted
		if (conflicted && !row.suspendedAt) toSuspend.push(row.id)
		if (!conflicted && row.suspendedAt) toRestore.push(row.id)
	}
	db.transaction((tx) => {
		for (const chunk of chunked(toSuspend, 500))
			tx.update(connections)
				.set({ suspendedAt: new Date(now) })
				.where(inArray(connections.id, chunk))
				.run()
		for (const chunk of chunked(toRestore, 500))
			tx.update(connections).set({ suspendedAt: null }).where(inArray(connections.id, chunk)).run()
	})
	return { suspended: toSuspend.length, restored: toRestore.length }
}

/**
 * Changes the policy settings, then recompiles every member's conflict keys and re-checks every
 * accepted connection, all in one transaction: a failure leaves the old settings in force.
 */
export function updatePolicySettings(
	adminId: string,
	input: { sectorLevel: number; coolingOffMonths: number },
	now = Date.now(),
): PolicySettingsUpdate {
	const parsed = PolicySettingsSchema.safeParse(input)
	if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors }
	const current = parsed.data
	return db.transaction(() => {
		const previous = readPolicySettings(db)
		db.insert(policySettings)
			.values({ id: 1, ...current, updatedAt: new Date(now), updatedBy: adminId })
			.onConflictDoUpdate({
				target: policySettings.id,
				set: { ...current, updatedAt: new Date(now), updatedBy: adminId },
			})
			.run()
		const keys = rebuildConflictKeys(db, 'all', now)
		const changedConnections = syncAllConnectionSuspensions(now)
		return { ok: true, previous, current, keys, connections: changedConnections }
	})
}

const decisionsPerPage = 50

export type DecisionFilters = { page: number; rule?: string; entryPoint?: EntryPoint }

/** One page of the decision log, newest first, with actor and target names and the total. */
export function listConflictDecisions({ page, rule, entryPoint }: DecisionFilters) {
	const currentPage = Math.max(1, Math.trunc(page))
	const actor = alias(users, 'actor')
	const target = alias(users, 'target')
	const where = and(
		rule
			? sql`exists (select 1 from json_each(${conflictDecisions.rules}) where json_each.value = ${rule})`
			: undefined,
		entryPoint ? eq(conflictDecisions.entryPoint, entryPoint) : undefined,
	)
	const rows = db
		.select({
			id: conflictDecisions.id,
			createdAt: conflictDecisions.createdAt,
			rules: conflictDecisions.rules,
			entryPoint: conflictDecisions.entryPoint,
			actorId: conflictDecisions.actorId,
			actorName: actor.name,
			targetId: conflictDecisions.targetId,
			targetName: target.name,
		})
		.from(conflictDecisions)
		.innerJoin(actor, eq(actor.id, conflictDecisions.actorId))
		.innerJoin(target, eq(target.id, conflictDecisions.targetId))
		.where(where)
		.orderBy(desc(conflictDecisions.createdAt), desc(conflictDecisions.id))
		.limit(decisionsPerPage)
		.offset((currentPage - 1) * decisionsPerPage)
		.all()
	const total = db.select({ total: count() }).from(conflictDecisions).where(where).get()?.total ?? 0
	return {
		rows,
		total,
		page: currentPage,
		pageSize: decisionsPerPage,
		pageCount: Math.max(1, Math.ceil(total / decisionsPerPage)),
	}
}

function chunked<T>(items: readonly T[], size: number) {
	const chunks: T[][] = []
	for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
	return chunks
}
