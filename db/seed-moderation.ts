/**
 * Moderation demo data, seeded after the case studies: three featured studies, two collections,
 * three open and two resolved reports, and the audit-log entries of those moderator actions, all
 * by the demo moderator. Picks studies from what the case-study seed wrote, in a fixed order, and
 * dates every action after the latest study it touches, so the same seed always yields the same rows.
 */
import { and, asc, desc, eq, ne, notInArray, sql } from 'drizzle-orm'
import { loadSnapshots, readPolicySettings } from '../app/features/conflicts/conflict-keys.server.ts'
import { evaluateConflict } from '../app/features/conflicts/policy.ts'
import type { reportReasons } from '../app/features/moderation/options.ts'
import type { AuditTargetType, ModeratorAction } from '../app/features/moderation/audit-actions.ts'
import type { AppDatabase } from './client.ts'
import {
	caseStudies,
	caseStudyComments,
	collectionItems,
	collections,
	memberProfiles,
	moderationAuditLog,
	reports,
	users,
} from './schema.ts'

export const moderationSeed = {
	featured: 3,
	collections: [
		{
			id: 'col_0001',
			slug: 'loyalty-loops-that-worked',
			title: 'Loyalty loops that worked',
			intro:
				'Retention programmes that paid for themselves: what the members behind them rewarded, what they stopped rewarding, and the numbers before and after. Read them in this order: from the simplest mechanic to the most ambitious.',
		},
		{
			id: 'col_0002',
			slug: 'b2b-brand-on-a-budget',
			title: 'B2B brand on a budget',
			intro:
				'Business-to-business brand building on less than half a million: where the money went, what the sales team noticed first, and what each author would cut next time.',
		},
	],
	openReports: 3,
	resolvedReports: 2,
} as const

const minute = 60_000

type StudyPick = { id: string; authorId: string; publishedAt: Date | null }

/** The rows of the audit log, shaped as the app's recordModeratorAction writes them. */
type AuditEntry = {
	action: ModeratorAction
	targetType: AuditTargetType
	targetId: string
	reason?: string
	details?: Record<string, unknown>
}

export type ModerationSeedFacts = {
	/** When the seed evaluates the conflict policy (so featured studies are ones the demo member may read). */
	policyNow: number
	demoMemberId: string
	moderatorId: string
}

export function seedModeration(db: AppDatabase, facts: ModerationSeedFacts) {
	const moderator = { id: facts.moderatorId }
	const member = { id: facts.demoMemberId }

	// Studies the moderator did not write, by active authors, in a fixed order.
	const published = db
		.select({
			id: caseStudies.id,
			authorId: caseStudies.authorId,
			objective: caseStudies.objective,
			budgetBand: caseStudies.budgetBand,
			publishedAt: caseStudies.publishedAt,
			readers: caseStudies.readers,
			businessModel: memberProfiles.businessModel,
		})
		.from(caseStudies)
		.innerJoin(users, eq(users.id, caseStudies.authorId))
		.innerJoin(memberProfiles, eq(memberProfiles.userId, caseStudies.authorId))
		.where(
			and(
				eq(caseStudies.status, 'published'),
				sql`${caseStudies.hiddenAt} is null`,
				eq(users.status, 'active'),
				ne(caseStudies.authorId, moderator.id),
			),
		)
		.orderBy(desc(caseStudies.usefulCount), asc(caseStudies.id))
		.all()
	if (published.length < 8)
		throw new Error(`The moderation seed needs 8 published case studies, found ${published.length}`)
	const snapshots = loadSnapshots(db, [member.id, ...new Set(published.map((study) => study.authorId))])
	const settings = readPolicySettings(db)
	const memberMayRead = (study: (typeof published)[number]) => {
		if (study.readers === 'all') return true
		const author = snapshots.get(study.authorId)
		const viewer = snapshots.get(member.id)
		return Boolean(author && viewer) && !evaluateConflict(viewer!, author!, settings, facts.policyNow).conflicted
	}

	/**
	 * Studies `prefer` accepts, up to `max`, topped up to `min` with others; never one in `exclude`.
	 */
	const pick = (
		[min, max]: [number, number],
		prefer: (study: (typeof published)[number]) => boolean,
		exclude: ReadonlySet<string> = new Set(),
	): StudyPick[] => {
		const free = published.filter((study) => !exclude.has(study.id))
		const preferred = free.filter(prefer).slice(0, max)
		return [...preferred, ...free.filter((study) => !prefer(study))].slice(0, Math.max(min, preferred.length))
	}
	const count = moderationSeed.featured
	// Featured: studies of others that the demo member may read, so her home page shows them.
	const featured = pick([count, count], (study) => study.authorId !== member.id && memberMayRead(study))
	const loyalty = pick([3, 4], (study) => study.objective === 'retention')
	const budgetB2b = pick(
		[3, 4],
		(study) => study.businessModel !== 'b2c' && (study.budgetBand === 'under-100k' || study.budgetBand === '100k-500k'),
		new Set(loyalty.map((study) => study.id)),
	)
	// Reported: studies the demo member may read (she files one report), not curated when avoidable.
	const curated = new Set([...featured, ...loyalty, ...budgetB2b].map((study) => study.id))
	const reportedStudies = pick(
		[2, 2],
		(study) => !curated.has(study.id) && study.authorId !== member.id && memberMayRead(study),
		new Set([
			...featured.map((study) => study.id),
			...published.filter((study) => study.authorId === member.id).map((study) => study.id),
		]),
	)

	// Every action comes after the latest publication among the studies seeded so far.
	const latest = Math.max(...published.map((study) => study.publishedAt?.getTime() ?? 0))
	let clock = Math.floor(latest / minute) * minute + 60 * minute
	const nextTime = (step = 7) => new Date((clock += step * minute))

	const audit: Array<AuditEntry & { createdAt: Date }> = []
	const record = (entry: AuditEntry, at: Date) => audit.push({ ...entry, createdAt: at })

	db.transaction((tx) => {
		for (const study of featured) {
			const at = nextTime()
			tx.update(caseStudies).set({ featuredAt: at, featuredBy: moderator.id }).where(eq(caseStudies.id, study.id)).run()
			record({ action: 'study.feature', targetType: 'case-study', targetId: study.id }, at)
		}

		moderationSeed.collections.forEach((spec, index) => {
			const studies = index === 0 ? loyalty : budgetB2b
			const createdAt = nextTime(30)
			tx.insert(collections)
				.values({ ...spec, createdBy: moderator.id, createdAt, updatedAt: createdAt })
				.run()
			record(
				{
					action: 'collection.create',
					targetType: 'collection',
					targetId: spec.id,
					details: { title: spec.title, slug: spec.slug },
				},
				createdAt,
			)
			studies.forEach((study, position) => {
				const at = nextTime(2)
				tx.insert(collectionItems)
					.values({ collectionId: spec.id, studyId: study.id, position: position + 1 })
					.run()
				tx.update(collections).set({ updatedAt: at }).where(eq(collections.id, spec.id)).run()
				record(
					{
						action: 'collection.add-study',
						targetType: 'collection',
						targetId: spec.id,
						details: { studyId: study.id, position: position + 1 },
					},
					at,
				)
			})
		})

		// Reporters: active members who wrote none of the reported content, in id order.
		const authors = [...reportedStudies.map((study) => study.authorId), moderator.id]
		const reporters = tx
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.status, 'active'), eq(users.role, 'member'), notInArray(users.id, authors)))
			.orderBy(asc(users.id))
			.limit(40)
			.all()
			.map((row) => row.id)
		const comment = tx
			.select({ id: caseStudyComments.id, authorId: caseStudyComments.authorId })
			.from(caseStudyComments)
			.where(and(ne(caseStudyComments.authorId, moderator.id), sql`${caseStudyComments.deletedAt} is null`))
			.orderBy(asc(caseStudyComments.id))
			.get()
		const [profileA, profileB] = reporters.slice(-2) as [string, string]
		const reporterOf = (index: number) => {
			const candidates = reporters.filter((id) => id !== profileA && id !== profileB && id !== comment?.authorId)
			return candidates[(index * 7) % candidates.length]!
		}

		type ReportSeed = {
			targetType: 'case-study' | 'comment' | 'profile'
			targetId: string
			authorId: string
			reason: (typeof reportReasons)[number]
			note: string
			reporterId: string
		}
		const open: ReportSeed[] = [
			{
				targetType: 'case-study',
				targetId: reportedStudies[0]!.id,
				authorId: reportedStudies[0]!.authorId,
				reason: 'confidential',
				note: 'The results table looks like a retail partner’s own margin data.',
				reporterId: member.id,
			},
			comment
				? {
						targetType: 'comment',
						targetId: comment.id,
						authorId: comment.authorId,
						reason: 'offensive',
						note: 'Dismissive of the author’s team, not of the work.',
						reporterId: reporterOf(1),
					}
				: {
						targetType: 'profile',
						targetId: profileB,
						authorId: profileB,
						reason: 'misleading',
						note: 'The headline claims a title at a company they left.',
						reporterId: reporterOf(1),
					},
			{
				targetType: 'profile',
				targetId: profileA,
				authorId: profileA,
				reason: 'spam',
				note: 'Offers agency services in every introduction request.',
				reporterId: reporterOf(2),
			},
		]
		const resolved: Array<ReportSeed & { resolution: 'dismiss' | 'warn-member'; why: string }> = [
			{
				targetType: 'case-study',
				targetId: reportedStudies[1]!.id,
				authorId: reportedStudies[1]!.authorId,
				reason: 'misleading',
				note: 'The uplift seems too good to be true.',
				reporterId: reporterOf(3),
				resolution: 'dismiss',
				why: 'The author’s metrics match the figures in their published annual report.',
			},
			{
				targetType: 'profile',
				targetId: profileA,
				authorId: profileA,
				reason: 'spam',
				note: 'Sent me a sales deck after we connected.',
				reporterId: reporterOf(4),
				resolution: 'warn-member',
				why: 'Crossroads is for peer exchange: no selling to members who did not ask.',
			},
		]
		for (const report of resolved) {
			const createdAt = nextTime(45)
			const resolvedAt = nextTime(90)
			const row = tx
				.insert(reports)
				.values({
					reporterId: report.reporterId,
					targetType: report.targetType,
					targetId: report.targetId,
					reason: report.reason,
					note: report.note,
					status: report.resolution === 'dismiss' ? 'dismissed' : 'actioned',
					resolution: report.resolution,
					resolvedBy: moderator.id,
					resolvedAt,
					createdAt,
				})
				.returning({ id: reports.id })
				.get()
			record(
				{
					action: `report.${report.resolution}`,
					targetType: report.targetType,
					targetId: report.targetId,
					reason: report.why,
					details: { reportIds: [row.id], reasons: [report.reason], memberId: report.authorId },
				},
				resolvedAt,
			)
		}
		for (const report of open) {
			const { authorId: _authorId, ...values } = report
			tx.insert(reports)
				.values({ ...values, createdAt: nextTime(60) })
				.run()
		}
		tx.insert(moderationAuditLog)
			.values(
				audit.map((entry) => ({
					actorId: moderator.id,
					action: entry.action,
					targetType: entry.targetType,
					targetId: entry.targetId,
					reason: entry.reason ?? '',
					details: entry.details ?? null,
					createdAt: entry.createdAt,
				})),
			)
			.run()
	})
	return { featured: featured.length, collected: loyalty.length + budgetB2b.length, auditEntries: audit.length }
}
