/**
 * Curation: featuring published studies on the home page and building ordered collections with
 * their own pages. What members see of both goes through the case-study read policy
 * (`listedFor`), so a featured or collected study a member may not read is simply not shown.
 * Every change is audited in its own transaction.
 */
import { and, asc, count, desc, eq, gt, lt, ne, sql } from 'drizzle-orm'
import { caseStudies, collectionItems, collections, users } from '#db/schema.ts'
import type { caseStudyObjectives } from '#app/features/case-studies/options.ts'
import { listedFor, type Viewer } from '#app/features/case-studies/read-policy.server.ts'
import { notify } from '#app/features/notifications/notifications.server.ts'
import { db } from '#app/utils/db.server.ts'
import { recordModeratorAction, type Transaction } from './audit.server.ts'
import { CollectionSchema, type CollectionInput } from './schemas.ts'

export type CurationFailure = {
	ok: false
	code: 'not-found' | 'not-published' | 'hidden' | 'already' | 'invalid' | 'edge'
	message: string
	fieldErrors?: Partial<Record<keyof CollectionInput, string[]>>
}

const studyMissing: CurationFailure = { ok: false, code: 'not-found', message: 'This case study no longer exists.' }
const collectionMissing: CurationFailure = {
	ok: false,
	code: 'not-found',
	message: 'This collection no longer exists.',
}

/** A study may be featured or collected only while it is published and not hidden. */
function curatableStudy(tx: Transaction, studyId: string) {
	const study = tx
		.select({
			id: caseStudies.id,
			title: caseStudies.title,
			authorId: caseStudies.authorId,
			status: caseStudies.status,
			hiddenAt: caseStudies.hiddenAt,
			featuredAt: caseStudies.featuredAt,
		})
		.from(caseStudies)
		.where(eq(caseStudies.id, studyId))
		.get()
	if (!study) return studyMissing
	if (study.status !== 'published')
		return { ok: false, code: 'not-published', message: 'Only published case studies can be curated.' } as const
	if (study.hiddenAt)
		return {
			ok: false,
			code: 'hidden',
			message: 'This case study is hidden after a report: it cannot be curated.',
		} as const
	return { ok: true, study } as const
}

export function featureStudy(moderatorId: string, studyId: string, now = Date.now()) {
	return db.transaction((tx): { ok: true } | CurationFailure => {
		const found = curatableStudy(tx, studyId)
		if (!found.ok) return found
		const { study } = found
		if (study.featuredAt) return { ok: false, code: 'already', message: 'This case study is already featured.' }
		tx.update(caseStudies)
			.set({ featuredAt: new Date(now), featuredBy: moderatorId })
			.where(eq(caseStudies.id, studyId))
			.run()
		recordModeratorAction(
			tx,
			{ actorId: moderatorId, action: 'study.feature', targetType: 'case-study', targetId: studyId },
			now,
		)
		notify(
			study.authorId,
			{
				kind: 'case-study-featured',
				title: `“${study.title}” is featured on the home page`,
				body: 'Moderators picked it for every member to see first.',
				link: `/case-studies/${studyId}`,
			},
			tx,
		)
		return { ok: true }
	})
}

export function unfeatureStudy(moderatorId: string, studyId: string, now = Date.now()) {
	return db.transaction((tx): { ok: true } | CurationFailure => {
		const study = tx
			.select({ featuredAt: caseStudies.featuredAt })
			.from(caseStudies)
			.where(eq(caseStudies.id, studyId))
			.get()
		if (!study) return studyMissing
		if (!study.featuredAt) return { ok: false, code: 'already', message: 'This case study is not featured.' }
		tx.update(caseStudies).set({ featuredAt: null, featuredBy: null }).where(eq(caseStudies.id, studyId)).run()
		recordModeratorAction(
			tx,
			{ actorId: moderatorId, action: 'study.unfeature', targetType: 'case-study', targetId: studyId },
			now,
		)
		return { ok: true }
	})
}

export type CuratedStudy = {
	id: string
	title: string
	brand: string
	summary: string
	objective: (typeof caseStudyObjectives)[number]
	sectorTitle: string | null
	authorName: string
	authorCompany: string
}

const curatedColumns = sql`s.id, s.title, s.brand, s.summary, s.objective, n.title as sectorTitle,
	u.name as authorName, c.name as authorCompany`
const curatedJoins = sql`join users u on u.id = s.author_id
	join member_profiles p on p.user_id = u.id
	join companies c on c.id = p.company_id
	left join naics_codes n on n.code = s.sector_code`

/** The featured studies this viewer may read, most recently featured first (the home page). */
export function listFeaturedStudies(viewer: Viewer, limit = 3) {
	return db.all<CuratedStudy>(sql`select ${curatedColumns} from case_studies s ${curatedJoins}
		where s.featured_at is not null and ${listedFor(viewer.id, viewer.role)}
		order by s.featured_at desc, s.id limit ${limit}`)
}

/** "Loyalty loops that worked!" → "loyalty-loops-that-worked". */
function slugify(title: string) {
	const slug = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '')
	return slug || 'collection'
}

/** The title's slug, numbered (-2, -3…) when another collection has it. */
function uniqueSlug(tx: Transaction, title: string, exceptId: string | null) {
	const base = slugify(title)
	const taken = new Set(
		tx
			.select({ slug: collections.slug })
			.from(collections)
			.where(
				and(
					sql`(${collections.slug} = ${base} or ${collections.slug} like ${`${base}-%`})`,
					exceptId ? ne(collections.id, exceptId) : undefined,
				),
			)
			.all()
			.map((row) => row.slug),
	)
	let slug = base
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
	return slug
}

function parseCollection(input: CollectionInput) {
	const parsed = CollectionSchema.safeParse(input)
	if (parsed.success) return { ok: true, value: parsed.data } as const
	const fieldErrors: CurationFailure['fieldErrors'] = {}
	for (const issue of parsed.error.issues) {
		const field = issue.path[0] as keyof CollectionInput
		;(fieldErrors[field] ??= []).push(issue.message)
	}
	return { ok: false, code: 'invalid', message: 'Check the title and intro.', fieldErrors } as const
}

export function createCollection(moderatorId: string, input: CollectionInput, now = Date.now()) {
	const parsed = parseCollection(input)
	if (!parsed.ok) return parsed
	const id = `col_${crypto.randomUUID().replaceAll('-', '')}`
	return db.transaction((tx) => {
		const slug = uniqueSlug(tx, parsed.value.title, null)
		const at = new Date(now)
		tx.insert(collections)
			.values({ id, slug, ...parsed.value, createdBy: moderatorId, createdAt: at, updatedAt: at })
			.run()
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: 'collection.create',
				targetType: 'collection',
				targetId: id,
				details: { title: parsed.value.title, slug },
			},
			now,
		)
		return { ok: true, id, slug } as const
	})
}

/** Saves the title and intro; a new title gives the collection a new slug (and so a new address). */
export function updateCollection(moderatorId: string, collectionId: string, input: CollectionInput, now = Date.now()) {
	const parsed = parseCollection(input)
	if (!parsed.ok) return parsed
	return db.transaction((tx): { ok: true; slug: string } | CurationFailure => {
		const current = tx.select().from(collections).where(eq(collections.id, collectionId)).get()
		if (!current) return collectionMissing
		const slug = current.title === parsed.value.title ? current.slug : uniqueSlug(tx, parsed.value.title, collectionId)
		tx.update(collections)
			.set({ ...parsed.value, slug, updatedAt: new Date(now) })
			.where(eq(collections.id, collectionId))
			.run()
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: 'collection.update',
				targetType: 'collection',
				targetId: collectionId,
				details: {
					...(current.title !== parsed.value.title ? { title: { from: current.title, to: parsed.value.title } } : {}),
					...(current.slug !== slug ? { slug: { from: current.slug, to: slug } } : {}),
					...(current.intro !== parsed.value.intro ? { introChanged: true } : {}),
				},
			},
			now,
		)
		return { ok: true, slug }
	})
}

export function deleteCollection(moderatorId: string, collectionId: string, now = Date.now()) {
	return db.transaction((tx): { ok: true; title: string } | CurationFailure => {
		const current = tx
			.select({ title: collections.title, slug: collections.slug })
			.from(collections)
			.where(eq(collections.id, collectionId))
			.get()
		if (!current) return collectionMissing
		const items = tx
			.select({ studyId: collectionItems.studyId })
			.from(collectionItems)
			.where(eq(collectionItems.collectionId, collectionId))
			.orderBy(asc(collectionItems.position))
			.all()
		tx.delete(collections).where(eq(collections.id, collectionId)).run()
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: 'collection.delete',
				targetType: 'collection',
				targetId: collectionId,
				details: { title: current.title, slug: current.slug, studyIds: items.map((item) => item.studyId) },
			},
			now,
		)
		return { ok: true, title: current.title }
	})
}

function collectionExists(tx: Transaction, collectionId: string) {
	return tx.select({ id: collections.id }).from(collections).where(eq(collections.id, collectionId)).get() !== undefined
}

function touchCollection(tx: Transaction, collectionId: string, now: number) {
	tx.update(collections)
		.set({ updatedAt: new Date(now) })
		.where(eq(collections.id, collectionId))
		.run()
}

/** Adds a published, visible study at the end of the collection. */
export function addStudyToCollection(moderatorId: string, collectionId: string, studyId: string, now = Date.now()) {
	return db.transaction((tx): { ok: true; position: number } | CurationFailure => {
		if (!collectionExists(tx, collectionId)) return collectionMissing
		const found = curatableStudy(tx, studyId)
		if (!found.ok) return found
		const already = tx
			.select({ position: collectionItems.position })
			.from(collectionItems)
			.where(and(eq(collectionItems.collectionId, collectionId), eq(collectionItems.studyId, studyId)))
			.get()
		if (already) return { ok: false, code: 'already', message: 'This case study is already in the collection.' }
		const position =
			(tx
				.select({ last: sql<number | null>`max(${collectionItems.position})` })
				.from(collectionItems)
				.where(eq(collectionItems.collectionId, collectionId))
				.get()?.last ?? 0) + 1
		tx.insert(collectionItems).values({ collectionId, studyId, position }).run()
		touchCollection(tx, collectionId, now)
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: 'collection.add-study',
				targetType: 'collection',
				targetId: collectionId,
				details: { studyId, position },
			},
			now,
		)
		return { ok: true, position }
	})
}

/** Takes a study out; the ones after it move up, so positions stay 1…n. */
export function removeStudyFromCollection(
	moderatorId: string,
	collectionId: string,
	studyId: string,
	now = Date.now(),
) {
	return db.transaction((tx): { ok: true } | CurationFailure => {
		const item = tx
			.delete(collectionItems)
			.where(and(eq(collectionItems.collectionId, collectionId), eq(collectionItems.studyId, studyId)))
			.returning({ position: collectionItems.position })
			.get()
		if (!item) return { ok: false, code: 'not-found', message: 'This case study is not in the collection.' }
		tx.update(collectionItems)
			.set({ position: sql`${collectionItems.position} - 1` })
			.where(and(eq(collectionItems.collectionId, collectionId), gt(collectionItems.position, item.position)))
			.run()
		touchCollection(tx, collectionId, now)
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: 'collection.remove-study',
				targetType: 'collection',
				targetId: collectionId,
				details: { studyId, position: item.position },
			},
			now,
		)
		return { ok: true }
	})
}

/** Swaps a study with its neighbour above or below. */
export function moveStudyInCollection(
	moderatorId: string,
	collectionId: string,
	studyId: string,
	direction: 'up' | 'down',
	now = Date.now(),
) {
	return db.transaction((tx): { ok: true; position: number } | CurationFailure => {
		const item = tx
			.select({ position: collectionItems.position })
			.from(collectionItems)
			.where(and(eq(collectionItems.collectionId, collectionId), eq(collectionItems.studyId, studyId)))
			.get()
		if (!item) return { ok: false, code: 'not-found', message: 'This case study is not in the collection.' }
		const neighbour = tx
			.select({ studyId: collectionItems.studyId, position: collectionItems.position })
			.from(collectionItems)
			.where(
				and(
					eq(collectionItems.collectionId, collectionId),
					direction === 'up'
						? lt(collectionItems.position, item.position)
						: gt(collectionItems.position, item.position),
				),
			)
			.orderBy(direction === 'up' ? desc(collectionItems.position) : asc(collectionItems.position))
			.get()
		if (!neighbour)
			return {
				ok: false,
				code: 'edge',
				message: direction === 'up' ? 'This case study is already first.' : 'This case study is already last.',
			}
		const place = (id: string, position: number) =>
			tx
				.update(collectionItems)
				.set({ position })
				.where(and(eq(collectionItems.collectionId, collectionId), eq(collectionItems.studyId, id)))
				.run()
		place(studyId, neighbour.position)
		place(neighbour.studyId, item.position)
		touchCollection(tx, collectionId, now)
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: 'collection.move-study',
				targetType: 'collection',
				targetId: collectionId,
				details: { studyId, direction, from: item.position, to: neighbour.position },
			},
			now,
		)
		return { ok: true, position: neighbour.position }
	})
}

/** Every collection with its number of studies, for moderators. */
export function listCollectionsForModeration() {
	return db
		.select({
			id: collections.id,
			slug: collections.slug,
			title: collections.title,
			intro: collections.intro,
			updatedAt: collections.updatedAt,
			studies: count(collectionItems.studyId),
		})
		.from(collections)
		.leftJoin(collectionItems, eq(collectionItems.collectionId, collections.id))
		.groupBy(collections.id)
		.orderBy(asc(collections.title))
		.all()
}

/** A collection with all its studies in order (hidden or unpublished ones flagged) and the studies that could be added. */
export function getCollectionForEditing(collectionId: string) {
	const collection = db
		.select({
			id: collections.id,
			slug: collections.slug,
			title: collections.title,
			intro: collections.intro,
			createdByName: users.name,
			updatedAt: collections.updatedAt,
		})
		.from(collections)
		.leftJoin(users, eq(users.id, collections.createdBy))
		.where(eq(collections.id, collectionId))
		.get()
	if (!collection) return null
	const items = db
		.select({
			studyId: caseStudies.id,
			position: collectionItems.position,
			title: caseStudies.title,
			brand: caseStudies.brand,
			status: caseStudies.status,
			hiddenAt: caseStudies.hiddenAt,
			authorName: users.name,
		})
		.from(collectionItems)
		.innerJoin(caseStudies, eq(caseStudies.id, collectionItems.studyId))
		.innerJoin(users, eq(users.id, caseStudies.authorId))
		.where(eq(collectionItems.collectionId, collectionId))
		.orderBy(asc(collectionItems.position))
		.all()
	const candidates = db.all<{ id: string; title: string; brand: string }>(sql`select s.id, s.title, s.brand
		from case_studies s where s.status = 'published' and s.hidden_at is null
			and s.id not in (select study_id from collection_items where collection_id = ${collectionId})
		order by s.title`)
	return { collection, items, candidates }
}

/** The collections that hold at least one study this viewer may read, with how many. */
export function listCollectionsFor(viewer: Viewer) {
	return db.all<{ id: string; slug: string; title: string; intro: string; studies: number }>(sql`select
			col.id, col.slug, col.title, col.intro, count(*) as studies
		from collections col
		join collection_items ci on ci.collection_id = col.id
		join case_studies s on s.id = ci.study_id
		where ${listedFor(viewer.id, viewer.role)}
		group by col.id
		order by col.title`)
}

/** A collection's page: its intro and, in order, the studies this viewer may read. */
export function getCollectionPage(slug: string, viewer: Viewer) {
	const collection = db
		.select({ id: collections.id, slug: collections.slug, title: collections.title, intro: collections.intro })
		.from(collections)
		.where(eq(collections.slug, slug))
		.get()
	if (!collection) return null
	const studies = db.all<CuratedStudy & { position: number }>(sql`select ${curatedColumns}, ci.position
		from collection_items ci join case_studies s on s.id = ci.study_id ${curatedJoins}
		where ci.collection_id = ${collection.id} and ${listedFor(viewer.id, viewer.role)}
		order by ci.position`)
	return { collection, studies }
}
