import { and, desc, eq, sql } from 'drizzle-orm'
import { checkPair } from '#app/features/conflicts/conflicts.server.ts'
import { connectionBetween } from '#app/features/connections/connections.server.ts'
import {
	companies,
	companySectorCodes,
	expertiseTags,
	memberProfiles,
	naicsCodes,
	users,
	type Role,
} from '#db/schema.ts'
import { db, prepareOnce } from '#app/utils/db.server.ts'

/** The member's own IANA time zone, in which we show them every time; UTC if unknown. */
export function getMemberTimeZone(userId: string): string {
	return (
		db.select({ timeZone: memberProfiles.timeZone }).from(memberProfiles).where(eq(memberProfiles.userId, userId)).get()
			?.timeZone ?? 'UTC'
	)
}

/** Everything the member page shows about one active member, in three queries. */
export function getMemberProfile(userId: string) {
	const profile = db
		.select({
			id: users.id,
			name: users.name,
			title: memberProfiles.title,
			headline: memberProfiles.headline,
			bio: memberProfiles.bio,
			region: memberProfiles.region,
			timeZone: memberProfiles.timeZone,
			companySize: memberProfiles.companySize,
			businessModel: memberProfiles.businessModel,
			openTo: memberProfiles.openTo,
			visibility: memberProfiles.visibility,
			photoVersion: memberProfiles.photoVersion,
			hiddenAt: memberProfiles.hiddenAt,
			companyId: companies.id,
			company: companies.name,
		})
		.from(users)
		.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
		.innerJoin(companies, eq(companies.id, memberProfiles.companyId))
		.where(and(eq(users.id, userId), eq(users.status, 'active')))
		.get()
	if (!profile) return null
	const sectors = db
		.select({ code: naicsCodes.code, title: naicsCodes.title, isPrimary: companySectorCodes.isPrimary })
		.from(companySectorCodes)
		.innerJoin(naicsCodes, eq(naicsCodes.code, companySectorCodes.code))
		.where(eq(companySectorCodes.companyId, profile.companyId))
		.orderBy(desc(companySectorCodes.isPrimary), companySectorCodes.code)
		.all()
	const tags = db
		.select({ tag: expertiseTags.tag })
		.from(expertiseTags)
		.where(eq(expertiseTags.userId, userId))
		.orderBy(expertiseTags.tag)
		.all()
	return { ...profile, sectors, tags: tags.map((row) => row.tag) }
}

export type ProfileAccess =
	| { allowed: true; photoVersion: number | null }
	| { allowed: false; reason: 'missing' | 'hidden' | 'conflicted' | 'connections-only' }

/** A profile hidden by a moderator stays visible to its member and to moderators and admins only. */
export function canSeeHiddenProfile(viewer: { id: string; role: Role }, memberId: string) {
	return viewer.id === memberId || viewer.role === 'moderator' || viewer.role === 'admin'
}

/**
 * Whether the viewer may see the member's full profile (photo included): never across a
 * conflict, only for connections when the member chose that visibility, and for no other
 * member once a moderator hid it.
 */
export function canSeeFullProfile(viewerId: string, memberId: string): ProfileAccess {
	const member = db
		.select({
			visibility: memberProfiles.visibility,
			photoVersion: memberProfiles.photoVersion,
			hiddenAt: memberProfiles.hiddenAt,
		})
		.from(users)
		.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
		.where(and(eq(users.id, memberId), eq(users.status, 'active')))
		.get()
	if (!member) return { allowed: false, reason: 'missing' }
	if (viewerId === memberId) return { allowed: true, photoVersion: member.photoVersion }
	if (member.hiddenAt) {
		// Rare, so the viewer's role is only read here.
		const role = db.select({ role: users.role }).from(users).where(eq(users.id, viewerId)).get()?.role ?? 'member'
		if (!canSeeHiddenProfile({ id: viewerId, role }, memberId)) return { allowed: false, reason: 'hidden' }
	}
	if (checkPair(viewerId, memberId).conflicted) return { allowed: false, reason: 'conflicted' }
	if (member.visibility === 'connections' && connectionBetween(viewerId, memberId)?.status !== 'accepted')
		return { allowed: false, reason: 'connections-only' }
	return { allowed: true, photoVersion: member.photoVersion }
}

// The header shows the signed-in member's photo on every page, so this is prepared once.
const selectPhotoVersion = prepareOnce(() =>
	db
		.select({ photoVersion: memberProfiles.photoVersion })
		.from(memberProfiles)
		.where(eq(memberProfiles.userId, sql.placeholder('userId')))
		.prepare(),
)

export function photoVersionOf(userId: string) {
	return selectPhotoVersion().get({ userId })?.photoVersion ?? null
}

/**
 * A member anyone may find in a list (before the conflict policy): active, profile open to all
 * members, not hidden by a moderator. Written over `users u join member_profiles p`.
 */
export const openlyListed = sql`u.status = 'active' and p.visibility = 'members' and p.hidden_at is null`
