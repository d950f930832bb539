import { sql } from 'drizzle-orm'
import {
	blob,
	index,
	integer,
	primaryKey,
	real,
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
import {
	budgetBands,
	caseStudyAudiences,
	caseStudyChannels as caseStudyChannelOptions,
	caseStudyObjectives,
	caseStudyStatuses,
	revisionStatuses,
} from '../app/features/case-studies/options.ts'
import { reportReasons, reportResolutions, reportStatuses, reportTargets } from '../app/features/moderation/options.ts'
import { notificationKinds } from '../app/features/notifications/options.ts'
import { conversationKinds, conversationMemberStatuses, conversationRoles } from '../app/features/messaging/options.ts'
import {
	jobKinds,
	jobStatuses,
	meetingKinds,
	meetingStatuses,
	overrideKinds,
	participantRoles,
} from '../app/features/scheduling/options.ts'

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
		/** When the member's last socket closed; shown as "last seen" while they are offline. */
		lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }),
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
		/** Set by a moderator: the profile leaves the directory and suggestions, and only its member and moderators see it. */
		hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
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

/** A member's campaign case study. The columns hold the live content (what readers see once published). */
export const caseStudies = sqliteTable(
	'case_studies',
	{
		id: text('id').primaryKey(),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: caseStudyStatuses }).notNull().default('draft'),
		title: text('title').notNull(),
		brand: text('brand').notNull(),
		sectorCode: text('sector_code')
			.notNull()
			.references(() => naicsCodes.code),
		objective: text('objective', { enum: caseStudyObjectives }).notNull(),
		/** Who the campaign spoke to, in the author's words. */
		targetAudience: text('target_audience').notNull().default(''),
		/** Months as "YYYY-MM"; endedOn null while the campaign runs. */
		startedOn: text('started_on').notNull(),
		endedOn: text('ended_on'),
		budgetBand: text('budget_band', { enum: budgetBands }).notNull(),
		summary: text('summary').notNull().default(''),
		/** Markdown, rendered sanitized. */
		body: text('body').notNull().default(''),
		/** Markdown: what the author would do differently. */
		learnings: text('learnings').notNull().default(''),
		readers: text('readers', { enum: caseStudyAudiences }).notNull().default('non-conflicted'),
		/** The moderator's latest note to the author (changes requested, rejection reason). */
		reviewNote: text('review_note'),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		featuredAt: integer('featured_at', { mode: 'timestamp_ms' }),
		featuredBy: text('featured_by').references(() => users.id),
		/** Hidden by a moderator after a report; hidden studies are read by nobody but the author and moderators. */
		hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
		usefulCount: integer('useful_count').notNull().default(0),
		createdAt: timestampNow('created_at'),
		updatedAt: timestampNow('updated_at'),
	},
	(t) => [
		index('case_studies_status_published_idx').on(t.status, t.publishedAt),
		index('case_studies_author_idx').on(t.authorId, t.updatedAt),
		index('case_studies_sector_idx').on(t.sectorCode),
		index('case_studies_featured_idx').on(t.featuredAt),
	],
)

/** A proposed edit of a published study, waiting for review while the published text stays live. */
export const caseStudyRevisions = sqliteTable(
	'case_study_revisions',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		/** The whole proposed content (fields, metrics, channels, tags) as JSON. */
		content: text('content', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
		status: text('status', { enum: revisionStatuses }).notNull().default('submitted'),
		reviewNote: text('review_note'),
		reviewedBy: text('reviewed_by').references(() => users.id),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('case_study_revisions_study_idx').on(t.studyId, t.status)],
)

export const caseStudyMetrics = sqliteTable(
	'case_study_metrics',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		label: text('label').notNull(),
		before: real('before_value').notNull(),
		after: real('after_value').notNull(),
		unit: text('unit').notNull().default(''),
	},
	(t) => [index('case_study_metrics_study_idx').on(t.studyId, t.position)],
)

export const caseStudyChannels = sqliteTable(
	'case_study_channels',
	{
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		channel: text('channel', { enum: caseStudyChannelOptions }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.studyId, t.channel] }), index('case_study_channels_channel_idx').on(t.channel)],
)

export const caseStudyTags = sqliteTable(
	'case_study_tags',
	{
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		tag: text('tag').notNull(),
	},
	(t) => [primaryKey({ columns: [t.studyId, t.tag] }), index('case_study_tags_tag_idx').on(t.tag)],
)

/**
 * Uploaded images, already resized to WebP; one may be the cover. Served only through the read policy;
 * an image with a revision waits for that edit's review (see images.server.ts).
 */
export const caseStudyImages = sqliteTable(
	'case_study_images',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		isCover: integer('is_cover', { mode: 'boolean' }).notNull().default(false),
		content: blob('content', { mode: 'buffer' }).notNull(),
		contentType: text('content_type').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		alt: text('alt').notNull().default(''),
		/** Set while the image waits with an edit of a published study: only its author and moderators see it. */
		revisionId: text('revision_id').references(() => caseStudyRevisions.id, { onDelete: 'cascade' }),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('case_study_images_study_idx').on(t.studyId, t.position)],
)

export const caseStudyVotes = sqliteTable(
	'case_study_votes',
	{
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestampNow('created_at'),
	},
	(t) => [primaryKey({ columns: [t.studyId, t.userId] })],
)

export const caseStudyBookmarks = sqliteTable(
	'case_study_bookmarks',
	{
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestampNow('created_at'),
	},
	(t) => [
		primaryKey({ columns: [t.studyId, t.userId] }),
		index('case_study_bookmarks_user_idx').on(t.userId, t.createdAt),
	],
)

/** Comments on a study, threaded one level: a reply's parent is always a top-level comment. */
export const caseStudyComments = sqliteTable(
	'case_study_comments',
	{
		id: text('id').primaryKey(),
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		parentId: text('parent_id').references((): AnySQLiteColumn => caseStudyComments.id, { onDelete: 'cascade' }),
		body: text('body').notNull(),
		createdAt: timestampNow('created_at'),
		editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
		deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
		hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
	},
	(t) => [
		index('case_study_comments_study_idx').on(t.studyId, t.createdAt),
		index('case_study_comments_parent_idx').on(t.parentId),
	],
)

/** Curated, ordered collections of published studies ("Loyalty loops that worked"). */
export const collections = sqliteTable('collections', {
	id: text('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	intro: text('intro').notNull().default(''),
	createdBy: text('created_by').references(() => users.id),
	createdAt: timestampNow('created_at'),
	updatedAt: timestampNow('updated_at'),
})

export const collectionItems = sqliteTable(
	'collection_items',
	{
		collectionId: text('collection_id')
			.notNull()
			.references(() => collections.id, { onDelete: 'cascade' }),
		studyId: text('study_id')
			.notNull()
			.references(() => caseStudies.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.collectionId, t.studyId] }),
		index('collection_items_order_idx').on(t.collectionId, t.position),
	],
)

/** A member's report of a case study, comment, message or profile, for moderators to resolve. */
export const reports = sqliteTable(
	'reports',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		reporterId: text('reporter_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		targetType: text('target_type', { enum: reportTargets }).notNull(),
		targetId: text('target_id').notNull(),
		reason: text('reason', { enum: reportReasons }).notNull(),
		note: text('note').notNull().default(''),
		status: text('status', { enum: reportStatuses }).notNull().default('open'),
		resolution: text('resolution', { enum: reportResolutions }),
		resolvedBy: text('resolved_by').references(() => users.id),
		resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
		createdAt: timestampNow('created_at'),
	},
	(t) => [
		index('reports_status_idx').on(t.status, t.createdAt),
		index('reports_target_idx').on(t.targetType, t.targetId),
		// One open report per member and thing: a double submit cannot file two.
		uniqueIndex('reports_open_unique')
			.on(t.reporterId, t.targetType, t.targetId)
			.where(sql`${t.status} = 'open'`),
	],
)

/** Every moderator action, append-only (triggers refuse updates and deletes); admins read it. */
export const moderationAuditLog = sqliteTable(
	'moderation_audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actorId: text('actor_id')
			.notNull()
			.references(() => users.id),
		action: text('action').notNull(),
		targetType: text('target_type').notNull(),
		targetId: text('target_id').notNull(),
		reason: text('reason').notNull().default(''),
		details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('moderation_audit_created_idx').on(t.createdAt)],
)

/** Moderator settings: a single row with id 1. */
export const moderationSettings = sqliteTable('moderation_settings', {
	id: integer('id').primaryKey(),
	/** Whether edits to a published study go back to review before readers see them. */
	reviewPublishedEdits: integer('review_published_edits', { mode: 'boolean' }).notNull().default(true),
	updatedAt: timestampNow('updated_at'),
	updatedBy: text('updated_by').references(() => users.id),
})

/** The shared notification center: every feature writes here; the bell and /notifications read it. */
export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: notificationKinds }).notNull(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		/** Where the notification leads, an app path. */
		link: text('link').notNull(),
		createdAt: timestampNow('created_at'),
		readAt: integer('read_at', { mode: 'timestamp_ms' }),
	},
	(t) => [
		index('notifications_user_idx').on(t.userId, t.createdAt),
		index('notifications_unread_idx').on(t.userId, t.readAt),
	],
)

/** A 1:1 conversation (one per pair of members) or a roundtable of up to 12, invite-only. */
export const conversations = sqliteTable('conversations', {
	id: text('id').primaryKey(),
	kind: text('kind', { enum: conversationKinds }).notNull(),
	/** Direct conversations: the two ids sorted and joined, so a pair has one conversation. */
	pairKey: text('pair_key').unique(),
	/** Roundtables: the name the host gave it. */
	title: text('title').notNull().default(''),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	lastMessageId: integer('last_message_id'),
	/** Sorts the conversation list: the last message, or the creation. */
	lastActivityAt: timestampNow('last_activity_at'),
	/** Roundtables: set while two of its members are in conflict; the room is read-only until cleared. */
	suspendedAt: integer('suspended_at', { mode: 'timestamp_ms' }),
	createdAt: timestampNow('created_at'),
})

export const conversationMembers = sqliteTable(
	'conversation_members',
	{
		conversationId: text('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: conversationRoles }).notNull().default('member'),
		status: text('status', { enum: conversationMemberStatuses }).notNull().default('joined'),
		invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
		/** The newest message this member has read (read receipts, unread counts). */
		lastReadMessageId: integer('last_read_message_id').notNull().default(0),
		createdAt: timestampNow('created_at'),
		updatedAt: timestampNow('updated_at'),
	},
	(t) => [
		primaryKey({ columns: [t.conversationId, t.userId] }),
		index('conversation_members_user_idx').on(t.userId, t.status),
	],
)

/**
 * Messages, in one total order per conversation (the id). `changeId` grows with every insert,
 * edit, deletion and hiding across all conversations: a client that saw change N asks for what
 * changed after N to catch up after a disconnect.
 */
export const messages = sqliteTable(
	'messages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		conversationId: text('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		senderId: text('sender_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Generated by the sender's client: a retried or double-sent message is stored once. */
		clientId: text('client_id').notNull(),
		/** Plain text; emptied when the sender deletes the message. */
		body: text('body').notNull(),
		createdAt: timestampNow('created_at'),
		editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
		deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
		/** Set by a moderator resolving a report; readers see that it was hidden. */
		hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
		changeId: integer('change_id').notNull(),
	},
	(t) => [
		uniqueIndex('messages_client_id_unique').on(t.senderId, t.clientId),
		index('messages_conversation_idx').on(t.conversationId, t.id),
		uniqueIndex('messages_change_idx').on(t.changeId),
	],
)

/** A member's scheduling preferences; until this row exists the defaults in scheduling/options.ts apply. */
export const availabilitySettings = sqliteTable('availability_settings', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	meetingLengthMinutes: integer('meeting_length_minutes').notNull(),
	/** Kept free before and after every meeting. */
	bufferMinutes: integer('buffer_minutes').notNull(),
	/** How long before a meeting the reminder fires; 0: no reminder. */
	reminderMinutes: integer('reminder_minutes').notNull(),
	updatedAt: timestampNow('updated_at'),
})

/** Weekly working-hour windows in the member's own time zone (member_profiles.time_zone). */
export const availabilityWindows = sqliteTable(
	'availability_windows',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** ISO weekday: Monday = 1 … Sunday = 7. */
		weekday: integer('weekday').notNull(),
		/** Minutes after local midnight; end is exclusive and at most 1440. */
		startMinute: integer('start_minute').notNull(),
		endMinute: integer('end_minute').notNull(),
	},
	(t) => [index('availability_windows_user_idx').on(t.userId, t.weekday)],
)

/** One local date that differs from the week: out of office (all day or part of it) or an extra slot. */
export const availabilityOverrides = sqliteTable(
	'availability_overrides',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The member's local date, YYYY-MM-DD. */
		date: text('date').notNull(),
		kind: text('kind', { enum: overrideKinds }).notNull(),
		/** Null on both: the whole day (only for `unavailable`). */
		startMinute: integer('start_minute'),
		endMinute: integer('end_minute'),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('availability_overrides_user_idx').on(t.userId, t.date)],
)

/**
 * A proposed or agreed conversation between two members, or a roundtable's. The id doubles as
 * the calendar UID, so a rescheduled meeting updates the same calendar entry; `sequence` grows
 * with every change a calendar must pick up.
 */
export const meetings = sqliteTable(
	'meetings',
	{
		id: text('id').primaryKey(),
		kind: text('kind', { enum: meetingKinds }).notNull(),
		organizerId: text('organizer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The conversation it links to: the pair's 1:1 conversation or the roundtable. */
		conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
		topic: text('topic').notNull(),
		/** A video link or a place. */
		location: text('location').notNull().default(''),
		agenda: text('agenda').notNull().default(''),
		status: text('status', { enum: meetingStatuses }).notNull(),
		/** Direct meetings while pending: who must answer the current options. */
		awaitingUserId: text('awaiting_user_id').references(() => users.id, { onDelete: 'set null' }),
		/** Grows with every new set of options (counter-proposal, reschedule); options of older rounds are history. */
		round: integer('round').notNull().default(1),
		durationMinutes: integer('duration_minutes').notNull(),
		/** The agreed time, UTC; null until confirmed, and again while a reschedule waits for a new time. */
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
		/** The organizer's zone when they proposed: the TZID of the calendar event. */
		timeZone: text('time_zone').notNull(),
		sequence: integer('sequence').notNull().default(0),
		createdAt: timestampNow('created_at'),
		updatedAt: timestampNow('updated_at'),
	},
	(t) => [
		index('meetings_status_starts_idx').on(t.status, t.startsAt),
		index('meetings_conversation_idx').on(t.conversationId),
	],
)

export const meetingParticipants = sqliteTable(
	'meeting_participants',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: participantRoles }).notNull(),
		/** After the meeting, private to this participant: what they learned. */
		reflection: text('reflection').notNull().default(''),
		/** After the meeting, private: feeds the peers-to-meet suggestions. */
		wouldMeetAgain: integer('would_meet_again', { mode: 'boolean' }),
		reflectedAt: integer('reflected_at', { mode: 'timestamp_ms' }),
	},
	(t) => [
		primaryKey({ columns: [t.meetingId, t.userId] }),
		index('meeting_participants_user_idx').on(t.userId, t.meetingId),
	],
)

/** The times on the table: up to three per round. */
export const meetingOptions = sqliteTable(
	'meeting_options',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		round: integer('round').notNull(),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
		proposedBy: text('proposed_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
	},
	(t) => [index('meeting_options_meeting_idx').on(t.meetingId, t.round)],
)

/** Roundtable invitees mark every option that works for them; the host confirms one. */
export const meetingVotes = sqliteTable(
	'meeting_votes',
	{
		optionId: integer('option_id')
			.notNull()
			.references(() => meetingOptions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestampNow('created_at'),
	},
	(t) => [primaryKey({ columns: [t.optionId, t.userId] })],
)

/** What happened to a meeting, in order: proposed, countered, accepted, declined, rescheduled, cancelled, with notes. */
export const meetingEvents = sqliteTable(
	'meeting_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		actorId: text('actor_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		action: text('action').notNull(),
		note: text('note').notNull().default(''),
		createdAt: timestampNow('created_at'),
	},
	(t) => [index('meeting_events_meeting_idx').on(t.meetingId, t.id)],
)

/** A member's private calendar feed: only the token's SHA-256 is kept; deleting the row revokes the URL. */
export const calendarFeeds = sqliteTable('calendar_feeds', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: timestampNow('created_at'),
})

/**
 * Work due at a time, such as meeting reminders. Rows survive restarts; a job is claimed and
 * finished in the same transaction as its effect, so it never runs twice. `dedupeKey` stops the
 * same job being scheduled twice.
 */
export const scheduledJobs = sqliteTable(
	'scheduled_jobs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind', { enum: jobKinds }).notNull(),
		dedupeKey: text('dedupe_key').notNull().unique(),
		runAt: integer('run_at', { mode: 'timestamp_ms' }).notNull(),
		payload: text('payload', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
		status: text('status', { enum: jobStatuses }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		createdAt: timestampNow('created_at'),
		finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
	},
	(t) => [index('scheduled_jobs_due_idx').on(t.status, t.runAt)],
)

export type User = typeof users.$inferSelect
export type MemberProfile = typeof memberProfiles.$inferSelect
