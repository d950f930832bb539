import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { caseStudies, caseStudyComments, reports, users } from '#db/schema.ts'
import {
	findReportTarget,
	openReportBy,
	reportRate,
	ReportSchema,
	submitReport,
	type ReportRequest,
} from '#app/features/moderation/report-submission.server.ts'
import { deleteMessage, sendMessage, setMessageHidden } from '#app/features/messaging/messaging.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'
import { createConnectedPair, newClientId } from '#tests/support/messaging.ts'

type Person = Awaited<ReturnType<typeof createUser>>

let studyCounter = 0
function study(author: Person, overrides: Partial<typeof caseStudies.$inferInsert> = {}) {
	studyCounter += 1
	const id = `cs_report_${studyCounter}`
	db.insert(caseStudies)
		.values({
			id,
			authorId: author.id,
			status: 'published',
			title: `Loyalty relaunch ${studyCounter}`,
			brand: 'Brand',
			sectorCode: '445110',
			objective: 'retention',
			startedOn: '2024-03',
			budgetBand: '100k-500k',
			publishedAt: new Date(),
			...overrides,
		})
		.run()
	return id
}

let commentCounter = 0
function comment(studyId: string, author: Person, overrides: Partial<typeof caseStudyComments.$inferInsert> = {}) {
	commentCounter += 1
	const id = `cmt_report_${commentCounter}`
	db.insert(caseStudyComments)
		.values({ id, studyId, authorId: author.id, body: 'Buy   my course\nat example.com!', ...overrides })
		.run()
	return id
}

const report = (overrides: Partial<ReportRequest> & Pick<ReportRequest, 'targetType' | 'targetId'>): ReportRequest => ({
	reason: 'spam',
	note: '',
	...overrides,
})

const storedReports = (targetId: string) => db.select().from(reports).where(eq(reports.targetId, targetId)).all()

describe('profiles', () => {
	test('a member reports another active member’s profile with a reason and a note', async () => {
		const reporter = await createUser({ sectorCode: '541810' })
		const target = await createUser({ name: 'Dana Reyes', sectorCode: '522110' })
		const outcome = await submitReport(
			reporter,
			report({
				targetType: 'profile',
				targetId: target.id,
				reason: 'misleading',
				note: 'Claims a title they never held.',
			}),
		)
		expect(outcome).toMatchObject({
			ok: true,
			target: { type: 'profile', id: target.id, label: 'Dana Reyes’s profile', link: `/members/${target.id}` },
		})
		expect(storedReports(target.id)).toEqual([
			expect.objectContaining({
				reporterId: reporter.id,
				targetType: 'profile',
				reason: 'misleading',
				note: 'Claims a title they never held.',
				status: 'open',
				resolution: null,
			}),
		])
	})

	test('refuses the reporter’s own profile, a missing member and one who is not active', async () => {
		const reporter = await createUser()
		const suspended = await createUser({ status: 'suspended' })
		const applicant = await createUser({ status: 'applicant' })
		expect(findReportTarget(reporter, 'profile', reporter.id)).toMatchObject({
			ok: false,
			code: 'own',
			message: 'You cannot report your own profile.',
		})
		for (const id of ['usr_missing', suspended.id, applicant.id])
			expect(findReportTarget(reporter, 'profile', id)).toMatchObject({ ok: false, code: 'not-found' })
		expect(await submitReport(reporter, report({ targetType: 'profile', targetId: suspended.id }))).toMatchObject({
			ok: false,
			code: 'not-found',
		})
		expect(storedReports(suspended.id)).toEqual([])
	})
})

describe('messages', () => {
	test('a member of the conversation reports a message they received', async () => {
		const {
			first: reporter,
			second: sender,
			conversationId,
		} = await createConnectedPair({
			second: { name: 'Sam Ortiz' },
		})
		const sent = sendMessage(sender.id, {
			conversationId,
			clientId: newClientId(),
			body: 'Buy   my course\nat example.com!',
		})
		if (!sent.ok) throw new Error(sent.message)
		const id = String(sent.data.message.id)
		expect(await submitReport(reporter, report({ targetType: 'message', targetId: id }))).toMatchObject({
			ok: true,
			target: {
				type: 'message',
				id,
				label: 'Sam Ortiz’s message',
				excerpt: 'Buy my course at example.com!',
				link: `/messages/${conversationId}#message-${id}`,
			},
		})
		expect(storedReports(id)).toEqual([
			expect.objectContaining({ reporterId: reporter.id, targetType: 'message', status: 'open' }),
		])
	})

	test('refuses one’s own message, outsiders, deleted or hidden messages and malformed ids', async () => {
		const { first: reporter, second: sender, conversationId } = await createConnectedPair()
		const outsider = await createUser({ sectorCode: '311811' })
		const send = (body: string) => {
			const sent = sendMessage(sender.id, { conversationId, clientId: newClientId(), body })
			if (!sent.ok) throw new Error(sent.message)
			return sent.data.message.id
		}
		const messageId = send('Hello')
		expect(findReportTarget(sender, 'message', String(messageId))).toMatchObject({
			ok: false,
			code: 'own',
			message: 'You cannot report your own message.',
		})
		expect(await submitReport(outsider, report({ targetType: 'message', targetId: String(messageId) }))).toEqual({
			ok: false,
			code: 'not-found',
			message: 'This message does not exist or is not available to you.',
		})
		const deleted = send('Oops')
		deleteMessage(sender.id, deleted)
		const hidden = send('Rude')
		setMessageHidden(hidden, true)
		for (const id of [String(deleted), String(hidden), 'msg_1', '0', `0${messageId}`, '99999999999'])
			expect(findReportTarget(reporter, 'message', id)).toMatchObject({ ok: false, code: 'not-found' })
		expect(storedReports(String(messageId))).toEqual([])
	})
})

describe('case studies follow the read policy', () => {
	test('a study the reporter can read is reported; one they cannot read is “not found”', async () => {
		const grocer = await createUser({ sectorCode: '445110' })
		const otherGrocer = await createUser({ sectorCode: '445110' })
		const bank = await createUser({ sectorCode: '522110' })
		const open = study(bank)
		expect(findReportTarget(grocer, 'case-study', open)).toMatchObject({
			ok: true,
			target: {
				label: expect.stringMatching(/^the case study “Loyalty relaunch \d+”$/),
				link: `/case-studies/${open}`,
			},
		})
		const unreadable = {
			draft: study(bank, { status: 'draft', publishedAt: null }),
			hidden: study(bank, { hiddenAt: new Date() }),
			conflicted: study(otherGrocer, { readers: 'non-conflicted' }),
			missing: 'cs_missing',
		}
		for (const id of Object.values(unreadable))
			expect(findReportTarget(grocer, 'case-study', id)).toEqual({
				ok: false,
				code: 'not-found',
				message: 'This case study does not exist or is not available to you.',
			})
		expect(findReportTarget(grocer, 'case-study', study(otherGrocer, { readers: 'all' }))).toMatchObject({ ok: true })
		expect(findReportTarget(bank, 'case-study', open)).toMatchObject({ ok: false, code: 'own' })
	})
})

describe('comments', () => {
	test('a comment on a readable study is reported, with an excerpt to recognise it', async () => {
		const reporter = await createUser({ sectorCode: '541810' })
		const author = await createUser({ sectorCode: '522110' })
		const commenter = await createUser({ name: 'Sam Spammer', sectorCode: '513210' })
		const studyId = study(author)
		const commentId = comment(studyId, commenter)
		expect(findReportTarget(reporter, 'comment', commentId)).toEqual({
			ok: true,
			target: {
				type: 'comment',
				id: commentId,
				label: 'Sam Spammer’s comment',
				excerpt: 'Buy my course at example.com!',
				link: `/case-studies/${studyId}#comments`,
			},
		})
		expect(findReportTarget(commenter, 'comment', commentId)).toMatchObject({ ok: false, code: 'own' })
	})

	test('deleted comments, hidden ones and comments on studies out of reach are “not found”', async () => {
		const grocer = await createUser({ sectorCode: '445110' })
		const otherGrocer = await createUser({ sectorCode: '445110' })
		const bank = await createUser({ sectorCode: '522110' })
		const moderator = await createUser({ role: 'moderator', sectorCode: '541810' })
		const readable = study(bank)
		const deleted = comment(readable, bank, { deletedAt: new Date() })
		const hidden = comment(readable, bank, { hiddenAt: new Date() })
		const outOfReach = comment(study(otherGrocer), bank)
		for (const id of [deleted, hidden, outOfReach, 'cmt_missing'])
			expect(findReportTarget(grocer, 'comment', id)).toMatchObject({ ok: false, code: 'not-found' })
		// Moderators see hidden comments, so they may still report one.
		expect(findReportTarget(moderator, 'comment', hidden)).toMatchObject({ ok: true })
	})
})

describe('one open report per reporter and target', () => {
	test('a second report is refused politely and not stored; another member may still report it', async () => {
		const reporter = await createUser({ sectorCode: '541810' })
		const other = await createUser({ sectorCode: '513210' })
		const target = await createUser({ sectorCode: '522110' })
		const first = await submitReport(reporter, report({ targetType: 'profile', targetId: target.id }))
		expect(first.ok).toBe(true)
		expect(
			await submitReport(reporter, report({ targetType: 'profile', targetId: target.id, reason: 'offensive' })),
		).toEqual({
			ok: false,
			code: 'duplicate',
			message: 'You already reported this. A moderator will review it.',
		})
		expect(storedReports(target.id)).toHaveLength(1)
		expect(openReportBy(reporter.id, 'profile', target.id)).toMatchObject({ reason: 'spam' })
		expect((await submitReport(other, report({ targetType: 'profile', targetId: target.id }))).ok).toBe(true)
		expect(storedReports(target.id)).toHaveLength(2)
	})

	test('once a moderator resolved the report, the member may report the same target again', async () => {
		const reporter = await createUser({ sectorCode: '541810' })
		const target = await createUser({ sectorCode: '522110' })
		await submitReport(reporter, report({ targetType: 'profile', targetId: target.id }))
		db.update(reports)
			.set({ status: 'dismissed', resolution: 'dismiss', resolvedAt: new Date() })
			.where(and(eq(reports.reporterId, reporter.id), eq(reports.targetId, target.id)))
			.run()
		expect(openReportBy(reporter.id, 'profile', target.id)).toBeUndefined()
		expect((await submitReport(reporter, report({ targetType: 'profile', targetId: target.id }))).ok).toBe(true)
		expect(storedReports(target.id).map((row) => row.status)).toEqual(['dismissed', 'open'])
	})
})

test(`a reporter is limited to ${reportRate.points} reports an hour`, async () => {
	const reporter = await createUser({ sectorCode: '541810' })
	const targets = await Promise.all(
		Array.from({ length: reportRate.points + 1 }, () => createUser({ sectorCode: '522110' })),
	)
	for (const target of targets.slice(0, reportRate.points))
		expect((await submitReport(reporter, report({ targetType: 'profile', targetId: target.id }))).ok).toBe(true)
	const last = targets.at(-1)!
	const refused = await submitReport(reporter, report({ targetType: 'profile', targetId: last.id }))
	expect(refused).toMatchObject({ ok: false, code: 'rate-limited' })
	expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(0)
	expect(storedReports(last.id)).toEqual([])
	// Someone else is not affected.
	const other = await createUser({ sectorCode: '513210' })
	expect((await submitReport(other, report({ targetType: 'profile', targetId: last.id }))).ok).toBe(true)
})

describe('the report form', () => {
	const valid = { targetType: 'profile', targetId: 'usr_1', reason: 'spam', note: '' }
	test.each([
		['no reason', { reason: undefined }, 'reason', 'Choose a reason.'],
		['an unknown reason', { reason: 'boring' }, 'reason', 'Choose a reason.'],
		['a note over 1,000 characters', { note: 'x'.repeat(1001) }, 'note', 'Keep the note to 1,000 characters.'],
		['“something else” without a note', { reason: 'other', note: '  ' }, 'note', 'Tell the moderators what is wrong.'],
		['an unknown target type', { targetType: 'photo' }, 'targetType', 'Say what you are reporting.'],
	])('refuses %s', (_name, change, field, message) => {
		const result = ReportSchema.safeParse({ ...valid, ...change })
		expect(result.success).toBe(false)
		expect(result.error?.issues).toEqual([expect.objectContaining({ path: [field], message })])
	})

	test('accepts a note of exactly 1,000 characters, trimmed', () => {
		expect(ReportSchema.parse({ ...valid, note: ` ${'x'.repeat(1000)} ` }).note).toHaveLength(1000)
	})
})

test('reports are removed with the reporter’s account', async () => {
	const reporter = await createUser({ sectorCode: '541810' })
	const target = await createUser({ sectorCode: '522110' })
	await submitReport(reporter, report({ targetType: 'profile', targetId: target.id }))
	db.delete(users).where(eq(users.id, reporter.id)).run()
	expect(storedReports(target.id)).toEqual([])
})

describe('the database backs the one-open-report rule', () => {
	test('a second open report on the same thing by the same member is refused; once resolved, a new one is allowed', async () => {
		const reporter = await createUser()
		const target = await createUser()
		const report = {
			reporterId: reporter.id,
			targetType: 'profile' as const,
			targetId: target.id,
			reason: 'spam' as const,
		}
		db.insert(reports).values(report).run()
		expect(() => db.insert(reports).values(report).run()).toThrow(/UNIQUE constraint failed/)
		db.update(reports).set({ status: 'dismissed' }).where(eq(reports.reporterId, reporter.id)).run()
		db.insert(reports).values(report).run()
		expect(db.select().from(reports).where(eq(reports.reporterId, reporter.id)).all()).toHaveLength(2)
	})
})
