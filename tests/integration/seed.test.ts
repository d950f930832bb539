import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, isNotNull } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadSnapshots } from '../../app/features/conflicts/conflict-keys.server.ts'
import {
	defaultPolicySettings,
	evaluateConflict,
	explainConflict,
	rulesOf,
} from '../../app/features/conflicts/policy.ts'
import { regions } from '../../app/features/members/regions.ts'
import { sectorOf } from '../../app/features/sectors/naics.ts'
import { verifyPassword } from '../../app/utils/password.server.ts'
import { openDatabase, type AppDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import {
	businessModels,
	caseStudies,
	caseStudyComments,
	caseStudyVotes,
	collectionItems,
	collections,
	companies,
	companySectorCodes,
	companySizes,
	connections,
	conversationMembers,
	conversations,
	declaredCompetitors,
	expertiseTags,
	introductionBlocks,
	memberConflictKeys,
	meetingEvents,
	meetingOptions,
	meetingParticipants,
	meetings,
	meetingVotes,
	memberProfiles,
	messages,
	moderationAuditLog,
	notifications,
	pastRoles,
	reports,
	scheduledJobs,
	availabilitySettings,
	availabilityWindows,
	users,
} from '../../db/schema.ts'
import { unavailableSlots } from '../../app/features/scheduling/availability.server.ts'
import { db as appDatabase } from '../../app/utils/db.server.ts'
import { conflictShowcase, demoAccounts, demoPassword, isDatabaseEmpty, seedDemoData } from '../../db/seed.ts'
import { expertiseTagChoices } from '../../db/seed-data.ts'
import { meetingsSeed } from '../../db/seed-meetings.ts'
import { messagingSeed } from '../../db/seed-messaging.ts'
import { moderationSeed } from '../../db/seed-moderation.ts'

const directory = mkdtempSync(join(tmpdir(), 'crossroads-seed-'))
const databases: AppDatabase[] = []
let db: AppDatabase
let twin: AppDatabase
let seededMembers = 0
let emptyBeforeSeeding = false
const now = conflictShowcase.evaluatedAt
/** The clock the meetings are laid out from: the same for both databases, so they can be compared. */
const seededAt = Date.now()

function migratedDatabase(name: string) {
	const database = openDatabase(join(directory, name))
	databases.push(database)
	migrateDatabase(database)
	return database
}

/** Everything the seed writes except password hashes (argon2 salts them) and the clock-dependent conflict keys. */
function snapshot(database: AppDatabase) {
	return {
		users: database
			.select({
				id: users.id,
				email: users.email,
				name: users.name,
				role: users.role,
				status: users.status,
				applicationNote: users.applicationNote,
				reviewedAt: users.reviewedAt,
				reviewedBy: users.reviewedBy,
				createdAt: users.createdAt,
			})
			.from(users)
			.orderBy(users.id)
			.all(),
		companies: database.select().from(companies).orderBy(companies.id).all(),
		companyCodes: database
			.select()
			.from(companySectorCodes)
			.orderBy(companySectorCodes.companyId, companySectorCodes.code)
			.all(),
		profiles: database.select().from(memberProfiles).orderBy(memberProfiles.userId).all(),
		tags: database.select().from(expertiseTags).orderBy(expertiseTags.userId, expertiseTags.tag).all(),
		pastRoles: database.select().from(pastRoles).orderBy(pastRoles.id).all(),
		competitors: database
			.select()
			.from(declaredCompetitors)
			.orderBy(declaredCompetitors.userId, declaredCompetitors.companyId)
			.all(),
		blocks: database.select().from(introductionBlocks).orderBy(introductionBlocks.id).all(),
		connections: database.select().from(connections).orderBy(connections.id).all(),
		caseStudies: database.select().from(caseStudies).orderBy(caseStudies.id).all(),
		caseStudyVotes: database.select().from(caseStudyVotes).orderBy(caseStudyVotes.studyId, caseStudyVotes.userId).all(),
		caseStudyComments: database.select().from(caseStudyComments).orderBy(caseStudyComments.id).all(),
	}
}

/** Profiles joined with the company's primary NAICS code. */
function profilesWithSector(database: AppDatabase) {
	return database
		.select({
			userId: memberProfiles.userId,
			status: users.status,
			code: companySectorCodes.code,
			companyId: memberProfiles.companyId,
		})
		.from(memberProfiles)
		.innerJoin(users, eq(users.id, memberProfiles.userId))
		.innerJoin(
			companySectorCodes,
			and(eq(companySectorCodes.companyId, memberProfiles.companyId), eq(companySectorCodes.isPrimary, true)),
		)
		.orderBy(memberProfiles.userId)
		.all()
}

function activeProfiles(database: AppDatabase) {
	const { users: seededUsers, profiles } = snapshot(database)
	const activeIds = new Set(seededUsers.filter((user) => user.status === 'active').map((user) => user.id))
	return profiles.filter((profile) => activeIds.has(profile.userId))
}

function rulesBetween(database: AppDatabase, a: string, b: string) {
	const snapshots = loadSnapshots(database, [a, b])
	const verdict = evaluateConflict(snapshots.get(a)!, snapshots.get(b)!, defaultPolicySettings, now)
	return verdict.conflicted ? rulesOf(verdict) : []
}

beforeAll(async () => {
	// The app's own database: the scheduling queries the seed and these tests use (reminders,
	// unavailableSlots) read through it, so they must see what the seed wrote.
	db = appDatabase
	migrateDatabase(db)
	emptyBeforeSeeding = isDatabaseEmpty(db)
	seededMembers = (await seedDemoData(db, { now: seededAt })).members
	twin = migratedDatabase('second.db')
	await seedDemoData(twin, { now: seededAt })
})

afterAll(() => {
	for (const database of databases) database.$client.close()
	rmSync(directory, { recursive: true, force: true })
})

describe('seedDemoData', () => {
	test('fills an empty database with about 300 active members', () => {
		expect(emptyBeforeSeeding).toBe(true)
		expect(isDatabaseEmpty(db)).toBe(false)
		const active = snapshot(db).users.filter((user) => user.status === 'active')
		expect(active.length).toBe(seededMembers)
		expect(active.length).toBeGreaterThanOrEqual(290)
		expect(active.length).toBeLessThanOrEqual(310)
	})

	test('creates the three demo accounts with their roles and the demo password', async () => {
		const demoSectors = new Set<string>()
		const sectors = new Map(profilesWithSector(db).map((row) => [row.userId, row.code]))
		for (const account of demoAccounts) {
			const row = db
				.select({ user: users, profile: memberProfiles, company: companies })
				.from(users)
				.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
				.innerJoin(companies, eq(companies.id, memberProfiles.companyId))
				.where(eq(users.email, account.email))
				.get()
			expect(row?.user).toMatchObject({ name: account.name, role: account.role, status: 'active' })
			expect(await verifyPassword(row?.user.passwordHash ?? '', demoPassword)).toBe(true)
			expect(row?.profile.title).toBeTruthy()
			expect(row?.profile.headline).toBeTruthy()
			expect(row?.profile.bio).toBeTruthy()
			expect(row?.company.name).toBeTruthy()
			demoSectors.add(sectorOf(sectors.get(row?.user.id ?? '') ?? ''))
		}
		expect(demoSectors.size).toBe(3)
		const maya = db
			.select({ company: companies.name, code: companySectorCodes.code })
			.from(users)
			.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
			.innerJoin(companies, eq(companies.id, memberProfiles.companyId))
			.innerJoin(companySectorCodes, eq(companySectorCodes.companyId, companies.id))
			.where(eq(users.email, 'member@crossroads.test'))
			.all()
		expect(maya).toEqual([{ company: 'Northwind Provisions', code: '445110' }])
	})

	test('spreads members over many sectors, with same-industry-group competitors', () => {
		const codes = profilesWithSector(db)
			.filter((row) => row.status === 'active')
			.map((row) => row.code)
		expect(codes.length).toBe(seededMembers)
		expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true)
		expect(new Set(codes.map(sectorOf)).size).toBeGreaterThanOrEqual(18)
		for (const industryGroup of ['4451', '5132', '5221']) {
			expect(codes.filter((code) => code.startsWith(industryGroup)).length).toBeGreaterThanOrEqual(3)
		}
	})

	test('creates one company per name, each with one primary code and some diversified', () => {
		const { companies: seededCompanies, companyCodes, profiles } = snapshot(db)
		expect(new Set(seededCompanies.map((company) => company.nameKey)).size).toBe(seededCompanies.length)
		for (const company of seededCompanies) {
			expect(company.id).toMatch(/^cmp_\d{4}$/)
			const own = companyCodes.filter((row) => row.companyId === company.id)
			expect(own.filter((row) => row.isPrimary).length).toBe(1)
			for (const row of own) expect(row.code).toMatch(/^\d{6}$/)
		}
		const diversified = new Set(companyCodes.filter((row) => !row.isPrimary).map((row) => row.companyId)).size
		expect(diversified / seededCompanies.length).toBeGreaterThan(0.1)
		expect(diversified / seededCompanies.length).toBeLessThan(0.2)
		// One member per company, as before the companies table.
		expect(new Set(profiles.map((profile) => profile.companyId)).size).toBe(profiles.length)
	})

	test('builds corporate families whose members sit in different sectors', () => {
		const { companies: seededCompanies } = snapshot(db)
		const byId = new Map(seededCompanies.map((company) => [company.id, company]))
		for (const company of seededCompanies) {
			if (company.parentId === null) expect(company.familyId).toBe(company.id)
			else expect(company.familyId).toBe(byId.get(company.parentId)?.familyId)
		}
		const children = seededCompanies.filter((company) => company.parentId !== null)
		const families = new Set(children.map((company) => company.familyId))
		expect(families.size).toBeGreaterThanOrEqual(2)
		expect(families.size).toBeLessThanOrEqual(3)
		const sectors = new Map(profilesWithSector(db).map((row) => [row.companyId, row.code]))
		for (const family of families) {
			const memberCodes = children
				.filter((company) => company.familyId === family)
				.map((company) => sectors.get(company.id))
			expect(memberCodes.every(Boolean)).toBe(true)
			expect(new Set(memberCodes.map((code) => sectorOf(code ?? ''))).size).toBe(memberCodes.length)
		}
	})

	test('fills headline, company size and business model on every profile', () => {
		for (const profile of snapshot(db).profiles) {
			expect(profile.headline.length).toBeGreaterThan(10)
			expect(companySizes).toContain(profile.companySize)
			expect(businessModels).toContain(profile.businessModel)
		}
	})

	test('spreads members over regions and valid IANA time zones', () => {
		const profiles = activeProfiles(db)
		const seededRegions = new Set(profiles.map((profile) => profile.region))
		expect(seededRegions.size).toBeGreaterThanOrEqual(4)
		for (const region of seededRegions) expect(regions).toContain(region)
		const timeZones = new Set(profiles.map((profile) => profile.timeZone))
		expect(timeZones.size).toBeGreaterThanOrEqual(8)
		for (const timeZone of timeZones) {
			expect(() => new Intl.DateTimeFormat('en', { timeZone })).not.toThrow()
		}
	})

	test('gives every user a profile and 2–5 known expertise tags', () => {
		const { users: seededUsers, profiles, tags } = snapshot(db)
		expect(profiles.map((profile) => profile.userId)).toEqual(seededUsers.map((user) => user.id))
		const known = new Set<string>(expertiseTagChoices.map(({ tag }) => tag))
		for (const user of seededUsers) {
			const own = tags.filter((tag) => tag.userId === user.id)
			expect(own.length).toBeGreaterThanOrEqual(2)
			expect(own.length).toBeLessThanOrEqual(5)
			for (const { tag } of own) expect(known.has(tag)).toBe(true)
			expect(user.email).toBe(user.email.trim().toLowerCase())
		}
	})

	test('gives about 40% of members 1–2 past roles, recent ones in the 2026 window, old ones before 2024', () => {
		const { users: seededUsers, pastRoles: roles } = snapshot(db)
		const withRoles = new Set(roles.map((role) => role.userId))
		expect(withRoles.size / seededUsers.length).toBeGreaterThan(0.3)
		expect(withRoles.size / seededUsers.length).toBeLessThan(0.5)
		for (const userId of withRoles) expect(roles.filter((role) => role.userId === userId).length).toBeLessThanOrEqual(2)
		const recentFrom = Date.UTC(2026, 5, 1)
		const recentTo = Date.UTC(2026, 10, 1)
		let recent = 0
		for (const role of roles) {
			expect(role.title).toBeTruthy()
			expect(role.startedAt.getTime()).toBeLessThan(role.endedAt.getTime())
			const ended = role.endedAt.getTime()
			if (ended >= recentFrom) {
				expect(ended).toBeLessThanOrEqual(recentTo)
				recent++
			} else expect(ended).toBeLessThan(Date.UTC(2024, 0, 1))
		}
		expect(recent).toBeGreaterThan(10)
	})

	test('declares about 20 competitors and a few private lists', () => {
		const { competitors, blocks } = snapshot(db)
		expect(competitors.length).toBeGreaterThanOrEqual(15)
		expect(competitors.length).toBeLessThanOrEqual(30)
		expect(blocks.some((block) => block.blockedCompanyId !== null)).toBe(true)
		expect(blocks.some((block) => block.blockedUserId !== null)).toBe(true)
		for (const block of blocks) expect((block.blockedUserId === null) !== (block.blockedCompanyId === null)).toBe(true)
	})

	test('shows every rule of the policy at work in the showcase, each pair by exactly one rule', () => {
		const expected = new Set(conflictShowcase.pairs.map((pair) => pair.rule))
		for (const rule of [
			'same-sector',
			'same-company',
			'declared-competitor',
			'recent-employer',
			'do-not-introduce',
			null,
		] as const) {
			expect(expected.has(rule)).toBe(true)
		}
		const emails = new Map(snapshot(db).users.map((user) => [user.id, user.email]))
		for (const pair of conflictShowcase.pairs) {
			expect(emails.has(pair.viewer) && emails.has(pair.other)).toBe(true)
			const snapshots = loadSnapshots(db, [pair.viewer, pair.other])
			const verdict = evaluateConflict(
				snapshots.get(pair.viewer)!,
				snapshots.get(pair.other)!,
				defaultPolicySettings,
				now,
			)
			expect({ pair, rules: verdict.conflicted ? rulesOf(verdict) : [] }).toEqual({
				pair,
				rules: pair.rule ? [pair.rule] : [],
			})
			const seen = verdict.conflicted ? explainConflict(verdict, pair.viewer, () => undefined).rule : null
			expect({ pair, seen }).toEqual({ pair, seen: pair.viewerSees })
			// The app compares with the real clock: the showcase holds for it too.
			const today = evaluateConflict(
				snapshots.get(pair.viewer)!,
				snapshots.get(pair.other)!,
				defaultPolicySettings,
				Date.now(),
			)
			expect(today.conflicted ? rulesOf(today) : []).toEqual(pair.rule ? [pair.rule] : [])
		}
		// The named people are who the export says they are.
		for (const person of [
			conflictShowcase.demoMember,
			...conflictShowcase.sameSector,
			conflictShowcase.corporateFamily.withMember,
			conflictShowcase.declaredCompetitor.listedByMember,
			conflictShowcase.recentEmployer.sameSector,
			conflictShowcase.doNotIntroduce.listsMember,
		]) {
			expect(emails.get(person.userId)).toBe(person.email)
		}
	})

	test('gives Maya several same-industry-group peers', () => {
		const maya = conflictShowcase.demoMember.userId
		const grocers = profilesWithSector(db).filter(
			(row) => row.status === 'active' && row.userId !== maya && row.code.startsWith('4451'),
		)
		expect(grocers.length).toBeGreaterThanOrEqual(5)
		const sameSectorOnly = grocers.filter((row) => rulesBetween(db, maya, row.userId).join() === 'same-sector')
		expect(sameSectorOnly.length).toBeGreaterThanOrEqual(5)
	})

	test('connects only members the policy lets meet', () => {
		const rows = snapshot(db).connections
		expect(rows.length).toBeGreaterThanOrEqual(130)
		expect(rows.length).toBeLessThanOrEqual(170)
		const statuses = new Map<string, number>()
		for (const row of rows) statuses.set(row.status, (statuses.get(row.status) ?? 0) + 1)
		expect(statuses.get('accepted')).toBeGreaterThan(rows.length / 2)
		expect(statuses.get('pending')).toBeGreaterThan(0)
		expect(statuses.get('declined')).toBeGreaterThan(0)

		const active = new Set(
			snapshot(db)
				.users.filter((user) => user.status === 'active')
				.map((user) => user.id),
		)
		const snapshots = loadSnapshots(db, 'all')
		for (const row of rows) {
			expect(row.pairKey).toBe([row.requesterId, row.addresseeId].sort().join('|'))
			expect(row.id).toMatch(/^con_\d{4}$/)
			expect(active.has(row.requesterId) && active.has(row.addresseeId)).toBe(true)
			expect(row.suspendedAt).toBeNull()
			expect(row.respondedAt === null).toBe(row.status === 'pending')
			expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-01-15T09:00:00Z'))
			const verdict = evaluateConflict(
				snapshots.get(row.requesterId)!,
				snapshots.get(row.addresseeId)!,
				defaultPolicySettings,
				now,
			)
			expect({ pair: row.pairKey, conflicted: verdict.conflicted }).toEqual({ pair: row.pairKey, conflicted: false })
		}
	})

	test('gives Maya accepted connections, requests waiting for her and one of her own', () => {
		const maya = conflictShowcase.demoMember.userId
		const rows = snapshot(db).connections.filter((row) => row.requesterId === maya || row.addresseeId === maya)
		const accepted = rows.filter((row) => row.status === 'accepted')
		const incoming = rows.filter((row) => row.status === 'pending' && row.addresseeId === maya)
		const outgoing = rows.filter((row) => row.status === 'pending' && row.requesterId === maya)
		expect(accepted.length).toBe(conflictShowcase.memberConnections.accepted)
		expect(incoming.length).toBe(conflictShowcase.memberConnections.pendingIncoming)
		expect(outgoing.length).toBe(conflictShowcase.memberConnections.pendingOutgoing)
		expect(rows.length).toBe(accepted.length + incoming.length + outgoing.length)
		expect(accepted.length).toBe(8)
		expect(incoming.length).toBe(2)
		expect(outgoing.length).toBe(1)
		// Her former Harvest Lane colleague, past the cooling-off period, is among them.
		const grace = conflictShowcase.recentEmployer.pastCoolingOff.userId
		expect(accepted.some((row) => row.requesterId === grace || row.addresseeId === grace)).toBe(true)
	})

	test('compiles conflict keys for every member with a profile', () => {
		const profiles = snapshot(db).profiles.map((profile) => profile.userId)
		const withKeys = new Set(
			db
				.selectDistinct({ userId: memberConflictKeys.userId })
				.from(memberConflictKeys)
				.all()
				.map((row) => row.userId),
		)
		for (const userId of profiles) expect(withKeys.has(userId)).toBe(true)
		const maya = conflictShowcase.demoMember.userId
		const mayaKeys = db.select().from(memberConflictKeys).where(eq(memberConflictKeys.userId, maya)).all()
		expect(mayaKeys.map((row) => row.key)).toEqual(expect.arrayContaining([`user:${maya}`, 'sector-top:4:4451']))
	})

	test('queues applicants with an application note', () => {
		const applicants = snapshot(db).users.filter((user) => user.status === 'applicant')
		expect(applicants.length).toBe(6)
		for (const applicant of applicants) {
			expect(applicant.applicationNote.length).toBeGreaterThan(20)
			expect(applicant.reviewedAt).toBeNull()
		}
	})

	test('writes case studies in every state of review, some kept from competitors', () => {
		const studies = snapshot(db).caseStudies
		const byStatus = new Map<string, number>()
		for (const study of studies) byStatus.set(study.status, (byStatus.get(study.status) ?? 0) + 1)
		expect(Object.fromEntries(byStatus)).toEqual({
			published: 13,
			submitted: 3,
			'changes-requested': 2,
			draft: 2,
		})
		expect(new Set(studies.map((study) => study.readers))).toEqual(new Set(['all', 'non-conflicted']))
		for (const study of studies) {
			expect(study.reviewNote !== null).toBe(study.status === 'changes-requested')
			expect(study.publishedAt !== null).toBe(study.status === 'published')
			// Case studies are recent work, dated back from the policy's fixed "now".
			expect(study.updatedAt.getTime()).toBeLessThanOrEqual(conflictShowcase.evaluatedAt)
		}
		const maya = conflictShowcase.demoMember.userId
		expect(
			studies
				.filter((study) => study.authorId === maya)
				.map((study) => study.status)
				.sort(),
		).toEqual(['changes-requested', 'draft', 'published'])
		// A grocer in conflict with Maya keeps a published study from her: the filter is visible.
		const hannah = conflictShowcase.sameSector[0]!.userId
		expect(rulesBetween(db, maya, hannah)).toEqual(['same-sector'])
		expect(studies.find((study) => study.authorId === hannah)).toMatchObject({
			status: 'published',
			readers: 'non-conflicted',
		})
		// Each study's count of useful votes matches its vote rows.
		const votes = snapshot(db).caseStudyVotes
		for (const study of studies)
			expect(votes.filter((vote) => vote.studyId === study.id)).toHaveLength(study.usefulCount)
		expect(votes.length).toBeGreaterThan(50)
		expect(snapshot(db).caseStudyComments.length).toBeGreaterThan(5)
	})

	test('uses fixed timestamps, never the clock', () => {
		const base = Date.parse('2026-01-15T09:00:00Z')
		const { users: seededUsers, companies: seededCompanies, blocks } = snapshot(db)
		for (const user of seededUsers) expect(user.createdAt.getTime()).toBeLessThanOrEqual(base)
		for (const company of seededCompanies) expect(company.createdAt.getTime()).toBeLessThanOrEqual(base)
		for (const block of blocks) expect(block.createdAt.getTime()).toBeLessThanOrEqual(base)
	})

	test('is deterministic: a second fresh database gets identical rows', () => {
		expect(snapshot(twin)).toEqual(snapshot(db))
	})

	test('keeps every foreign key valid, including NAICS codes', () => {
		for (const database of [db, twin]) {
			expect(database.$client.pragma('foreign_key_check')).toEqual([])
		}
	})
})

describe('seedModeration', () => {
	const moderatorOf = (database: AppDatabase) =>
		database.select({ id: users.id }).from(users).where(eq(users.email, 'moderator@crossroads.test')).get()!.id

	function moderationSnapshot(database: AppDatabase) {
		return {
			featured: database
				.select({ id: caseStudies.id, featuredAt: caseStudies.featuredAt, featuredBy: caseStudies.featuredBy })
				.from(caseStudies)
				.where(isNotNull(caseStudies.featuredAt))
				.orderBy(caseStudies.id)
				.all(),
			collections: database.select().from(collections).orderBy(collections.id).all(),
			items: database
				.select()
				.from(collectionItems)
				.orderBy(collectionItems.collectionId, collectionItems.position)
				.all(),
			reports: database.select().from(reports).orderBy(reports.id).all(),
			audit: database.select().from(moderationAuditLog).orderBy(moderationAuditLog.id).all(),
		}
	}

	test('features three published, visible studies, by the demo moderator', () => {
		const { featured } = moderationSnapshot(db)
		expect(featured).toHaveLength(moderationSeed.featured)
		for (const row of featured) {
			const study = db.select().from(caseStudies).where(eq(caseStudies.id, row.id)).get()!
			expect(study).toMatchObject({ status: 'published', hiddenAt: null, featuredBy: moderatorOf(db) })
			expect(study.authorId).not.toBe(moderatorOf(db))
		}
	})

	test('builds the two collections with intros and 3–4 published studies each, in positions 1…n', () => {
		const { collections: seeded, items } = moderationSnapshot(db)
		expect(seeded.map((row) => [row.title, row.slug])).toEqual([
			['Loyalty loops that worked', 'loyalty-loops-that-worked'],
			['B2B brand on a budget', 'b2b-brand-on-a-budget'],
		])
		for (const collection of seeded) {
			expect(collection.intro.length).toBeGreaterThan(50)
			const own = items.filter((item) => item.collectionId === collection.id)
			expect(own.length).toBeGreaterThanOrEqual(3)
			expect(own.length).toBeLessThanOrEqual(4)
			expect(own.map((item) => item.position)).toEqual(own.map((_, index) => index + 1))
			for (const item of own)
				expect(db.select().from(caseStudies).where(eq(caseStudies.id, item.studyId)).get()).toMatchObject({
					status: 'published',
					hiddenAt: null,
				})
		}
	})

	test('files three open reports and two resolved by the moderator', () => {
		const { reports: seeded } = moderationSnapshot(db)
		expect(seeded.filter((row) => row.status === 'open')).toHaveLength(
			moderationSeed.openReports + messagingSeed.openReports,
		)
		const resolved = seeded.filter((row) => row.status !== 'open')
		expect(resolved).toHaveLength(moderationSeed.resolvedReports)
		for (const row of resolved) expect(row).toMatchObject({ resolvedBy: moderatorOf(db) })
		expect(new Set(seeded.map((row) => row.targetType)).size).toBeGreaterThanOrEqual(2)
	})

	test('writes one audit entry per seeded moderator action, by the moderator', () => {
		const { featured, collections: seeded, items, reports: seededReports, audit } = moderationSnapshot(db)
		expect(audit.every((entry) => entry.actorId === moderatorOf(db))).toBe(true)
		const actions = audit.map((entry) => entry.action)
		expect(actions.filter((action) => action === 'study.feature')).toHaveLength(featured.length)
		expect(actions.filter((action) => action === 'collection.create')).toHaveLength(seeded.length)
		expect(actions.filter((action) => action === 'collection.add-study')).toHaveLength(items.length)
		const resolved = seededReports.filter((row) => row.status !== 'open')
		expect(actions.filter((action) => action.startsWith('report.')).sort()).toEqual(
			resolved.map((row) => `report.${row.resolution}`).sort(),
		)
		expect(audit).toHaveLength(featured.length + seeded.length + items.length + resolved.length)
		for (const entry of audit) expect(entry.createdAt.getTime()).toBeLessThanOrEqual(conflictShowcase.evaluatedAt)
	})

	test('is deterministic', () => {
		expect(moderationSnapshot(twin)).toEqual(moderationSnapshot(db))
	})
})

describe('the messaging seed', () => {
	const maya = conflictShowcase.demoMember.userId

	function messagingSnapshot(database: AppDatabase) {
		return {
			conversations: database.select().from(conversations).orderBy(conversations.id).all(),
			members: database
				.select()
				.from(conversationMembers)
				.orderBy(conversationMembers.conversationId, conversationMembers.userId)
				.all(),
			messages: database.select().from(messages).orderBy(messages.id).all(),
		}
	}

	const membersOf = (conversationId: string) =>
		messagingSnapshot(db).members.filter((member) => member.conversationId === conversationId)

	test('the demo member has four direct conversations, with unread, edited and deleted messages', () => {
		const mine = messagingSnapshot(db).members.filter((member) => member.userId === maya)
		const direct = messagingSnapshot(db).conversations.filter(
			(conversation) => conversation.kind === 'direct' && mine.some((m) => m.conversationId === conversation.id),
		)
		expect(direct).toHaveLength(messagingSeed.directConversations)
		const all = messagingSnapshot(db).messages
		expect(all.filter((message) => message.editedAt !== null)).toHaveLength(1)
		expect(all.filter((message) => message.deletedAt !== null)).toEqual([expect.objectContaining({ body: '' })])
		const unread = (conversationId: string) => {
			const lastRead = mine.find((member) => member.conversationId === conversationId)!.lastReadMessageId
			return all.filter(
				(message) =>
					message.conversationId === conversationId &&
					message.id > lastRead &&
					message.senderId !== maya &&
					message.deletedAt === null,
			).length
		}
		expect(direct.filter((conversation) => unread(conversation.id) > 0).length).toBeGreaterThanOrEqual(2)
		for (const conversation of direct) {
			const own = all.filter((message) => message.conversationId === conversation.id)
			expect(conversation.lastMessageId).toBe(own.at(-1)!.id)
			expect(own.length).toBeGreaterThanOrEqual(4)
		}
		// Change ids are unique and an edit or deletion came after every insert.
		expect(new Set(all.map((message) => message.changeId)).size).toBe(all.length)
	})

	test('she hosts a roundtable with four members and one invitation, and is invited to another', () => {
		const { conversations: rooms } = messagingSnapshot(db)
		const hosted = rooms.find((room) => room.title === messagingSeed.hostedRoundtable.title)!
		expect(hosted).toMatchObject({ kind: 'roundtable', createdBy: maya, suspendedAt: null })
		const seats = membersOf(hosted.id)
		expect(seats.filter((seat) => seat.status === 'joined')).toHaveLength(messagingSeed.hostedRoundtable.joined + 1)
		expect(seats.filter((seat) => seat.status === 'invited')).toHaveLength(messagingSeed.hostedRoundtable.invited)
		expect(seats.filter((seat) => seat.role === 'host').map((seat) => seat.userId)).toEqual([maya])

		const invitation = rooms.find((room) => room.title === messagingSeed.invitation.title)!
		expect(membersOf(invitation.id).find((seat) => seat.userId === maya)).toMatchObject({ status: 'invited' })
		expect(
			db
				.select({ link: notifications.link })
				.from(notifications)
				.where(and(eq(notifications.userId, maya), eq(notifications.kind, 'roundtable-invited')))
				.all(),
		).toEqual([{ link: `/messages/${invitation.id}` }])
	})

	test('one roundtable message is reported, by a member of the room who did not send it', () => {
		const reported = db.select().from(reports).where(eq(reports.targetType, 'message')).all()
		expect(reported).toHaveLength(messagingSeed.openReports)
		const message = messagingSnapshot(db).messages.find((row) => String(row.id) === reported[0]!.targetId)!
		expect(reported[0]).toMatchObject({ status: 'open', reporterId: maya })
		expect(message.senderId).not.toBe(maya)
		expect(membersOf(message.conversationId).map((seat) => seat.userId)).toContain(maya)
	})

	test('no seeded conversation seats two members in conflict, and every direct pair is connected', () => {
		const { conversations: all } = messagingSnapshot(db)
		for (const conversation of all) {
			const seated = membersOf(conversation.id)
				.filter((seat) => seat.status === 'joined' || seat.status === 'invited')
				.map((seat) => seat.userId)
			for (let i = 0; i < seated.length; i++)
				for (let j = i + 1; j < seated.length; j++) expect(rulesBetween(db, seated[i]!, seated[j]!)).toEqual([])
			if (conversation.kind === 'direct')
				expect(db.select().from(connections).where(eq(connections.pairKey, conversation.pairKey!)).get()).toMatchObject(
					{ status: 'accepted', suspendedAt: null },
				)
		}
	})

	test('is deterministic', () => {
		expect(messagingSnapshot(twin)).toEqual(messagingSnapshot(db))
	})
})

describe('the meetings seed', () => {
	const maya = conflictShowcase.demoMember.userId

	function meetingsSnapshot(database: AppDatabase) {
		return {
			meetings: database.select().from(meetings).orderBy(meetings.id).all(),
			participants: database
				.select()
				.from(meetingParticipants)
				.orderBy(meetingParticipants.meetingId, meetingParticipants.userId)
				.all(),
			options: database.select().from(meetingOptions).orderBy(meetingOptions.id).all(),
			votes: database.select().from(meetingVotes).orderBy(meetingVotes.optionId, meetingVotes.userId).all(),
			events: database.select().from(meetingEvents).orderBy(meetingEvents.id).all(),
			jobs: database
				.select({ dedupeKey: scheduledJobs.dedupeKey, runAt: scheduledJobs.runAt, status: scheduledJobs.status })
				.from(scheduledJobs)
				.orderBy(scheduledJobs.dedupeKey)
				.all(),
		}
	}
	const seeded = () => meetingsSnapshot(db)
	const participantsOf = (meetingId: string) =>
		seeded()
			.participants.filter((row) => row.meetingId === meetingId)
			.map((row) => row.userId)
	const eventsOf = (meetingId: string) =>
		seeded()
			.events.filter((row) => row.meetingId === meetingId)
			.map((row) => row.action)

	test('every meeting state is there for the demo member, each with the events that tell its story', () => {
		const mine = seeded().meetings.filter((meeting) => participantsOf(meeting.id).includes(maya))
		expect(mine).toHaveLength(meetingsSeed.directMeetings + 1)
		const pending = mine.filter((meeting) => meeting.status === 'pending' && meeting.kind === 'direct')
		expect(pending.filter((meeting) => meeting.awaitingUserId === maya && meeting.round === 1)).toHaveLength(1)
		expect(pending.filter((meeting) => meeting.awaitingUserId !== maya && meeting.organizerId === maya)).toHaveLength(1)
		const countered = pending.find((meeting) => meeting.round === 2)!
		expect(countered).toMatchObject({ awaitingUserId: maya, organizerId: maya })
		expect(eventsOf(countered.id)).toEqual(['proposed', 'countered'])
		const roundOptions = (meetingId: string, round: number) =>
			seeded().options.filter((option) => option.meetingId === meetingId && option.round === round)
		expect(roundOptions(countered.id, 1)).toHaveLength(3)
		expect(roundOptions(countered.id, 2).every((option) => option.proposedBy !== maya)).toBe(true)

		const confirmed = mine.filter((meeting) => meeting.status === 'confirmed')
		const upcoming = confirmed.filter((meeting) => meeting.startsAt!.getTime() > seededAt)
		const past = confirmed.filter((meeting) => meeting.endsAt!.getTime() < seededAt)
		expect(upcoming.length).toBeGreaterThanOrEqual(2)
		expect(past).toHaveLength(1)
		const reflection = seeded().participants.find((row) => row.meetingId === past[0]!.id && row.userId === maya)!
		expect(reflection).toMatchObject({ wouldMeetAgain: true, reflectedAt: expect.any(Date) })
		expect(reflection.reflection.length).toBeGreaterThan(20)
		expect(reflection.reflectedAt!.getTime()).toBeGreaterThan(past[0]!.endsAt!.getTime())
		// One upcoming meeting this week (Monday to Sunday in her zone), with an agenda.
		const week = DateTime.fromMillis(seededAt, { zone: 'America/Chicago' })
		expect(
			upcoming.filter(
				(meeting) =>
					meeting.agenda &&
					DateTime.fromMillis(meeting.startsAt!.getTime(), { zone: 'America/Chicago' }).hasSame(week, 'week'),
			).length,
		).toBeGreaterThanOrEqual(week.weekday === 7 && week.hour >= 20 ? 0 : 1)

		const rescheduled = upcoming.find((meeting) => meeting.sequence === meetingsSeed.rescheduledSequence)!
		expect(rescheduled.round).toBe(2)
		expect(eventsOf(rescheduled.id)).toEqual(['proposed', 'accepted', 'rescheduled', 'accepted'])
		expect(roundOptions(rescheduled.id, 2).map((option) => option.startsAt)).toContainEqual(rescheduled.startsAt)

		const declined = mine.filter((meeting) => meeting.status === 'declined')
		expect(declined).toHaveLength(1)
		expect(
			seeded().events.find((event) => event.meetingId === declined[0]!.id && event.action === 'declined'),
		).toMatchObject({ actorId: maya, note: expect.stringMatching(/\w/) })
		const cancelled = mine.filter((meeting) => meeting.status === 'cancelled')
		expect(cancelled).toHaveLength(1)
		expect(cancelled[0]!.sequence).toBe(2)
		expect(
			seeded().events.find((event) => event.meetingId === cancelled[0]!.id && event.action === 'cancelled')!.note,
		).not.toBe('')

		for (const meeting of mine) {
			expect(seeded().options.filter((option) => option.meetingId === meeting.id).length).toBeGreaterThan(0)
			expect(eventsOf(meeting.id)[0]).toBe('proposed')
		}
	})

	test('the roundtable she hosts has her proposal, with votes from members of the room', () => {
		const room = db
			.select()
			.from(conversations)
			.where(eq(conversations.title, messagingSeed.hostedRoundtable.title))
			.get()!
		const proposal = seeded().meetings.find((meeting) => meeting.kind === 'roundtable')!
		expect(proposal).toMatchObject({
			topic: meetingsSeed.roundtableTopic,
			organizerId: maya,
			conversationId: room.id,
			status: 'pending',
			awaitingUserId: null,
		})
		const joined = db
			.select({ userId: conversationMembers.userId })
			.from(conversationMembers)
			.where(and(eq(conversationMembers.conversationId, room.id), eq(conversationMembers.status, 'joined')))
			.all()
			.map((row) => row.userId)
		expect(participantsOf(proposal.id).sort()).toEqual(joined.sort())
		const options = seeded().options.filter((option) => option.meetingId === proposal.id)
		expect(options).toHaveLength(3)
		const votes = seeded().votes.filter((vote) => options.some((option) => option.id === vote.optionId))
		expect(new Set(votes.map((vote) => vote.userId)).size).toBeGreaterThanOrEqual(2)
		for (const vote of votes) expect(joined.filter((id) => id !== maya)).toContain(vote.userId)
	})

	test('no seeded meeting joins members in conflict, and every direct pair is connected', () => {
		for (const meeting of seeded().meetings) {
			const seated = participantsOf(meeting.id)
			for (let i = 0; i < seated.length; i++)
				for (let j = i + 1; j < seated.length; j++) expect(rulesBetween(db, seated[i]!, seated[j]!)).toEqual([])
			if (meeting.kind === 'direct')
				expect(
					db
						.select()
						.from(connections)
						.where(eq(connections.pairKey, [...seated].sort().join('|')))
						.get(),
				).toMatchObject({ status: 'accepted', suspendedAt: null })
		}
	})

	test('reminders are queued for confirmed meetings ahead, none for past, pending or cancelled ones', () => {
		const { meetings: all, jobs } = seeded()
		const ahead = all.filter((meeting) => meeting.status === 'confirmed' && meeting.startsAt!.getTime() > seededAt)
		for (const meeting of ahead)
			expect(jobs.filter((job) => job.dedupeKey.startsWith(`meeting-reminder:${meeting.id}:`)).length).toBeGreaterThan(
				0,
			)
		for (const job of jobs) {
			expect(ahead.map((meeting) => meeting.id)).toContain(job.dedupeKey.split(':')[1])
			expect(job.runAt.getTime()).toBeGreaterThan(seededAt)
		}
	})

	test('every time a pending meeting still offers is free for all its participants', () => {
		const { meetings: all, options, participants } = seeded()
		const open = all.filter((meeting) => meeting.status === 'pending')
		expect(open.length).toBeGreaterThanOrEqual(4)
		for (const meeting of open) {
			const offered = options
				.filter((option) => option.meetingId === meeting.id && option.round === meeting.round)
				.map((option) => ({ start: option.startsAt.getTime(), end: option.endsAt.getTime() }))
			// The seed lays them out from the same clock as this file, so they are all still ahead.
			expect(offered.every((slot) => slot.start > seededAt)).toBe(true)
			const seated = participants.filter((row) => row.meetingId === meeting.id).map((row) => row.userId)
			expect({ meeting: meeting.id, unavailable: unavailableSlots(seated, offered) }).toEqual({
				meeting: meeting.id,
				unavailable: [],
			})
		}
	})

	test('the demo member and a few peers have saved availability', () => {
		const saved = db.select().from(availabilitySettings).all()
		expect(saved.map((row) => row.userId)).toContain(maya)
		expect(saved.length).toBeGreaterThanOrEqual(3)
		const windows = db.select().from(availabilityWindows).where(eq(availabilityWindows.userId, maya)).all()
		expect(windows.filter((window) => window.weekday === 5)).toEqual([
			expect.objectContaining({ startMinute: 9 * 60, endMinute: 13 * 60 }),
		])
		expect(windows.some((window) => window.weekday > 5)).toBe(false)
	})

	test('is deterministic for the same clock', () => {
		expect(meetingsSnapshot(twin)).toEqual(meetingsSnapshot(db))
	})
})
