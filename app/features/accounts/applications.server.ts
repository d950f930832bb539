import { and, asc, eq } from 'drizzle-orm'
import { companies, companySectorCodes, memberProfiles, naicsCodes, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'

export function listPendingApplications() {
	return db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			applicationNote: users.applicationNote,
			appliedAt: users.createdAt,
			title: memberProfiles.title,
			company: companies.name,
			region: memberProfiles.region,
			timeZone: memberProfiles.timeZone,
			sectorTitle: naicsCodes.title,
		})
		.from(users)
		.leftJoin(memberProfiles, eq(memberProfiles.userId, users.id))
		.leftJoin(companies, eq(companies.id, memberProfiles.companyId))
		.leftJoin(
			companySectorCodes,
			and(eq(companySectorCodes.companyId, companies.id), eq(companySectorCodes.isPrimary, true)),
		)
		.leftJoin(naicsCodes, eq(naicsCodes.code, companySectorCodes.code))
		.where(eq(users.status, 'applicant'))
		.orderBy(asc(users.createdAt))
		.all()
}

export type ApplicationDecision = 'approve' | 'reject'
export type ReviewResult = { ok: true; name: string } | { ok: false; code: 'not-pending'; message: string }

/** Approves or rejects a pending applicant; a second decision on the same application is refused. */
export function reviewApplication(
	reviewerId: string,
	applicantId: string,
	decision: ApplicationDecision,
): ReviewResult {
	const reviewed = db
		.update(users)
		.set({ status: decision === 'approve' ? 'active' : 'rejected', reviewedAt: new Date(), reviewedBy: reviewerId })
		.where(and(eq(users.id, applicantId), eq(users.status, 'applicant')))
		.returning({ name: users.name })
		.get()
	if (!reviewed)
		return {
			ok: false,
			code: 'not-pending',
			message: 'This application has already been reviewed or no longer exists.',
		}
	return { ok: true, name: reviewed.name }
}
