/**
 * Loads members as policy snapshots (a fixed number of set-based queries, whatever the number
 * of members) and keeps `member_conflict_keys` in step with the policy. Takes the database as a
 * parameter so the seed and the app share it.
 */
import { eq, inArray, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppDatabase } from '#db/client.ts'
import { chunked, groupBy } from '#app/utils/collections.ts'
import {
	companies,
	companySectorCodes,
	declaredCompetitors,
	introductionBlocks,
	memberConflictKeys,
	memberProfiles,
	pastRoles,
	policySettings,
} from '#db/schema.ts'
import {
	conflictKeysOf,
	defaultPolicySettings,
	sectorLevels,
	type CompanyRef,
	type MemberSnapshot,
	type PolicySettings,
	type SectorLevel,
} from './policy.ts'

type Reader = Pick<AppDatabase, 'select'>
type Members = readonly string[] | 'all'

export function readPolicySettings(database: Reader): PolicySettings {
	const row = database.select().from(policySettings).where(eq(policySettings.id, 1)).get()
	if (!row) return defaultPolicySettings
	const sectorLevel = sectorLevels.includes(row.sectorLevel as SectorLevel)
		? (row.sectorLevel as SectorLevel)
		: defaultPolicySettings.sectorLevel
	return { sectorLevel, coolingOffMonths: row.coolingOffMonths }
}

function loadCompanies(database: Reader, companyIds: Set<string>): Map<string, CompanyRef> {
	const ids = [...companyIds]
	if (ids.length === 0) return new Map()
	const rows = database
		.select({ id: companies.id, name: companies.name, familyId: companies.familyId })
		.from(companies)
		.where(inArray(companies.id, ids))
		.all()
	const codes = database
		.select({ companyId: companySectorCodes.companyId, code: companySectorCodes.code })
		.from(companySectorCodes)
		.where(inArray(companySectorCodes.companyId, ids))
		.orderBy(sql`${companySectorCodes.isPrimary} desc`, companySectorCodes.code)
		.all()
	const codesByCompany = groupBy(codes, (row) => row.companyId)
	return new Map(
		rows.map((row) => [row.id, { ...row, sectorCodes: (codesByCompany.get(row.id) ?? []).map((code) => code.code) }]),
	)
}

/** Snapshots of the given members (or everyone with a profile), keyed by user id. */
export function loadSnapshots(database: Reader, members: Members): Map<string, MemberSnapshot> {
	if (members !== 'all' && members.length === 0) return new Map()
	const only = (column: SQLiteColumn) => (members === 'all' ? undefined : inArray(column, [...members]))
	const profiles = database
		.select({ userId: memberProfiles.userId, companyId: memberProfiles.companyId })
		.from(memberProfiles)
		.where(only(memberProfiles.userId))
		.all()
	const roles = database
		.select({ userId: pastRoles.userId, companyId: pastRoles.companyId, endedAt: pastRoles.endedAt })
		.from(pastRoles)
		.where(only(pastRoles.userId))
		.all()
	const declared = database
		.select({ userId: declaredCompetitors.userId, familyId: companies.familyId })
		.from(declaredCompetitors)
		.innerJoin(companies, eq(companies.id, declaredCompetitors.companyId))
		.where(only(declaredCompetitors.userId))
		.all()
	const blocks = database
		.select({
			userId: introductionBlocks.userId,
			blockedUserId: introductionBlocks.blockedUserId,
			blockedCompanyId: introductionBlocks.blockedCompanyId,
		})
		.from(introductionBlocks)
		.where(only(introductionBlocks.userId))
		.all()
	const companyById = loadCompanies(
		database,
		new Set([...profiles.map((row) => row.companyId), ...roles.map((row) => row.companyId)]),
	)
	const rolesByUser = groupBy(roles, (row) => row.userId)
	const declaredByUser = groupBy(declared, (row) => row.userId)
	const blocksByUser = groupBy(blocks, (row) => row.userId)

	const snapshots = new Map<string, MemberSnapshot>()
	for (const profile of profiles) {
		const company = companyById.get(profile.companyId)
		if (!company) continue
		const userBlocks = blocksByUser.get(profile.userId) ?? []
		snapshots.set(profile.userId, {
			userId: profile.userId,
			company,
			pastRoles: (rolesByUser.get(profile.userId) ?? []).flatMap((role) => {
				const pastCompany = companyById.get(role.companyId)
				return pastCompany ? [{ company: pastCompany, endedAt: role.endedAt.getTime() }] : []
			}),
			declaredCompetitorFamilyIds: [...new Set((declaredByUser.get(profile.userId) ?? []).map((row) => row.familyId))],
			blockedUserIds: userBlocks.flatMap((row) => (row.blockedUserId ? [row.blockedUserId] : [])),
			blockedCompanyIds: userBlocks.flatMap((row) => (row.blockedCompanyId ? [row.blockedCompanyId] : [])),
		})
	}
	return snapshots
}

/**
 * Recomputes the stored conflict keys of some members (or all, after a settings change).
 * Synchronous, so it can run inside the caller's better-sqlite3 transaction.
 */
export function rebuildConflictKeys(database: AppDatabase, members: Members, now = Date.now()) {
	const settings = readPolicySettings(database)
	const snapshots = loadSnapshots(database, members)
	const rows = [...snapshots.values()].flatMap((snapshot) =>
		conflictKeysOf(snapshot, settings, now).map((entry) => ({
			userId: snapshot.userId,
			key: entry.key,
			expiresAt: entry.expiresAt,
		})),
	)
	database.transaction((tx) => {
		if (members === 'all') tx.delete(memberConflictKeys).run()
		else
			for (const chunk of chunked([...members], 500))
				tx.delete(memberConflictKeys).where(inArray(memberConflictKeys.userId, chunk)).run()
		for (const chunk of chunked(rows, 500)) tx.insert(memberConflictKeys).values(chunk).run()
	})
	return { members: snapshots.size, keys: rows.length }
}
