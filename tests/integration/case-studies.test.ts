import { and, eq, sql } from 'drizzle-orm'
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'
import {
	caseStudies,
	caseStudyBookmarks,
	caseStudyComments,
	caseStudyImages,
	caseStudyRevisions,
	caseStudyVotes,
	conflictDecisions,
	moderationSettings,
	notifications,
	users,
} from '#db/schema.ts'
import * as authoring from '#app/features/case-studies/authoring.server.ts'
import {
	createDraft,
	getStudyForEditing,
	liveContent,
	reopenStudy,
	submitStudy,
	updateStudy,
	withdrawStudy,
} from '#app/features/case-studies/authoring.server.ts'
import {
	addStudyImage,
	readStudyImage,
	removeStudyImage,
	setCoverImage,
} from '#app/features/case-studies/images.server.ts'
import { listBookmarks, listMemberStudies, searchLibrary } from '#app/features/case-studies/library.server.ts'
import { readStudyAccess } from '#app/features/case-studies/read-policy.server.ts'
import { parseLibraryQuery } from '#app/features/case-studies/search-params.ts'
import {
	addComment,
	commentRate,
	deleteComment,
	editComment,
	getStudyPage,
	setBookmark,
	setUseful,
} from '#app/features/case-studies/study.server.ts'
import { nextStatus } from '#app/features/case-studies/workflow.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { db } from '#app/utils/db.server.ts'
import { moderate, publishedStudy, studyInput } from '#tests/support/case-studies.ts'
import { createUser } from '#tests/support/factories.ts'

const unique = () => crypto.randomUUID().slice(0, 8)

async function member(sectorCode: string, role: 'member' | 'moderator' | 'admin' = 'member') {
	const user = await createUser({ sectorCode, role, company: `Company ${unique()}`, name: `Member ${unique()}` })
	rebuildConflictKeys(db, [user.id])
	return { ...user, viewer: { id: user.id, role } }
}

const statusOf = (studyId: string) =>
	db.select({ status: caseStudies.status }).from(caseStudies).where(eq(caseStudies.id, studyId)).get()?.status

const query = (params: Record<string, string> = {}) => parseLibraryQuery(new URLSearchParams(params))

const png = (width = 2400, height = 1200) =>
	sharp({ create: { width, height, channels: 3, background: '#0d8763' } })
		.png()
		.toBuffer()

function setReviewPublishedEdits(on: boolean) {
	db.update(moderationSettings).set({ reviewPublishedEdits: on }).where(eq(moderationSettings.id, 1)).run()
}

describe('writing and the life cycle', () => {
	test('a draft keeps every part of the content, and only its author can touch it', async () => {
		const author = await member('541810')
		const stranger = await member('522110')
		const created = createDraft(author.id, studyInput({ tags: ['loyalty', 'first-party-data'], endedOn: null }))
		expect(created.ok).toBe(true)
		if (!created.ok) return
		expect(statusOf(created.studyId)).toBe('draft')
		expect(liveContent(created.studyId)).toEqual({
			...(({ sector: _sector, ...rest }) => rest)(studyInput({ tags: ['loyalty', 'first-party-data'], endedOn: null })),
			sectorCode: '445110',
			channels: expect.arrayContaining(['email-crm', 'in-store']),
			tags: ['first-party-data', 'loyalty'],
		})
		const notYours = { ok: false, code: 'not-found' }
		expect(updateStudy(stranger.id, created.studyId, studyInput({ title: 'Mine now' }))).toMatchObject(notYours)
		expect(submitStudy(stranger.id, created.studyId)).toMatchObject(notYours)
		expect(withdrawStudy(stranger.id, created.studyId)).toMatchObject(notYours)
		expect(reopenStudy(stranger.id, created.studyId)).toMatchObject(notYours)
		expect(getStudyForEditing(stranger.id, created.studyId)).toBeNull()
		expect(liveContent(created.studyId)?.title).toBe('Loyalty that pays for itself')
	})

	test('an unknown NAICS code is a field error, and nothing is stored', async () => {
		const author = await member('541810')
		const before = db.select({ id: caseStudies.id }).from(caseStudies).all().length
		expect(createDraft(author.id, studyInput({ sector: '999999' }))).toMatchObject({
			ok: false,
			code: 'invalid',
			fieldErrors: { sector: 'There is no NAICS 2022 code 999999. Pick an industry from the list.' },
		})
		expect(db.select({ id: caseStudies.id }).from(caseStudies).all().length).toBe(before)
	})

	test('an incomplete draft cannot be submitted; the missing parts come back as field messages', async () => {
		const author = await member('541810')
		const created = createDraft(author.id, studyInput({ summary: '', body: 'Too short', learnings: '', metrics: [] }))
		if (!created.ok) throw new Error(created.message)
		expect(submitStudy(author.id, created.studyId)).toEqual({
			ok: false,
			code: 'invalid',
			message: 'A few parts are missing before a moderator can review it.',
			fieldErrors: {
				summary: 'Add a summary before submitting: it is what readers see in the library.',
				body: 'Tell the story in at least 200 characters before submitting.',
				learnings: 'Say what you would do differently before submitting.',
				metrics: 'Add at least one result with before and after values.',
			},
		})
		expect(statusOf(created.studyId)).toBe('draft')
	})

	test('the whole cycle, with every illegal move refused by the state machine', async () => {
		const author = await member('541810')
		const created = createDraft(author.id, studyInput())
		if (!created.ok) throw new Error(created.message)
		const id = created.studyId

		expect(submitStudy(author.id, id)).toEqual({ ok: true, status: 'submitted' })
		const submittedAt = db.select().from(caseStudies).where(eq(caseStudies.id, id)).get()!.submittedAt
		// Double submit: refused with the state machine's message, nothing rewritten.
		expect(submitStudy(author.id, id)).toEqual({
			ok: false,
			code: 'wrong-status',
			message: 'This case study is waiting for review: it cannot submit now.',
		})
		expect(db.select().from(caseStudies).where(eq(caseStudies.id, id)).get()!.submittedAt).toEqual(submittedAt)
		expect(updateStudy(author.id, id, studyInput({ title: 'Changed in review' }))).toMatchObject({
			ok: false,
			code: 'wrong-status',
		})

		moderate(id, 'request-changes', 'Add the holdout size.')
		expect(statusOf(id)).toBe('changes-requested')
		expect(getStudyForEditing(author.id, id)?.study.reviewNote).toBe('Add the holdout size.')
		expect(updateStudy(author.id, id, studyInput({ learnings: 'A 10% holdout, from day one.' }))).toEqual({
			ok: true,
			applied: 'in-place',
		})
		expect(submitStudy(author.id, id)).toEqual({ ok: true, status: 'submitted' })

		moderate(id, 'approve')
		expect(statusOf(id)).toBe('published')
		expect(submitStudy(author.id, id)).toMatchObject({
			ok: false,
			code: 'wrong-status',
			message: 'This case study is published: it cannot submit now.',
		})
		expect(reopenStudy(author.id, id)).toMatchObject({ ok: false, code: 'wrong-status' })

		expect(withdrawStudy(author.id, id)).toEqual({ ok: true, status: 'withdrawn' })
		expect(withdrawStudy(author.id, id)).toEqual({
			ok: false,
			code: 'wrong-status',
			message: 'This case study is withdrawn: it cannot withdraw now.',
		})
		expect(submitStudy(author.id, id)).toMatchObject({ ok: false, code: 'wrong-status' })
		expect(reopenStudy(author.id, id)).toEqual({ ok: true, status: 'draft' })
		expect(reopenStudy(author.id, id)).toMatchObject({ ok: false, code: 'wrong-status' })
	})

	test('authors have no way to approve, reject or request changes', () => {
		for (const action of ['approve', 'reject', 'request-changes'] as const)
			expect(nextStatus('submitted', action, 'author')).toEqual({
				ok: false,
				code: 'not-allowed',
				message: 'Only a moderator can do that.',
			})
		expect(
			Object.keys(authoring).filter((name) => /^(approve|reject|publish|feature|hide|request)[A-Z]/.test(name)),
		).toEqual([])
	})
})

describe('editing a published study', () => {
	test('with review of published edits on, an edit waits in a revision and replaces the one before', async () => {
		setReviewPublishedEdits(true)
		const author = await member('541810')
		const id = publishedStudy(author.id, { readers: 'all' })
		expect(updateStudy(author.id, id, studyInput({ title: 'First edit', readers: 'all' }))).toEqual({
			ok: true,
			applied: 'revision',
		})
		expect(updateStudy(author.id, id, studyInput({ title: 'Second edit', readers: 'non-conflicted' }))).toEqual({
			ok: true,
			applied: 'revision',
		})
		const revisions = db
			.select({ status: caseStudyRevisions.status, content: caseStudyRevisions.content })
			.from(caseStudyRevisions)
			.where(eq(caseStudyRevisions.studyId, id))
			.orderBy(caseStudyRevisions.createdAt, sql`rowid`)
			.all()
		expect(revisions.map((revision) => [revision.status, revision.content.title])).toEqual([
			['superseded', 'First edit'],
			['submitted', 'Second edit'],
		])
		// Readers keep the published text; narrowing who may read it applies at once.
		expect(liveContent(id)).toMatchObject({ title: 'Loyalty that pays for itself', readers: 'non-conflicted' })
		expect(statusOf(id)).toBe('published')
		expect(getStudyForEditing(author.id, id)).toMatchObject({
			content: { title: 'Second edit' },
			revision: { status: 'submitted', pending: true },
		})
	})

	test('with review of published edits off, an edit goes live and closes any open revision', async () => {
		setReviewPublishedEdits(true)
		const author = await member('541810')
		const id = publishedStudy(author.id)
		updateStudy(author.id, id, studyInput({ title: 'Waiting edit' }))
		setReviewPublishedEdits(false)
		try {
			expect(updateStudy(author.id, id, studyInput({ title: 'Live edit', tags: ['pricing'] }))).toEqual({
				ok: true,
				applied: 'in-place',
			})
			expect(liveContent(id)).toMatchObject({ title: 'Live edit', tags: ['pricing'] })
			expect(
				db
					.select({ status: caseStudyRevisions.status })
					.from(caseStudyRevisions)
					.where(eq(caseStudyRevisions.studyId, id))
					.all(),
			).toEqual([{ status: 'superseded' }])
			// The library finds it by its new tag at once (the FTS triggers follow).
			expect(searchLibrary(author.viewer, query({ q: 'pricing' })).studies.map((study) => study.id)).toContain(id)
		} finally {
			setReviewPublishedEdits(true)
		}
	})

	test('withdrawing keeps an edit that was waiting for review as the withdrawn text', async () => {
		const author = await member('541810')
		const id = publishedStudy(author.id)
		updateStudy(author.id, id, studyInput({ title: 'Pending edit' }))
		expect(withdrawStudy(author.id, id)).toEqual({ ok: true, status: 'withdrawn' })
		expect(liveContent(id)?.title).toBe('Pending edit')
		expect(
			db
				.select({ status: caseStudyRevisions.status })
				.from(caseStudyRevisions)
				.where(eq(caseStudyRevisions.studyId, id))
				.all(),
		).toEqual([{ status: 'superseded' }])
	})
})

describe('confidentiality on every read path', () => {
	let grocer: Awaited<ReturnType<typeof member>>
	let rivalGrocer: Awaited<ReturnType<typeof member>>
	let banker: Awaited<ReturnType<typeof member>>
	let moderator: Awaited<ReturnType<typeof member>>
	let confidential: string
	let shared: string
	let imageId: string
	let sharedImageId: string

	beforeAll(async () => {
		grocer = await member('445110')
		rivalGrocer = await member('445131')
		banker = await member('522110')
		moderator = await member('513210', 'moderator')
		// Images go in before review: a published study takes new images only when edits skip review.
		const withImage = async (input: Parameters<typeof studyInput>[0]) => {
			const created = createDraft(grocer.id, studyInput(input))
			if (!created.ok) throw new Error(created.message)
			const added = await addStudyImage(grocer.id, created.studyId, await png(), { alt: 'The app', cover: true })
			if (!added.ok) throw new Error(added.message)
			submitStudy(grocer.id, created.studyId)
			moderate(created.studyId, 'approve')
			return { studyId: created.studyId, imageId: added.imageId! }
		}
		;({ studyId: confidential, imageId } = await withImage({
			title: 'Quokkaberry loyalty relaunch',
			tags: ['quokkaberry-tag'],
			channels: ['audio'],
			objective: 'employer-brand',
			readers: 'non-conflicted',
		}))
		;({ studyId: shared, imageId: sharedImageId } = await withImage({
			title: 'Shared wombatfruit pricing story',
			readers: 'all',
		}))
	})

	const idsIn = (viewer: { id: string; role: 'member' | 'moderator' | 'admin' }, params: Record<string, string> = {}) =>
		searchLibrary(viewer, query(params)).studies.map((study) => study.id)

	test('library list and counts: a conflicted reader never sees a study kept from them', () => {
		expect(idsIn(rivalGrocer.viewer)).toContain(shared)
		expect(idsIn(rivalGrocer.viewer)).not.toContain(confidential)
		expect(idsIn(banker.viewer)).toEqual(expect.arrayContaining([confidential, shared]))
		const forRival = searchLibrary(rivalGrocer.viewer, query())
		const forBanker = searchLibrary(banker.viewer, query())
		expect(forBanker.total - forRival.total).toBe(1)
	})

	test('full-text search finds it only for readers it is not kept from', () => {
		expect(searchLibrary(banker.viewer, query({ q: 'quokkaberry' }))).toMatchObject({ total: 1 })
		expect(searchLibrary(banker.viewer, query({ q: 'quokkaberry' })).studies[0]!.id).toBe(confidential)
		expect(searchLibrary(rivalGrocer.viewer, query({ q: 'quokkaberry' }))).toMatchObject({ total: 0, studies: [] })
		expect(searchLibrary(rivalGrocer.viewer, query({ q: 'wombatfruit' })).studies.map((study) => study.id)).toEqual([
			shared,
		])
	})

	test('filters and their counts do not reveal it either', () => {
		expect(idsIn(banker.viewer, { tag: 'quokkaberry-tag' })).toEqual([confidential])
		expect(idsIn(rivalGrocer.viewer, { tag: 'quokkaberry-tag' })).toEqual([])
		expect(idsIn(rivalGrocer.viewer, { objective: 'employer-brand' })).not.toContain(confidential)
		const rivalFacets = searchLibrary(rivalGrocer.viewer, query()).facets
		const bankerFacets = searchLibrary(banker.viewer, query()).facets
		expect(rivalFacets.tags.map((tag) => tag.value)).not.toContain('quokkaberry-tag')
		expect(bankerFacets.tags.find((tag) => tag.value === 'quokkaberry-tag')?.total).toBe(1)
		const audio = (facets: typeof rivalFacets) =>
			facets.channels.find((channel) => channel.value === 'audio')?.total ?? 0
		expect(audio(bankerFacets) - audio(rivalFacets)).toBe(1)
		expect(idsIn(rivalGrocer.viewer, { sector: '44-45' })).toContain(shared)
		expect(idsIn(rivalGrocer.viewer, { sector: '44-45' })).not.toContain(confidential)
		expect(idsIn(banker.viewer, { sector: '44-45' })).toEqual(expect.arrayContaining([shared, confidential]))
	})

	test('the page answers nothing (a 404) and the refusal is logged as a case-study conflict', () => {
		const logged = () =>
			db
				.select({ entryPoint: conflictDecisions.entryPoint, rules: conflictDecisions.rules })
				.from(conflictDecisions)
				.where(and(eq(conflictDecisions.actorId, rivalGrocer.id), eq(conflictDecisions.targetId, grocer.id)))
				.all()
		const before = logged().length
		expect(getStudyPage(rivalGrocer.viewer, confidential)).toBeNull()
		expect(logged().slice(before)).toEqual([{ entryPoint: 'case-study', rules: ['same-sector'] }])
		expect(getStudyPage(rivalGrocer.viewer, shared)?.study.title).toBe('Shared wombatfruit pricing story')
		const page = getStudyPage(banker.viewer, confidential)
		expect(page?.study.title).toBe('Quokkaberry loyalty relaunch')
		expect(page?.author).toMatchObject({ id: grocer.id, name: grocer.name })
		expect(getStudyPage(banker.viewer, 'cst_missing')).toBeNull()
	})

	test('image URLs go through the same policy', () => {
		expect(readStudyImage(rivalGrocer.viewer, confidential, imageId)).toBeUndefined()
		expect(readStudyImage(banker.viewer, confidential, imageId)?.contentType).toBe('image/webp')
		expect(readStudyImage(rivalGrocer.viewer, shared, sharedImageId)?.contentType).toBe('image/webp')
		// An image id only answers under its own study.
		expect(readStudyImage(rivalGrocer.viewer, shared, imageId)).toBeUndefined()
	})

	test('the member page lists only what the viewer may read', () => {
		expect(listMemberStudies(rivalGrocer.viewer, grocer.id).map((study) => study.id)).toEqual([shared])
		expect(
			listMemberStudies(banker.viewer, grocer.id)
				.map((study) => study.id)
				.sort(),
		).toEqual([confidential, shared].sort())
		expect(listMemberStudies(grocer.viewer, grocer.id)).toHaveLength(2)
	})

	test('bookmarks drop a study the reader may no longer read, and a conflicted reader cannot add one', () => {
		expect(setBookmark(rivalGrocer.viewer, confidential, true)).toMatchObject({ ok: false, code: 'not-found' })
		// A bookmark saved before the conflict appeared.
		db.insert(caseStudyBookmarks).values({ studyId: confidential, userId: rivalGrocer.id }).run()
		expect(setBookmark(rivalGrocer.viewer, shared, true)).toEqual({ ok: true, bookmarked: true })
		expect(listBookmarks(rivalGrocer.viewer).map((study) => study.id)).toEqual([shared])
		expect(setBookmark(banker.viewer, confidential, true)).toEqual({ ok: true, bookmarked: true })
		expect(listBookmarks(banker.viewer).map((study) => study.id)).toEqual([confidential])
	})

	test('votes and comments are refused to a conflicted reader as if the study did not exist', async () => {
		expect(setUseful(rivalGrocer.viewer, confidential, true)).toMatchObject({ ok: false, code: 'not-found' })
		expect(await addComment(rivalGrocer.viewer, confidential, { body: 'Hello' })).toMatchObject({
			ok: false,
			code: 'not-found',
		})
	})

	test('moderators read everything; drafts and hidden studies only reach their author and moderators', async () => {
		expect(getStudyPage(moderator.viewer, confidential)).not.toBeNull()
		const draft = createDraft(grocer.id, studyInput({ title: 'Unfinished ocelotplum draft' }))
		if (!draft.ok) throw new Error(draft.message)
		expect(getStudyPage(banker.viewer, draft.studyId)).toBeNull()
		expect(getStudyPage(grocer.viewer, draft.studyId)?.viewerState.isAuthor).toBe(true)
		expect(getStudyPage(moderator.viewer, draft.studyId)?.viewerState.isReviewer).toBe(true)
		expect(searchLibrary(grocer.viewer, query({ q: 'ocelotplum' })).total).toBe(0)

		const hidden = publishedStudy(grocer.id, { title: 'Hidden pangolin study', readers: 'all' })
		db.update(caseStudies).set({ hiddenAt: new Date() }).where(eq(caseStudies.id, hidden)).run()
		expect(getStudyPage(banker.viewer, hidden)).toBeNull()
		expect(searchLibrary(banker.viewer, query({ q: 'pangolin' })).total).toBe(0)
		expect(listMemberStudies(banker.viewer, grocer.id).map((study) => study.id)).not.toContain(hidden)
		expect(getStudyPage(grocer.viewer, hidden)).not.toBeNull()
		expect(getStudyPage(moderator.viewer, hidden)).not.toBeNull()
	})

	test('a suspended author’s studies leave the library', async () => {
		const author = await member('611310')
		const id = publishedStudy(author.id, { title: 'Suspended capybara study', readers: 'all' })
		expect(searchLibrary(banker.viewer, query({ q: 'capybara' })).total).toBe(1)
		db.update(users).set({ status: 'suspended' }).where(eq(users.id, author.id)).run()
		expect(searchLibrary(banker.viewer, query({ q: 'capybara' })).total).toBe(0)
		expect(readStudyAccess(banker.viewer, id)).toEqual({ allowed: false, reason: 'author-inactive' })
	})
})

describe('images', () => {
	test('resized to WebP at most 1600 px wide, five at most, the first one the cover', async () => {
		const author = await member('541810')
		const created = createDraft(author.id, studyInput())
		if (!created.ok) throw new Error(created.message)
		const id = created.studyId
		const ids: string[] = []
		for (let k = 0; k < 5; k++) {
			const added = await addStudyImage(author.id, id, await png(), { alt: `Image ${k}`, cover: false })
			if (!added.ok) throw new Error(added.message)
			ids.push(added.imageId!)
		}
		expect(await addStudyImage(author.id, id, await png(), { alt: 'One too many', cover: false })).toMatchObject({
			ok: false,
			message: 'A case study has at most 5 images: remove one first.',
		})
		const editing = getStudyForEditing(author.id, id)!
		expect(editing.images.map((image) => [image.isCover, image.width, image.height])).toEqual([
			[true, 1600, 800],
			[false, 1600, 800],
			[false, 1600, 800],
			[false, 1600, 800],
			[false, 1600, 800],
		])
		const stored = readStudyImage(author.viewer, id, ids[0]!)!
		expect((await sharp(stored.content).metadata()).format).toBe('webp')
		expect(setCoverImage(author.id, id, ids[3]!)).toEqual({ ok: true })
		expect(
			getStudyForEditing(author.id, id)!
				.images.filter((image) => image.isCover)
				.map((image) => image.id),
		).toEqual([ids[3]])
		expect(removeStudyImage(author.id, id, ids[0]!)).toEqual({ ok: true })
		expect(removeStudyImage(author.id, id, ids[0]!)).toMatchObject({ ok: false, code: 'not-found' })
	})

	test('checked by content and size; only the author adds images, and not while the study waits for review', async () => {
		const author = await member('541810')
		const stranger = await member('611310')
		const created = createDraft(author.id, studyInput())
		if (!created.ok) throw new Error(created.message)
		const id = created.studyId
		const refused = (bytes: Uint8Array) => addStudyImage(author.id, id, bytes, { alt: 'x', cover: false })
		expect(await refused(new TextEncoder().encode('<svg onload="alert(1)"></svg>'))).toMatchObject({ ok: false })
		expect(await refused(new Uint8Array())).toMatchObject({ message: 'Choose an image to upload.' })
		expect(await refused(new Uint8Array(5 * 1024 * 1024 + 1))).toMatchObject({
			message: 'The image is larger than 5 MB.',
		})
		expect(await addStudyImage(stranger.id, id, await png(), { alt: 'x', cover: false })).toMatchObject({
			code: 'not-found',
		})
		submitStudy(author.id, id)
		expect(await refused(await png())).toMatchObject({
			ok: false,
			message: 'This case study is waiting for review: withdraw it first if you need to change its images.',
		})
	})

	describe('added to a published study while edits need review', () => {
		const openRevisions = (studyId: string) =>
			db
				.select({ id: caseStudyRevisions.id, status: caseStudyRevisions.status, content: caseStudyRevisions.content })
				.from(caseStudyRevisions)
				.where(and(eq(caseStudyRevisions.studyId, studyId), eq(caseStudyRevisions.status, 'submitted')))
				.all()
		const pendingOf = (studyId: string) =>
			db
				.select({ id: caseStudyImages.id, revisionId: caseStudyImages.revisionId })
				.from(caseStudyImages)
				.where(and(eq(caseStudyImages.studyId, studyId), sql`${caseStudyImages.revisionId} is not null`))
				.all()

		async function publishedWithCover(author: Awaited<ReturnType<typeof member>>) {
			const created = createDraft(author.id, studyInput({ readers: 'all' }))
			if (!created.ok) throw new Error(created.message)
			const live = await addStudyImage(author.id, created.studyId, await png(), { alt: 'Live cover', cover: true })
			submitStudy(author.id, created.studyId)
			moderate(created.studyId, 'approve')
			return { id: created.studyId, liveImageId: live.ok ? live.imageId! : '' }
		}

		test('wait with an edit of images only, seen by the author and moderators, never by readers', async () => {
			setReviewPublishedEdits(true)
			const author = await member('541810')
			const reader = await member('611310')
			const moderator = await member('513210', 'moderator')
			const { id, liveImageId } = await publishedWithCover(author)
			const added = await addStudyImage(author.id, id, await png(), { alt: 'New creative', cover: true })
			expect(added).toMatchObject({ ok: true })
			const pendingId = added.ok ? added.imageId! : ''
			// No edit was open, so one of images only holds the live content.
			const [revision] = openRevisions(id)
			expect(revision?.content).toEqual(liveContent(id))
			expect(pendingOf(id)).toEqual([{ id: pendingId, revisionId: revision!.id }])

			expect(getStudyPage(reader.viewer, id)!.images.map((image) => image.id)).toEqual([liveImageId])
			expect(getStudyPage(author.viewer, id)!.images.map((image) => image.id)).toEqual([liveImageId])
			expect(searchLibrary(reader.viewer, query()).studies.find((study) => study.id === id)?.coverImageId).toBe(
				liveImageId,
			)
			expect(readStudyImage(reader.viewer, id, pendingId)).toBeUndefined()
			expect(readStudyImage(reader.viewer, id, liveImageId)).toBeDefined()
			expect(readStudyImage(author.viewer, id, pendingId)).toBeDefined()
			expect(readStudyImage(moderator.viewer, id, pendingId)).toBeDefined()
			expect(
				getStudyForEditing(author.id, id)!.images.map((image) => [image.id, image.isCover, image.pending]),
			).toEqual([
				[liveImageId, true, false],
				[pendingId, true, true],
			])

			// A second image joins the same edit; a text edit supersedes it and takes its images along.
			const second = await addStudyImage(author.id, id, await png(), { alt: 'Chart', cover: false })
			expect(openRevisions(id)).toHaveLength(1)
			expect(updateStudy(author.id, id, studyInput({ title: 'Edited title', readers: 'all' }))).toMatchObject({
				applied: 'revision',
			})
			const [replacing] = openRevisions(id)
			expect(replacing!.id).not.toBe(revision!.id)
			expect(pendingOf(id).map((image) => image.revisionId)).toEqual([replacing!.id, replacing!.id])

			// The author may drop a waiting image.
			expect(removeStudyImage(author.id, id, second.ok ? second.imageId! : '')).toEqual({ ok: true })
			expect(pendingOf(id).map((image) => image.id)).toEqual([pendingId])
		})

		test('count toward the limit of five with the live ones', async () => {
			setReviewPublishedEdits(true)
			const author = await member('541810')
			const { id } = await publishedWithCover(author)
			for (let k = 0; k < 4; k++)
				expect(await addStudyImage(author.id, id, await png(), { alt: `Pending ${k}`, cover: false })).toMatchObject({
					ok: true,
				})
			expect(pendingOf(id)).toHaveLength(4)
			expect(await addStudyImage(author.id, id, await png(), { alt: 'Sixth', cover: false })).toMatchObject({
				ok: false,
				message: 'A case study has at most 5 images: remove one first.',
			})
		})

		test('become the withdrawn study’s, like the text of the edit they waited with', async () => {
			setReviewPublishedEdits(true)
			const author = await member('541810')
			const { id } = await publishedWithCover(author)
			await addStudyImage(author.id, id, await png(), { alt: 'New creative', cover: false })
			expect(withdrawStudy(author.id, id)).toEqual({ ok: true, status: 'withdrawn' })
			expect(pendingOf(id)).toEqual([])
			expect(getStudyForEditing(author.id, id)!.images.map((image) => image.pending)).toEqual([false, false])
		})
	})
})

describe('useful votes and bookmarks', () => {
	test('one vote per member, the count kept in step; authors cannot vote for themselves', async () => {
		const author = await member('541810')
		const reader = await member('522110')
		const other = await member('611310')
		const id = publishedStudy(author.id, { readers: 'all' })
		expect(setUseful(reader.viewer, id, true)).toEqual({ ok: true, useful: true, usefulCount: 1 })
		expect(setUseful(reader.viewer, id, true)).toEqual({ ok: true, useful: true, usefulCount: 1 })
		expect(setUseful(other.viewer, id, true)).toEqual({ ok: true, useful: true, usefulCount: 2 })
		expect(setUseful(reader.viewer, id, false)).toEqual({ ok: true, useful: false, usefulCount: 1 })
		expect(setUseful(reader.viewer, id, false)).toEqual({ ok: true, useful: false, usefulCount: 1 })
		expect(db.select().from(caseStudyVotes).where(eq(caseStudyVotes.studyId, id)).all()).toHaveLength(1)
		expect(setUseful(author.viewer, id, true)).toMatchObject({
			ok: false,
			message: 'You cannot mark your own case study useful.',
		})
		expect(searchLibrary(reader.viewer, query({ sort: 'useful' })).studies[0]?.usefulCount).toBeGreaterThanOrEqual(1)
		expect(getStudyPage(other.viewer, id)?.viewerState.useful).toBe(true)
	})

	test('bookmarking twice keeps one bookmark; studies not in the library take none', async () => {
		const author = await member('541810')
		const reader = await member('522110')
		const id = publishedStudy(author.id, { readers: 'all' })
		setBookmark(reader.viewer, id, true)
		setBookmark(reader.viewer, id, true)
		expect(db.select().from(caseStudyBookmarks).where(eq(caseStudyBookmarks.userId, reader.id)).all()).toHaveLength(1)
		setBookmark(reader.viewer, id, false)
		expect(listBookmarks(reader.viewer)).toEqual([])
		withdrawStudy(author.id, id)
		expect(setBookmark(reader.viewer, id, true)).toMatchObject({ ok: false, code: 'not-found' })
		expect(setBookmark(author.viewer, id, true)).toMatchObject({ ok: false, code: 'refused' })
	})
})

describe('comments', () => {
	test('threaded one level: replies go to a top-level comment only', async () => {
		const author = await member('541810')
		const reader = await member('522110')
		const id = publishedStudy(author.id, { readers: 'all' })
		const first = await addComment(reader.viewer, id, { body: 'How big was the holdout?' })
		if (!first.ok) throw new Error(first.message)
		const reply = await addComment(author.viewer, id, { body: '10% of members.', parentId: first.commentId })
		if (!reply.ok) throw new Error(reply.message)
		expect(await addComment(reader.viewer, id, { body: 'Nested?', parentId: reply.commentId })).toEqual({
			ok: false,
			code: 'refused',
			message: 'Reply to the first comment of the thread: replies go one level deep.',
		})
		expect(await addComment(reader.viewer, id, { body: 'Lost', parentId: 'csc_nope' })).toMatchObject({ ok: false })
		const comments = getStudyPage(reader.viewer, id)!.comments
		expect(comments).toHaveLength(1)
		expect(comments[0]).toMatchObject({ body: 'How big was the holdout?', mine: true, state: 'visible' })
		expect(comments[0]!.replies.map((comment) => comment.body)).toEqual(['10% of members.'])
	})

	test('the author hears of a comment, the replied-to member of a reply, nobody of their own', async () => {
		const author = await member('541810')
		const reader = await member('522110')
		const id = publishedStudy(author.id, { readers: 'all' })
		const kindsOf = (userId: string) =>
			db
				.select({ kind: notifications.kind, link: notifications.link })
				.from(notifications)
				.where(eq(notifications.userId, userId))
				.all()
		const first = await addComment(reader.viewer, id, { body: 'Great read.' })
		if (!first.ok) throw new Error(first.message)
		await addComment(author.viewer, id, { body: 'Thank you!', parentId: first.commentId })
		expect(kindsOf(author.id)).toEqual([{ kind: 'case-study-commented', link: `/case-studies/${id}#comments` }])
		expect(kindsOf(reader.id)).toEqual([{ kind: 'comment-replied', link: `/case-studies/${id}#comments` }])
	})

	test('members edit and delete only their own comments; a deleted comment with replies leaves a placeholder', async () => {
		const author = await member('541810')
		const reader = await member('522110')
		const other = await member('611310')
		const id = publishedStudy(author.id, { readers: 'all' })
		const withReplies = await addComment(reader.viewer, id, { body: 'First thought' })
		const alone = await addComment(reader.viewer, id, { body: 'Second thought' })
		if (!withReplies.ok || !alone.ok) throw new Error('comment failed')
		await addComment(other.viewer, id, { body: 'Agreed', parentId: withReplies.commentId })

		expect(editComment(other.viewer, withReplies.commentId, 'Hijacked')).toMatchObject({ ok: false, code: 'not-found' })
		expect(deleteComment(other.viewer, withReplies.commentId)).toMatchObject({ ok: false, code: 'not-found' })
		expect(editComment(reader.viewer, withReplies.commentId, 'First thought, revised')).toEqual({ ok: true })
		expect(getStudyPage(other.viewer, id)!.comments[0]).toMatchObject({ body: 'First thought, revised', edited: true })

		expect(deleteComment(reader.viewer, withReplies.commentId)).toEqual({ ok: true })
		expect(deleteComment(reader.viewer, alone.commentId)).toEqual({ ok: true })
		expect(deleteComment(reader.viewer, alone.commentId)).toMatchObject({ ok: false })
		const comments = getStudyPage(other.viewer, id)!.comments
		expect(comments).toHaveLength(1)
		expect(comments[0]).toMatchObject({ state: 'deleted', body: null, author: null })
		expect(comments[0]!.replies.map((reply) => reply.body)).toEqual(['Agreed'])
		expect(editComment(reader.viewer, withReplies.commentId, 'Back from the dead')).toMatchObject({ ok: false })
		expect(
			await addComment(other.viewer, id, { body: 'Reply to deleted', parentId: withReplies.commentId }),
		).toMatchObject({
			ok: false,
		})
	})

	test('a hidden comment reaches only moderators and its writer', async () => {
		const author = await member('541810')
		const reader = await member('522110')
		const moderator = await member('611310', 'moderator')
		const id = publishedStudy(author.id, { readers: 'all' })
		const comment = await addComment(reader.viewer, id, { body: 'Something rude' })
		if (!comment.ok) throw new Error(comment.message)
		db.update(caseStudyComments).set({ hiddenAt: new Date() }).where(eq(caseStudyComments.id, comment.commentId)).run()
		expect(getStudyPage(author.viewer, id)!.comments).toEqual([])
		expect(getStudyPage(moderator.viewer, id)!.comments[0]).toMatchObject({ state: 'hidden', body: 'Something rude' })
		expect(getStudyPage(reader.viewer, id)!.comments[0]).toMatchObject({ state: 'hidden', mine: true })
		expect(editComment(reader.viewer, comment.commentId, 'Nicer now')).toMatchObject({ ok: false, code: 'refused' })
	})

	test('comments are rate-limited per member with a clear message', async () => {
		const author = await member('541810')
		const chatty = await member('522110')
		const calm = await member('611310')
		const id = publishedStudy(author.id, { readers: 'all' })
		for (let k = 0; k < commentRate.points; k++)
			expect(await addComment(chatty.viewer, id, { body: `Comment ${k}` })).toMatchObject({ ok: true })
		const refused = await addComment(chatty.viewer, id, { body: 'One more' })
		expect(refused).toMatchObject({ ok: false, code: 'rate-limited' })
		expect(refused.ok ? '' : refused.message).toMatch(
			/^You have posted 10 comments in the last 10 minutes\. Try again in \d+ s\.$/,
		)
		expect(await addComment(calm.viewer, id, { body: 'My first' })).toMatchObject({ ok: true })
	})
})
