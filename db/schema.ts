import { sql } from 'drizzle-orm'
import {
	blob,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex,
	type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core'
import {
	businessModels,
	companySizes,
	openToOptions,
	profileVisibilities,
} from '../app/features/members/profile-options.ts'

export const roles = ['member', 'moderator', 'admin'] as const
export type Role = (typeof roles)[number]

/** applicant → active (approved) or rejected; active ↔ suspended. */
export const membershipStatuses = ['applicant', 'active', 'suspended', 'rejected'] as const
export type MembershipStatus = (typeof membershipStatuses)[number]

const timestampNow = (name: string) =>
	integer(name, { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)

export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		/** Stored lower-cased and trimmed; unique. */
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role', { enum: roles }).notNull().default('member'),
		status: text('status', { enum: membershipStatuses }).notNull().default('applicant'),
		/** What the applicant wrote when applying ("why I want to join"). */
		applicationNote: text('application_note').notNull().default(''),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
		reviewedBy: text('reviewed_by'),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('users_status_created_idx').on(t.status, t.createdAt)],
)

export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		// lucia's drizzle adapter reads and writes integer seconds here.
		expiresAt: integer('expires_at').notNull(),
		createdAt: integer('created_at').notNull(),
		userAgent: text('user_agent').notNull().default(''),
		ipAddress: text('ip_address').notNull().default(''),
	},
	(t) => [index('sessions_user_idx').on(t.userId)],
)

/** NAICS 2022 codes (2–6 digits), loaded by a migration from db/data/naics-2022.csv. */
export const naicsCodes = sqliteTable(
	'naics_codes',
	{
		code: text('code').primaryKey(),
		title: text('title').notNull(),
		/** Number of digits: 2 sector, 3 subsector, 4 industry group, 5 industry, 6 national industry. */
		level: integer('level').notNull(),
		/** The sector a code belongs to, spelled as NAICS does ("31-33" for all manufacturing). */
		sector: text('sector').notNull(),
	},
	(t) => [index('naics_level_idx').on(t.level)],
)

export const companies = sqliteTable(
	'companies',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		/** Lower-cased, punctuation-free name: "Acme, Inc." and "ACME Inc" are one company. */
		nameKey: text('name_key').notNull().unique(),
		/** The parent company, for corporate families; null for a family's root. */
		parentId: text('parent_id').references((): AnySQLiteColumn => companies.id),
		/** The root of the family (the company itself when it has no parent), kept by app code. */
		familyId: text('family_id').notNull(),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('companies_family_idx').on(t.familyId), index('companies_parent_idx').on(t.parentId)],
)

/** A company's NAICS 2022 codes: one primary (6 digits where known) and optional secondary ones. */
export const companySectorCodes = sqliteTable(
	'company_sector_codes',
	{
		companyId: text('company_id')
			.notNull()
			.references(() => companies.id, { onDelete: 'cascade' }),
		code: text('code')
			.notNull()
			.references(() => naicsCodes.code),
		isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
	},
	(t) => [primaryKey({ columns: [t.companyId, t.code] }), index('company_codes_code_idx').on(t.code)],
)

export { businessModels, companySizes, openToOptions, profileVisibilities }

export const memberProfiles = sqliteTable(
	'member_profiles',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		companyId: text('company_id')
			.notNull()
			.references(() => companies.id),
		headline: text('headline').notNull().default(''),
		region: text('region').notNull(),
		/** IANA time zone, e.g. "Europe/Paris". */
		timeZone: text('time_zone').notNull(),
		bio: text('bio').notNull().default(''),
		companySize: text('company_size', { enum: companySizes }),
		businessModel: text('business_model', { enum: businessModels }).notNull().default('both'),
		openTo: text('open_to', { mode: 'json' })
			.notNull()
			.$type<Array<(typeof openToOptions)[number]>>()
			.default(sql`'[]'`),
		visibility: text('visibility', { enum: profileVisibilities }).notNull().default('members'),
		/** Bumped on every photo upload so its URL changes and caches can keep it forever; null: initials avatar. */
		photoVersion: integer('photo_version'),
		updatedAt: timestampNow('updated_at'),
	},
	(t) => [index('profiles_company_idx').on(t.companyId), index('profiles_region_idx').on(t.region)],
)

/** Uploaded profile photos, already resized to a square WebP; kept apart so profile rows stay small. */
export const memberPhotos = sqliteTable('member_photos', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	content: blob('content', { mode: 'buffer' }).notNull(),
	contentType: text('content_type').notNull(),
	updatedAt: timestampNow('updated_at'),
})

/** Members a viewer dismissed from their "peers to meet" list. */
export const suggestionDismissals = sqliteTable(
	'suggestion_dismissals',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		dismissedUserId: text('dismissed_user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestampNow('created_at'),
	},
	(t) => [primaryKey({ columns: [t.userId, t.dismissedUserId] })],
)

export const expertiseTags = sqliteTable(
	'expertise_tags',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tag: text('tag').notNull(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.tag] }), index('expertise_tag_idx').on(t.tag)],
)

/** Companies a member worked at before; they count for the cooling-off period after `endedAt`. */
export const pastRoles = sqliteTable(
	'past_roles',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		companyId: text('company_id')
			.notNull()
			.references(() => companies.id),
		title: text('title').notNull(),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [index('past_roles_user_idx').on(t.userId), index('past_roles_company_idx').on(t.companyId)],
)

export const declaredCompetitors = sqliteTable(
	'declared_competitors',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		companyId: text('company_id')
			.notNull()
			.references(() => companies.id),
	},
	(t) => [primaryKey({ columns: [t.userId, t.companyId] })],
)

/** The private "don't introduce me" list: a person or a whole company. Never shown to the other side. */
export const introductionBlocks = sqliteTable(
	'introduction_blocks',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		blockedUserId: text('blocked_user_id').references(() => users.id, { onDelete: 'cascade' }),
		blockedCompanyId: text('blocked_company_id').references(() => companies.id),
		createdAt: timestampNow('created_at'),
	},
	(t) => [
		index('intro_blocks_user_idx').on(t.userId),
		uniqueIndex('intro_blocks_unique').on(t.userId, t.blockedUserId, t.blockedCompanyId),
	],
)

/** The conflict policy compiled to keys (app/features/conflicts/policy.ts), for set-based list queries. */
export const memberConflictKeys = sqliteTable(
	'member_conflict_keys',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		/** Unix ms after which the key no longer applies (past employers); null: for as long as it is stored. */
		expiresAt: integer('expires_at'),
	},
	(t) => [primaryKey({ columns: [t.userId, t.key] }), index('conflict_keys_key_idx').on(t.key, t.userId)],
)

/** Admin settings of the conflict policy: a single row with id 1. */
export const policySettings = sqliteTable('policy_settings', {
	id: integer('id').primaryKey(),
	sectorLevel: integer('sector_level').notNull().default(4),
	coolingOffMonths: integer('cooling_off_months').notNull().default(12),
	updatedAt: timestampNow('updated_at'),
	updatedBy: text('updated_by'),
})

/** Every refusal at an entry point, for admins to review. */
export const conflictDecisions = sqliteTable(
	'conflict_decisions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actorId: text('actor_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		targetId: text('target_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** JSON array of the rules that applied, private rule included. */
		rules: text('rules', { mode: 'json' }).notNull().$type<string[]>(),
		entryPoint: text('entry_point').notNull(),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('conflict_decisions_created_idx').on(t.createdAt)],
)

export const connectionStatuses = ['pending', 'accepted', 'declined', 'withdrawn', 'removed'] as const

export const connections = sqliteTable(
	'connections',
	{
		id: text('id').primaryKey(),
		requesterId: text('requester_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		addresseeId: text('addressee_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The two ids sorted and joined, so a pair has one row whoever asked. */
		pairKey: text('pair_key').notNull().unique(),
		status: text('status', { enum: connectionStatuses }).notNull().default('pending'),
		note: text('note').notNull().default(''),
		/** Set while the pair is in conflict (a profile changed); cleared when the conflict goes away. */
		suspendedAt: integer('suspended_at', { mode: 'timestamp_ms' }),
		createdAt: timestampNow('created_at'),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
	},
	(t) => [
		index('connections_requester_idx').on(t.requesterId, t.status),
		index('connections_addressee_idx').on(t.addresseeId, t.status),
	],
)

export type User = typeof users.$inferSelect
export type MemberProfile = typeof memberProfiles.$inferSelect
