/**
 * The admin side of the conflict policy: changing its settings (which recompiles every member's
 * conflict keys and re-checks every accepted connection) and reading the decision log.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import { conflictDecisions, policySettings, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { readPolicySettings, rebuildConflictKeys } from './conflict-keys.server.ts'
import { syncConnectionSuspensions, type EntryPoint } from './conflicts.server.ts'
import type { PolicySettings } from './policy.ts'
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
		const changedConnections = syncConnectionSuspensions('all', now)
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
