import { and, asc, eq } from 'drizzle-orm'
import sharp from 'sharp'
import { beforeAll, describe, expect, test, vi } from 'vitest'
import {
	caseStudies,
	caseStudyChannels,
	caseStudyComments,
	caseStudyImages,
	caseStudyMetrics,
	caseStudyRevisions,
	caseStudyTags,
	collectionItems,
	collections,
	expertiseTags,
	memberProfiles,
	messages,
	moderationAuditLog,
	moderationSettings,
	notifications,
	reports,
	sessions,
	users,
} from '#db/schema.ts'
import { createDraft, submitStudy, updateStudy } from '#app/features/case-studies/authoring.server.ts'
import { addStudyImage, readStudyImage } from '#app/features/case-studies/images.server.ts'
import { getStudyPage } from '#app/features/case-studies/study.server.ts'
import type { CaseStudyInput } from '#app/features/case-studies/schemas.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import {
	connectionBetween,
	requestConnection,
	respondToConnection,
} from '#app/features/connections/connections.server.ts'
import { searchDirectory } from '#app/features/directory/directory.server.ts'
import { parseDirectoryQuery } from '#app/features/directory/search-params.ts'
import { canSeeFullProfile } from '#app/features/members/profile.server.ts'
import * as live from '#app/features/messaging/live.server.ts'
import { messageHistory, sendMessage, type MessageChange } from '#app/features/messaging/messaging.server.ts'
import { listAuditLog } from '#app/features/moderation/audit.server.ts'
import { submitReport } from '#app/features/moderation/report-submission.server.ts'
import {
	addStudyToCollection,
	createCollection,
	deleteCollection,
	featureStudy,
	getCollectionPage,
	listCollectionsFor,
	listFeaturedStudies,
	moveStudyInCollection,
	removeStudyFromCollection,
	unfeatureStudy,
	updateCollection,
} from '#app/features/moderation/curation.server.ts'
import {
	listHiddenContent,
	listReports,
	resolveReport,
	restoreContent,
} from '#app/features/moderation/reports.server.ts'
import {
	getStudyForReview,
	listReviewQueue,
	reviewRevision,
	reviewStudy,
} from '#app/features/moderation/review.server.ts'
import { getModerationSettings, updateModerationSettings } from '#app/features/moderation/settings.server.ts'
import { suggestPeers } from '#app/features/suggestions/suggestions.server.ts'
import { createSessionCookie } from '#app/utils/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser, uniqueClient } from '#tests/support/factories.ts'
import { createConnectedPair, newClientId } from '#tests/support/messaging.ts'

const day = 24 * 60 * 60 * 1000

function studyInput(overrides: Partial<CaseStudyInput> = {}): CaseStudyInput {
	return {
		title: 'Loyalty app relaunch',
		brand: 'Northwind',
		sector: '445110',
		objective: 'retention',
		targetAudience: 'Weekly shoppers',
		channels: ['email-crm', 'social'],
		startedOn: '2024-03',
		endedOn: null,
		budgetBand: '100k-500k',
		summary: 'We rebuilt the loyalty app around weekly baskets.',
		body: 'We rebuilt the app around the weekly basket. '.repeat(8),
		learnings: 'Start with fewer rewards.',
		tags: ['loyalty', 'app'],
		metrics: [{ label: 'Repeat rate', before: 31, after: 38, unit: '%' }],
		readers: 'non-conflicted',
		...overrides,
	}
}

type Person = { id: string; role: 'member' | 'moderator' | 'admin' }

function submittedStudy(author: Person, overrides: Partial<CaseStudyInput> = {}) {
	const draft = createDraft(author.id, studyInput(overrides))
	if (!draft.ok) throw new Error(draft.message)
	const submitted = submitStudy(author.id, draft.studyId)
	if (!submitted.ok) throw new Error(submitted.message)
	return draft.studyId
}

/** Published by `approver`, who is kept out of the audit assertions below. */
function publishedStudy(author: Person, overrides: Partial<CaseStudyInput> = {}) {
	const studyId = submittedStudy(author, overrides)
	const approved = reviewStudy(approver.id, studyId, 'approve')
	if (!approved.ok) throw new Error(approved.message)
	return studyId
}

const studyRow = (studyId: string) => db.select().from(caseStudies).where(eq(caseStudies.id, studyId)).get()!

function auditOf(actorId: string) {
	return db
		.select({
			action: moderationAuditLog.action,
			targetType: moderationAuditLog.targetType,
			targetId: moderationAuditLog.targetId,
			reason: moderationAuditLog.reason,
			details: moderationAuditLog.details,
		})
		.from(moderationAuditLog)
		.where(eq(moderationAuditLog.actorId, actorId))
		.orderBy(asc(moderationAuditLog.id))
		.all()
}

function notificationsOf(userId: string) {
	return db
		.select({
			kind: notifications.kind,
			title: notifications.title,
			body: notifications.body,
			link: notifications.link,
		})
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(asc(notifications.id))
		.all()
}

let approver: Awaited<ReturnType<typeof createUser>>
beforeAll(async () => {
	approver = await createUser({ role: 'moderator', sectorCode: '541810' })
})

async function moderatorAndAuthor() {
	const moderator = await createUser({ role: 'moderator', sectorCode: '513210' })
	const author = await createUser({ sectorCode: '445110' })
	return { moderator, author }
}

describe('reviewing a submitted study', () => {
	test('approving publishes it, audits the decision and tells the author', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const studyId = submittedStudy(author)
		const before = Date.now()
		expect(reviewStudy(moderator.id, studyId, 'approve')).toEqual({ ok: true, status: 'published' })
		const row = studyRow(studyId)
		expect(row).toMatchObject({ status: 'published', reviewNote: null })
		expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000)
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'study.approve',
				targetType: 'case-study',
				targetId: studyId,
				reason: '',
				details: { from: 'submitted', to: 'published' },
			},
		])
		expect(notificationsOf(author.id)).toEqual([
			{
				kind: 'case-study-approved',
				title: '“Loyalty app relaunch” is published',
				body: 'Members can now read it in the library.',
				link: `/case-studies/${studyId}`,
			},
		])
	})

	test('requesting changes needs a note, which the author sees; the resubmitted study can then be rejected with a reason', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const studyId = submittedStudy(author)
		expect(reviewStudy(moderator.id, studyId, 'request-changes', '   ')).toEqual({
			ok: false,
			code: 'note-required',
			message: 'Tell the author what to change: they see this note.',
		})
		expect(studyRow(studyId).status).toBe('submitted')

		expect(reviewStudy(moderator.id, studyId, 'request-changes', ' Add the budget split. ')).toEqual({
			ok: true,
			status: 'changes-requested',
		})
		expect(studyRow(studyId)).toMatchObject({ status: 'changes-requested', reviewNote: 'Add the budget split.' })

		expect(submitStudy(author.id, studyId)).toEqual({ ok: true, status: 'submitted' })
		expect(reviewStudy(moderator.id, studyId, 'reject', '')).toMatchObject({ ok: false, code: 'note-required' })
		expect(reviewStudy(moderator.id, studyId, 'reject', 'Names a client under NDA.')).toEqual({
			ok: true,
			status: 'rejected',
		})
		expect(studyRow(studyId)).toMatchObject({ status: 'rejected', reviewNote: 'Names a client under NDA.' })

		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'study.request-changes',
				targetType: 'case-study',
				targetId: studyId,
				reason: 'Add the budget split.',
				details: { from: 'submitted', to: 'changes-requested' },
			},
			{
				action: 'study.reject',
				targetType: 'case-study',
				targetId: studyId,
				reason: 'Names a client under NDA.',
				details: { from: 'submitted', to: 'rejected' },
			},
		])
		expect(notificationsOf(author.id)).toEqual([
			{
				kind: 'case-study-changes-requested',
				title: 'A moderator asked for changes to “Loyalty app relaunch”',
				body: 'Add the budget split.',
				link: `/case-studies/${studyId}/edit`,
			},
			{
				kind: 'case-study-rejected',
				title: '“Loyalty app relaunch” was not accepted',
				body: 'Names a client under NDA.',
				link: `/case-studies/${studyId}/edit`,
			},
		])
	})

	test('illegal transitions are refused by the state machine and change nothing', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const draft = createDraft(author.id, studyInput())
		if (!draft.ok) throw new Error(draft.message)
		for (const decision of ['approve', 'request-changes', 'reject'] as const)
			expect(reviewStudy(moderator.id, draft.studyId, decision, 'note')).toEqual({
				ok: false,
				code: 'wrong-status',
				message: `This case study is a draft: it cannot ${decision.replace('-', ' ')} now.`,
			})
		expect(studyRow(draft.studyId).status).toBe('draft')

		const studyId = submittedStudy(author)
		expect(reviewStudy(moderator.id, studyId, 'approve').ok).toBe(true)
		// A double approve (two tabs, a resent form) is refused cleanly.
		expect(reviewStudy(moderator.id, studyId, 'approve')).toEqual({
			ok: false,
			code: 'wrong-status',
			message: 'This case study is published: it cannot approve now.',
		})
		expect(reviewStudy(moderator.id, studyId, 'reject', 'too late')).toMatchObject({ code: 'wrong-status' })

		const changes = submittedStudy(author)
		reviewStudy(moderator.id, changes, 'request-changes', 'More numbers.')
		expect(reviewStudy(moderator.id, changes, 'approve')).toMatchObject({ ok: false, code: 'wrong-status' })
		expect(reviewStudy(moderator.id, 'cst_missing', 'approve')).toMatchObject({ ok: false, code: 'not-found' })

		expect(auditOf(moderator.id).map((row) => row.action)).toEqual(['study.approve', 'study.request-changes'])
	})

	test('a moderator cannot review their own study or their own edit', async () => {
		const { moderator } = await moderatorAndAuthor()
		const own = submittedStudy(moderator)
		const refusal = {
			ok: false,
			code: 'own-study',
			message: 'You wrote this case study: another moderator must review it.',
		}
		for (const decision of ['approve', 'request-changes', 'reject'] as const)
			expect(reviewStudy(moderator.id, own, decision, 'note')).toEqual(refusal)
		expect(studyRow(own).status).toBe('submitted')

		const published = publishedStudy(moderator)
		updateStudy(moderator.id, published, studyInput({ title: 'My own edit' }))
		const revision = db
			.select({ id: caseStudyRevisions.id })
			.from(caseStudyRevisions)
			.where(eq(caseStudyRevisions.studyId, published))
			.get()!
		expect(reviewRevision(moderator.id, revision.id, 'approve')).toEqual(refusal)
		expect(auditOf(moderator.id)).toEqual([])
	})
})

describe('reviewing an edit of a published study', () => {
	function pendingRevision(studyId: string) {
		return db
			.select()
			.from(caseStudyRevisions)
			.where(and(eq(caseStudyRevisions.studyId, studyId), eq(caseStudyRevisions.status, 'submitted')))
			.get()!
	}

	const liveRows = (studyId: string) => ({
		metrics: db
			.select({
				label: caseStudyMetrics.label,
				before: caseStudyMetrics.before,
				after: caseStudyMetrics.after,
				unit: caseStudyMetrics.unit,
			})
			.from(caseStudyMetrics)
			.where(eq(caseStudyMetrics.studyId, studyId))
			.orderBy(caseStudyMetrics.position)
			.all(),
		channels: db
			.select({ channel: caseStudyChannels.channel })
			.from(caseStudyChannels)
			.where(eq(caseStudyChannels.studyId, studyId))
			.all()
			.map((row) => row.channel)
			.sort(),
		tags: db
			.select({ tag: caseStudyTags.tag })
			.from(caseStudyTags)
			.where(eq(caseStudyTags.studyId, studyId))
			.all()
			.map((row) => row.tag)
			.sort(),
	})

	test('approving copies the proposed fields, metrics, channels and tags into the live rows', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const studyId = publishedStudy(author)
		const edit = studyInput({
			title: 'Loyalty app relaunch, year two',
			summary: 'Year two of the relaunch.',
			channels: ['social', 'search', 'in-store'],
			tags: ['loyalty', 'retention-marketing'],
			metrics: [
				{ label: 'Repeat rate', before: 31, after: 41, unit: '%' },
				{ label: 'App users', before: 120, after: 310, unit: 'k' },
			],
		})
		expect(updateStudy(author.id, studyId, edit)).toEqual({ ok: true, applied: 'revision' })
		// Readers keep the published text while the edit waits.
		expect(studyRow(studyId).title).toBe('Loyalty app relaunch')
		const revision = pendingRevision(studyId)

		expect(reviewRevision(moderator.id, revision.id, 'approve')).toEqual({ ok: true, status: 'approved' })
		expect(studyRow(studyId)).toMatchObject({
			status: 'published',
			title: 'Loyalty app relaunch, year two',
			summary: 'Year two of the relaunch.',
		})
		expect(liveRows(studyId)).toEqual({
			metrics: [
				{ label: 'Repeat rate', before: 31, after: 41, unit: '%' },
				{ label: 'App users', before: 120, after: 310, unit: 'k' },
			],
			channels: ['in-store', 'search', 'social'],
			tags: ['loyalty', 'retention-marketing'],
		})
		const reviewed = db.select().from(caseStudyRevisions).where(eq(caseStudyRevisions.id, revision.id)).get()!
		expect(reviewed).toMatchObject({ status: 'approved', reviewedBy: moderator.id, reviewNote: null })
		expect(reviewRevision(moderator.id, revision.id, 'approve')).toEqual({
			ok: false,
			code: 'wrong-status',
			message: 'This revision is approved: it cannot approve now.',
		})
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'revision.approve',
				targetType: 'revision',
				targetId: revision.id,
				reason: '',
				details: {
					studyId,
					from: 'submitted',
					to: 'approved',
					changedFields: ['title', 'summary', 'metrics', 'channels', 'tags'],
				},
			},
		])
		expect(notificationsOf(author.id).at(-1)).toEqual({
			kind: 'case-study-approved',
			title: 'Your edits to “Loyalty app relaunch” are live',
			body: 'Readers now see the updated case study.',
			link: `/case-studies/${studyId}`,
		})
	})

	test('requesting changes or rejecting needs a note and leaves the published text alone', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const studyId = publishedStudy(author)
		updateStudy(author.id, studyId, studyInput({ title: 'A bolder title' }))
		const first = pendingRevision(studyId)
		expect(reviewRevision(moderator.id, first.id, 'request-changes')).toMatchObject({ code: 'note-required' })
		expect(reviewRevision(moderator.id, first.id, 'request-changes', 'Keep the brand name in it.')).toEqual({
			ok: true,
			status: 'changes-requested',
		})
		expect(db.select().from(caseStudyRevisions).where(eq(caseStudyRevisions.id, first.id)).get()).toMatchObject({
			status: 'changes-requested',
			reviewNote: 'Keep the brand name in it.',
		})
		updateStudy(author.id, studyId, studyInput({ title: 'Northwind: a bolder title' }))
		const second = pendingRevision(studyId)
		expect(reviewRevision(moderator.id, second.id, 'reject', 'Misleading numbers.')).toEqual({
			ok: true,
			status: 'rejected',
		})
		expect(studyRow(studyId).title).toBe('Loyalty app relaunch')
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'revision.request-changes',
				targetType: 'revision',
				targetId: first.id,
				reason: 'Keep the brand name in it.',
				details: { studyId, from: 'submitted', to: 'changes-requested' },
			},
			{
				action: 'revision.reject',
				targetType: 'revision',
				targetId: second.id,
				reason: 'Misleading numbers.',
				details: { studyId, from: 'submitted', to: 'rejected' },
			},
		])
	})
})

describe('images added to a published study wait with its edit', () => {
	const png = () =>
		sharp({ create: { width: 800, height: 400, channels: 3, background: '#0d8763' } })
			.png()
			.toBuffer()

	async function withWaitingImages() {
		const { moderator, author } = await moderatorAndAuthor()
		const reader = await createUser({ sectorCode: '611310' })
		const draft = createDraft(author.id, studyInput({ readers: 'all' }))
		if (!draft.ok) throw new Error(draft.message)
		const live = await addStudyImage(author.id, draft.studyId, await png(), { alt: 'Live cover', cover: true })
		submitStudy(author.id, draft.studyId)
		reviewStudy(approver.id, draft.studyId, 'approve')
		const first = await addStudyImage(author.id, draft.studyId, await png(), { alt: 'New cover', cover: true })
		const second = await addStudyImage(author.id, draft.studyId, await png(), { alt: 'Chart', cover: false })
		if (!live.ok || !first.ok || !second.ok) throw new Error('An image was refused')
		const revision = db
			.select({ id: caseStudyRevisions.id })
			.from(caseStudyRevisions)
			.where(and(eq(caseStudyRevisions.studyId, draft.studyId), eq(caseStudyRevisions.status, 'submitted')))
			.get()!
		return {
			moderator,
			author,
			reader: { id: reader.id, role: 'member' as const },
			studyId: draft.studyId,
			revisionId: revision.id,
			liveId: live.imageId!,
			newIds: [first.imageId!, second.imageId!],
		}
	}

	const imagesOf = (studyId: string) =>
		db
			.select({
				id: caseStudyImages.id,
				position: caseStudyImages.position,
				isCover: caseStudyImages.isCover,
				revisionId: caseStudyImages.revisionId,
			})
			.from(caseStudyImages)
			.where(eq(caseStudyImages.studyId, studyId))
			.orderBy(caseStudyImages.position)
			.all()

	test('the review page shows them; approving makes them live after the others, with the cover the author chose', async () => {
		const { moderator, reader, studyId, revisionId, liveId, newIds } = await withWaitingImages()
		const review = getStudyForReview(studyId, moderator.id)!
		expect(review.revision?.id).toBe(revisionId)
		expect(review.revision?.newImages.map((image) => [image.id, image.alt, image.isCover])).toEqual([
			[newIds[0], 'New cover', true],
			[newIds[1], 'Chart', false],
		])
		expect(review.diff?.filter((field) => field.changed)).toEqual([])
		expect(readStudyImage(reader, studyId, newIds[0]!)).toBeUndefined()

		expect(reviewRevision(moderator.id, revisionId, 'approve')).toEqual({ ok: true, status: 'approved' })
		expect(imagesOf(studyId)).toEqual([
			{ id: liveId, position: 0, isCover: false, revisionId: null },
			{ id: newIds[0], position: 1, isCover: true, revisionId: null },
			{ id: newIds[1], position: 2, isCover: false, revisionId: null },
		])
		expect(getStudyPage(reader, studyId)!.images.map((image) => image.id)).toEqual([newIds[0], liveId, newIds[1]])
		expect(readStudyImage(reader, studyId, newIds[1]!)).toBeDefined()
	})

	test('rejecting the edit deletes them; the live images stay', async () => {
		const { moderator, reader, studyId, revisionId, liveId } = await withWaitingImages()
		expect(reviewRevision(moderator.id, revisionId, 'reject', 'Not your creative to share.')).toEqual({
			ok: true,
			status: 'rejected',
		})
		expect(imagesOf(studyId)).toEqual([{ id: liveId, position: 0, isCover: true, revisionId: null }])
		expect(getStudyPage(reader, studyId)!.images.map((image) => image.id)).toEqual([liveId])
	})
})

describe('the review queue', () => {
	test('lists new studies and edits oldest first, with counts per kind and age, and filters', async () => {
		const author = await createUser({ sectorCode: '522110' })
		const fresh = submittedStudy(author, { title: 'Queue: fresh bank study', sector: '522110', objective: 'launch' })
		const published = publishedStudy(author, { title: 'Queue: published', sector: '522110', objective: 'launch' })
		updateStudy(author.id, published, studyInput({ title: 'Queue: edited', sector: '522110', objective: 'pricing' }))
		const old = submittedStudy(author, { title: 'Queue: old bank study', sector: '522110', objective: 'launch' })
		db.update(caseStudies)
			.set({ submittedAt: new Date(Date.now() - 10 * day) })
			.where(eq(caseStudies.id, old))
			.run()

		const queue = listReviewQueue({ sector: '52' })
		expect(queue.items.map((item) => [item.kind, item.title])).toEqual([
			['new', 'Queue: old bank study'],
			['new', 'Queue: fresh bank study'],
			['revision', 'Queue: edited'],
		])
		expect(queue.counts).toEqual({
			all: 3,
			new: 2,
			revision: 1,
			ages: { 'under-2-days': 2, '2-to-7-days': 0, 'over-7-days': 1 },
		})
		expect(queue.items[0]).toMatchObject({ studyId: old, revisionId: null, age: 'over-7-days', sectorCode: '522110' })
		expect(queue.items[1]!.studyId).toBe(fresh)
		expect(queue.items[2]).toMatchObject({ studyId: published, objective: 'pricing', authorName: author.name })
		expect(queue.items[2]!.revisionId).toMatch(/^csr_/)

		expect(listReviewQueue({ sector: '52', kind: 'revision' }).items.map((item) => item.title)).toEqual([
			'Queue: edited',
		])
		expect(listReviewQueue({ sector: '52', objective: 'launch' }).counts).toMatchObject({ all: 2, revision: 0 })
		const overdue = listReviewQueue({ sector: '52', age: 'over-7-days' })
		expect(overdue.items.map((item) => item.studyId)).toEqual([old])
		expect(overdue.counts).toMatchObject({ all: 1, new: 1, revision: 0 })
		// Three days on, the fresh ones are in the middle bucket.
		expect(listReviewQueue({ sector: '52' }, Date.now() + 3 * day).counts.ages).toEqual({
			'under-2-days': 0,
			'2-to-7-days': 2,
			'over-7-days': 1,
		})
		expect(listReviewQueue({ sector: '71' }).items).toEqual([])
	})
})

describe('curation', () => {
	test('only a published, visible study can be featured; feature and unfeature are audited and the author told', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const submitted = submittedStudy(author)
		expect(featureStudy(moderator.id, submitted)).toEqual({
			ok: false,
			code: 'not-published',
			message: 'Only published case studies can be curated.',
		})
		const hidden = publishedStudy(author)
		db.update(caseStudies).set({ hiddenAt: new Date() }).where(eq(caseStudies.id, hidden)).run()
		expect(featureStudy(moderator.id, hidden)).toMatchObject({ ok: false, code: 'hidden' })

		const studyId = publishedStudy(author)
		expect(featureStudy(moderator.id, studyId)).toEqual({ ok: true })
		expect(studyRow(studyId)).toMatchObject({ featuredBy: moderator.id })
		expect(studyRow(studyId).featuredAt).toBeInstanceOf(Date)
		expect(featureStudy(moderator.id, studyId)).toMatchObject({ ok: false, code: 'already' })
		expect(unfeatureStudy(moderator.id, studyId)).toEqual({ ok: true })
		expect(studyRow(studyId)).toMatchObject({ featuredAt: null, featuredBy: null })
		expect(unfeatureStudy(moderator.id, studyId)).toMatchObject({ ok: false, code: 'already' })

		expect(auditOf(moderator.id)).toEqual([
			{ action: 'study.feature', targetType: 'case-study', targetId: studyId, reason: '', details: null },
			{ action: 'study.unfeature', targetType: 'case-study', targetId: studyId, reason: '', details: null },
		])
		expect(notificationsOf(author.id).filter((row) => row.kind === 'case-study-featured')).toEqual([
			{
				kind: 'case-study-featured',
				title: '“Loyalty app relaunch” is featured on the home page',
				body: 'Moderators picked it for every member to see first.',
				link: `/case-studies/${studyId}`,
			},
		])
	})

	test('featured studies and collection pages show only what the viewer may read, in order', async () => {
		const moderator = await createUser({ role: 'moderator', sectorCode: '513210' })
		const grocer = await createUser({ sectorCode: '445110' })
		const rivalGrocer = await createUser({ sectorCode: '445110' })
		const banker = await createUser({ sectorCode: '522110' })
		rebuildConflictKeys(db, 'all')
		const privateStudy = publishedStudy(grocer, { title: 'Grocer, members not in conflict only' })
		const openStudy = publishedStudy(grocer, { title: 'Grocer, all members', readers: 'all' })
		const bankStudy = publishedStudy(banker, { title: 'Bank study', sector: '522110' })
		for (const studyId of [privateStudy, openStudy, bankStudy]) featureStudy(moderator.id, studyId)

		const titlesFor = (viewer: Person) => listFeaturedStudies(viewer, 10).map((study) => study.title)
		const featuredHere = (titles: string[]) =>
			titles.filter((title) =>
				['Grocer, members not in conflict only', 'Grocer, all members', 'Bank study'].includes(title),
			)
		expect(featuredHere(titlesFor(rivalGrocer)).sort()).toEqual(['Bank study', 'Grocer, all members'])
		expect(featuredHere(titlesFor(banker)).sort()).toEqual([
			'Bank study',
			'Grocer, all members',
			'Grocer, members not in conflict only',
		])
		// A study hidden after a report drops off the home page.
		db.update(caseStudies).set({ hiddenAt: new Date() }).where(eq(caseStudies.id, bankStudy)).run()
		expect(featuredHere(titlesFor(banker))).not.toContain('Bank study')

		const created = createCollection(moderator.id, { title: 'Policy-checked picks', intro: 'Read these.' })
		if (!created.ok) throw new Error(created.message)
		for (const studyId of [openStudy, privateStudy]) addStudyToCollection(moderator.id, created.id, studyId)
		expect(
			getCollectionPage('policy-checked-picks', rivalGrocer)?.studies.map((study) => [study.title, study.position]),
		).toEqual([['Grocer, all members', 1]])
		expect(getCollectionPage('policy-checked-picks', banker)?.studies.map((study) => study.title)).toEqual([
			'Grocer, all members',
			'Grocer, members not in conflict only',
		])
		expect(getCollectionPage('policy-checked-picks', banker)?.collection).toMatchObject({ intro: 'Read these.' })
		expect(getCollectionPage('no-such-collection', banker)).toBeNull()
		const summary = (viewer: Person) =>
			listCollectionsFor(viewer).find((collection) => collection.slug === 'policy-checked-picks')?.studies
		expect(summary(rivalGrocer)).toBe(1)
		expect(summary(banker)).toBe(2)
	})

	test('collections: unique slugs, ordered studies moved up and down, removal keeps positions compact, every step audited', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const [a, b, c] = [publishedStudy(author), publishedStudy(author), publishedStudy(author)]
		const draft = createDraft(author.id, studyInput())
		if (!draft.ok) throw new Error(draft.message)

		expect(createCollection(moderator.id, { title: 'x', intro: '' })).toMatchObject({
			ok: false,
			code: 'invalid',
			fieldErrors: { title: ['Use at least 3 characters.'] },
		})
		const first = createCollection(moderator.id, { title: 'Loyalty loops that worked!', intro: 'Retention wins.' })
		const second = createCollection(moderator.id, { title: 'Loyalty loops that worked', intro: '' })
		if (!first.ok || !second.ok) throw new Error('not created')
		expect(first.slug).toMatch(/^loyalty-loops-that-worked(-\d+)?$/)
		expect(second.slug).not.toBe(first.slug)
		expect(second.slug).toMatch(/^loyalty-loops-that-worked-\d+$/)

		const positions = () =>
			db
				.select({ studyId: collectionItems.studyId, position: collectionItems.position })
				.from(collectionItems)
				.where(eq(collectionItems.collectionId, first.id))
				.orderBy(collectionItems.position)
				.all()
				.map((row) => [row.studyId, row.position])
		for (const studyId of [a, b, c]) expect(addStudyToCollection(moderator.id, first.id, studyId).ok).toBe(true)
		expect(addStudyToCollection(moderator.id, first.id, b)).toMatchObject({ ok: false, code: 'already' })
		expect(addStudyToCollection(moderator.id, first.id, draft.studyId)).toMatchObject({ code: 'not-published' })
		expect(positions()).toEqual([
			[a, 1],
			[b, 2],
			[c, 3],
		])
		expect(moveStudyInCollection(moderator.id, first.id, c, 'up')).toEqual({ ok: true, position: 2 })
		expect(positions()).toEqual([
			[a, 1],
			[c, 2],
			[b, 3],
		])
		expect(moveStudyInCollection(moderator.id, first.id, a, 'up')).toEqual({
			ok: false,
			code: 'edge',
			message: 'This case study is already first.',
		})
		expect(moveStudyInCollection(moderator.id, first.id, b, 'down')).toMatchObject({ ok: false, code: 'edge' })
		expect(removeStudyFromCollection(moderator.id, first.id, a)).toEqual({ ok: true })
		expect(positions()).toEqual([
			[c, 1],
			[b, 2],
		])

		const renamed = updateCollection(moderator.id, first.id, { title: 'B2B brand on a budget', intro: 'Lean wins.' })
		expect(renamed).toEqual({ ok: true, slug: expect.stringMatching(/^b2b-brand-on-a-budget(-\d+)?$/) })
		expect(deleteCollection(moderator.id, second.id)).toEqual({ ok: true, title: 'Loyalty loops that worked' })
		expect(db.select().from(collections).where(eq(collections.id, second.id)).get()).toBeUndefined()

		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'collection.create',
				targetType: 'collection',
				targetId: first.id,
				reason: '',
				details: { title: 'Loyalty loops that worked!', slug: first.slug },
			},
			{
				action: 'collection.create',
				targetType: 'collection',
				targetId: second.id,
				reason: '',
				details: { title: 'Loyalty loops that worked', slug: second.slug },
			},
			...[a, b, c].map((studyId, index) => ({
				action: 'collection.add-study',
				targetType: 'collection',
				targetId: first.id,
				reason: '',
				details: { studyId, position: index + 1 },
			})),
			{
				action: 'collection.move-study',
				targetType: 'collection',
				targetId: first.id,
				reason: '',
				details: { studyId: c, direction: 'up', from: 3, to: 2 },
			},
			{
				action: 'collection.remove-study',
				targetType: 'collection',
				targetId: first.id,
				reason: '',
				details: { studyId: a, position: 1 },
			},
			{
				action: 'collection.update',
				targetType: 'collection',
				targetId: first.id,
				reason: '',
				details: {
					title: { from: 'Loyalty loops that worked!', to: 'B2B brand on a budget' },
					slug: { from: first.slug, to: renamed.ok ? renamed.slug : '' },
					introChanged: true,
				},
			},
			{
				action: 'collection.delete',
				targetType: 'collection',
				targetId: second.id,
				reason: '',
				details: { title: 'Loyalty loops that worked', slug: second.slug, studyIds: [] },
			},
		])
	})
})

describe('resolving reports', () => {
	async function reportedStudy() {
		const { moderator, author } = await moderatorAndAuthor()
		const studyId = publishedStudy(author)
		const reporters = [await createUser({ sectorCode: '721110' }), await createUser({ sectorCode: '481111' })]
		const ids = reporters.map(
			(reporter, index) =>
				db
					.insert(reports)
					.values({
						reporterId: reporter.id,
						targetType: 'case-study',
						targetId: studyId,
						reason: index === 0 ? 'confidential' : 'misleading',
					})
					.returning({ id: reports.id })
					.get().id,
		)
		return { moderator, author, studyId, reportIds: ids, reporter: reporters[0]! }
	}
	const reportRow = (id: number) => db.select().from(reports).where(eq(reports.id, id)).get()!

	test('dismissing closes every open report on the same content, and only those', async () => {
		const { moderator, studyId, reportIds, reporter } = await reportedStudy()
		const other = db
			.insert(reports)
			.values({ reporterId: reporter.id, targetType: 'profile', targetId: reporter.id, reason: 'spam' })
			.returning({ id: reports.id })
			.get().id
		expect(await resolveReport(moderator, reportIds[0]!, 'dismiss')).toEqual({
			ok: true,
			resolution: 'dismiss',
			closed: 2,
			revokedSessions: 0,
		})
		for (const id of reportIds)
			expect(reportRow(id)).toMatchObject({ status: 'dismissed', resolution: 'dismiss', resolvedBy: moderator.id })
		expect(reportRow(other).status).toBe('open')
		expect(studyRow(studyId).hiddenAt).toBeNull()
		expect(await resolveReport(moderator, reportIds[1]!, 'hide-content')).toEqual({
			ok: false,
			code: 'already-resolved',
			message: 'This report has already been resolved.',
		})
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'report.dismiss',
				targetType: 'case-study',
				targetId: studyId,
				reason: 'Confidential information',
				details: { reportIds, reasons: ['confidential', 'misleading'], memberId: studyRow(studyId).authorId },
			},
		])
		const queue = listReports({ status: 'open', targetType: 'case-study' })
		expect(queue.reports.map((report) => report.id)).not.toContain(reportIds[0])
	})

	test('hiding a case study or a comment sets hiddenAt', async () => {
		const { moderator, author, studyId, reportIds, reporter } = await reportedStudy()
		expect(await resolveReport(moderator, reportIds[1]!, 'hide-content', 'Client data.')).toMatchObject({
			ok: true,
			closed: 2,
		})
		expect(studyRow(studyId).hiddenAt).toBeInstanceOf(Date)
		expect(reportRow(reportIds[0]!)).toMatchObject({ status: 'actioned', resolution: 'hide-content' })

		const commentId = 'csc_moderation_test'
		const visible = publishedStudy(author)
		db.insert(caseStudyComments).values({ id: commentId, studyId: visible, authorId: reporter.id, body: 'Rude.' }).run()
		const commentReport = db
			.insert(reports)
			.values({ reporterId: author.id, targetType: 'comment', targetId: commentId, reason: 'offensive' })
			.returning({ id: reports.id })
			.get().id
		expect((await resolveReport(moderator, commentReport, 'hide-content')).ok).toBe(true)
		expect(
			db.select().from(caseStudyComments).where(eq(caseStudyComments.id, commentId)).get()!.hiddenAt,
		).toBeInstanceOf(Date)

		const missingMessage = db
			.insert(reports)
			.values({ reporterId: author.id, targetType: 'message', targetId: '999999999', reason: 'spam' })
			.returning({ id: reports.id })
			.get().id
		expect(await resolveReport(moderator, missingMessage, 'hide-content')).toMatchObject({
			ok: false,
			code: 'no-author',
		})
		expect(reportRow(missingMessage).status).toBe('open')
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'report.hide-content',
				targetType: 'case-study',
				targetId: studyId,
				reason: 'Client data.',
				details: { reportIds, reasons: ['confidential', 'misleading'], memberId: author.id },
			},
			{
				action: 'report.hide-content',
				targetType: 'comment',
				targetId: commentId,
				reason: 'Offensive',
				details: { reportIds: [commentReport], reasons: ['offensive'], memberId: reporter.id },
			},
		])
	})

	test('warning sends the author a moderation-warning notification; it needs a note', async () => {
		const { moderator, author, studyId, reportIds } = await reportedStudy()
		expect(await resolveReport(moderator, reportIds[0]!, 'warn-member', ' ')).toMatchObject({
			ok: false,
			code: 'note-required',
		})
		expect(await resolveReport(moderator, reportIds[0]!, 'warn-member', 'Remove the client’s name.')).toMatchObject({
			ok: true,
			closed: 2,
		})
		expect(notificationsOf(author.id).filter((row) => row.kind === 'moderation-warning')).toEqual([
			{
				kind: 'moderation-warning',
				title: 'A moderator warned you about your case study',
				body: 'Remove the client’s name.',
				link: `/case-studies/${studyId}`,
			},
		])
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'report.warn-member',
				targetType: 'case-study',
				targetId: studyId,
				reason: 'Remove the client’s name.',
				details: { reportIds, reasons: ['confidential', 'misleading'], memberId: author.id },
			},
		])
	})

	test('suspending sets the member suspended and revokes all their sessions', async () => {
		const { moderator, author, studyId, reportIds } = await reportedStudy()
		await createSessionCookie(author.id, uniqueClient())
		await createSessionCookie(author.id, uniqueClient())
		expect(db.select().from(sessions).where(eq(sessions.userId, author.id)).all()).toHaveLength(2)
		expect(await resolveReport(moderator, reportIds[0]!, 'suspend-member', 'Repeated leaks.')).toEqual({
			ok: true,
			resolution: 'suspend-member',
			closed: 2,
			revokedSessions: 2,
		})
		expect(db.select({ status: users.status }).from(users).where(eq(users.id, author.id)).get()).toEqual({
			status: 'suspended',
		})
		expect(db.select().from(sessions).where(eq(sessions.userId, author.id)).all()).toEqual([])
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'report.suspend-member',
				targetType: 'case-study',
				targetId: studyId,
				reason: 'Repeated leaks.',
				details: { reportIds, reasons: ['confidential', 'misleading'], memberId: author.id },
			},
		])
	})

	test('a moderator never suspends an admin or themselves, and never resolves a report on their own content', async () => {
		const moderator = await createUser({ role: 'moderator', sectorCode: '513210' })
		const admin = await createUser({ role: 'admin', sectorCode: '522110' })
		const reporter = await createUser({ sectorCode: '721110' })
		const fileReport = (targetId: string) =>
			db
				.insert(reports)
				.values({ reporterId: reporter.id, targetType: 'profile', targetId, reason: 'other' })
				.returning({ id: reports.id })
				.get().id
		const aboutAdmin = fileReport(admin.id)
		expect(await resolveReport(moderator, aboutAdmin, 'suspend-member', 'No.')).toEqual({
			ok: false,
			code: 'not-allowed',
			message: 'Moderators cannot suspend an admin.',
		})
		const aboutSelf = fileReport(moderator.id)
		expect(await resolveReport(moderator, aboutSelf, 'suspend-member', 'Me.')).toEqual({
			ok: false,
			code: 'not-allowed',
			message: 'This report is about your own content: another moderator must resolve it.',
		})
		expect(await resolveReport(moderator, aboutSelf, 'dismiss')).toMatchObject({ ok: false, code: 'not-allowed' })
		expect(db.select({ status: users.status }).from(users).where(eq(users.id, admin.id)).get()!.status).toBe('active')
		expect(auditOf(moderator.id)).toEqual([])
		// Another moderator may dismiss the report about the first one.
		expect((await resolveReport(approver, aboutSelf, 'dismiss')).ok).toBe(true)
	})

	test('the queue puts open reports first with counts per target type and what each points at', async () => {
		const { moderator, studyId, reportIds } = await reportedStudy()
		const open = listReports({ status: 'open', targetType: 'case-study' })
		const mine = open.reports.filter((report) => report.targetId === studyId)
		expect(mine.map((report) => report.id)).toEqual(reportIds)
		expect(mine[0]).toMatchObject({
			reason: 'confidential',
			status: 'open',
			openOnTarget: 2,
			target: { label: 'Case study “Loyalty app relaunch”', link: `/moderation/studies/${studyId}` },
		})
		expect(open.counts.byTarget['case-study']).toBeGreaterThanOrEqual(2)
		await resolveReport(moderator, reportIds[0]!, 'dismiss')
		const all = listReports({ status: 'all', targetType: 'case-study' })
		const statuses = all.reports.map((report) => report.status)
		expect(statuses.indexOf('dismissed')).toBeGreaterThan(statuses.lastIndexOf('open'))
		expect(listReports({ status: 'resolved' }).reports.every((report) => report.status !== 'open')).toBe(true)
	})
})

describe('a reported message', () => {
	async function reportedMessage() {
		const { moderator } = await moderatorAndAuthor()
		const {
			first: reporter,
			second: sender,
			conversationId,
		} = await createConnectedPair({
			second: { name: 'Sam Sender' },
		})
		const sent = sendMessage(sender.id, { conversationId, clientId: newClientId(), body: 'Here is the client list.' })
		if (!sent.ok) throw new Error(sent.message)
		const messageId = String(sent.data.message.id)
		const filed = await submitReport(reporter, {
			targetType: 'message',
			targetId: messageId,
			reason: 'confidential',
			note: '',
		})
		if (!filed.ok) throw new Error(filed.message)
		return { moderator, reporter, sender, conversationId, messageId, reportId: filed.reportId }
	}

	test('the queue shows moderators the text and the sender, without a link into the conversation', async () => {
		const { reportId, sender, messageId } = await reportedMessage()
		const queued = listReports({ status: 'open', targetType: 'message' }).reports.find((row) => row.id === reportId)
		expect(queued?.target).toEqual({
			label: 'Message from Sam Sender',
			excerpt: 'Here is the client list.',
			link: null,
			authorId: sender.id,
			authorName: 'Sam Sender',
			authorRole: 'member',
			authorStatus: 'active',
			hidden: false,
		})
		expect(queued?.targetId).toBe(messageId)
	})

	test('hiding it is audited, members see it hidden, and it is broadcast; restoring undoes it', async () => {
		const { moderator, reporter, sender, conversationId, messageId, reportId } = await reportedMessage()
		const published: MessageChange[] = []
		vi.spyOn(live, 'publishMessageChange').mockImplementation((change) => void published.push(change))
		expect(await resolveReport(moderator, reportId, 'hide-content', 'Client data.')).toMatchObject({
			ok: true,
			closed: 1,
		})
		const history = messageHistory(reporter.id, conversationId)
		expect(history.ok && history.data.messages.at(-1)).toMatchObject({ body: '', hiddenAt: expect.any(Number) })
		expect(published).toEqual([
			{
				message: expect.objectContaining({ id: Number(messageId), body: '', hiddenAt: expect.any(Number) }),
				recipientIds: expect.arrayContaining([reporter.id, sender.id]),
			},
		])
		expect(listHiddenContent()).toContainEqual(
			expect.objectContaining({ targetType: 'message', targetId: messageId, authorId: sender.id, link: null }),
		)
		expect(
			listReports({ status: 'resolved', targetType: 'message' }).reports.find((row) => row.id === reportId)?.target,
		).toMatchObject({ hidden: true, excerpt: 'Here is the client list.' })
		const hiddenAt = db
			.select()
			.from(messages)
			.where(eq(messages.id, Number(messageId)))
			.get()!.hiddenAt!

		expect(restoreContent(sender, { targetType: 'message', targetId: messageId }, 'It is mine.')).toMatchObject({
			ok: false,
			code: 'not-allowed',
		})
		expect(restoreContent(moderator, { targetType: 'message', targetId: 'msg_1' }, 'Why.')).toMatchObject({
			ok: false,
			code: 'not-found',
		})
		expect(restoreContent(moderator, { targetType: 'message', targetId: messageId }, 'Public list after all.')).toEqual(
			{
				ok: true,
			},
		)
		const restored = messageHistory(reporter.id, conversationId)
		expect(restored.ok && restored.data.messages.at(-1)).toMatchObject({
			body: 'Here is the client list.',
			hiddenAt: null,
		})
		expect(published.at(-1)?.message).toMatchObject({ body: 'Here is the client list.', hiddenAt: null })
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'report.hide-content',
				targetType: 'message',
				targetId: messageId,
				reason: 'Client data.',
				details: { reportIds: [reportId], reasons: ['confidential'], memberId: sender.id },
			},
			{
				action: 'content.restore',
				targetType: 'message',
				targetId: messageId,
				reason: 'Public list after all.',
				details: { memberId: sender.id, hiddenAt: hiddenAt.getTime() },
			},
		])
	})

	test('warning the sender links them to the message', async () => {
		const { moderator, sender, conversationId, messageId, reportId } = await reportedMessage()
		expect(await resolveReport(moderator, reportId, 'warn-member', 'Keep client names out.')).toMatchObject({
			ok: true,
		})
		expect(notificationsOf(sender.id).filter((row) => row.kind === 'moderation-warning')).toEqual([
			{
				kind: 'moderation-warning',
				title: 'A moderator warned you about your message',
				body: 'Keep client names out.',
				link: `/messages/${conversationId}#message-${messageId}`,
			},
		])
	})
})

describe('hiding and restoring a profile', () => {
	const directory = (viewerId: string, params: Record<string, string>) =>
		searchDirectory(viewerId, parseDirectoryQuery(new URLSearchParams(params)))
	const suggested = (viewerId: string) => suggestPeers(viewerId, { limit: 100_000 }).map((entry) => entry.id)
	const hiddenAtOf = (userId: string) =>
		db
			.select({ hiddenAt: memberProfiles.hiddenAt })
			.from(memberProfiles)
			.where(eq(memberProfiles.userId, userId))
			.get()!.hiddenAt

	async function reportedProfile() {
		const moderator = await createUser({ role: 'moderator', sectorCode: '513210' })
		const tag = `hidden-${crypto.randomUUID().slice(0, 8)}`
		const name = `Hedda Hidden${crypto.randomUUID().slice(0, 6).replace(/\d/g, 'x')}`
		const member = await createUser({ name, sectorCode: '721110' })
		const viewer = await createUser({ sectorCode: '481111' })
		db.insert(expertiseTags)
			.values([
				{ userId: member.id, tag },
				{ userId: viewer.id, tag },
			])
			.run()
		rebuildConflictKeys(db, 'all')
		const reportId = db
			.insert(reports)
			.values({ reporterId: viewer.id, targetType: 'profile', targetId: member.id, reason: 'misleading' })
			.returning({ id: reports.id })
			.get().id
		return { moderator, member, viewer, tag, name, reportId }
	}

	test('a hidden profile leaves the directory (list and count), suggestions and the full profile for others', async () => {
		const { moderator, member, viewer, tag, name, reportId } = await reportedProfile()
		// Counted once before the hide, so a stale cached count would show below.
		expect(directory(viewer.id, { tag })).toMatchObject({ total: 1, members: [{ id: member.id }] })
		expect(suggested(viewer.id)).toContain(member.id)

		expect(await resolveReport(moderator, reportId, 'hide-content', 'Fake credentials.')).toMatchObject({
			ok: true,
			closed: 1,
		})
		expect(hiddenAtOf(member.id)).toBeInstanceOf(Date)
		expect(directory(viewer.id, { tag })).toMatchObject({ total: 0, members: [] })
		expect(directory(viewer.id, { q: name })).toMatchObject({ total: 0, members: [] })
		expect(directory(viewer.id, {}).members.map((entry) => entry.id)).not.toContain(member.id)
		expect(suggested(viewer.id)).not.toContain(member.id)
		expect(canSeeFullProfile(viewer.id, member.id)).toEqual({ allowed: false, reason: 'hidden' })
		expect(canSeeFullProfile(member.id, member.id)).toMatchObject({ allowed: true })
		expect(canSeeFullProfile(moderator.id, member.id)).toMatchObject({ allowed: true })
		expect(
			listReports({ status: 'resolved', targetType: 'profile' }).reports.find((row) => row.id === reportId),
		).toMatchObject({ target: { hidden: true } })
		expect(listHiddenContent()).toContainEqual(
			expect.objectContaining({ targetType: 'profile', targetId: member.id, link: `/members/${member.id}` }),
		)
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'report.hide-content',
				targetType: 'profile',
				targetId: member.id,
				reason: 'Fake credentials.',
				details: { reportIds: [reportId], reasons: ['misleading'], memberId: member.id },
			},
		])
	})

	test('a hidden connections-only profile is not listed or counted for a connection either', async () => {
		const { moderator, member, viewer, tag, reportId } = await reportedProfile()
		db.update(memberProfiles).set({ visibility: 'connections' }).where(eq(memberProfiles.userId, member.id)).run()
		const request = requestConnection(viewer.id, member.id, '')
		if (!request.ok) throw new Error(request.message)
		expect(respondToConnection(member.id, connectionBetween(viewer.id, member.id)!.id, 'accept').ok).toBe(true)
		expect(directory(viewer.id, { tag })).toMatchObject({ total: 1, members: [{ id: member.id }] })
		await resolveReport(moderator, reportId, 'hide-content')
		expect(directory(viewer.id, { tag })).toMatchObject({ total: 0, members: [] })
	})

	test('restoring brings the profile back and is audited; what is not hidden cannot be restored', async () => {
		const { moderator, member, viewer, tag, reportId } = await reportedProfile()
		expect(restoreContent(moderator, { targetType: 'profile', targetId: member.id }, 'Checked.')).toEqual({
			ok: false,
			code: 'not-hidden',
			message: 'This content is not hidden.',
		})
		await resolveReport(moderator, reportId, 'hide-content', 'Fake credentials.')
		const hiddenAt = hiddenAtOf(member.id)!
		expect(restoreContent(moderator, { targetType: 'profile', targetId: member.id }, '  ')).toMatchObject({
			ok: false,
			code: 'reason-required',
		})
		expect(restoreContent(moderator, { targetType: 'profile', targetId: 'usr_missing' }, 'Why not.')).toMatchObject({
			ok: false,
			code: 'not-found',
		})
		expect(restoreContent(member, { targetType: 'profile', targetId: member.id }, 'It is mine.')).toMatchObject({
			ok: false,
			code: 'not-allowed',
		})
		expect(hiddenAtOf(member.id)).toEqual(hiddenAt)

		expect(
			restoreContent(moderator, { targetType: 'profile', targetId: member.id }, 'The credentials were real.'),
		).toEqual({ ok: true })
		expect(hiddenAtOf(member.id)).toBeNull()
		expect(directory(viewer.id, { tag })).toMatchObject({ total: 1, members: [{ id: member.id }] })
		expect(suggested(viewer.id)).toContain(member.id)
		expect(canSeeFullProfile(viewer.id, member.id)).toMatchObject({ allowed: true })
		expect(listHiddenContent().map((item) => item.targetId)).not.toContain(member.id)
		expect(auditOf(moderator.id).at(-1)).toEqual({
			action: 'content.restore',
			targetType: 'profile',
			targetId: member.id,
			reason: 'The credentials were real.',
			details: { memberId: member.id, hiddenAt: hiddenAt.getTime() },
		})
		expect(restoreContent(moderator, { targetType: 'profile', targetId: member.id }, 'Again.')).toMatchObject({
			ok: false,
			code: 'not-hidden',
		})
		expect(auditOf(moderator.id)).toHaveLength(2)
	})

	test('a hidden case study or comment is restored the same way', async () => {
		const { moderator, author } = await moderatorAndAuthor()
		const studyId = publishedStudy(author)
		const commentId = `csc_restore_${crypto.randomUUID().slice(0, 8)}`
		db.insert(caseStudyComments).values({ id: commentId, studyId, authorId: approver.id, body: 'Hmm.' }).run()
		const now = Date.now()
		db.update(caseStudies)
			.set({ hiddenAt: new Date(now) })
			.where(eq(caseStudies.id, studyId))
			.run()
		db.update(caseStudyComments)
			.set({ hiddenAt: new Date(now) })
			.where(eq(caseStudyComments.id, commentId))
			.run()
		const hidden = listHiddenContent()
		expect(hidden).toContainEqual(
			expect.objectContaining({ targetType: 'case-study', targetId: studyId, authorId: author.id }),
		)
		expect(hidden).toContainEqual(
			expect.objectContaining({
				targetType: 'comment',
				targetId: commentId,
				link: `/case-studies/${studyId}#comment-${commentId}`,
			}),
		)
		expect(restoreContent(moderator, { targetType: 'case-study', targetId: studyId }, 'Fine after all.')).toEqual({
			ok: true,
		})
		expect(restoreContent(moderator, { targetType: 'comment', targetId: commentId }, 'Fine too.')).toEqual({
			ok: true,
		})
		expect(studyRow(studyId).hiddenAt).toBeNull()
		expect(db.select().from(caseStudyComments).where(eq(caseStudyComments.id, commentId)).get()!.hiddenAt).toBeNull()
		expect(auditOf(moderator.id).map((entry) => [entry.action, entry.targetType, entry.targetId])).toEqual([
			['content.restore', 'case-study', studyId],
			['content.restore', 'comment', commentId],
		])
	})
})

describe('moderation settings and the audit log', () => {
	test('changing whether published edits wait for review is audited', async () => {
		const moderator = await createUser({ role: 'moderator', sectorCode: '513210' })
		expect(getModerationSettings()).toMatchObject({ reviewPublishedEdits: true, updatedByName: null })
		expect(updateModerationSettings(moderator.id, { reviewPublishedEdits: false })).toEqual({
			previous: true,
			current: false,
		})
		expect(db.select().from(moderationSettings).get()).toMatchObject({
			reviewPublishedEdits: false,
			updatedBy: moderator.id,
		})
		expect(getModerationSettings()).toMatchObject({ reviewPublishedEdits: false, updatedByName: moderator.name })
		updateModerationSettings(moderator.id, { reviewPublishedEdits: true })
		expect(auditOf(moderator.id)).toEqual([
			{
				action: 'settings.update',
				targetType: 'settings',
				targetId: 'moderation',
				reason: '',
				details: { reviewPublishedEdits: { from: true, to: false } },
			},
			{
				action: 'settings.update',
				targetType: 'settings',
				targetId: 'moderation',
				reason: '',
				details: { reviewPublishedEdits: { from: false, to: true } },
			},
		])
	})

	test('the database refuses to change or delete audit entries', async () => {
		const moderator = await createUser({ role: 'moderator', sectorCode: '513210' })
		updateModerationSettings(moderator.id, { reviewPublishedEdits: true })
		expect(() =>
			db.update(moderationAuditLog).set({ reason: 'edited' }).where(eq(moderationAuditLog.actorId, moderator.id)).run(),
		).toThrow('moderation_audit_log is append-only')
		expect(() => db.delete(moderationAuditLog).where(eq(moderationAuditLog.actorId, moderator.id)).run()).toThrow(
			'moderation_audit_log is append-only',
		)
		expect(auditOf(moderator.id)).toHaveLength(1)
	})

	test('an entry is not written when its action fails, and the log filters by actor and action', async () => {
		const moderator = await createUser({ role: 'moderator', sectorCode: '513210' })
		const author = await createUser({ sectorCode: '445110' })
		const studyId = submittedStudy(author)
		// A failure inside the action's transaction (here: a notification for a user who does not exist) rolls back the audit entry too.
		db.$client.pragma('foreign_keys = OFF')
		db.update(caseStudies).set({ authorId: 'usr_gone' }).where(eq(caseStudies.id, studyId)).run()
		db.$client.pragma('foreign_keys = ON')
		expect(() => reviewStudy(moderator.id, studyId, 'approve')).toThrow()
		expect(studyRow(studyId).status).toBe('submitted')
		expect(auditOf(moderator.id)).toEqual([])

		updateModerationSettings(moderator.id, { reviewPublishedEdits: true })
		const log = listAuditLog({ actorId: moderator.id }, 1)
		expect(log.rows.map((row) => [row.action, row.actorName])).toEqual([['settings.update', moderator.name]])
		expect(log.total).toBe(1)
		expect(listAuditLog({ actorId: moderator.id, action: 'study.approve' }, 1).rows).toEqual([])
	})
})
