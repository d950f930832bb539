/**
 * The conflict policy at the app's entry points: one pair check that every HTTP action and
 * socket event calls, the decision log, the set-based exclusion for lists, and the suspension
 * of connections that a profile change put in conflict.
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { conflictDecisions, connections, memberConflictKeys, naicsCodes } from '#db/schema.ts'
import { chunked } from '#app/utils/collections.ts'
import { db } from '#app/utils/db.server.ts'
// A function-only cycle (roundtables.server.ts imports this module): nothing runs at import time.
import { pairKeyOf } from '../connections/connections.server.ts'
import { announceReadOnlyChanges } from '../messaging/live.server.ts'
import { syncRoundtableSuspensions } from '../messaging/roundtables.server.ts'
import { loadSnapshots, readPolicySettings, rebuildConflictKeys } from './conflict-keys.server.ts'
import { evaluateConflict, explainConflict, forbiddenKeysFor, rulesOf, type ConflictExplanation } from './policy.ts'

/** Where a refusal happened, as recorded in the decision log. */
export type EntryPoint =
	| 'profile'
	| 'connection-request'
	| 'connection-accept'
	| 'message'
	| 'meeting-proposal'
	| 'meeting-acceptance'
	| 'group-invite'
	| 'case-study'

export type PairCheck = { conflicted: false } | { conflicted: true; explanation: ConflictExplanation; rules: string[] }

function naicsTitles(codes: string[]) {
	if (codes.length === 0) return new Map<string, string>()
	const rows = db
		.select({ code: naicsCodes.code, title: naicsCodes.title })
		.from(naicsCodes)
		.where(inArray(naicsCodes.code, codes))
		.all()
	return new Map(rows.map((row) => [row.code, row.title]))
}

/** Whether `viewerId` and `otherId` are in conflict, explained from the viewer's side. */
export function checkPair(viewerId: string, otherId: string, now = Date.now()): PairCheck {
	const snapshots = loadSnapshots(db, [viewerId, otherId])
	const viewer = snapshots.get(viewerId)
	const other = snapshots.get(otherId)
	// A member without a profile cannot be vetted against the policy: keep them apart.
	if (!viewer || !other)
		return {
			conflicted: true,
			explanation: { rule: 'not-available', message: 'This member is not available.' },
			rules: ['no-profile'],
		}
	const verdict = evaluateConflict(viewer, other, readPolicySettings(db), now)
	if (!verdict.conflicted) return { conflicted: false }
	const matchedCodes = verdict.reasons.flatMap((reason) =>
		reason.rule === 'same-sector'
			? [reason.match.code]
			: reason.rule === 'recent-employer' && reason.because.rule === 'same-sector'
				? [reason.because.match.code]
				: [],
	)
	const titles = naicsTitles(matchedCodes)
	return {
		conflicted: true,
		explanation: explainConflict(verdict, viewerId, (code) => titles.get(code)),
		rules: rulesOf(verdict),
	}
}

export type ConflictedPair = { a: string; b: string; rules: string[] }

/**
 * The conflicted pairs among `pairs`, from one snapshot load: a group (a roundtable's up to 66
 * pairs, or every room at once) without a checkPair per pair. Explain one to a member with checkPair.
 */
export function conflictedPairs(pairs: ReadonlyArray<readonly [string, string]>, now = Date.now()): ConflictedPair[] {
	if (pairs.length === 0) return []
	const snapshots = loadSnapshots(db, [...new Set(pairs.flat())])
	const settings = readPolicySettings(db)
	return pairs.flatMap(([a, b]) => {
		const first = snapshots.get(a)
		const second = snapshots.get(b)
		// As in checkPair: a member without a profile cannot be vetted, so the pair stays apart.
		if (!first || !second) return [{ a, b, rules: ['no-profile'] }]
		const verdict = evaluateConflict(first, second, settings, now)
		return verdict.conflicted ? [{ a, b, rules: rulesOf(verdict) }] : []
	})
}

export function logConflictDecision(actorId: string, targetId: string, rules: string[], entryPoint: EntryPoint) {
	db.insert(conflictDecisions).values({ actorId, targetId, rules, entryPoint }).run()
}

/**
 * Refuses an action between conflicted members: logs the decision and throws a 403 whose body
 * is the reason the actor may see (never the other side's private list).
 */
export function requireNoConflict(actorId: string, targetId: string, entryPoint: EntryPoint) {
	const check = checkPair(actorId, targetId)
	if (!check.conflicted) return
	logConflictDecision(actorId, targetId, check.rules, entryPoint)
	throw Response.json(
		{ ok: false, code: 'conflict', rule: check.explanation.rule, message: check.explanation.message },
		{ status: 403 },
	)
}

/**
 * A subquery of the members a viewer must never see in a list: the policy's keys matched in
 * one indexed query (see forbiddenKeysFor), instead of a policy call per row.
 */
export function conflictedMembersOf(viewerId: string, now = Date.now()): SQL {
	const viewer = loadSnapshots(db, [viewerId]).get(viewerId)
	if (!viewer) return sql`select ${memberConflictKeys.userId} from ${memberConflictKeys}`
	const forbidden = forbiddenKeysFor(viewer, readPolicySettings(db), now)
	return sql`select ${memberConflictKeys.userId} from ${memberConflictKeys} where ${and(
		inArray(memberConflictKeys.key, forbidden),
		or(isNull(memberConflictKeys.expiresAt), sql`${memberConflictKeys.expiresAt} > ${now}`),
	)}`
}

/** A member whose conflict keys are compiled (every member carries `user:<id>`; one primary-key lookup). */
export function isCompiled(memberId: SQL | SQLiteColumn): SQL {
	return sql`exists (select 1 from ${memberConflictKeys} compiled
			where compiled.user_id = ${memberId} and compiled.key = 'user:' || ${memberId})`
}

/**
 * The condition every member list applies: the member is compiled into conflict keys and none
 * of their keys is forbidden for the viewer. A member whose keys are missing is left out, never
 * shown unchecked. A caller that needs the viewer's conflict set twice passes it in, so the
 * viewer's snapshot is loaded once per request.
 */
export function listableFor(
	viewerId: string,
	memberId: SQL | SQLiteColumn,
	now = Date.now(),
	conflicted: SQL = conflictedMembersOf(viewerId, now),
): SQL {
	return sql`${isCompiled(memberId)} and ${memberId} not in (${conflicted})`
}

/**
 * Re-checks accepted connections against the policy: suspends those now in conflict and
 * restores those no longer in conflict; nothing is deleted. Scope: some members' connections
 * (after their company, sectors, past roles or competitors change) or all of them (after a
 * settings change), and the roundtables they sit in. A fixed number of queries; synchronous, so
 * it can join a transaction.
 */
export function syncConnectionSuspensions(scope: { userIds: readonly string[] } | 'all', now = Date.now()) {
	// Roundtables follow the same facts: a room with a newly conflicted pair turns read-only.
	syncRoundtableSuspensions(scope, now)
	return syncAcceptedConnections(scope, now)
}

function syncAcceptedConnections(scope: { userIds: readonly string[] } | 'all', now: number) {
	if (scope !== 'all' && scope.userIds.length === 0) return { suspended: 0, restored: 0 }
	const accepted = db
		.select({
			id: connections.id,
			requesterId: connections.requesterId,
			addresseeId: connections.addresseeId,
			suspendedAt: connections.suspendedAt,
		})
		.from(connections)
		.where(
			scope === 'all'
				? eq(connections.status, 'accepted')
				: and(
						eq(connections.status, 'accepted'),
						or(inArray(connections.requesterId, scope.userIds), inArray(connections.addresseeId, scope.userIds)),
					),
		)
		.all()
	if (accepted.length === 0) return { suspended: 0, restored: 0 }
	const snapshots = loadSnapshots(
		db,
		scope === 'all' ? 'all' : accepted.flatMap((row) => [row.requesterId, row.addresseeId]),
	)
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
		for (const ids of chunked(toSuspend, 500))
			tx.update(connections)
				.set({ suspendedAt: new Date(now) })
				.where(inArray(connections.id, ids))
				.run()
		for (const ids of chunked(toRestore, 500))
			tx.update(connections).set({ suspendedAt: null }).where(inArray(connections.id, ids)).run()
	})
	const changed = new Set([...toSuspend, ...toRestore])
	announceReadOnlyChanges({
		pairKeys: accepted.filter((row) => changed.has(row.id)).map((row) => pairKeyOf(row.requesterId, row.addresseeId)),
	})
	return { suspended: toSuspend.length, restored: toRestore.length }
}

/**
 * After members' conflict-relevant facts changed (company, sectors, family, past roles,
 * competitors, private list): recompiles their keys and suspends or restores their connections.
 */
export function recheckMembers(userIds: readonly string[], now = Date.now()) {
	if (userIds.length === 0) return { suspended: 0, restored: 0 }
	rebuildConflictKeys(db, userIds, now)
	return syncConnectionSuspensions({ userIds }, now)
}
