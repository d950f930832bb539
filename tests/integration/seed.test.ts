import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { regions } from '../../app/features/members/regions.ts'
import { sectorOf } from '../../app/features/sectors/naics.ts'
import { verifyPassword } from '../../app/utils/password.server.ts'
import { openDatabase, type AppDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { expertiseTags, memberProfiles, users } from '../../db/schema.ts'
import { demoAccounts, demoPassword, isDatabaseEmpty, seedDemoData } from '../../db/seed.ts'
import { expertiseTagChoices } from '../../db/seed-data.ts'

const directory = mkdtempSync(join(tmpdir(), 'crossroads-seed-'))
const databases: AppDatabase[] = []
let db: AppDatabase
let twin: AppDatabase
let seededMembers = 0
let emptyBeforeSeeding = false

function migratedDatabase(name: string) {
	const database = openDatabase(join(directory, name))
	databases.push(database)
	migrateDatabase(database)
	return database
}

/** Everything the seed writes except password hashes, which argon2 salts differently each run. */
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
		profiles: database.select().from(memberProfiles).orderBy(memberProfiles.userId).all(),
		tags: database.select().from(expertiseTags).orderBy(expertiseTags.userId, expertiseTags.tag).all(),
	}
}

function activeProfiles(database: AppDatabase) {
	const { users: seededUsers, profiles } = snapshot(database)
	const activeIds = new Set(seededUsers.filter((user) => user.status === 'active').map((user) => user.id))
	return profiles.filter((profile) => activeIds.has(profile.userId))
}

beforeAll(async () => {
	db = migratedDatabase('first.db')
	emptyBeforeSeeding = isDatabaseEmpty(db)
	seededMembers = (await seedDemoData(db)).members
	twin = migratedDatabase('second.db')
	await seedDemoData(twin)
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
		for (const account of demoAccounts) {
			const row = db
				.select({ user: users, profile: memberProfiles })
				.from(users)
				.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
				.where(eq(users.email, account.email))
				.get()
			expect(row?.user).toMatchObject({ name: account.name, role: account.role, status: 'active' })
			expect(await verifyPassword(row?.user.passwordHash ?? '', demoPassword)).toBe(true)
			expect(row?.profile.title).toBeTruthy()
			expect(row?.profile.company).toBeTruthy()
			expect(row?.profile.bio).toBeTruthy()
			demoSectors.add(sectorOf(row?.profile.naicsCode ?? ''))
		}
		expect(demoSectors.size).toBe(3)
	})

	test('spreads members over many sectors, with same-industry-group competitors', () => {
		const codes = activeProfiles(db).map((profile) => profile.naicsCode)
		expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true)
		expect(new Set(codes.map(sectorOf)).size).toBeGreaterThanOrEqual(18)
		for (const industryGroup of ['4451', '5132', '5221']) {
			expect(codes.filter((code) => code.startsWith(industryGroup)).length).toBeGreaterThanOrEqual(3)
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

	test('queues applicants with an application note', () => {
		const applicants = snapshot(db).users.filter((user) => user.status === 'applicant')
		expect(applicants.length).toBeGreaterThan(0)
		for (const applicant of applicants) {
			expect(applicant.applicationNote.length).toBeGreaterThan(20)
			expect(applicant.reviewedAt).toBeNull()
		}
	})

	test('uses fixed timestamps, never the clock', () => {
		const base = Date.parse('2026-01-15T09:00:00Z')
		for (const user of snapshot(db).users) expect(user.createdAt.getTime()).toBeLessThanOrEqual(base)
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
