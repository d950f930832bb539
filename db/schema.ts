import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

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

export const memberProfiles = sqliteTable(
	'member_profiles',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		company: text('company').notNull(),
		/** Primary NAICS code of the member's company (6 digits where known). */
		naicsCode: text('naics_code')
			.notNull()
			.references(() => naicsCodes.code),
		region: text('region').notNull(),
		/** IANA time zone, e.g. "Europe/Paris". */
		timeZone: text('time_zone').notNull(),
		bio: text('bio').notNull().default(''),
		updatedAt: timestampNow('updated_at'),
	},
	(t) => [index('profiles_naics_idx').on(t.naicsCode), index('profiles_region_idx').on(t.region)],
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

export type User = typeof users.$inferSelect
export type MemberProfile = typeof memberProfiles.$inferSelect
