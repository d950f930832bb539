/**
 * A member editing their own profile. Every change to a fact the conflict policy reads
 * (company, its sector codes, past roles, declared competitors, the private list) ends in
 * `recheckMembers`, so lists, keys and connection suspensions follow at once. The edit and the
 * re-check run back to back on one thread, so no request sees one without the other.
 */
import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm'
import {
	companies,
	companySectorCodes,
	declaredCompetitors,
	expertiseTags,
	introductionBlocks,
	memberProfiles,
	pastRoles,
	users,
} from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { findCompanyByName, findOrCreateCompany } from '../companies/companies.server.ts'
import { recheckMembers } from '../conflicts/conflicts.server.ts'
import { describeNaicsCodes } from '../sectors/naics.server.ts'
import { unknownNaicsCode } from '../sectors/naics-schema.ts'
import type { ExpertiseTag } from './expertise.ts'
import { maxSecondarySectors } from './profile-schemas.ts'
import type { z } from 'zod'
import type {
	CompanySchema,
	CompetitorSchema,
	PastRoleSchema,
	ProfileDetailsSchema,
	BlockCompanySchema,
} from './profile-schemas.ts'

export const listLimits = { pastRoles: 12, competitors: 25, blocks: 50 } as const

type Recheck = { suspended: number; restored: number }
export type EditOutcome = { ok: true; recheck?: Recheck } | { ok: false; field: string; message: string }

const fail = (field: string, message: string): EditOutcome => ({ ok: false, field, message })

/** Everything the profile editor shows, in a fixed number of queries. */
export function getProfileForEditing(userId: string) {
	const profile = db
		.select({
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
			companyId: companies.id,
			company: companies.name,
		})
		.from(users)
		.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
		.innerJoin(companies, eq(companies.id, memberProfiles.companyId))
		.where(eq(users.id, userId))
		.get()
	if (!profile) return null
	const sectorRows = db
		.select({ code: companySectorCodes.code, isPrimary: companySectorCodes.isPrimary })
		.from(companySectorCodes)
		.where(eq(companySectorCodes.companyId, profile.companyId))
		.orderBy(desc(companySectorCodes.isPrimary), asc(companySectorCodes.code))
		.all()
	const titles = describeNaicsCodes(sectorRows.map((row) => row.code))
	const sectors = sectorRows.flatMap((row) => {
		const option = titles.get(row.code)
		return option ? [{ ...option, isPrimary: row.isPrimary }] : []
	})
	const colleagues =
		db
			.select({ total: count() })
			.from(memberProfiles)
			.where(and(eq(memberProfiles.companyId, profile.companyId), ne(memberProfiles.userId, userId)))
			.get()?.total ?? 0
	const tags = db
		.select({ tag: expertiseTags.tag })
		.from(expertiseTags)
		.where(eq(expertiseTags.userId, userId))
		.orderBy(expertiseTags.tag)
		.all()
	const roles = db
		.select({
			id: pastRoles.id,
			company: companies.name,
			title: pastRoles.title,
			startedAt: pastRoles.startedAt,
			endedAt: pastRoles.endedAt,
		})
		.from(pastRoles)
		.innerJoin(companies, eq(companies.id, pastRoles.companyId))
		.where(eq(pastRoles.userId, userId))
		.orderBy(desc(pastRoles.endedAt))
		.all()
	const competitors = db
		.select({ id: companies.id, name: companies.name })
		.from(declaredCompetitors)
		.innerJoin(companies, eq(companies.id, declaredCompetitors.companyId))
		.where(eq(declaredCompetitors.userId, userId))
		.orderBy(companies.name)
		.all()
	const blocks = db.all<{ id: number; kind: 'member' | 'company'; name: string; memberId: string | null }>(sql`
		select b.id, case when b.blocked_user_id is null then 'company' else 'member' end as kind,
			coalesce(u.name, c.name) as name, b.blocked_user_id as memberId
		from introduction_blocks b
		left join users u on u.id = b.blocked_user_id
		left join companies c on c.id = b.blocked_company_id
		where b.user_id = ${userId}
		order by b.created_at desc`)
	return {
		...profile,
		primarySector: sectors.find((sector) => sector.isPrimary) ?? null,
		secondarySectors: sectors.filter((sector) => !sector.isPrimary),
		colleagues,
		tags: tags.map((row) => row.tag),
		pastRoles: roles,
		competitors,
		blocks,
	}
}

export function updateProfileDetails(userId: string, input: z.infer<typeof ProfileDetailsSchema>): EditOutcome {
	db.transaction((tx) => {
		tx.update(users).set({ name: input.name }).where(eq(users.id, userId)).run()
		tx.update(memberProfiles)
			.set({
				title: input.title,
				headline: input.headline,
				bio: input.bio,
				region: input.region,
				timeZone: input.timeZone,
				openTo: [...new Set(input.openTo)],
				visibility: input.visibility,
				updatedAt: new Date(),
			})
			.where(eq(memberProfiles.userId, userId))
			.run()
	})
	return { ok: true }
}

/** Members whose conflict keys read a company's sector codes: those who work or worked there. */
function membersReadingCompany(companyId: string): string[] {
	return db
		.all<{ userId: string }>(
			sql`select user_id as userId from member_profiles where company_id = ${companyId}
				union select user_id from past_roles where company_id = ${companyId}`,
		)
		.map((row) => row.userId)
}

/**
 * Moves the member to a company (found by name, or created) and sets its primary code. A
 * company's codes are shared: changing them re-checks everyone who works or worked there.
 */
export function updateCompany(userId: string, input: z.infer<typeof CompanySchema>): EditOutcome {
	if (!describeNaicsCodes([input.primarySector]).has(input.primarySector))
		return fail('primarySector', unknownNaicsCode(input.primarySector))
	const { companyId, codesChanged } = db.transaction((tx) => {
		const companyId = findOrCreateCompany(tx, input.company, input.primarySector)
		const primary = tx
			.select({ code: companySectorCodes.code })
			.from(companySectorCodes)
			.where(and(eq(companySectorCodes.companyId, companyId), eq(companySectorCodes.isPrimary, true)))
			.get()
		const codesChanged = primary?.code !== input.primarySector
		if (codesChanged) {
			tx.delete(companySectorCodes)
				.where(and(eq(companySectorCodes.companyId, companyId), eq(companySectorCodes.isPrimary, true)))
				.run()
			tx.insert(companySectorCodes)
				.values({ companyId, code: input.primarySector, isPrimary: true })
				.onConflictDoUpdate({
					target: [companySectorCodes.companyId, companySectorCodes.code],
					set: { isPrimary: true },
				})
				.run()
		}
		tx.update(memberProfiles)
			.set({
				companyId,
				companySize: input.companySize ?? null,
				businessModel: input.businessModel,
				updatedAt: new Date(),
			})
			.where(eq(memberProfiles.userId, userId))
			.run()
		return { companyId, codesChanged }
	})
	const affected = new Set([userId, ...(codesChanged ? membersReadingCompany(companyId) : [])])
	return { ok: true, recheck: recheckMembers([...affected]) }
}

function ownCompanyId(userId: string) {
	return db
		.select({ companyId: memberProfiles.companyId })
		.from(memberProfiles)
		.where(eq(memberProfiles.userId, userId))
		.get()?.companyId
}

export function addSecondarySector(userId: string, code: string): EditOutcome {
	const companyId = ownCompanyId(userId)
	if (!companyId) return fail('sector', 'Complete your profile first.')
	if (!describeNaicsCodes([code]).has(code)) return fail('sector', unknownNaicsCode(code))
	const existing = db
		.select({ code: companySectorCodes.code })
		.from(companySectorCodes)
		.where(eq(companySectorCodes.companyId, companyId))
		.all()
	if (existing.some((row) => row.code === code)) return fail('sector', `Your company already has code ${code}.`)
	if (existing.length - 1 >= maxSecondarySectors)
		return fail('sector', `A company has at most ${maxSecondarySectors} secondary codes; remove one first.`)
	db.insert(companySectorCodes).values({ companyId, code, isPrimary: false }).run()
	return { ok: true, recheck: recheckMembers(membersReadingCompany(companyId)) }
}

export function removeSecondarySector(userId: string, code: string): EditOutcome {
	const companyId = ownCompanyId(userId)
	if (!companyId) return fail('id', 'Complete your profile first.')
	const removed = db
		.delete(companySectorCodes)
		.where(
			and(
				eq(companySectorCodes.companyId, companyId),
				eq(companySectorCodes.code, code),
				eq(companySectorCodes.isPrimary, false),
			),
		)
		.run()
	if (removed.changes === 0) return fail('id', 'That code is not one of your company’s secondary codes.')
	return { ok: true, recheck: recheckMembers(membersReadingCompany(companyId)) }
}

export function setExpertise(userId: string, tags: readonly ExpertiseTag[]): EditOutcome {
	db.transaction((tx) => {
		tx.delete(expertiseTags).where(eq(expertiseTags.userId, userId)).run()
		const unique = [...new Set(tags)]
		if (unique.length > 0)
			tx.insert(expertiseTags)
				.values(unique.map((tag) => ({ userId, tag })))
				.run()
	})
	return { ok: true }
}

/** A past employer; a company new to Crossroads needs its industry so rule 4 can compare sectors. */
export function addPastRole(userId: string, input: z.infer<typeof PastRoleSchema>): EditOutcome {
	const sectorCode = input.sector
	const roles = db.select({ total: count() }).from(pastRoles).where(eq(pastRoles.userId, userId)).get()?.total ?? 0
	if (roles >= listLimits.pastRoles)
		return fail('company', `You can list up to ${listLimits.pastRoles} past roles; remove an old one first.`)
	const known = findCompanyByName(db, input.company)
	if (!known && !sectorCode)
		return fail('sector', `${input.company} is new to Crossroads: pick its industry so we can check conflicts.`)
	if (sectorCode && !describeNaicsCodes([sectorCode]).has(sectorCode))
		return fail('sector', unknownNaicsCode(sectorCode))
	db.transaction((tx) => {
		tx.insert(pastRoles)
			.values({
				id: `rol_${crypto.randomUUID().replaceAll('-', '')}`,
				userId,
				companyId: known?.id ?? findOrCreateCompany(tx, input.company, sectorCode),
				title: input.title,
				startedAt: input.startedAt,
				endedAt: input.endedAt,
			})
			.run()
	})
	return { ok: true, recheck: recheckMembers([userId]) }
}

export function removePastRole(userId: string, roleId: string): EditOutcome {
	const removed = db
		.delete(pastRoles)
		.where(and(eq(pastRoles.id, roleId), eq(pastRoles.userId, userId)))
		.run()
	if (removed.changes === 0) return fail('id', 'That past role is not on your profile.')
	return { ok: true, recheck: recheckMembers([userId]) }
}

function familyOfOwnCompany(userId: string) {
	return db
		.select({ familyId: companies.familyId })
		.from(memberProfiles)
		.innerJoin(companies, eq(companies.id, memberProfiles.companyId))
		.where(eq(memberProfiles.userId, userId))
		.get()?.familyId
}

export function addCompetitor(userId: string, input: z.infer<typeof CompetitorSchema>): EditOutcome {
	const listed =
		db.select({ total: count() }).from(declaredCompetitors).where(eq(declaredCompetitors.userId, userId)).get()
			?.total ?? 0
	if (listed >= listLimits.competitors)
		return fail('company', `You can list up to ${listLimits.competitors} competitors; remove one first.`)
	const known = findCompanyByName(db, input.company)
	if (known && known.familyId === familyOfOwnCompany(userId))
		return fail('company', `${known.name} is part of your own company’s family; colleagues are already kept apart.`)
	const inserted = db.transaction((tx) =>
		tx
			.insert(declaredCompetitors)
			.values({ userId, companyId: known?.id ?? findOrCreateCompany(tx, input.company, null) })
			.onConflictDoNothing()
			.run(),
	)
	if (inserted.changes === 0) return fail('company', `${known?.name ?? input.company} is already on your list.`)
	return { ok: true, recheck: recheckMembers([userId]) }
}

export function removeCompetitor(userId: string, companyId: string): EditOutcome {
	const removed = db
		.delete(declaredCompetitors)
		.where(and(eq(declaredCompetitors.userId, userId), eq(declaredCompetitors.companyId, companyId)))
		.run()
	if (removed.changes === 0) return fail('id', 'That company is not on your competitor list.')
	return { ok: true, recheck: recheckMembers([userId]) }
}

function blockCount(userId: string) {
	return (
		db.select({ total: count() }).from(introductionBlocks).where(eq(introductionBlocks.userId, userId)).get()?.total ??
		0
	)
}

/** Checked in code: the table's unique index cannot see duplicates, as one of its columns is always null. */
function isBlocked(userId: string, target: SQL) {
	return (
		db
			.select({ id: introductionBlocks.id })
			.from(introductionBlocks)
			.where(and(eq(introductionBlocks.userId, userId), target))
			.get() !== undefined
	)
}

/** Adds a company to the private "don't introduce me" list. */
export function blockCompany(userId: string, input: z.infer<typeof BlockCompanySchema>): EditOutcome {
	if (blockCount(userId) >= listLimits.blocks)
		return fail('company', `Your private list holds up to ${listLimits.blocks} entries; remove one first.`)
	const known = findCompanyByName(db, input.company)
	if (known && isBlocked(userId, eq(introductionBlocks.blockedCompanyId, known.id)))
		return fail('company', `${known.name} is already on your private list.`)
	db.transaction((tx) => {
		tx.insert(introductionBlocks)
			.values({ userId, blockedCompanyId: known?.id ?? findOrCreateCompany(tx, input.company, null) })
			.run()
	})
	return { ok: true, recheck: recheckMembers([userId]) }
}

/** Adds a person to the private list (from their profile); they are never told. */
export function blockMember(userId: string, memberId: string): EditOutcome {
	if (memberId === userId) return fail('memberId', 'You cannot add yourself to your own list.')
	const member = db.select({ id: users.id }).from(users).where(eq(users.id, memberId)).get()
	if (!member) return fail('memberId', 'This member does not exist.')
	if (blockCount(userId) >= listLimits.blocks)
		return fail('memberId', `Your private list holds up to ${listLimits.blocks} entries; remove one first.`)
	// Idempotent: a double submit leaves one entry.
	if (!isBlocked(userId, eq(introductionBlocks.blockedUserId, memberId)))
		db.insert(introductionBlocks).values({ userId, blockedUserId: memberId }).run()
	return { ok: true, recheck: recheckMembers([userId]) }
}

export function removeBlock(userId: string, blockId: number): EditOutcome {
	const removed = db
		.delete(introductionBlocks)
		.where(and(eq(introductionBlocks.id, blockId), eq(introductionBlocks.userId, userId)))
		.run()
	if (removed.changes === 0) return fail('id', 'That entry is not on your private list.')
	return { ok: true, recheck: recheckMembers([userId]) }
}
