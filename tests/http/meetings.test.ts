import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { checkPair } from '#app/features/conflicts/conflicts.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import {
	acceptableOptionIds,
	meetingAlert,
	meetingRow,
	offeredSlots,
	propose,
	proposedMeeting,
	scheduledPair,
	section,
	type StoredMeeting,
} from '#tests/support/meetings.ts'
import { errorPage, fieldErrors, mainText, signedInBrowser, startTestServer, textOf, type Page } from './support.ts'

/** The meeting pages without JavaScript: propose, answer and cancel with plain GETs and form posts. */

let server: ServerProcess

beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const meetingsOrganizedBy = (userId: string) =>
	(db.$client.prepare('select count(*) as count from meetings where organizer_id = ?').get(userId) as { count: number })
		.count

/** Why /meetings/new refuses to propose (a conflict, no connection…). */
function refusalOf(page: Page) {
	const match = /<div role="alert"[^>]*data-testid="proposal-refusal"[^>]*>([\s\S]*?)<\/div>/.exec(page.html)
	return match ? textOf(match[1]!) : null
}

/** The header's "Meetings" link, as a screen reader reads it. */
function meetingsNav(page: Page) {
	const link = /<a[^>]*data-testid="meetings-nav"[^>]*>([\s\S]*?)<\/a>/.exec(page.html)?.[1] ?? ''
	return textOf(link)
}

/** "Tue 24 Nov · 15:00–15:30": a meeting's time as the viewer in `timeZone` reads it. */
const localSpan = (meeting: StoredMeeting, timeZone: string) => {
	const start = DateTime.fromMillis(meeting.startsAt!, { zone: timeZone, locale: 'en-GB' })
	const end = DateTime.fromMillis(meeting.endsAt!, { zone: timeZone, locale: 'en-GB' })
	return `${start.toFormat('ccc d LLL · HH:mm')}–${end.toFormat('HH:mm')}`
}

describe('proposing and accepting', () => {
	test('a proposal shows free slots in both zones; the invitee accepts; both see it upcoming in their own time', async () => {
		const { second, organizer, invitee, conversationId } = await scheduledPair(server)
		const form = await organizer.get(`/meetings/new?with=${second.id}`)
		expect(form.status).toBe(200)
		const text = mainText(form.html)
		expect(text).toContain('Propose a time to Pierre')
		expect(text).toContain('Pierre Lambert')
		expect(text).toMatch(/Paris · GMT\+[12]/)
		const slots = offeredSlots(form)
		expect(slots.length).toBeGreaterThan(3)
		// On a phone the slot list runs long: the text fields come first, in the form's own order.
		const positions = ['name="topic"', 'name="location"', 'name="agenda"', 'name="note"', 'name="options"'].map(
			(field) => form.html.indexOf(field),
		)
		expect(positions.every((position) => position > 0)).toBe(true)
		expect([...positions].sort((a, b) => a - b)).toEqual(positions)
		// Each slot is labelled in the organizer's zone with the invitee's local time beside it.
		const first0 = DateTime.fromISO(slots[0]!, { zone: 'America/New_York' })
		expect(text).toContain(`${first0.toFormat('HH:mm')}–${first0.plus({ minutes: 30 }).toFormat('HH:mm')}`)
		expect(text).toContain(`${first0.setZone('Europe/Paris').toFormat('HH:mm')} for Pierre in Paris`)

		// A longer meeting reloads the slots with a GET form.
		const longer = await organizer.get(`/meetings/new?with=${second.id}&duration=60`)
		const hour = DateTime.fromISO(offeredSlots(longer)[0]!, { zone: 'America/New_York' })
		expect(mainText(longer.html)).toContain(`${hour.toFormat('HH:mm')}–${hour.plus({ minutes: 60 }).toFormat('HH:mm')}`)
		expect(longer.html).toMatch(/<input type="hidden" name="durationMinutes" value="60"\/>/)

		const sent = await propose(organizer, second.id, {
			topic: 'Loyalty programmes across borders',
			options: slots.slice(0, 2),
			location: 'https://meet.example.com/loyalty',
			note: 'Keen to compare notes.',
		})
		expect(sent.status).toBe(302)
		const meetingId = /^\/meetings\/([^?]+)\?notice=proposed$/.exec(sent.location ?? '')![1]!
		const proposed = await organizer.get(sent.location!)
		expect(mainText(proposed.html)).toContain('Proposal sent.')
		expect(mainText(proposed.html)).toContain('Waiting for Pierre to answer')

		// The invitee sees it waiting for them, with a count in the header.
		const inviteeList = await invitee.get('/meetings')
		expect(meetingsNav(inviteeList)).toBe('Meetings 1 , 1 waiting for your answer')
		expect(section(inviteeList, 'waiting-for-you')).toContain('Loyalty programmes across borders')
		expect(section(inviteeList, 'waiting-for-them')).not.toContain('Loyalty programmes across borders')
		const organizerList = await organizer.get('/meetings?tab=pending')
		expect(section(organizerList, 'waiting-for-them')).toContain('Loyalty programmes across borders')
		expect(meetingsNav(organizerList)).toBe('Meetings')

		const page = await invitee.get(`/meetings/${meetingId}`)
		expect(page.status).toBe(200)
		const options = acceptableOptionIds(page)
		expect(options).toHaveLength(2)
		expect(page.html).toContain(`href="/messages/${conversationId}"`)
		expect(page.html).toContain(
			'<a href="https://meet.example.com/loyalty" target="_blank" rel="noopener noreferrer nofollow"',
		)
		expect(mainText(page.html)).toContain('Keen to compare notes.')

		const accepted = await invitee.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: options[1]! })
		expect(accepted.status).toBe(302)
		expect(accepted.location).toBe(`/meetings/${meetingId}?notice=accept`)
		const stored = meetingRow(meetingId)!
		expect(stored.status).toBe('confirmed')
		expect(stored.startsAt).toBe(Date.parse(slots[1]!))

		// Each sees it upcoming, in their own zone, with the other's local time beside it.
		const organizerUpcoming = section(await organizer.get('/meetings?tab=upcoming'), 'meetings-heading')
		const inviteeUpcoming = section(await invitee.get('/meetings?tab=upcoming'), 'meetings-heading')
		expect(organizerUpcoming).toContain('Loyalty programmes across borders')
		expect(organizerUpcoming).toContain(`${localSpan(stored, 'America/New_York')} (your time)`)
		expect(organizerUpcoming).toContain(
			`${DateTime.fromMillis(stored.startsAt!, { zone: 'Europe/Paris' }).toFormat('HH:mm')} for Pierre in Paris`,
		)
		expect(inviteeUpcoming).toContain(`${localSpan(stored, 'Europe/Paris')} (your time)`)
		expect(inviteeUpcoming).toContain(
			`${DateTime.fromMillis(stored.startsAt!, { zone: 'America/New_York' }).toFormat('HH:mm')} for Nora in New York`,
		)
		expect(localSpan(stored, 'Europe/Paris')).not.toBe(localSpan(stored, 'America/New_York'))

		const confirmedPage = await organizer.get(`/meetings/${meetingId}`)
		expect(confirmedPage.html).toContain(`href="/meetings/${meetingId}/invite.ics"`)
		expect(meetingsNav(await invitee.get('/meetings'))).toBe('Meetings')

		// The week view of that week holds it as a confirmed block.
		const week = DateTime.fromMillis(stored.startsAt!, { zone: 'Europe/Paris' }).startOf('week').toISODate()
		const weekView = await invitee.get(`/meetings?view=week&week=${week}`)
		expect(weekView.status).toBe(200)
		const blocks = [...weekView.html.matchAll(/<a [^>]*data-testid="week-meeting"[^>]*>/g)].map((match) => match[0])
		expect(blocks.some((tag) => tag.includes(`href="/meetings/${meetingId}"`))).toBe(true)
	})

	test('the proposal form reports field errors and stores nothing', async () => {
		const { first, second, organizer } = await scheduledPair(server)
		const slots = offeredSlots(await organizer.get(`/meetings/new?with=${second.id}`))

		const noTopic = await propose(organizer, second.id, { topic: '  ', options: slots[0]! })
		expect(noTopic.status).toBe(400)
		expect(fieldErrors(noTopic.html, 'proposal')).toEqual({ topic: ['Say what you would like to talk about.'] })
		// The picked slot stays picked for the retry.
		const inputOf = (value: string) => new RegExp(`<input[^>]*value="${value}"[^>]*>`).exec(noTopic.html)?.[0] ?? ''
		expect(inputOf(slots[0]!)).toContain('checked=""')
		expect(inputOf(slots[1]!)).not.toContain('checked=""')

		const four = await propose(organizer, second.id, { topic: 'Pricing', options: slots.slice(0, 4) })
		expect(four.status).toBe(400)
		expect(fieldErrors(four.html, 'proposal')).toEqual({ options: ['Offer at most 3 times.'] })

		const none = await propose(organizer, second.id, { topic: 'Pricing' })
		expect(none.status).toBe(400)
		expect(fieldErrors(none.html, 'proposal')).toEqual({ options: ['Pick at least one time.'] })

		expect(meetingsOrganizedBy(first.id)).toBe(0)
	})

	test('accepting twice: the second answer is a 409 and there is still one confirmed meeting', async () => {
		const { second, organizer, invitee } = await scheduledPair(server)
		const meetingId = await proposedMeeting(organizer, second.id)
		const [optionId] = acceptableOptionIds(await invitee.get(`/meetings/${meetingId}`))
		const firstAnswer = await invitee.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: optionId! })
		expect(firstAnswer.status).toBe(302)
		const secondAnswer = await invitee.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: optionId! })
		expect(secondAnswer.status).toBe(409)
		expect(meetingAlert(secondAnswer)).toBeTruthy()
		expect(meetingRow(meetingId)!.status).toBe('confirmed')
		const confirmed = db.$client
			.prepare(
				`select count(*) as count from meetings m join meeting_participants p on p.meeting_id = m.id
				where p.user_id = ? and m.status = 'confirmed'`,
			)
			.get(second.id) as { count: number }
		expect(confirmed.count).toBe(1)
	})

	test('cancelling asks first and needs a reason', async () => {
		const { second, organizer, invitee } = await scheduledPair(server)
		const meetingId = await proposedMeeting(organizer, second.id)
		const [optionId] = acceptableOptionIds(await invitee.get(`/meetings/${meetingId}`))
		expect((await invitee.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: optionId! })).status).toBe(302)

		const page = await organizer.get(`/meetings/${meetingId}`)
		expect(page.html).toContain('href="/meetings/' + meetingId + '?confirm-cancel=1"')
		const cancelForm = '<input type="hidden" name="intent" value="cancel"/>'
		expect(page.html).not.toContain(cancelForm)
		const asking = await organizer.get(`/meetings/${meetingId}?confirm-cancel=1`)
		expect(mainText(asking.html)).toContain('Cancel this meeting?')
		expect(asking.html).toContain(cancelForm)

		const blank = await organizer.post(`/meetings/${meetingId}`, { intent: 'cancel', reason: ' ' })
		expect(blank.status).toBe(400)
		expect(fieldErrors(blank.html, 'cancel')).toEqual({ reason: ['Say why you are cancelling.'] })
		expect(meetingRow(meetingId)!.status).toBe('confirmed')

		const cancelled = await organizer.post(`/meetings/${meetingId}`, {
			intent: 'cancel',
			reason: 'Board meeting moved.',
		})
		expect(cancelled.status).toBe(302)
		expect(meetingRow(meetingId)!.status).toBe('cancelled')
		const closed = await invitee.get('/meetings?tab=closed')
		expect(section(closed, 'meetings-heading')).toContain('Cancelled')
		const details = await invitee.get(`/meetings/${meetingId}`)
		expect(mainText(details.html)).toContain('Board meeting moved.')
		// The time that no longer holds is struck through in the list as on the page.
		for (const shown of [closed, details]) expect(shown.html).toMatch(/class="[^"]*line-through[^"]*"/)
		// A cancelled meeting can no longer be accepted.
		const late = await invitee.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: optionId! })
		expect(late.status).toBe(409)
	})
})

describe('who may see and act', () => {
	test('someone outside the meeting gets a 404 on the page and on every action', async () => {
		const { second, organizer } = await scheduledPair(server)
		const meetingId = await proposedMeeting(organizer, second.id)
		const outsider = await createUser({ sectorCode: '311811' })
		const browser = await signedInBrowser(server, outsider.email, outsider.password)
		const page = await browser.get(`/meetings/${meetingId}`)
		expect(page.status).toBe(404)
		expect(errorPage(page.html).heading).toBe('We could not find that page')
		const optionId = (
			db.$client.prepare('select id from meeting_options where meeting_id = ? limit 1').get(meetingId) as { id: number }
		).id
		for (const fields of <Array<Record<string, string>>>[
			{ intent: 'accept', optionId: String(optionId) },
			{ intent: 'decline', note: 'No' },
			{ intent: 'cancel', reason: 'Not mine' },
			{ intent: 'agenda', agenda: 'Hijack' },
		]) {
			const post = await browser.post(`/meetings/${meetingId}`, fields)
			expect(post.status, fields.intent).toBe(404)
		}
		expect(meetingRow(meetingId)!.status).toBe('pending')
		expect((await browser.get('/meetings/mtg_doesnotexist')).status).toBe(404)
		// The outsider's own lists stay empty.
		expect(mainText((await browser.get('/meetings?tab=pending')).html)).not.toContain('Retail media in 2026')
	})

	test('a conflicted pair is refused with the reason, on the page and on the propose action', async () => {
		const grocer = await createUser({ name: 'Greta Grocer', sectorCode: '445110' })
		const rival = await createUser({ name: 'Gus Grocer', sectorCode: '445110' })
		rebuildConflictKeys(db, [grocer.id, rival.id])
		const check = checkPair(grocer.id, rival.id)
		if (!check.conflicted) throw new Error('Two grocers should be in conflict')
		const browser = await signedInBrowser(server, grocer.email, grocer.password)

		const page = await browser.get(`/meetings/new?with=${rival.id}`)
		expect(page.status).toBe(403)
		const reason = check.explanation.message
		expect(refusalOf(page)).toBe(reason)
		expect(offeredSlots(page)).toEqual([])

		const slot = DateTime.now()
			.plus({ days: 2 })
			.set({ hour: 10, minute: 0, second: 0, millisecond: 0 })
			.toUTC()
			.toISO()!
		const post = await propose(browser, rival.id, { topic: 'Shelf pricing', options: slot })
		expect(post.status).toBe(403)
		expect(refusalOf(post)).toBe(reason)
		expect(meetingsOrganizedBy(grocer.id)).toBe(0)
	})

	test('a member one is not connected with cannot be sent a proposal', async () => {
		const member = await createUser({ sectorCode: '541810' })
		const stranger = await createUser({ sectorCode: '722511' })
		const browser = await signedInBrowser(server, member.email, member.password)
		const page = await browser.get(`/meetings/new?with=${stranger.id}`)
		expect(page.status).toBe(403)
		expect(offeredSlots(page)).toEqual([])
		expect((await browser.get('/meetings/new')).status).toBe(400)
	})
})
