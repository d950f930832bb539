import { and, count, eq, or, sql } from 'drizzle-orm'
import { companies, connections, memberProfiles, users } from '#db/schema.ts'
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { requireNoConflict } from '../conflicts/conflicts.server.ts'

export type ConnectionRow = typeof connections.$inferSelect

export const pairKeyOf = (a: string, b: string) => [a, b].sort().join('|')

export type ConnectionOutcome =
	| { ok: true; status: 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'removed' }
	| { ok: false; code: 'self' | 'not-found' | 'already-connected' | 'already-pending' | 'not-allowed'; message: string }

/** In a query over `userId`'s connections: the other member of each. */
export function partnerOf(userId: string) {
	return sql<string>`case when ${connections.requesterId} = ${userId} then ${connections.addresseeId} else ${connections.requesterId} end`
}

export function connectionBetween(a: string, b: string): ConnectionRow | undefined {
	return db
		.select()
		.from(connections)
		.where(eq(connections.pairKey, pairKeyOf(a, b)))
		.get()
}

function activeMemberExists(userId: string) {
	return (
		db
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.id, userId), eq(users.status, 'active')))
			.get() !== undefined
	)
}

/**
 * Asks for a connection. The conflict policy is checked first (a 403 with the reason is thrown
 * for a conflicted pair); a request to someone who already asked you accepts theirs.
 */
export function requestConnection(requesterId: string, addresseeId: string, note: string): ConnectionOutcome {
	if (requesterId === addresseeId) return { ok: false, code: 'self', message: 'You cannot connect with yourself.' }
	if (!activeMemberExists(addresseeId)) return { ok: false, code: 'not-found', message: 'That member does not exist.' }
	requireNoConflict(requesterId, addresseeId, 'connection-request')
	const existing = connectionBetween(requesterId, addresseeId)
	if (existing?.status === 'accepted')
		return { ok: false, code: 'already-connected', message: 'You are already connected.' }
	if (existing?.status === 'pending') {
		if (existing.requesterId === requesterId)
			return { ok: false, code: 'already-pending', message: 'Your request is waiting for an answer.' }
		db.update(connections)
			.set({ status: 'accepted', respondedAt: new Date() })
			.where(eq(connections.id, existing.id))
			.run()
		return { ok: true, status: 'accepted' }
	}
	if (existing) {
		db.update(connections)
			.set({
				requesterId,
				addresseeId,
				status: 'pending',
				note,
				createdAt: new Date(),
				respondedAt: null,
				suspendedAt: null,
			})
			.where(eq(connections.id, existing.id))
			.run()
	} else {
		db.insert(connections)
			.values({
				id: `con_${crypto.randomUUID().replaceAll('-', '')}`,
				requesterId,
				addresseeId,
				pairKey: pairKeyOf(requesterId, addresseeId),
				note,
			})
			.onConflictDoNothing({ target: connections.pairKey })
			.run()
	}
	return { ok: true, status: 'pending' }
}

/** The addressee accepts or declines; acceptance re-checks the policy (a conflict may have appeared since). */
export function respondToConnection(
	userId: string,
	connectionId: string,
	decision: 'accept' | 'decline',
): ConnectionOutcome {
	const row = db.select().from(connections).where(eq(connections.id, connectionId)).get()
	if (!row || row.addresseeId !== userId || row.status !== 'pending')
		return { ok: false, code: 'not-allowed', message: 'This request is no longer waiting for your answer.' }
	if (decision === 'accept') requireNoConflict(userId, row.requesterId, 'connection-accept')
	const status = decision === 'accept' ? 'accepted' : 'declined'
	db.update(connections)
		.set({ status, respondedAt: new Date() })
		.where(and(eq(connections.id, row.id), eq(connections.status, 'pending')))
		.run()
	return { ok: true, status }
}

export function withdrawConnection(userId: string, connectionId: string): ConnectionOutcome {
	const updated = db
		.update(connections)
		.set({ status: 'withdrawn', respondedAt: new Date() })
		.where(
			and(eq(connections.id, connectionId), eq(connections.requesterId, userId), eq(connections.status, 'pending')),
		)
		.returning({ id: connections.id })
		.get()
	return updated
		? { ok: true, status: 'withdrawn' }
		: { ok: false, code: 'not-allowed', message: 'There is no pending request of yours to withdraw.' }
}

export function removeConnection(userId: string, connectionId: string): ConnectionOutcome {
	const updated = db
		.update(connections)
		.set({ status: 'removed', respondedAt: new Date() })
		.where(
			and(
				eq(connections.id, connectionId),
				eq(connections.status, 'accepted'),
				or(eq(connections.requesterId, userId), eq(connections.addresseeId, userId)),
			),
		)
		.returning({ id: connections.id })
		.get()
	return updated
		? { ok: true, status: 'removed' }
		: { ok: false, code: 'not-allowed', message: 'You are not connected with this member.' }
}

// Every signed-in page shows this count in the header, so it is prepared once.
const countPendingRequests = prepareOnce(() =>
	db
		.select({ value: count() })
		.from(connections)
		.where(and(eq(connections.addresseeId, sql.placeholder('userId')), eq(connections.status, 'pending')))
		.prepare(),
)

export function pendingRequestCount(userId: string) {
	return countPendingRequests().get({ userId })?.value ?? 0
}

/** Members connected (and not suspended) to both a and b, in one query. */
export function mutualConnections(a: string, b: string) {
	const partnersOf = (
		userId: string,
	) => sql`select case when ${connections.requesterId} = ${userId} then ${connections.addresseeId} else ${connections.requesterId} end
		from ${connections}
		where ${connections.status} = 'accepted' and ${connections.suspendedAt} is null
		and (${connections.requesterId} = ${userId} or ${connections.addresseeId} = ${userId})`
	return db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(sql`${users.id} in (${partnersOf(a)}) and ${users.id} in (${partnersOf(b)})`)
		.orderBy(users.name)
		.all()
}

/** The member's accepted connections and the requests waiting for them, with each partner's card, in one query. */
export function listConnections(userId: string) {
	const partnerId = partnerOf(userId)
	const rows = db
		.select({
			id: connections.id,
			status: connections.status,
			suspended: sql<boolean>`${connections.suspendedAt} is not null`.mapWith(Boolean),
			incoming: sql<boolean>`${connections.addresseeId} = ${userId}`.mapWith(Boolean),
			partnerId: users.id,
			name: users.name,
			title: memberProfiles.title,
			company: companies.name,
		})
		.from(connections)
		.innerJoin(users, eq(users.id, partnerId))
		.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
		.innerJoin(companies, eq(companies.id, memberProfiles.companyId))
		.where(
			and(
				or(eq(connections.requesterId, userId), eq(connections.addresseeId, userId)),
				or(
					eq(connections.status, 'accepted'),
					and(eq(connections.status, 'pending'), eq(connections.addresseeId, userId)),
				),
			),
		)
		.orderBy(users.name)
		.all()
	return {
		connected: rows.filter((row) => row.status === 'accepted'),
		waiting: rows.filter((row) => row.status === 'pending'),
	}
}
