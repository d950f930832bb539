import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { caseStudies, memberProfiles, moderationAuditLog, moderationSettings, reports } from '#db/schema.ts'
import { createDraft, submitStudy } from '#app/features/case-studies/authoring.server.ts'
import type { CaseStudyInput } from '#app/features/case-studies/schemas.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { createCollection } from '#app/features/moderation/curation.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { errorPage, fieldErrors, mainText, notices, signedInBrowser, startTestServer, type Browser } from './support.ts'

let server: ServerProcess
let member: Browser
let moderator: Browser
let admin: Browser
let moderatorId: string
let authorId: string
let collectionId: string

const input: CaseStudyInput = {
	title: 'Free returns, fewer returns',
	brand: 'Tallgrass',
	sector: '311111',
	objective: 'retention',
	targetAudience: 'Dog owners who buy online',
	channels: ['email-crm'],
	startedOn: '2024-02',
	endedOn: '2024-10',
	budgetBand: 'under-100k',
	summary: 'Free returns made customers buy the right size the first time.',
	body: 'We offered free returns and added a size quiz before checkout. '.repeat(5),
	learnings: 'Ship the quiz first.',
	tags: ['returns'],
	metrics: [{ label: 'Return rate', before: 14, after: 9, unit: '%' }],
	readers: 'all',
}

function submittedStudy() {
	const draft = createDraft(authorId, input)
	if (!draft.ok) throw new Error(draft.message)
	if (!submitStudy(authorId, draft.studyId).ok) throw new Error('not submitted')
	return draft.studyId
}

const statusOf = (studyId: string) =>
	db.select({ status: caseStudies.status }).from(caseStudies).where(eq(caseStudies.id, studyId)).get()?.status

beforeAll(async () => {
	const memberUser = await createUser({ sectorCode: '522110' })
	const moderatorUser = await createUser({ role: 'moderator', sectorCode: '513210' })
	const adminUser = await createUser({ role: 'admin', sectorCode: '541810' })
	const author = await createUser({ sectorCode: '311111' })
	moderatorId = moderatorUser.id
	authorId = author.id
	rebuildConflictKeys(db, 'all')
	const collection = createCollection(moderatorUser.id, {
		title: 'Pet brands that listened',
		intro: 'Three good ones.',
	})
	if (!collection.ok) throw new Error(collection.message)
	collectionId = collection.id
	server = await startTestServer()
	member = await signedInBrowser(server, memberUser.email, memberUser.password)
	moderator = await signedInBrowser(server, moderatorUser.email, moderatorUser.password)
	admin = await signedInBrowser(server, adminUser.email, adminUser.password)
})
afterAll(async () => {
	await server?.stop()
})

describe('role enforcement', () => {
	test('a member gets the 403 page on every moderation page and on the audit log', async () => {
		const studyId = submittedStudy()
		for (const path of [
			'/moderation',
			'/moderation/reports',
			'/moderation/collections',
			`/moderation/collections/${collectionId}`,
			'/moderation/settings',
			`/moderation/studies/${studyId}`,
		]) {
			const page = await member.get(path)
			expect(page.status, path).toBe(403)
			expect(errorPage(page.html)).toEqual({
				status: 403,
				heading: 'You do not have access to this page',
				detail: 'This area is open to moderators and admins only.',
			})
		}
		const audit = await member.get('/admin/audit')
		expect(audit.status).toBe(403)
		expect(errorPage(audit.html).detail).toBe('This area is open to admins only.')
	})

	test('a member gets 403 on every moderation action, and nothing changes', async () => {
		const studyId = submittedStudy()
		const report = db
			.insert(reports)
			.values({ reporterId: authorId, targetType: 'case-study', targetId: studyId, reason: 'spam' })
			.returning({ id: reports.id })
			.get()
		const auditBefore = db.select().from(moderationAuditLog).all().length
		const posts: Array<[string, Record<string, string>]> = [
			[`/moderation/studies/${studyId}`, { intent: 'approve' }],
			[`/moderation/studies/${studyId}`, { intent: 'reject', note: 'No.' }],
			[`/moderation/studies/${studyId}`, { intent: 'feature' }],
			['/moderation/reports', { reportId: String(report.id), resolution: 'dismiss', note: '' }],
			['/moderation/collections?index', { title: 'Sneaky collection', intro: '' }],
			[`/moderation/collections/${collectionId}`, { intent: 'delete' }],
			['/moderation/settings', { reviewPublishedEdits: 'off' }],
			['/moderation/reports', { intent: 'restore', targetType: 'case-study', targetId: studyId, reason: 'Mine.' }],
		]
		for (const [path, fields] of posts) {
			const page = await member.post(path, fields)
			expect(page.status, `${path} ${fields.intent ?? ''}`).toBe(403)
		}
		expect(statusOf(studyId)).toBe('submitted')
		expect(db.select().from(reports).where(eq(reports.id, report.id)).get()?.status).toBe('open')
		expect(db.select().from(moderationSettings).get()?.reviewPublishedEdits).toBe(true)
		expect(db.select().from(moderationAuditLog).all()).toHaveLength(auditBefore)
	})

	test('a moderator gets 403 on the admin audit log; an admin reads it', async () => {
		const page = await moderator.get('/admin/audit')
		expect(page.status).toBe(403)
		expect(errorPage(page.html).detail).toBe('This area is open to admins only.')
		const allowed = await admin.get('/admin/audit')
		expect(allowed.status).toBe(200)
		expect(mainText(allowed.html)).toContain('Moderation audit log')
		expect(mainText(allowed.html)).toContain('Created a collection')
		const hub = await admin.get('/admin')
		expect(hub.html).toContain('href="/admin/audit"')
		expect(mainText(hub.html)).toMatch(/Moderation audit log \d+ entr(y|ies) · latest \d{4}-\d{2}-\d{2}/)
	})
})

describe('reviewing through the pages', () => {
	test('the queue lists the study; the moderator approves it with the form and the audit log shows it', async () => {
		const studyId = submittedStudy()
		const queue = await moderator.get('/moderation')
		expect(queue.status).toBe(200)
		expect(mainText(queue.html)).toContain('Free returns, fewer returns')
		expect(queue.html).toContain(`href="/moderation/studies/${studyId}"`)

		const review = await moderator.get(`/moderation/studies/${studyId}`)
		expect(review.status).toBe(200)
		expect(mainText(review.html)).toContain('Approve and publish')
		expect(mainText(review.html)).toContain('We offered free returns')

		const approved = await moderator.post(`/moderation/studies/${studyId}`, { intent: 'approve' })
		expect(approved.status).toBe(200)
		expect(notices(approved.html)).toContain('Approved: the case study is published.')
		expect(statusOf(studyId)).toBe('published')
		const again = await moderator.post(`/moderation/studies/${studyId}`, { intent: 'approve' })
		expect(again.status).toBe(409)
		expect(statusOf(studyId)).toBe('published')

		const log = await admin.get(`/admin/audit?actor=${moderatorId}&action=study.approve`)
		expect(log.status).toBe(200)
		expect(mainText(log.html)).toContain('Approved a case study')
		expect(mainText(log.html)).toContain(studyId)
	})

	test('requesting changes without a note is a 400 with the message on the note field', async () => {
		const studyId = submittedStudy()
		const page = await moderator.post(`/moderation/studies/${studyId}`, { intent: 'request-changes', note: '  ' })
		expect(page.status).toBe(400)
		expect(fieldErrors(page.html, 'request-changes')).toEqual({
			note: ['Tell the author what to change: they see this note.'],
		})
		expect(statusOf(studyId)).toBe('submitted')
		const rejected = await moderator.post(`/moderation/studies/${studyId}`, { intent: 'reject' })
		expect(rejected.status).toBe(400)
		expect(fieldErrors(rejected.html, 'reject')).toEqual({
			note: ['Give the reason for rejecting: the author sees it.'],
		})
	})

	test('warning without a reason is a 400 on the report form; with one, the reports close', async () => {
		const studyId = submittedStudy()
		const report = db
			.insert(reports)
			.values({ reporterId: authorId, targetType: 'profile', targetId: authorId, reason: 'spam' })
			.returning({ id: reports.id })
			.get()
		const missing = await moderator.post('/moderation/reports', {
			reportId: String(report.id),
			resolution: 'warn-member',
			note: '',
		})
		expect(missing.status).toBe(400)
		expect(fieldErrors(missing.html, `resolve-${report.id}`)).toEqual({
			note: ['Say why: a warning is sent to the member, and a suspension needs a reason on record.'],
		})
		const warned = await moderator.post('/moderation/reports', {
			reportId: String(report.id),
			resolution: 'warn-member',
			note: 'Keep introductions about peer exchange.',
		})
		expect(warned.status).toBe(200)
		expect(notices(warned.html)).toContain('Member warned: 1 report closed.')
		expect(db.select().from(reports).where(eq(reports.id, report.id)).get()?.status).toBe('actioned')
		expect(statusOf(studyId)).toBe('submitted')
	})

	test('members read a collection page; it lists only studies they may read', async () => {
		const page = await member.get('/collections/pet-brands-that-listened')
		expect(page.status).toBe(200)
		expect(mainText(page.html)).toContain('Three good ones.')
		expect(mainText(page.html)).toContain('No case study in this collection is open to you yet.')
		expect((await member.get('/collections/nothing-here')).status).toBe(404)
	})
})

describe('hidden content', () => {
	const hiddenAtOf = (userId: string) =>
		db
			.select({ hiddenAt: memberProfiles.hiddenAt })
			.from(memberProfiles)
			.where(eq(memberProfiles.userId, userId))
			.get()!.hiddenAt

	test('a hidden profile is not available to members; a moderator sees it with a notice and restores it', async () => {
		const hidden = await createUser({ name: 'Hugo Hidden', sectorCode: '481111' })
		rebuildConflictKeys(db, 'all')
		db.update(memberProfiles).set({ hiddenAt: new Date() }).where(eq(memberProfiles.userId, hidden.id)).run()

		const forMember = await member.get(`/members/${hidden.id}`)
		expect(forMember.status).toBe(404)
		expect(errorPage(forMember.html).detail).toBe('This member is not available.')
		const forModerator = await moderator.get(`/members/${hidden.id}`)
		expect(forModerator.status).toBe(200)
		expect(notices(forModerator.html).join(' ')).toContain('Hidden by a moderator.')

		const queue = await moderator.get('/moderation/reports')
		expect(mainText(queue.html)).toContain('Profile of Hugo Hidden')

		const fields = { intent: 'restore', targetType: 'profile', targetId: hidden.id }
		const refused = await member.post('/moderation/reports', { ...fields, reason: 'Let me back.' })
		expect(refused.status).toBe(403)
		const missing = await moderator.post('/moderation/reports', { ...fields, reason: ' ' })
		expect(missing.status).toBe(400)
		expect(fieldErrors(missing.html, `restore-profile-${hidden.id}`)).toEqual({
			reason: ['Say why you restore it: the reason goes on record.'],
		})
		expect(hiddenAtOf(hidden.id)).toBeInstanceOf(Date)

		const restored = await moderator.post('/moderation/reports', { ...fields, reason: 'Hidden by mistake.' })
		expect(restored.status).toBe(200)
		expect(notices(restored.html)).toContain('Content restored: members see it again.')
		expect(mainText(restored.html)).not.toContain('Profile of Hugo Hidden')
		expect(hiddenAtOf(hidden.id)).toBeNull()
		expect(db.select().from(moderationAuditLog).where(eq(moderationAuditLog.targetId, hidden.id)).all()).toMatchObject([
			{ actorId: moderatorId, action: 'content.restore', reason: 'Hidden by mistake.' },
		])
		expect((await member.get(`/members/${hidden.id}`)).status).toBe(200)

		const again = await moderator.post('/moderation/reports', { ...fields, reason: 'Twice.' })
		expect(again.status).toBe(409)
	})
})
