import { and, desc, eq } from 'drizzle-orm'
import { companies, companySectorCodes, expertiseTags, memberProfiles, naicsCodes, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'

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
