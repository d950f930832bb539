import { pathToFileURL } from 'node:url'
import {
	faker,
	fakerDA,
	fakerDE,
	fakerDE_CH,
	fakerEN_AU,
	fakerEN_CA,
	fakerEN_GB,
	fakerEN_GH,
	fakerEN_HK,
	fakerEN_IE,
	fakerEN_IN,
	fakerEN_NG,
	fakerEN_US,
	fakerEN_ZA,
	fakerES,
	fakerES_MX,
	fakerFR,
	fakerID_ID,
	fakerIT,
	fakerNB_NO,
	fakerNL,
	fakerPL,
	fakerPT_BR,
	fakerSV,
	fakerTR,
	type Faker,
} from '@faker-js/faker'
import { regions, type Region } from '../app/features/members/regions.ts'
import { hashPassword } from '../app/utils/password.server.ts'
import { openDatabase, type AppDatabase } from './client.ts'
import { migrateDatabase } from './migrate.ts'
import { expertiseTags, memberProfiles, users, type Role } from './schema.ts'
import {
	agencies,
	applicationNotes,
	bioClosings,
	bioOpenings,
	bioPresent,
	companyRoots,
	expertiseTagChoices,
	industries,
	regionTimeZones,
	romanizedNames,
	titles,
	type ExpertiseTag,
	type Industry,
	type NameLocale,
	type ProfileStory,
	type TimeZoneChoice,
} from './seed-data.ts'

export const demoPassword = 'crossroads-demo'

export const demoAccounts = [
	{ email: 'member@crossroads.test', name: 'Maya Chen', role: 'member' },
	{ email: 'moderator@crossroads.test', name: 'Omar Haddad', role: 'moderator' },
	{ email: 'admin@crossroads.test', name: 'Ada Lindqvist', role: 'admin' },
] as const satisfies readonly { email: string; name: string; role: Role }[]

type DemoEmail = (typeof demoAccounts)[number]['email']

interface ProfileDraft {
	title: string
	company: string
	naicsCode: string
	region: Region
	timeZone: string
	bio: string
	tags: readonly ExpertiseTag[]
}

/** Hand-written so the logins people try first look like real, distinct members. */
const demoProfiles: Record<DemoEmail, ProfileDraft> = {
	'member@crossroads.test': {
		title: 'Chief Marketing Officer',
		company: 'Northwind Provisions',
		naicsCode: '445110',
		region: 'North America',
		timeZone: 'America/Chicago',
		bio: 'Built the loyalty program at Northwind Provisions from a punch card to 4 million members. Now leading a brand repositioning across 212 stores and the app, with retail media as the new profit line.',
		tags: ['loyalty', 'retail-media', 'brand-strategy', 'crm'],
	},
	'moderator@crossroads.test': {
		title: 'SVP Brand & Communications',
		company: 'Helix Analytics',
		naicsCode: '513210',
		region: 'Middle East & Africa',
		timeZone: 'Asia/Dubai',
		bio: 'Spent eleven years agency-side in Dubai and London before moving to Helix Analytics. Now runs brand, communications and community for a product-led analytics platform sold in 30 countries.',
		tags: ['plg', 'community', 'public-relations'],
	},
	'admin@crossroads.test': {
		title: 'Chief Brand Officer',
		company: 'Fjordstone Bank',
		naicsCode: '522110',
		region: 'Europe',
		timeZone: 'Europe/Stockholm',
		bio: 'Led the rebrand of Fjordstone Bank through its merger with a Norwegian savings bank. Now responsible for brand, sponsorship and employer brand across the Nordics. Always happy to compare notes on marketing mix modeling in regulated categories.',
		tags: ['brand-strategy', 'sponsorship', 'employer-brand', 'marketing-mix-modeling'],
	},
}

const fakerSeed = 2026
/** Every seeded timestamp is an offset back from 2026-01-15T09:00:00Z, never the clock. */
const baseTime = Date.UTC(2026, 0, 15, 9)
const hourMs = 3_600_000
const dayMs = 24 * hourMs
/** Active members including the demo accounts. */
const memberCount = 300
const applicantCount = 6
const insertChunkSize = 100

const localeFakers: Record<Exclude<NameLocale, keyof typeof romanizedNames>, Faker> = {
	en_US: fakerEN_US,
	en_CA: fakerEN_CA,
	en_GB: fakerEN_GB,
	en_IE: fakerEN_IE,
	en_AU: fakerEN_AU,
	en_IN: fakerEN_IN,
	en_ZA: fakerEN_ZA,
	en_NG: fakerEN_NG,
	en_GH: fakerEN_GH,
	en_HK: fakerEN_HK,
	fr: fakerFR,
	de: fakerDE,
	de_CH: fakerDE_CH,
	sv: fakerSV,
	nl: fakerNL,
	es: fakerES,
	es_MX: fakerES_MX,
	pt_BR: fakerPT_BR,
	it: fakerIT,
	pl: fakerPL,
	da: fakerDA,
	nb_NO: fakerNB_NO,
	tr: fakerTR,
	id_ID: fakerID_ID,
}

const tagPhrases = new Map<ExpertiseTag, string>(expertiseTagChoices.map(({ tag, phrase }) => [tag, phrase]))
const allTags = expertiseTagChoices.map(({ tag }) => tag)
const weightedIndustries = industries.map((industry) => ({ weight: industry.weight, value: industry }))
const weightedRegions = regions.map((region) => ({
	weight: regionTimeZones[region].weight,
	value: region,
}))
const allTimeZones = regions.flatMap((region) =>
	regionTimeZones[region].timeZones.map((choice) => ({ region, choice })),
)

type NewUser = typeof users.$inferInsert
type NewProfile = typeof memberProfiles.$inferInsert
type NewTag = typeof expertiseTags.$inferInsert

interface DemoData {
	users: NewUser[]
	profiles: NewProfile[]
	tags: NewTag[]
}

/**
 * Inserts ~300 active members (the three demo accounts first) and a few applicants into a
 * migrated, empty database. The same input always yields the same rows, except password
 * hashes: argon2 salts each hash, so all users share one hash of `demoPassword`.
 */
export async function seedDemoData(db: AppDatabase): Promise<{ members: number }> {
	const passwordHash = await hashPassword(demoPassword)
	const data = buildDemoData(passwordHash)
	db.transaction((tx) => {
		for (const chunk of chunks(data.users)) tx.insert(users).values(chunk).run()
		for (const chunk of chunks(data.profiles)) tx.insert(memberProfiles).values(chunk).run()
		for (const chunk of chunks(data.tags)) tx.insert(expertiseTags).values(chunk).run()
	})
	return { members: memberCount }
}

export function isDatabaseEmpty(db: AppDatabase): boolean {
	return db.select({ id: users.id }).from(users).limit(1).get() === undefined
}

function buildDemoData(passwordHash: string): DemoData {
	faker.seed(fakerSeed)
	// Distinct seeds: locales that share name lists (en_US, en_GB, ...) would otherwise repeat names.
	Object.values(localeFakers).forEach((localeFaker, index) => localeFaker.seed(fakerSeed + index + 1))

	const data: DemoData = { users: [], profiles: [], tags: [] }
	const takenCompanies = new Set<string>()
	const takenNames = new Set<string>()
	const takenEmails = new Set<string>()
	const adminId = userId(demoAccounts.findIndex((account) => account.role === 'admin'))

	const add = (user: NewUser, profile: ProfileDraft) => {
		takenEmails.add(user.email)
		data.users.push(user)
		data.profiles.push({
			userId: user.id,
			title: profile.title,
			company: profile.company,
			naicsCode: profile.naicsCode,
			region: profile.region,
			timeZone: profile.timeZone,
			bio: profile.bio,
			updatedAt: user.reviewedAt ?? user.createdAt,
		})
		for (const tag of profile.tags) data.tags.push({ userId: user.id, tag })
	}

	demoAccounts.forEach((account, index) => {
		const profile = demoProfiles[account.email]
		takenCompanies.add(profile.company)
		takenNames.add(account.name)
		const createdAt = new Date(baseTime - 620 * dayMs + index * hourMs)
		const isAdmin = account.role === 'admin'
		add(
			{
				id: userId(index),
				email: account.email,
				name: account.name,
				passwordHash,
				role: account.role,
				status: 'active',
				reviewedAt: isAdmin ? null : new Date(createdAt.getTime() + 2 * hourMs),
				reviewedBy: isAdmin ? null : adminId,
				createdAt,
			},
			profile,
		)
	})

	const generatedMembers = memberCount - demoAccounts.length
	for (let k = 0; k < generatedMembers; k++) {
		// The first members walk every industry and time zone once so each is represented.
		const industry = industries[k] ?? faker.helpers.weightedArrayElement(weightedIndustries)
		const place = allTimeZones[k] ?? pickTimeZone()
		const person = uniquePerson(place.choice.names, takenNames)
		const company = uniqueCompany(industry, takenCompanies)
		const tags = pickTags(industry)
		const story = storyFor(company, industry, tags)
		const createdAt = minuteOf(
			baseTime - 600 * dayMs + (k * 580 * dayMs) / generatedMembers + faker.number.int({ min: 0, max: 20 * hourMs }),
		)
		const reviewedAt = minuteOf(createdAt + faker.number.int({ min: 2 * hourMs, max: 72 * hourMs }))
		const bio = [
			faker.datatype.boolean({ probability: 0.85 }) ? faker.helpers.arrayElement(bioOpenings)(story) : '',
			faker.helpers.arrayElement(bioPresent)(story),
			faker.datatype.boolean({ probability: 0.5 }) ? faker.helpers.arrayElement(bioClosings)(story) : '',
		]
			.filter(Boolean)
			.join(' ')
		add(
			{
				id: userId(demoAccounts.length + k),
				email: uniqueEmail(person, company, takenEmails),
				name: person.name,
				passwordHash,
				role: 'member',
				status: 'active',
				reviewedAt: new Date(reviewedAt),
				reviewedBy: adminId,
				createdAt: new Date(createdAt),
			},
			{
				title: faker.helpers.weightedArrayElement(titles),
				company,
				naicsCode: industry.naicsCode,
				region: place.region,
				timeZone: place.choice.timeZone,
				bio,
				tags,
			},
		)
	}

	const notes = faker.helpers.shuffle([...applicationNotes]).slice(0, applicantCount)
	notes.forEach((note, k) => {
		const industry = faker.helpers.weightedArrayElement(weightedIndustries)
		const place = pickTimeZone()
		const person = uniquePerson(place.choice.names, takenNames)
		const company = uniqueCompany(industry, takenCompanies)
		const tags = pickTags(industry)
		const story = storyFor(company, industry, tags)
		// Applied over the last week, oldest first, so the review queue has a natural order.
		const createdAt = minuteOf(baseTime - (applicantCount - k) * dayMs + faker.number.int({ min: 0, max: 10 * hourMs }))
		add(
			{
				id: userId(memberCount + k),
				email: uniqueEmail(person, company, takenEmails),
				name: person.name,
				passwordHash,
				role: 'member',
				status: 'applicant',
				applicationNote: note(story),
				reviewedAt: null,
				reviewedBy: null,
				createdAt: new Date(createdAt),
			},
			{
				title: faker.helpers.weightedArrayElement(titles),
				company,
				naicsCode: industry.naicsCode,
				region: place.region,
				timeZone: place.choice.timeZone,
				bio: [faker.helpers.arrayElement(bioOpenings)(story), faker.helpers.arrayElement(bioPresent)(story)].join(' '),
				tags,
			},
		)
	})

	return data
}

function userId(index: number) {
	return `usr_${String(index + 1).padStart(4, '0')}`
}

function minuteOf(ms: number) {
	return Math.floor(ms / 60_000) * 60_000
}

function pickTimeZone(): { region: Region; choice: TimeZoneChoice } {
	const region = faker.helpers.weightedArrayElement(weightedRegions)
	const choice = faker.helpers.weightedArrayElement(
		regionTimeZones[region].timeZones.map((timeZone) => ({ weight: timeZone.weight, value: timeZone })),
	)
	return { region, choice }
}

function isRomanized(locale: NameLocale): locale is keyof typeof romanizedNames {
	return locale in romanizedNames
}

interface Person {
	first: string
	last: string
	name: string
}

function uniquePerson(locale: NameLocale, taken: Set<string>): Person {
	for (let attempt = 0; attempt < 50; attempt++) {
		let first: string
		let last: string
		if (isRomanized(locale)) {
			first = faker.helpers.arrayElement(romanizedNames[locale].first)
			last = faker.helpers.arrayElement(romanizedNames[locale].last)
		} else {
			first = localeFakers[locale].person.firstName()
			last = localeFakers[locale].person.lastName()
		}
		const name = `${first} ${last}`
		if (!taken.has(name)) {
			taken.add(name)
			return { first, last, name }
		}
	}
	throw new Error(`Ran out of distinct ${locale} names`)
}

function companyFor(industry: Industry) {
	const root = faker.helpers.arrayElement(companyRoots[industry.roots])
	return faker.helpers.arrayElement(industry.names).replace('{root}', root)
}

/** One member per company, so emails and the directory never show two people at one firm. */
function uniqueCompany(industry: Industry, taken: Set<string>) {
	for (let attempt = 0; attempt < 100; attempt++) {
		const company = companyFor(industry)
		if (!taken.has(company)) {
			taken.add(company)
			return company
		}
	}
	throw new Error(`Ran out of company names for NAICS ${industry.naicsCode}`)
}

function slug(text: string) {
	return text
		.normalize('NFKD')
		.toLowerCase()
		.replace(/&/g, 'and')
		.replace(/[^a-z0-9]/g, '')
}

function uniqueEmail(person: Person, company: string, taken: Set<string>) {
	const local = [slug(person.first), slug(person.last)].filter(Boolean).join('.') || 'member'
	const domain = `${slug(company)}.example`
	let email = `${local}@${domain}`
	for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`
	return email
}

/** 2–5 tags, the first one typical for the member's industry. */
function pickTags(industry: Industry): ExpertiseTag[] {
	const first = faker.helpers.arrayElement(industry.focus)
	const rest = faker.helpers.arrayElements(
		allTags.filter((tag) => tag !== first),
		{ min: 1, max: 4 },
	)
	return [first, ...rest]
}

function phraseOf(tag: ExpertiseTag | undefined) {
	return (tag && tagPhrases.get(tag)) ?? 'brand strategy'
}

function storyFor(company: string, industry: Industry, tags: readonly ExpertiseTag[]): ProfileStory {
	const previousIndustry = faker.helpers.arrayElement(
		industries.filter((candidate) => candidate.noun !== industry.noun),
	)
	return {
		company,
		previousCompany: companyFor(previousIndustry),
		otherCompany: companyFor(faker.helpers.arrayElement(industries)),
		noun: industry.noun,
		priorNoun: previousIndustry.noun,
		capability: phraseOf(tags[0]),
		otherCapability: phraseOf(tags[1]),
		markets: faker.number.int({ min: 3, max: 40 }),
		teamSize: faker.number.int({ min: 12, max: 400 }),
		years: faker.number.int({ min: 6, max: 18 }),
		percent: faker.number.int({ min: 18, max: 140 }),
		millions: faker.number.int({ min: 1, max: 12 }),
		joinedYear: faker.number.int({ min: 2017, max: 2025 }),
		agency: faker.helpers.arrayElement(agencies),
	}
}

function* chunks<T>(rows: readonly T[], size = insertChunkSize) {
	for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const databasePath = process.env.DATABASE_PATH ?? 'data/crossroads.db'
	const db = openDatabase(databasePath)
	try {
		migrateDatabase(db)
		if (isDatabaseEmpty(db)) {
			const { members } = await seedDemoData(db)
			console.log(`Seeded ${databasePath}: ${members} active members and ${applicantCount} applicants`)
			console.log(
				`Demo logins (password "${demoPassword}"): ${demoAccounts
					.map((account) => `${account.email} (${account.role})`)
					.join(', ')}`,
			)
		} else {
			console.log(`${databasePath} already has users; nothing seeded`)
		}
	} finally {
		db.$client.close()
	}
}
