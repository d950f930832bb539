/**
 * Builds the benchmark database: the demo seed (300 members, the demo accounts) plus synthetic
 * active members up to the requested total, inserted with prepared statements in large
 * transactions. The member_search triggers are dropped for the bulk load and the index is
 * rebuilt once afterwards (each trigger firing scans the UNINDEXED user_id column).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { faker } from '@faker-js/faker'
import { companyNameKey } from '#app/features/companies/companies.server.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { regions } from '#app/features/members/regions.ts'
import { openDatabase } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { businessModels, companySizes } from '#db/schema.ts'
import { expertiseTagChoices, headlines, pastRoleTitles, regionTimeZones, titles } from '#db/seed-data.ts'
import { seedDemoData } from '#db/seed.ts'
import { createRandom } from './stats.ts'

const searchMigration = fileURLToPath(new URL('../db/migrations/0003_member_search.sql', import.meta.url))
const batchSize = 5_000
const monthMs = 30 * 24 * 60 * 60 * 1000

export type DatasetTimings = {
	seedMs: number
	bulkMs: number
	searchIndexMs: number
	conflictKeysMs: number
	totalMs: number
}

/** The CREATE TRIGGER statements of the member_search migration, with each trigger's name. */
function searchTriggers() {
	return readFileSync(searchMigration, 'utf8')
		.split('--> statement-breakpoint')
		.map((statement) => statement.trim())
		.flatMap((statement) => {
			const name = /^CREATE TRIGGER `([^`]+)`/m.exec(statement)?.[1]
			return name ? [{ name, statement }] : []
		})
}

export async function buildDataset(databasePath: string, totalMembers: number, now = Date.now()) {
	const started = performance.now()
	const db = openDatabase(databasePath)
	const sqlite = db.$client
	migrateDatabase(db)
	const { members: demoMembers } = await seedDemoData(db)
	const seeded = performance.now()

	const random = createRandom(totalMembers)
	faker.seed(totalMembers)
	const { passwordHash } = sqlite
		.prepare(`select password_hash as passwordHash from users where id = 'usr_0001'`)
		.get() as {
		passwordHash: string
	}
	const naics = (sqlite.prepare('select code from naics_codes where level = 6').all() as { code: string }[]).map(
		(row) => row.code,
	)
	const existing = (
		sqlite.prepare(`select count(*) as count from users where status = 'active'`).get() as { count: number }
	).count
	const toAdd = Math.max(0, totalMembers - existing)
	const companyCount = Math.max(1, Math.ceil(toAdd / 4))
	const regionChoices = regions.map((region) => ({ value: region, weight: regionTimeZones[region].weight }))
	const tagNames = expertiseTagChoices.map((choice) => choice.tag)
	const phraseOf = new Map(expertiseTagChoices.map((choice) => [choice.tag as string, choice.phrase]))

	const insertCompany = sqlite.prepare(
		'insert into companies (id, name, name_key, parent_id, family_id) values (?, ?, ?, ?, ?)',
	)
	const insertCode = sqlite.prepare('insert into company_sector_codes (company_id, code, is_primary) values (?, ?, ?)')
	const insertUser = sqlite.prepare(
		`insert into users (id, email, name, password_hash, role, status, reviewed_at) values (?, ?, ?, ?, 'member', 'active', ?)`,
	)
	const insertProfile = sqlite.prepare(
		`insert into member_profiles (user_id, title, company_id, headline, region, time_zone, bio, company_size, business_model)
		values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const insertTag = sqlite.prepare('insert into expertise_tags (user_id, tag) values (?, ?)')
	const insertPastRole = sqlite.prepare(
		'insert into past_roles (id, user_id, company_id, title, started_at, ended_at) values (?, ?, ?, ?, ?, ?)',
	)

	const triggers = searchTriggers()
	for (const trigger of triggers) sqlite.exec(`drop trigger if exists \`${trigger.name}\``)

	const companyIds: string[] = []
	const families: string[] = []
	sqlite.transaction(() => {
		for (let i = 0; i < companyCount; i++) {
			const id = `cmp_b${String(i + 1).padStart(6, '0')}`
			const name = `${faker.company.name()} ${i + 1}`
			const parentIndex = i > 10 && random.next() < 0.1 ? random.int(0, i - 1) : -1
			const parent = parentIndex >= 0 ? companyIds[parentIndex]! : null
			const familyId = parentIndex >= 0 ? families[parentIndex]! : id
			insertCompany.run(id, name, companyNameKey(name), parent, familyId)
			const [primary, secondary] = random.sample(naics, 2)
			insertCode.run(id, primary!, 1)
			if (random.next() < 0.2) insertCode.run(id, secondary!, 0)
			companyIds.push(id)
			families.push(familyId)
		}
	})()

	let pastRoleCount = 0
	const addMembers = sqlite.transaction((from: number, to: number) => {
		for (let i = from; i < to; i++) {
			const userId = `usr_b${String(i + 1).padStart(6, '0')}`
			const name = `${faker.person.firstName()} ${faker.person.lastName()}`
			insertUser.run(userId, `bench-${i + 1}@crossroads.test`, name, passwordHash, now - random.int(0, 36) * monthMs)
			const region = random.weighted(regionChoices)
			const timeZone = random.weighted(
				regionTimeZones[region].timeZones.map((choice) => ({ value: choice.timeZone, weight: choice.weight })),
			)
			const tags = random.sample(tagNames, random.int(2, 4))
			const companyId = random.pick(companyIds)
			const phrases = tags.map((tag) => phraseOf.get(tag)!)
			const bio = `${faker.company.catchPhrase()}. Leads marketing with a focus on ${phrases.join(', ')}. ${faker.company.buzzPhrase()}.`
			insertProfile.run(
				userId,
				random.weighted(titles),
				companyId,
				random.pick(headlines[tags[0]!]),
				region,
				timeZone,
				bio,
				random.pick(companySizes),
				random.pick(businessModels),
			)
			for (const tag of tags) insertTag.run(userId, tag)
			if (random.next() < 0.3) {
				const endedAt = now - random.int(1, 48) * monthMs
				pastRoleCount += 1
				insertPastRole.run(
					`prl_b${String(pastRoleCount).padStart(6, '0')}`,
					userId,
					random.pick(companyIds),
					random.weighted(pastRoleTitles),
					endedAt - random.int(12, 72) * monthMs,
					endedAt,
				)
			}
		}
	})
	for (let from = 0; from < toAdd; from += batchSize) addMembers(from, Math.min(toAdd, from + batchSize))
	const bulk = performance.now()

	sqlite.transaction(() => {
		sqlite.exec('DELETE FROM member_search; INSERT INTO member_search SELECT * FROM member_search_documents;')
		for (const trigger of triggers) sqlite.exec(trigger.statement)
	})()
	const indexed = performance.now()

	rebuildConflictKeys(db, 'all', now)
	sqlite.exec('ANALYZE')
	const done = performance.now()

	const members = (
		sqlite.prepare(`select count(*) as count from users where status = 'active'`).get() as { count: number }
	).count
	const companies = (sqlite.prepare('select count(*) as count from companies').get() as { count: number }).count
	const indexedRows = (sqlite.prepare('select count(*) as count from member_search').get() as { count: number }).count
	const restoredTriggers = (
		sqlite
			.prepare(`select count(*) as count from sqlite_master where type = 'trigger' and name like 'member_search_%'`)
			.get() as {
			count: number
		}
	).count
	sqlite.pragma('wal_checkpoint(TRUNCATE)')
	sqlite.close()
	if (restoredTriggers !== triggers.length)
		throw new Error(`Expected ${triggers.length} member_search triggers after the bulk load, found ${restoredTriggers}`)

	return {
		demoMembers,
		members,
		companies,
		pastRoles: pastRoleCount,
		indexedRows,
		timings: {
			seedMs: seeded - started,
			bulkMs: bulk - seeded,
			searchIndexMs: indexed - bulk,
			conflictKeysMs: done - indexed,
			totalMs: done - started,
		} satisfies DatasetTimings,
	}
}
