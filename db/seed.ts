import { pathToFileURL } from 'node:url'
import {
	base,
	Faker,
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
} from '@faker-js/faker'
import { companyNameKey } from '../app/features/companies/companies.server.ts'
import { rebuildConflictKeys } from '../app/features/conflicts/conflict-keys.server.ts'
import { chunked } from '../app/utils/collections.ts'
import {
	defaultPolicySettings,
	evaluateConflict,
	type CompanyRef,
	type ConflictExplanation,
	type ConflictRule,
	type MemberSnapshot,
} from '../app/features/conflicts/policy.ts'
import { regions, type Region } from '../app/features/members/regions.ts'
import { hashPassword } from '../app/utils/password.server.ts'
import { openDatabase, type AppDatabase } from './client.ts'
import { migrateDatabase } from './migrate.ts'
import { seedCaseStudies } from './seed-case-studies.ts'
import { seedMeetings } from './seed-meetings.ts'
import { seedMessaging } from './seed-messaging.ts'
import { seedModeration } from './seed-moderation.ts'
import {
	companies,
	companySectorCodes,
	connections,
	declaredCompetitors,
	expertiseTags,
	introductionBlocks,
	memberProfiles,
	openToOptions,
	pastRoles,
	users,
	type Role,
} from './schema.ts'
import {
	agencies,
	applicationNotes,
	bioClosings,
	bioOpenings,
	bioPresent,
	companyRoots,
	competitorAffinities,
	connectionNotes,
	diversifications,
	expertiseTagChoices,
	headlines,
	industries,
	pastRoleTitles,
	regionTimeZones,
	romanizedNames,
	titles,
	type BusinessModel,
	type CompanySize,
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

interface PastRoleDraft {
	company: string
	title: string
	startedAt: number
	endedAt: number
}

interface ProfileDraft {
	title: string
	/** A company name; the company itself (codes, family) is registered separately. */
	company: string
	headline: string
	region: Region
	timeZone: string
	bio: string
	tags: readonly ExpertiseTag[]
	companySize: CompanySize
	businessModel: BusinessModel
	pastRoles?: readonly PastRoleDraft[]
}

interface CompanySpec {
	name: string
	/** Primary NAICS 2022 code (6 digits). */
	code: string
	/** The parent company's name: the family is the parent's root. */
	parent?: string
}

/**
 * Companies of the demo accounts and the conflict showcase, created first (cmp_0001 onwards).
 * Three corporate families, each a holding company with two subsidiaries in different sectors.
 * None of these companies gets a random secondary code.
 */
const fixedCompanies: readonly CompanySpec[] = [
	{ name: 'Northwind Group', code: '551112' },
	{ name: 'Northwind Provisions', code: '445110', parent: 'Northwind Group' },
	{ name: 'Northwind Logistics', code: '493110', parent: 'Northwind Group' },
	{ name: 'Helix Group', code: '551112' },
	{ name: 'Helix Analytics', code: '513210', parent: 'Helix Group' },
	{ name: 'Helix Insights', code: '541910', parent: 'Helix Group' },
	{ name: 'Fjordstone Group', code: '551111' },
	{ name: 'Fjordstone Bank', code: '522110', parent: 'Fjordstone Group' },
	{ name: 'Fjordstone Properties', code: '531210', parent: 'Fjordstone Group' },
	{ name: 'Meadowbrook Market', code: '445110' },
	{ name: 'Tidewater Corner Stores', code: '445131' },
	{ name: 'Dashcart', code: '492210' },
	{ name: 'FreshCrate', code: '311991' },
	// A grocer nobody works at any more: only past roles point at it.
	{ name: 'Harvest Lane Grocers', code: '445110' },
	{ name: 'Roastwell Coffee', code: '722515' },
	{ name: 'Skylark Airways', code: '481111' },
	{ name: 'Tallgrass Pet Foods', code: '311111' },
	{ name: 'Kestrel & Finch', code: '541810' },
	{ name: 'Saffron Stay Hotels', code: '721110' },
	{ name: 'Quillon Payments', code: '522320' },
]

/** Hand-written so the logins people try first look like real, distinct members. */
const demoProfiles: Record<DemoEmail, ProfileDraft> = {
	'member@crossroads.test': {
		title: 'Chief Marketing Officer',
		company: 'Northwind Provisions',
		headline: 'Building loyalty programs that pay for themselves',
		region: 'North America',
		timeZone: 'America/Chicago',
		bio: 'Built the loyalty program at Northwind Provisions from a punch card to 4 million members. Now leading a brand repositioning across 212 stores and the app, with retail media as the new profit line.',
		tags: ['loyalty', 'retail-media', 'brand-strategy', 'crm'],
		companySize: '5001+',
		businessModel: 'b2c',
		pastRoles: [
			{
				company: 'Harvest Lane Grocers',
				title: 'Head of CRM & Loyalty',
				startedAt: Date.UTC(2015, 2, 1),
				endedAt: Date.UTC(2019, 7, 31),
			},
		],
	},
	'moderator@crossroads.test': {
		title: 'SVP Brand & Communications',
		company: 'Helix Analytics',
		headline: 'Brand and community for product-led software',
		region: 'Middle East & Africa',
		timeZone: 'Asia/Dubai',
		bio: 'Spent eleven years agency-side in Dubai and London before moving to Helix Analytics. Now runs brand, communications and community for a product-led analytics platform sold in 30 countries.',
		tags: ['plg', 'community', 'public-relations'],
		companySize: '1001-5000',
		businessModel: 'b2b',
	},
	'admin@crossroads.test': {
		title: 'Chief Brand Officer',
		company: 'Fjordstone Bank',
		headline: 'Brand building in a regulated category',
		region: 'Europe',
		timeZone: 'Europe/Stockholm',
		bio: 'Led the rebrand of Fjordstone Bank through its merger with a Norwegian savings bank. Now responsible for brand, sponsorship and employer brand across the Nordics. Always happy to compare notes on marketing mix modeling in regulated categories.',
		tags: ['brand-strategy', 'sponsorship', 'employer-brand', 'marketing-mix-modeling'],
		companySize: '5001+',
		businessModel: 'both',
	},
}

interface ShowcaseDraft extends ProfileDraft {
	id: string
	email: string
	name: string
}

/**
 * CONFLICT SHOWCASE — hand-written members (usr_0004 … usr_0016) that put every rule of the
 * competitor-conflict policy (app/features/conflicts/policy.ts) in front of the demo accounts.
 * Default policy (industry group, 12-month cooling-off); recent past roles end between 2026-06
 * and 2026-11-01, so they still count for any clock up to mid-2027; old ones ended before 2024.
 *
 * Seen by Maya Chen (member@crossroads.test, CMO of Northwind Provisions, grocery 445110):
 *   1. same sector       Hannah Brooks, Meadowbrook Market (445110) and Diego Alvarez,
 *                        Tidewater Corner Stores (445131): industry group 4451. Every generated
 *                        grocer and convenience retailer (4451xx) conflicts with Maya too.
 *   2. corporate family  Samuel Okafor, Northwind Logistics (493110): Northwind Group owns both
 *                        Northwind Provisions and Northwind Logistics.
 *   3. declared          Jordan Reyes, Dashcart (food-delivery app, 492210): Maya listed Dashcart.
 *                        Aisha Bello, FreshCrate (meal kits, 311991): Aisha listed Northwind
 *                        Provisions.
 *   4. recent employer   Tomás Herrera, Roastwell Coffee (722515), left Harvest Lane Grocers
 *                        (445110) on 2026-09-30: same industry group as Maya's company.
 *                        Nina Petrova, Skylark Airways (481111), left Northwind Provisions itself
 *                        on 2026-07-31.
 *      no conflict       Grace Whitaker, Tallgrass Pet Foods (311111), left Harvest Lane Grocers
 *                        in 2022: past the cooling-off period. She and Maya are connected.
 *   5. private list      Victor Lang, Kestrel & Finch (agency): on Maya's "don't introduce me"
 *                        list. Priya Nair, Saffron Stay Hotels, has Maya on hers: Maya only sees
 *                        "not available", never why.
 * Seen by Omar Haddad (moderator, Helix Analytics 513210):
 *   2. corporate family  Chloé Durand, Helix Insights (market research, 541910): both in Helix Group.
 * Seen by Ada Lindqvist (admin, Fjordstone Bank 522110):
 *   2. corporate family  Lars Eriksen, Fjordstone Properties (real estate, 531210): both in
 *                        Fjordstone Group.
 *   5. private list      Marcus Feld, Quillon Payments (522320): Ada listed the whole company.
 *
 * Each of these pairs conflicts by exactly the one rule named (tests/integration/seed.test.ts).
 * Around them, generated members get random but deterministic past roles (~40%), declared
 * competitors, company blocks and secondary NAICS codes (~15% of companies), and ~150
 * connections join only members the policy lets meet.
 */
const showcaseProfiles = {
	grocerPeer: {
		id: 'usr_0004',
		email: 'hannah.brooks@meadowbrookmarket.example',
		name: 'Hannah Brooks',
		title: 'Chief Marketing Officer',
		company: 'Meadowbrook Market',
		headline: 'Fresh food, fair prices, loyal shoppers',
		region: 'North America',
		timeZone: 'America/New_York',
		bio: 'Runs marketing for Meadowbrook Market, a 140-store regional grocer. Rebuilt the weekly circular as a personalized app feed and launched the chain’s first private-label brand campaign.',
		tags: ['loyalty', 'crm', 'pricing'],
		companySize: '5001+',
		businessModel: 'b2c',
	},
	convenienceMarketer: {
		id: 'usr_0005',
		email: 'diego.alvarez@tidewatercornerstores.example',
		name: 'Diego Alvarez',
		title: 'VP Marketing',
		company: 'Tidewater Corner Stores',
		headline: 'Convenience retail, one basket at a time',
		region: 'North America',
		timeZone: 'America/Los_Angeles',
		bio: 'Leads marketing for Tidewater Corner Stores across 900 convenience locations. Focused on the loyalty app, fresh food-to-go and in-store retail media screens.',
		tags: ['retail-media', 'loyalty', 'performance-marketing'],
		companySize: '1001-5000',
		businessModel: 'b2c',
	},
	northwindSibling: {
		id: 'usr_0006',
		email: 'samuel.okafor@northwindlogistics.example',
		name: 'Samuel Okafor',
		title: 'Head of Marketing',
		company: 'Northwind Logistics',
		headline: 'Selling warehouse capacity like a product',
		region: 'North America',
		timeZone: 'America/Chicago',
		bio: 'Turned Northwind Logistics, the warehousing arm of Northwind Group, into a business that sells capacity to third-party brands. Built the marketing team from scratch.',
		tags: ['abm', 'demand-generation', 'go-to-market'],
		companySize: '1001-5000',
		businessModel: 'b2b',
	},
	helixSibling: {
		id: 'usr_0007',
		email: 'chloe.durand@helixinsights.example',
		name: 'Chloé Durand',
		title: 'Chief Marketing Officer',
		company: 'Helix Insights',
		headline: 'Research that changes what brands do next',
		region: 'Europe',
		timeZone: 'Europe/Paris',
		bio: 'Leads marketing at Helix Insights, the market research firm of Helix Group. Turned its annual consumer trends report into the company’s biggest source of new clients.',
		tags: ['content-marketing', 'customer-insights', 'events'],
		companySize: '201-1000',
		businessModel: 'b2b',
	},
	fjordstoneSibling: {
		id: 'usr_0008',
		email: 'lars.eriksen@fjordstoneproperties.example',
		name: 'Lars Eriksen',
		title: 'Chief Marketing Officer',
		company: 'Fjordstone Properties',
		headline: 'Helping people buy the home they will keep',
		region: 'Europe',
		timeZone: 'Europe/Oslo',
		bio: 'Runs marketing for Fjordstone Properties, the real estate agency of Fjordstone Group, with 120 offices across Norway and Sweden. Built its home-valuation tool into the main source of listings.',
		tags: ['performance-marketing', 'seo', 'customer-experience'],
		companySize: '1001-5000',
		businessModel: 'b2c',
	},
	declaredByMaya: {
		id: 'usr_0009',
		email: 'jordan.reyes@dashcart.example',
		name: 'Jordan Reyes',
		title: 'Chief Marketing Officer',
		company: 'Dashcart',
		headline: 'Groceries at the door in 30 minutes',
		region: 'North America',
		timeZone: 'America/Los_Angeles',
		bio: 'Leads growth and brand at Dashcart, the on-demand grocery and food delivery app. Scaled the courier network and subscriptions across 40 cities.',
		tags: ['performance-marketing', 'plg', 'loyalty'],
		companySize: '1001-5000',
		businessModel: 'b2c',
	},
	declaresMaya: {
		id: 'usr_0010',
		email: 'aisha.bello@freshcrate.example',
		name: 'Aisha Bello',
		title: 'VP Brand Marketing',
		company: 'FreshCrate',
		headline: 'Meal kits that win the weeknight',
		region: 'Europe',
		timeZone: 'Europe/London',
		bio: 'Runs brand at FreshCrate, the meal-kit company. Spends most of her time convincing supermarket shoppers to cook from a box instead.',
		tags: ['brand-strategy', 'ecommerce', 'customer-insights'],
		companySize: '201-1000',
		businessModel: 'b2c',
	},
	leftGrocerRecently: {
		id: 'usr_0011',
		email: 'tomas.herrera@roastwellcoffee.example',
		name: 'Tomás Herrera',
		title: 'Chief Marketing Officer',
		company: 'Roastwell Coffee',
		headline: 'Building a coffee habit, one cup at a time',
		region: 'Latin America',
		timeZone: 'America/Mexico_City',
		bio: 'Joined Roastwell Coffee in the autumn of 2026 after five years running marketing at Harvest Lane Grocers. Now building the chain’s app and loyalty program.',
		tags: ['loyalty', 'community', 'pricing'],
		companySize: '1001-5000',
		businessModel: 'b2c',
		pastRoles: [
			{
				company: 'Harvest Lane Grocers',
				title: 'VP Marketing',
				startedAt: Date.UTC(2021, 1, 1),
				endedAt: Date.UTC(2026, 8, 30),
			},
		],
	},
	leftNorthwindRecently: {
		id: 'usr_0012',
		email: 'nina.petrova@skylarkairways.example',
		name: 'Nina Petrova',
		title: 'VP Marketing',
		company: 'Skylark Airways',
		headline: 'Turning frequent flyers into fans',
		region: 'North America',
		timeZone: 'America/Denver',
		bio: 'Ran loyalty marketing at Northwind Provisions for seven years before moving to Skylark Airways in 2026 to rebuild its frequent-flyer program.',
		tags: ['loyalty', 'customer-experience', 'partnerships'],
		companySize: '5001+',
		businessModel: 'both',
		pastRoles: [
			{
				company: 'Northwind Provisions',
				title: 'Marketing Director',
				startedAt: Date.UTC(2019, 4, 1),
				endedAt: Date.UTC(2026, 6, 31),
			},
		],
	},
	leftGrocerLongAgo: {
		id: 'usr_0013',
		email: 'grace.whitaker@tallgrasspetfoods.example',
		name: 'Grace Whitaker',
		title: 'Chief Marketing Officer',
		company: 'Tallgrass Pet Foods',
		headline: 'Premium pet food, community first',
		region: 'North America',
		timeZone: 'America/Toronto',
		bio: 'Left grocery retail in 2022 after five years at Harvest Lane Grocers. Now builds the Tallgrass Pet Foods brand through breeders, vets and a 200,000-member owners’ club.',
		tags: ['community', 'ecommerce', 'brand-strategy'],
		companySize: '201-1000',
		businessModel: 'b2c',
		pastRoles: [
			{
				company: 'Harvest Lane Grocers',
				title: 'Marketing Director',
				startedAt: Date.UTC(2017, 0, 1),
				endedAt: Date.UTC(2022, 5, 30),
			},
		],
	},
	listedByMaya: {
		id: 'usr_0014',
		email: 'victor.lang@kestrelandfinch.example',
		name: 'Victor Lang',
		title: 'Chief Growth Officer',
		company: 'Kestrel & Finch',
		headline: 'Creative that sells',
		region: 'Europe',
		timeZone: 'Europe/Berlin',
		bio: 'Chief Growth Officer at Kestrel & Finch, an independent creative agency with offices in Berlin, London and New York.',
		tags: ['creative-leadership', 'agency-management', 'brand-strategy'],
		companySize: '201-1000',
		businessModel: 'b2b',
	},
	listsMaya: {
		id: 'usr_0015',
		email: 'priya.nair@saffronstayhotels.example',
		name: 'Priya Nair',
		title: 'Chief Customer Officer',
		company: 'Saffron Stay Hotels',
		headline: 'Hospitality that guests talk about',
		region: 'Asia Pacific',
		timeZone: 'Asia/Kolkata',
		bio: 'Leads marketing and guest experience for Saffron Stay Hotels across 60 properties in India and South-East Asia.',
		tags: ['customer-experience', 'loyalty', 'international-expansion'],
		companySize: '1001-5000',
		businessModel: 'both',
	},
	companyListedByAdmin: {
		id: 'usr_0016',
		email: 'marcus.feld@quillonpayments.example',
		name: 'Marcus Feld',
		title: 'VP Marketing',
		company: 'Quillon Payments',
		headline: 'Payments infrastructure for growing merchants',
		region: 'Europe',
		timeZone: 'Europe/Zurich',
		bio: 'Runs marketing at Quillon Payments, a payments platform for European merchants. Previously built partner marketing programs in fintech.',
		tags: ['partnerships', 'abm', 'product-marketing'],
		companySize: '201-1000',
		businessModel: 'b2b',
	},
} satisfies Record<string, ShowcaseDraft>

type ShowcaseKey = keyof typeof showcaseProfiles

const demoUserIds = { member: 'usr_0001', moderator: 'usr_0002', admin: 'usr_0003' } as const

/** Private lists of the showcase (rule 5), by user id. */
const showcaseBlocks: readonly { userId: string; blockedUserId?: string; blockedCompany?: string }[] = [
	{ userId: demoUserIds.member, blockedUserId: showcaseProfiles.listedByMaya.id },
	{ userId: showcaseProfiles.listsMaya.id, blockedUserId: demoUserIds.member },
	{ userId: demoUserIds.admin, blockedCompany: showcaseProfiles.companyListedByAdmin.company },
]

/** Declared competitors of the showcase (rule 3): who lists which company. */
const showcaseCompetitors: readonly { userId: string; company: string }[] = [
	{ userId: demoUserIds.member, company: showcaseProfiles.declaredByMaya.company },
	{ userId: showcaseProfiles.declaresMaya.id, company: demoProfiles['member@crossroads.test'].company },
]

const personOf = (key: ShowcaseKey) => {
	const { id, email, name, company } = showcaseProfiles[key]
	return { userId: id, email, name, company }
}
const demoPerson = (index: 0 | 1 | 2) => {
	const account = demoAccounts[index]
	return {
		userId: `usr_000${index + 1}`,
		email: account.email,
		name: account.name,
		company: demoProfiles[account.email].company,
	}
}

type ShowcasePair = {
	/** Whose side the pair is described from. */
	viewer: string
	other: string
	/** The one rule that applies, or null: the pair may meet. */
	rule: ConflictRule | null
	/** What the viewer is told (explainConflict), null when there is no conflict. */
	viewerSees: ConflictExplanation['rule'] | null
}

/**
 * Who conflicts with whom in the seeded data, and by which rule (see the comment above
 * showcaseProfiles). `evaluatedAt` is the fixed "now" the seed checked the policy with.
 */
export const conflictShowcase = {
	evaluatedAt: Date.UTC(2026, 10, 1),
	demoMember: demoPerson(0),
	moderator: demoPerson(1),
	admin: demoPerson(2),
	sameSector: [personOf('grocerPeer'), personOf('convenienceMarketer')],
	corporateFamily: {
		withMember: { ...personOf('northwindSibling'), family: 'Northwind Group' },
		withModerator: { ...personOf('helixSibling'), family: 'Helix Group' },
		withAdmin: { ...personOf('fjordstoneSibling'), family: 'Fjordstone Group' },
	},
	declaredCompetitor: {
		/** Maya listed Dashcart, this member's company. */
		listedByMember: personOf('declaredByMaya'),
		/** This member listed Northwind Provisions, Maya's company. */
		listsMembersCompany: personOf('declaresMaya'),
	},
	recentEmployer: {
		/** Left Harvest Lane Grocers (445110) on 2026-09-30: same industry group as Maya. */
		sameSector: { ...personOf('leftGrocerRecently'), formerEmployer: 'Harvest Lane Grocers', endedAt: '2026-09-30' },
		/** Left Northwind Provisions itself on 2026-07-31. */
		sameCompany: {
			...personOf('leftNorthwindRecently'),
			formerEmployer: 'Northwind Provisions',
			endedAt: '2026-07-31',
		},
		/** Left Harvest Lane Grocers in 2022: no conflict; connected to Maya. */
		pastCoolingOff: { ...personOf('leftGrocerLongAgo'), formerEmployer: 'Harvest Lane Grocers', endedAt: '2022-06-30' },
	},
	doNotIntroduce: {
		/** On Maya's private list (by person). */
		listedByMember: personOf('listedByMaya'),
		/** Has Maya on their private list: Maya sees "not available". */
		listsMember: personOf('listsMaya'),
		/** Their company, Quillon Payments, is on Ada's private list. */
		companyListedByAdmin: personOf('companyListedByAdmin'),
	},
	pairs: [
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.grocerPeer.id,
			rule: 'same-sector',
			viewerSees: 'same-sector',
		},
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.convenienceMarketer.id,
			rule: 'same-sector',
			viewerSees: 'same-sector',
		},
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.northwindSibling.id,
			rule: 'same-company',
			viewerSees: 'same-company',
		},
		{
			viewer: demoUserIds.moderator,
			other: showcaseProfiles.helixSibling.id,
			rule: 'same-company',
			viewerSees: 'same-company',
		},
		{
			viewer: demoUserIds.admin,
			other: showcaseProfiles.fjordstoneSibling.id,
			rule: 'same-company',
			viewerSees: 'same-company',
		},
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.declaredByMaya.id,
			rule: 'declared-competitor',
			viewerSees: 'declared-competitor',
		},
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.declaresMaya.id,
			rule: 'declared-competitor',
			viewerSees: 'declared-competitor',
		},
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.leftGrocerRecently.id,
			rule: 'recent-employer',
			viewerSees: 'recent-employer',
		},
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.leftNorthwindRecently.id,
			rule: 'recent-employer',
			viewerSees: 'recent-employer',
		},
		{ viewer: demoUserIds.member, other: showcaseProfiles.leftGrocerLongAgo.id, rule: null, viewerSees: null },
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.listedByMaya.id,
			rule: 'do-not-introduce',
			viewerSees: 'do-not-introduce',
		},
		{
			viewer: demoUserIds.member,
			other: showcaseProfiles.listsMaya.id,
			rule: 'do-not-introduce',
			viewerSees: 'not-available',
		},
		{
			viewer: demoUserIds.admin,
			other: showcaseProfiles.companyListedByAdmin.id,
			rule: 'do-not-introduce',
			viewerSees: 'do-not-introduce',
		},
	] satisfies ShowcasePair[] as ShowcasePair[],
	/** Maya's connections: accepted ones, requests waiting for her, and her own request. */
	memberConnections: { accepted: 8, pendingIncoming: 2, pendingOutgoing: 1 },
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
type NewCompany = typeof companies.$inferInsert
type NewCompanyCode = typeof companySectorCodes.$inferInsert
type NewPastRole = typeof pastRoles.$inferInsert
type NewCompetitor = typeof declaredCompetitors.$inferInsert
type NewBlock = typeof introductionBlocks.$inferInsert
type NewConnection = typeof connections.$inferInsert

interface DemoData {
	companies: NewCompany[]
	companyCodes: NewCompanyCode[]
	users: NewUser[]
	profiles: NewProfile[]
	tags: NewTag[]
	pastRoles: NewPastRole[]
	competitors: NewCompetitor[]
	blocks: NewBlock[]
	connections: NewConnection[]
}

/** The fixed "now" the seed evaluates the policy at when it picks connections. */
const policyNow = conflictShowcase.evaluatedAt
/** "Recent" past roles end in this window: still within the cooling-off period until mid-2027. */
const recentEndFrom = Date.UTC(2026, 5, 1)
const recentEndTo = Date.UTC(2026, 10, 1)
/** "Old" past roles end before this. */
const oldEndBefore = Date.UTC(2024, 0, 1)
const pastRoleShare = 0.4
const recentRoleShare = 0.3
const secondRoleShare = 0.35
const secondaryCodeShare = 0.15
const connectionTarget = 150

/**
 * Inserts ~300 active members (the three demo accounts first, then the conflict showcase) and a
 * few applicants into a migrated, empty database, with their companies, past roles, declared
 * competitors, private lists and connections, then compiles everyone's conflict keys. The same
 * input always yields the same rows, except password hashes (argon2 salts each hash, so all
 * users share one hash of `demoPassword`), which conflict keys have expired by the clock, and
 * the meetings, laid relative to `now` so upcoming ones are always ahead.
 */
export async function seedDemoData(db: AppDatabase, { now = Date.now() } = {}): Promise<{ members: number }> {
	const passwordHash = await hashPassword(demoPassword)
	const data = buildDemoData(passwordHash)
	db.transaction((tx) => {
		for (const chunk of chunked(data.companies, insertChunkSize)) tx.insert(companies).values(chunk).run()
		for (const chunk of chunked(data.companyCodes, insertChunkSize)) tx.insert(companySectorCodes).values(chunk).run()
		for (const chunk of chunked(data.users, insertChunkSize)) tx.insert(users).values(chunk).run()
		for (const chunk of chunked(data.profiles, insertChunkSize)) tx.insert(memberProfiles).values(chunk).run()
		for (const chunk of chunked(data.tags, insertChunkSize)) tx.insert(expertiseTags).values(chunk).run()
		for (const chunk of chunked(data.pastRoles, insertChunkSize)) tx.insert(pastRoles).values(chunk).run()
		for (const chunk of chunked(data.competitors, insertChunkSize)) tx.insert(declaredCompetitors).values(chunk).run()
		for (const chunk of chunked(data.blocks, insertChunkSize)) tx.insert(introductionBlocks).values(chunk).run()
		for (const chunk of chunked(data.connections, insertChunkSize)) tx.insert(connections).values(chunk).run()
	})
	// Opens its own transaction, so it runs once the seed has committed.
	rebuildConflictKeys(db, 'all')
	seedCaseStudies(db, { policyNow, demoMemberId: demoUserIds.member })
	seedModeration(db, { policyNow, demoMemberId: demoUserIds.member, moderatorId: demoUserIds.moderator })
	seedMessaging(db, { policyNow, demoMemberId: demoUserIds.member })
	seedMeetings(db, { policyNow, demoMemberId: demoUserIds.member, now })
	return { members: memberCount }
}

/** A spread of "open to" choices that leaves the random stream (and so the rest of the seed) untouched. */
function openToFor(index: number): Array<(typeof openToOptions)[number]> {
	return openToOptions.filter((_, option) => (index >> option) % 2 === 0 || index % 7 === option)
}

export function isDatabaseEmpty(db: AppDatabase): boolean {
	return db.select({ id: users.id }).from(users).limit(1).get() === undefined
}

/** Companies by name key, with the policy's view of each (family, codes). */
function companyRegistry(data: DemoData) {
	const idByKey = new Map<string, string>()
	const refs = new Map<string, CompanyRef & { sectorCodes: string[] }>()
	return {
		refs,
		idOf(name: string) {
			return idByKey.get(companyNameKey(name))
		},
		/** The company with this name, created with `code` as its primary code when new. */
		ensure(name: string, code: string, createdAt: number, parentName?: string) {
			const key = companyNameKey(name)
			const known = idByKey.get(key)
			if (known) return known
			const id = `cmp_${String(data.companies.length + 1).padStart(4, '0')}`
			const parentId = parentName === undefined ? null : idByKey.get(companyNameKey(parentName))
			if (parentId === undefined) throw new Error(`Parent company ${parentName} must be registered before ${name}`)
			const familyId = parentId ? (refs.get(parentId)?.familyId ?? parentId) : id
			idByKey.set(key, id)
			data.companies.push({ id, name, nameKey: key, parentId, familyId, createdAt: new Date(createdAt) })
			data.companyCodes.push({ companyId: id, code, isPrimary: true })
			refs.set(id, { id, familyId, name, sectorCodes: [code] })
			return id
		},
		addSecondaryCode(id: string, code: string) {
			const ref = refs.get(id)
			if (!ref || ref.sectorCodes.includes(code)) return false
			ref.sectorCodes.push(code)
			data.companyCodes.push({ companyId: id, code, isPrimary: false })
			return true
		},
	}
}

interface MemberFacts {
	id: string
	status: 'active' | 'applicant'
	companyId: string
	/** The primary code of the member's industry (generated members only). */
	industryCode?: string
	/** When the member could first connect: reviewed (active) or applied. */
	since: number
	tags: readonly ExpertiseTag[]
	/** Generated: random extras apply. Demo and showcase members only get hand-written ones. */
	generated: boolean
	story?: ProfileStory & { previousIndustry: Industry }
}

function buildDemoData(passwordHash: string): DemoData {
	faker.seed(fakerSeed)
	// Distinct seeds: locales that share name lists (en_US, en_GB, ...) would otherwise repeat names.
	Object.values(localeFakers).forEach((localeFaker, index) => localeFaker.seed(fakerSeed + index + 1))
	// Everything added after the profiles draws from its own generator, so names, companies and
	// bios do not shift when the conflict data changes.
	const extras = new Faker({ locale: [base] })
	extras.seed(fakerSeed + 1000)

	const data: DemoData = {
		companies: [],
		companyCodes: [],
		users: [],
		profiles: [],
		tags: [],
		pastRoles: [],
		competitors: [],
		blocks: [],
		connections: [],
	}
	const registry = companyRegistry(data)
	const members: MemberFacts[] = []
	const takenCompanies = new Set<string>()
	const takenNames = new Set<string>()
	const takenEmails = new Set<string>()
	const adminId = demoUserIds.admin
	const fixedCompanyIds = new Set<string>()

	const foundedAt = baseTime - 700 * dayMs
	for (const spec of fixedCompanies) {
		fixedCompanyIds.add(registry.ensure(spec.name, spec.code, foundedAt, spec.parent))
		takenCompanies.add(spec.name)
	}
	const showcaseList = Object.values(showcaseProfiles) as ShowcaseDraft[]
	for (const profile of showcaseList) takenNames.add(profile.name)

	const pastRoleDrafts = new Map<string, readonly PastRoleDraft[]>()
	const add = (
		user: NewUser,
		profile: ProfileDraft,
		facts: Omit<MemberFacts, 'id' | 'status' | 'companyId' | 'since' | 'tags'>,
	) => {
		takenEmails.add(user.email)
		data.users.push(user)
		const since = (user.reviewedAt ?? user.createdAt)!.getTime()
		const companyId = registry.idOf(profile.company)
		if (!companyId) throw new Error(`Company ${profile.company} is not registered`)
		data.profiles.push({
			userId: user.id,
			title: profile.title,
			companyId,
			headline: profile.headline,
			region: profile.region,
			timeZone: profile.timeZone,
			bio: profile.bio,
			companySize: profile.companySize,
			businessModel: profile.businessModel,
			openTo: openToFor(data.profiles.length),
			updatedAt: new Date(since),
		})
		for (const tag of profile.tags) data.tags.push({ userId: user.id, tag })
		if (profile.pastRoles) pastRoleDrafts.set(user.id, profile.pastRoles)
		members.push({
			id: user.id,
			status: user.status === 'applicant' ? 'applicant' : 'active',
			companyId,
			since,
			tags: profile.tags,
			...facts,
		})
	}

	demoAccounts.forEach((account, index) => {
		const profile = demoProfiles[account.email]
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
			{ generated: false },
		)
	})

	showcaseList.forEach((profile, index) => {
		if (profile.id !== userId(demoAccounts.length + index))
			throw new Error(`Showcase member ${profile.name} is out of order`)
		// Joined over the first year, a month apart, reviewed the next morning.
		const createdAt = baseTime - (560 - index * 30) * dayMs + 14 * hourMs
		add(
			{
				id: profile.id,
				email: profile.email,
				name: profile.name,
				passwordHash,
				role: 'member',
				status: 'active',
				reviewedAt: new Date(createdAt + 19 * hourMs),
				reviewedBy: adminId,
				createdAt: new Date(createdAt),
			},
			profile,
			{ generated: false },
		)
	})

	const firstGenerated = demoAccounts.length + showcaseList.length
	const generatedMembers = memberCount - firstGenerated
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
		registry.ensure(company, industry.naicsCode, createdAt)
		add(
			{
				id: userId(firstGenerated + k),
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
				...profileExtras(extras, industry, tags),
				region: place.region,
				timeZone: place.choice.timeZone,
				bio,
				tags,
			},
			{ generated: true, industryCode: industry.naicsCode, story },
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
		registry.ensure(company, industry.naicsCode, createdAt)
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
				...profileExtras(extras, industry, tags),
				region: place.region,
				timeZone: place.choice.timeZone,
				bio: [faker.helpers.arrayElement(bioOpenings)(story), faker.helpers.arrayElement(bioPresent)(story)].join(' '),
				tags,
			},
			{ generated: true, industryCode: industry.naicsCode, story },
		)
	})

	addPastRoles(data, registry, members, pastRoleDrafts, fixedCompanyIds, extras)
	for (const company of data.companies) {
		if (fixedCompanyIds.has(company.id!) || !extras.datatype.boolean({ probability: secondaryCodeShare })) continue
		const options = diversifications[registry.refs.get(company.id!)!.sectorCodes[0]!] ?? []
		if (options.length > 0) registry.addSecondaryCode(company.id!, extras.helpers.arrayElement(options))
	}
	addCompetitorsAndBlocks(data, registry, members, fixedCompanyIds, extras)
	addConnections(data, registry, members, extras)
	return data
}

/** Headline, company size and business model of a generated profile. */
function profileExtras(extras: Faker, industry: Industry, tags: readonly ExpertiseTag[]) {
	const sizes: readonly { weight: number; value: CompanySize }[] =
		industry.roots === 'classic'
			? [
					{ weight: 1, value: '1-50' },
					{ weight: 2, value: '51-200' },
					{ weight: 3, value: '201-1000' },
					{ weight: 4, value: '1001-5000' },
					{ weight: 4, value: '5001+' },
				]
			: [
					{ weight: 2, value: '1-50' },
					{ weight: 4, value: '51-200' },
					{ weight: 4, value: '201-1000' },
					{ weight: 2, value: '1001-5000' },
					{ weight: 1, value: '5001+' },
				]
	return {
		headline: extras.helpers.arrayElement(headlines[tags[0] ?? 'brand-strategy']),
		companySize: extras.helpers.weightedArrayElement(sizes),
		businessModel: industry.businessModel,
	}
}

type Registry = ReturnType<typeof companyRegistry>

/** A month's first day and last day, in UTC. */
const monthStart = (year: number, month: number) => Date.UTC(year, month, 1)
const monthEnd = (year: number, month: number) => Date.UTC(year, month + 1, 0)

/**
 * The showcase's hand-written past roles, and 1–2 for ~40% of the other members: the previous
 * employer their story names (some bios mention it), sometimes an older one before that.
 * About a third of the most recent roles ended in mid-2026 and still count for the policy.
 */
function addPastRoles(
	data: DemoData,
	registry: Registry,
	members: readonly MemberFacts[],
	drafts: ReadonlyMap<string, readonly PastRoleDraft[]>,
	fixedCompanyIds: ReadonlySet<string>,
	extras: Faker,
) {
	const push = (userId: string, companyId: string, title: string, startedAt: number, endedAt: number) => {
		data.pastRoles.push({
			id: `prl_${String(data.pastRoles.length + 1).padStart(4, '0')}`,
			userId,
			companyId,
			title,
			startedAt: new Date(startedAt),
			endedAt: new Date(endedAt),
		})
	}
	for (const member of members) {
		for (const role of drafts.get(member.id) ?? []) {
			const companyId = registry.idOf(role.company)
			if (!companyId) throw new Error(`Company ${role.company} is not registered`)
			push(member.id, companyId, role.title, role.startedAt, role.endedAt)
		}
		if (!member.generated || !member.story || !extras.datatype.boolean({ probability: pastRoleShare })) continue
		const { previousCompany, previousIndustry } = member.story
		// Never at a demo or showcase company: those pairs must keep exactly one rule.
		const knownId = registry.idOf(previousCompany)
		if (
			looksLikeFamilyMember(previousCompany) ||
			(knownId && (fixedCompanyIds.has(knownId) || knownId === member.companyId))
		)
			continue
		const firstCompany = registry.ensure(previousCompany, previousIndustry.naicsCode, member.since)

		const recent = extras.datatype.boolean({ probability: recentRoleShare })
		const endedAt = recent
			? monthEnd(2026, extras.number.int({ min: 5, max: 9 }))
			: monthEnd(extras.number.int({ min: 2014, max: 2023 }), extras.number.int({ min: 0, max: 11 }))
		const ended = new Date(endedAt)
		const startedAt = monthStart(
			ended.getUTCFullYear() - extras.number.int({ min: 2, max: 7 }),
			extras.number.int({ min: 0, max: 11 }),
		)
		push(member.id, firstCompany, extras.helpers.weightedArrayElement(pastRoleTitles), startedAt, endedAt)
		if (recent && endedAt < recentEndFrom) throw new Error('Recent past roles must end after June 2026')
		if (recent && endedAt > recentEndTo) throw new Error('Recent past roles must end by November 2026')

		if (!extras.datatype.boolean({ probability: secondRoleShare })) continue
		const industry = extras.helpers.arrayElement(industries)
		const name = extras.helpers
			.arrayElement(industry.names)
			.replace('{root}', extras.helpers.arrayElement(companyRoots[industry.roots]))
		const existing = registry.idOf(name)
		if (looksLikeFamilyMember(name)) continue
		if (existing && (fixedCompanyIds.has(existing) || existing === member.companyId || existing === firstCompany))
			continue
		const secondCompany = registry.ensure(name, industry.naicsCode, member.since)
		const before = new Date(
			Math.min(startedAt - 31 * dayMs * extras.number.int({ min: 1, max: 6 }), oldEndBefore - dayMs),
		)
		const secondEnd = monthEnd(before.getUTCFullYear(), before.getUTCMonth())
		const secondStart = monthStart(
			before.getUTCFullYear() - extras.number.int({ min: 2, max: 6 }),
			extras.number.int({ min: 0, max: 11 }),
		)
		push(member.id, secondCompany, extras.helpers.weightedArrayElement(pastRoleTitles), secondStart, secondEnd)
	}
}

/**
 * The showcase's declared competitors and private lists, then random ones between generated
 * members: a competitor from a neighbouring industry group (competitorAffinities) and a few
 * company-wide "don't introduce me" entries. Demo and showcase members are never targets.
 */
function addCompetitorsAndBlocks(
	data: DemoData,
	registry: Registry,
	members: readonly MemberFacts[],
	fixedCompanyIds: ReadonlySet<string>,
	extras: Faker,
) {
	const companyOf = (name: string) => {
		const id = registry.idOf(name)
		if (!id) throw new Error(`Company ${name} is not registered`)
		return id
	}
	for (const { userId, company } of showcaseCompetitors)
		data.competitors.push({ userId, companyId: companyOf(company) })
	const blockedAt = (index: number) => new Date(baseTime - (90 - index * 7) * dayMs)
	for (const block of showcaseBlocks) {
		data.blocks.push({
			userId: block.userId,
			blockedUserId: block.blockedUserId ?? null,
			blockedCompanyId: block.blockedCompany ? companyOf(block.blockedCompany) : null,
			createdAt: blockedAt(data.blocks.length),
		})
	}

	const generated = members.filter((member) => member.generated && member.status === 'active')
	const byIndustry = (code: string) => generated.filter((member) => member.industryCode === code)
	const declared = new Set<string>()
	for (const [from, to] of competitorAffinities) {
		const declarers = byIndustry(from)
		const targets = byIndustry(to).filter((member) => !fixedCompanyIds.has(member.companyId))
		if (declarers.length === 0 || targets.length === 0) continue
		const declarer = extras.helpers.arrayElement(declarers)
		const target = extras.helpers.arrayElement(targets)
		const key = `${declarer.id}|${target.companyId}`
		if (declared.has(key)) continue
		declared.add(key)
		data.competitors.push({ userId: declarer.id, companyId: target.companyId })
	}

	for (let added = 0, attempt = 0; added < 3 && attempt < 50; attempt++) {
		const lister = extras.helpers.arrayElement(generated)
		const listed = extras.helpers.arrayElement(generated)
		const listerCodes = registry.refs.get(lister.companyId)!.sectorCodes
		const listedCodes = registry.refs.get(listed.companyId)!.sectorCodes
		if (lister === listed || listerCodes[0]!.slice(0, 2) === listedCodes[0]!.slice(0, 2)) continue
		if (data.blocks.some((block) => block.userId === lister.id)) continue
		data.blocks.push({
			userId: lister.id,
			blockedUserId: null,
			blockedCompanyId: listed.companyId,
			createdAt: blockedAt(data.blocks.length),
		})
		added++
	}
}

/** Policy snapshots of every member, built from the rows about to be inserted. */
function snapshotsOf(data: DemoData, registry: Registry) {
	const snapshots = new Map<string, MemberSnapshot>()
	for (const profile of data.profiles) {
		snapshots.set(profile.userId, {
			userId: profile.userId,
			company: registry.refs.get(profile.companyId)!,
			pastRoles: data.pastRoles
				.filter((role) => role.userId === profile.userId)
				.map((role) => ({ company: registry.refs.get(role.companyId)!, endedAt: role.endedAt.getTime() })),
			declaredCompetitorFamilyIds: [
				...new Set(
					data.competitors
						.filter((row) => row.userId === profile.userId)
						.map((row) => registry.refs.get(row.companyId)!.familyId),
				),
			],
			blockedUserIds: data.blocks.flatMap((row) =>
				row.userId === profile.userId && row.blockedUserId ? [row.blockedUserId] : [],
			),
			blockedCompanyIds: data.blocks.flatMap((row) =>
				row.userId === profile.userId && row.blockedCompanyId ? [row.blockedCompanyId] : [],
			),
		})
	}
	return snapshots
}

/**
 * ~150 connections between active members the policy lets meet (checked with evaluateConflict
 * at the fixed `policyNow`): Maya gets 8 accepted, 2 requests waiting for her and 1 of her own;
 * the moderator and the admin 4 accepted and 1 waiting each; the rest are random pairs, mostly
 * accepted, some pending, a few declined.
 */
function addConnections(data: DemoData, registry: Registry, members: readonly MemberFacts[], extras: Faker) {
	const snapshots = snapshotsOf(data, registry)
	const factsById = new Map(members.map((member) => [member.id, member]))
	const mayMeet = (a: string, b: string) =>
		a !== b && !evaluateConflict(snapshots.get(a)!, snapshots.get(b)!, defaultPolicySettings, policyNow).conflicted
	const pairKeys = new Set<string>()
	const pairKeyOf = (a: string, b: string) => [a, b].sort().join('|')

	const connect = (
		requesterId: string,
		addresseeId: string,
		status: 'accepted' | 'pending' | 'declined',
		fresh = false,
	) => {
		const pairKey = pairKeyOf(requesterId, addresseeId)
		if (pairKeys.has(pairKey) || !mayMeet(requesterId, addresseeId)) throw new Error(`Cannot connect ${pairKey}`)
		pairKeys.add(pairKey)
		const requester = factsById.get(requesterId)!
		const addressee = factsById.get(addresseeId)!
		const since = Math.max(requester.since, addressee.since)
		const latest = baseTime - 2 * dayMs
		const createdAt = fresh
			? minuteOf(Math.max(since + hourMs, baseTime - extras.number.int({ min: 1 * dayMs, max: 5 * dayMs })))
			: minuteOf(since + extras.number.int({ min: hourMs, max: Math.max(hourMs, latest - since) }))
		const respondedAt =
			status === 'pending'
				? null
				: new Date(
						minuteOf(
							createdAt +
								extras.number.int({ min: hourMs, max: Math.max(hourMs, Math.min(5 * dayMs, baseTime - createdAt)) }),
						),
					)
		const noted = extras.datatype.boolean({ probability: 0.4 })
		data.connections.push({
			id: `con_${String(data.connections.length + 1).padStart(4, '0')}`,
			requesterId,
			addresseeId,
			pairKey,
			status,
			note: noted ? extras.helpers.arrayElement(connectionNotes)(phraseOf(addressee.tags[0])) : '',
			createdAt: new Date(createdAt),
			respondedAt,
		})
	}

	const demoIds = new Set<string>(Object.values(demoUserIds))
	const others = members.filter((member) => member.status === 'active' && !demoIds.has(member.id))
	const partnersFor = (demoId: string, count: number, first: string[] = []) => {
		const candidates = extras.helpers
			.shuffle(others.filter((member) => member.generated).map((member) => member.id))
			.filter((id) => !first.includes(id) && mayMeet(demoId, id) && !pairKeys.has(pairKeyOf(demoId, id)))
		return [...first, ...candidates].slice(0, count)
	}

	const maya = demoUserIds.member
	const { accepted, pendingIncoming, pendingOutgoing } = conflictShowcase.memberConnections
	const mayaPartners = partnersFor(maya, accepted + pendingIncoming + pendingOutgoing, [
		conflictShowcase.recentEmployer.pastCoolingOff.userId,
	])
	mayaPartners.forEach((partner, index) => {
		if (index < accepted) connect(index % 2 === 0 ? maya : partner, index % 2 === 0 ? partner : maya, 'accepted')
		else if (index < accepted + pendingIncoming) connect(partner, maya, 'pending', true)
		else connect(maya, partner, 'pending', true)
	})
	for (const demoId of [demoUserIds.moderator, demoUserIds.admin]) {
		partnersFor(demoId, 5).forEach((partner, index) => {
			if (index < 4) connect(index % 2 === 0 ? demoId : partner, index % 2 === 0 ? partner : demoId, 'accepted')
			else connect(partner, demoId, 'pending', true)
		})
	}

	const statuses = [
		{ weight: 80, value: 'accepted' as const },
		{ weight: 13, value: 'pending' as const },
		{ weight: 7, value: 'declined' as const },
	]
	for (let attempt = 0; data.connections.length < connectionTarget && attempt < 10_000; attempt++) {
		const requester = extras.helpers.arrayElement(others).id
		const addressee = extras.helpers.arrayElement(others).id
		if (requester === addressee || pairKeys.has(pairKeyOf(requester, addressee)) || !mayMeet(requester, addressee))
			continue
		connect(requester, addressee, extras.helpers.weightedArrayElement(statuses))
	}
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

/** Name roots of the showcase's corporate families: no unrelated company may look like a sibling. */
const familyRoots = fixedCompanies.filter((spec) => !spec.parent).map((spec) => spec.name.split(' ')[0]!)

function looksLikeFamilyMember(company: string) {
	return familyRoots.some((root) => company.startsWith(`${root} `))
}

/** One member per company, so emails and the directory never show two people at one firm. */
function uniqueCompany(industry: Industry, taken: Set<string>) {
	for (let attempt = 0; attempt < 100; attempt++) {
		const company = companyFor(industry)
		if (!taken.has(company) && !looksLikeFamilyMember(company)) {
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

function storyFor(
	company: string,
	industry: Industry,
	tags: readonly ExpertiseTag[],
): ProfileStory & { previousIndustry: Industry } {
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
		previousIndustry,
	}
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
