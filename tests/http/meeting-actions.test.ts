import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createRoundtable, respondToInvite } from '#app/features/messaging/roundtables.server.ts'
import { db } from '#app/utils/db.server.ts'
import { parseCalendar } from '#tests/support/calendar.ts'
import { createUser } from '#tests/support/factories.ts'
import {
	acceptableOptionIds,
	meetingAlert,
	meetingRow,
	offeredSlots,
	proposedMeeting,
	scheduledPair,
	section,
	setTimeZone,
} from '#tests/support/meetings.ts'
import { connect } from '#tests/support/messaging.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { Browser, fieldErrors, mainText, signedInBrowser, startTestServer, textOf, type Page } from './support.ts'

/**
 * The meeting page's other answers, posted as plain forms (no JavaScript) through the real
 * server: counter-proposals, declines, reschedules, roundtable votes, reflections and the agenda.
 */

let server: ServerProcess

beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const hour = 60 * 60 * 1000

/** The checkbox values of the roundtable vote form: option ids. */
function votableOptionIds(page: Page) {
	return [...page.html.matchAll(/<input type="checkbox" name="optionId"[^>]*value="(\d+)"/g)].map((match) => match[1]!)
}

/** The option ids the host's confirm buttons post. */
function confirmableOptionIds(page: Page) {
	return [
		...page.html.matchAll(
			/<input type="hidden" name="intent" value="confirm"\/><input type="hidden" name="optionId" value="(\d+)"/g,
		),
	].map((match) => match[1]!)
}

/** What a textarea of the page holds (conform names it after the field). */
function textareaValue(page: Page, name: string) {
	const match = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(page.html)
	return match ? textOf(match[1]!) : null
}

/** The first meeting status badge on the page. */
function badgeOf(page: Page) {
	const match = /data-testid="meeting-status"[^>]*><span[^>]*><\/span>([^<]*)<\/span>/.exec(page.html)
	return match ? textOf(match[1]!) : null
}

function optionStart(optionId: string) {
	return (
		db.$client.prepare('select starts_at as startsAt from meeting_options where id = ?').get(Number(optionId)) as {
			startsAt: number
		}
	).startsAt
}

/** A confirmed meeting between the pair: proposed by the organizer, accepted by the invitee. */
async function confirmedMeeting(organizer: Browser, invitee: Browser, inviteeId: string, topic?: string) {
	const meetingId = await proposedMeeting(organizer, inviteeId, topic)
	const [optionId] = acceptableOptionIds(await invitee.get(`/meetings/${meetingId}`))
	const accepted = await invitee.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: optionId! })
	expect(accepted.status).toBe(302)
	return meetingId
}

async function notificationsText(browser: Browser) {
	return mainText((await browser.get('/notifications')).html)
}

async function invite(browser: Browser, meetingId: string) {
	const file = await browser.get(`/meetings/${meetingId}/invite.ics`)
	return { status: file.status, calendar: file.status === 200 ? parseCalendar(file.html) : null }
}

describe('answering a proposal', () => {
	test('the invitee suggests other times; the organizer is then the one awaited and accepts one of them', async () => {
		const { first, second, organizer, invitee } = await scheduledPair(server)
		const meetingId = await proposedMeeting(organizer, second.id, 'Measuring brand lift')
		const [firstOptionId] = acceptableOptionIds(await invitee.get(`/meetings/${meetingId}`))

		const page = await invitee.get(`/meetings/${meetingId}`)
		const slots = offeredSlots(page)
		expect(slots.length).toBeGreaterThan(3)
		const originalStart = optionStart(firstOptionId!)
		const newTimes = slots.filter((slot) => Date.parse(slot) !== originalStart).slice(1, 3)

		// The organizer is offered no counter form, and cannot answer their own proposal with other times.
		expect(offeredSlots(await organizer.get(`/meetings/${meetingId}`))).toEqual([])
		const own = await organizer.post(`/meetings/${meetingId}`, { intent: 'counter', options: newTimes[0]!, note: '' })
		expect(own.status).toBe(409)
		expect(meetingAlert(own)).toBe('You offered these times: the other side answers them. You can cancel the request.')

		// A time outside both working days (03:00 in Paris) is refused on the field, and nothing changes.
		const night = DateTime.now()
			.setZone('Europe/Paris')
			.plus({ days: 3 })
			.set({ hour: 3, minute: 0, second: 0, millisecond: 0 })
		const refused = await invitee.post(`/meetings/${meetingId}`, {
			intent: 'counter',
			options: night.toUTC().toISO()!,
			note: '',
		})
		expect(refused.status).toBe(422)
		expect(fieldErrors(refused.html, 'counter').options?.[0]).toMatch(/is not free for both of you/)
		expect(meetingRow(meetingId)).toMatchObject({ round: 1, awaitingUserId: second.id })

		const body = new URLSearchParams({ intent: 'counter', note: 'Mornings suit me better.' })
		for (const slot of newTimes) body.append('options', slot)
		const countered = await invitee.post(`/meetings/${meetingId}`, body)
		expect(countered.status).toBe(302)
		expect(countered.location).toBe(`/meetings/${meetingId}?notice=counter`)
		expect(meetingRow(meetingId)).toMatchObject({ status: 'pending', round: 2, awaitingUserId: first.id })

		// The invitee now waits; the organizer sees the new times, and only those, to accept.
		const inviteeView = await invitee.get(`/meetings/${meetingId}`)
		expect(acceptableOptionIds(inviteeView)).toEqual([])
		expect(mainText(inviteeView.html)).toContain('Waiting for Nora to answer')
		expect(section(await organizer.get('/meetings?tab=pending'), 'waiting-for-you')).toContain('Measuring brand lift')
		expect(section(await invitee.get('/meetings?tab=pending'), 'waiting-for-them')).toContain('Measuring brand lift')
		const organizerView = await organizer.get(`/meetings/${meetingId}`)
		const counterOptions = acceptableOptionIds(organizerView)
		expect(counterOptions.map(optionStart)).toEqual(newTimes.map((slot) => Date.parse(slot)))
		expect(section(organizerView, 'respond-heading')).toContain('Pierre suggested these times.')
		expect(section(organizerView, 'timeline-heading')).toContain('Pierre Lambert suggested other times')
		expect(section(organizerView, 'timeline-heading')).toContain('Mornings suit me better.')
		expect(await notificationsText(organizer)).toContain('Pierre Lambert suggested other times')

		// The first round's time is off the table.
		const old = await organizer.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: firstOptionId! })
		expect(old.status).toBe(400)
		expect(meetingAlert(old)).toBe('That time is no longer on the table: pick one of the current times.')
		expect(meetingRow(meetingId)!.status).toBe('pending')

		const accepted = await organizer.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: counterOptions[1]! })
		expect(accepted.status).toBe(302)
		expect(meetingRow(meetingId)).toMatchObject({
			status: 'confirmed',
			startsAt: Date.parse(newTimes[1]!),
			awaitingUserId: null,
		})
		expect(section(await invitee.get('/meetings?tab=upcoming'), 'meetings-heading')).toContain('Measuring brand lift')
		expect(await notificationsText(invitee)).toContain('Nora Whitfield accepted your meeting')
	})

	test('declining with a note: the organizer reads it in the history and a notification; it cannot be answered again', async () => {
		const { second, organizer, invitee } = await scheduledPair(server)
		const meetingId = await proposedMeeting(organizer, second.id, 'Sponsorship ROI')
		// Only the invitee answers: the organizer's decline is refused.
		const ownDecline = await organizer.post(`/meetings/${meetingId}`, { intent: 'decline', note: '' })
		expect(ownDecline.status).toBe(409)
		expect(meetingAlert(ownDecline)).toContain('the other side answers them')
		expect(meetingRow(meetingId)!.status).toBe('pending')

		// The one asked to answer is offered Decline, not a second "cancel" beside it; the organizer may withdraw.
		const cancelLink = 'data-testid="cancel-meeting"'
		expect((await invitee.get(`/meetings/${meetingId}`)).html).not.toContain(cancelLink)
		expect((await organizer.get(`/meetings/${meetingId}`)).html).toContain(cancelLink)

		const declined = await invitee.post(`/meetings/${meetingId}`, {
			intent: 'decline',
			note: 'We are in a quiet period until the results.',
		})
		expect(declined.status).toBe(302)
		expect(mainText((await invitee.get(declined.location!)).html)).toContain('You declined.')
		expect(meetingRow(meetingId)).toMatchObject({ status: 'declined', awaitingUserId: null })

		const page = await organizer.get(`/meetings/${meetingId}`)
		const history = section(page, 'timeline-heading')
		expect(history).toContain('Pierre Lambert declined')
		expect(history).toContain('We are in a quiet period until the results.')
		expect(acceptableOptionIds(page)).toEqual([])
		const notes = await notificationsText(organizer)
		expect(notes).toContain('Pierre Lambert declined your meeting')
		expect(notes).toContain('Sponsorship ROI: “We are in a quiet period until the results.”')
		expect(section(await organizer.get('/meetings?tab=closed'), 'meetings-heading')).toContain('Sponsorship ROI')

		const again = await invitee.post(`/meetings/${meetingId}`, { intent: 'decline', note: 'Again' })
		expect(again.status).toBe(409)
		expect(meetingAlert(again)).toBe('This meeting was declined, so it can no longer change.')
	})
})

describe('rescheduling a confirmed meeting', () => {
	test('a reason is required; new times make it pending; once accepted the .ics keeps its UID with a higher SEQUENCE', async () => {
		const { second, organizer, invitee } = await scheduledPair(server)
		const meetingId = await confirmedMeeting(organizer, invitee, second.id, 'Pricing in a downturn')
		const before = await invite(organizer, meetingId)
		expect(before.status).toBe(200)
		const [original] = before.calendar!.events
		const firstStart = meetingRow(meetingId)!.startsAt!
		expect(original!.start.toJSDate().getTime()).toBe(firstStart)

		const page = await organizer.get(`/meetings/${meetingId}`)
		const slots = offeredSlots(page).filter((slot) => Date.parse(slot) !== firstStart)
		expect(slots.length).toBeGreaterThan(2)
		const newTimes = slots.slice(2, 4)
		const form = (reason: string, options: string[]) => {
			const body = new URLSearchParams({ intent: 'reschedule', reason })
			for (const slot of options) body.append('options', slot)
			return body
		}

		const noReason = await organizer.post(`/meetings/${meetingId}`, form('  ', newTimes))
		expect(noReason.status).toBe(400)
		expect(fieldErrors(noReason.html, 'reschedule')).toEqual({ reason: ['Say why the time has to change.'] })
		const noTimes = await organizer.post(`/meetings/${meetingId}`, form('Travel', []))
		expect(noTimes.status).toBe(400)
		expect(fieldErrors(noTimes.html, 'reschedule')).toEqual({ options: ['Pick at least one time.'] })
		expect(meetingRow(meetingId)).toMatchObject({ status: 'confirmed', startsAt: firstStart })

		const moved = await organizer.post(
			`/meetings/${meetingId}`,
			form('A board meeting was moved onto that day.', newTimes),
		)
		expect(moved.status).toBe(302)
		expect(moved.location).toBe(`/meetings/${meetingId}?notice=reschedule`)
		expect(meetingRow(meetingId)).toMatchObject({ status: 'pending', startsAt: null, awaitingUserId: second.id })
		// No agreed time: no calendar file until one is chosen.
		expect((await invite(organizer, meetingId)).status).toBe(409)

		const inviteeView = await invitee.get(`/meetings/${meetingId}`)
		expect(section(inviteeView, 'timeline-heading')).toContain('Nora Whitfield asked to reschedule')
		expect(section(inviteeView, 'timeline-heading')).toContain('A board meeting was moved onto that day.')
		expect(await notificationsText(invitee)).toContain('Nora Whitfield asked to move your meeting')
		const options = acceptableOptionIds(inviteeView)
		expect(options.map(optionStart)).toEqual(newTimes.map((slot) => Date.parse(slot)))

		expect((await invitee.post(`/meetings/${meetingId}`, { intent: 'accept', optionId: options[0]! })).status).toBe(302)
		const after = await invite(invitee, meetingId)
		expect(after.status).toBe(200)
		const [updated] = after.calendar!.events
		expect(updated!.uid).toBe(original!.uid)
		expect(updated!.sequence).toBeGreaterThan(original!.sequence)
		expect(updated!.start.toJSDate().getTime()).toBe(Date.parse(newTimes[0]!))
		expect(updated!.status).toBe('CONFIRMED')
	})
})

describe('roundtable meetings', () => {
	/** A host in London with two joined members in New York and Berlin (their working days overlap), all signed in. */
	async function roundtable() {
		const host = await createUser({ sectorCode: '445110', name: 'Hana Host' })
		const member = await createUser({ sectorCode: '541810', name: 'Mo Member' })
		const other = await createUser({ sectorCode: '611310', name: 'Oz Other' })
		setTimeZone(host.id, 'Europe/London')
		setTimeZone(member.id, 'America/New_York')
		setTimeZone(other.id, 'Europe/Berlin')
		connect(host.id, member.id)
		connect(host.id, other.id)
		const created = createRoundtable(host.id, { title: 'Loyalty leaders', inviteeIds: [member.id, other.id] })
		if (!created.ok) throw new Error(created.message)
		const roundtableId = created.data.conversationId
		for (const id of [member.id, other.id]) expect(respondToInvite(id, roundtableId, true).ok).toBe(true)
		return {
			roundtableId,
			host: await signedInBrowser(server, host.email, host.password),
			member: await signedInBrowser(server, member.email, member.password),
			other: await signedInBrowser(server, other.email, other.password),
		}
	}

	test('the host proposes, both invitees vote, a member cannot confirm, the host confirms and everyone sees it', async () => {
		const { roundtableId, host, member, other } = await roundtable()
		// Only the host proposes to the roundtable.
		expect((await member.get(`/meetings/new?roundtable=${roundtableId}`)).status).toBe(403)
		const form = await host.get(`/meetings/new?roundtable=${roundtableId}`)
		expect(form.status).toBe(200)
		expect(mainText(form.html)).toContain('Propose a time to “Loyalty leaders”')
		const slots = offeredSlots(form)
		expect(slots.length).toBeGreaterThan(1)
		const body = new URLSearchParams({ roundtableId, topic: 'Loyalty benchmarks', durationMinutes: '30' })
		for (const slot of slots.slice(0, 2)) body.append('options', slot)
		const sent = await host.post(`/meetings/new?roundtable=${roundtableId}`, body)
		expect(sent.status).toBe(302)
		const meetingId = /^\/meetings\/([^?]+)\?notice=proposed$/.exec(sent.location ?? '')![1]!

		// Until every invitee has voted the host waits; each invitee is asked for a vote.
		const hostWaiting = await host.get('/meetings?tab=pending')
		expect(section(hostWaiting, 'waiting-for-them')).toContain('Loyalty benchmarks')
		expect(section(hostWaiting, 'waiting-for-you')).not.toContain('Loyalty benchmarks')
		expect(badgeOf(hostWaiting)).toBe('Waiting for votes')
		expect(badgeOf(await member.get('/meetings?tab=pending'))).toBe('Your vote needed')

		const ballot = await member.get(`/meetings/${meetingId}`)
		const [early, late] = votableOptionIds(ballot)
		expect([early, late].map((id) => optionStart(id!))).toEqual(slots.slice(0, 2).map((slot) => Date.parse(slot)))
		expect(acceptableOptionIds(ballot)).toEqual([])
		expect((await member.post(`/meetings/${meetingId}`, { intent: 'vote', optionId: late! })).status).toBe(302)
		const both = new URLSearchParams({ intent: 'vote' })
		both.append('optionId', early!)
		both.append('optionId', late!)
		expect((await other.post(`/meetings/${meetingId}`, both)).status).toBe(302)
		// An empty ballot is a field error, not a silent wipe of the earlier vote.
		const empty = await member.post(`/meetings/${meetingId}`, { intent: 'vote' })
		expect(empty.status).toBe(400)
		expect(fieldErrors(empty.html, 'vote')).toEqual({ optionId: ['Mark at least one time that works for you.'] })

		// Every vote is in: confirming is now the host's move, in the list and on the page.
		const hostTurn = await host.get('/meetings?tab=pending')
		expect(section(hostTurn, 'waiting-for-you')).toContain('Loyalty benchmarks')
		expect(badgeOf(hostTurn)).toBe('Your turn: confirm a time')
		expect(badgeOf(await member.get('/meetings?tab=pending'))).toBe('Waiting for the host')

		// The host sees the tally, most popular first.
		const tally = await host.get(`/meetings/${meetingId}`)
		expect(badgeOf(tally)).toBe('Your turn: confirm a time')
		expect(confirmableOptionIds(tally)).toEqual([late, early])
		const counts = [...tally.html.matchAll(/data-testid="vote-count"[^>]*>([\s\S]*?)<\/span>/g)].map((match) =>
			textOf(match[1]!),
		)
		expect(counts).toEqual(['2 of 2', '1 of 2'])
		expect(votableOptionIds(tally)).toEqual([])

		// A member cannot confirm, whatever they post.
		const grab = await member.post(`/meetings/${meetingId}`, { intent: 'confirm', optionId: late! })
		expect(grab.status).toBe(409)
		expect(meetingAlert(grab)).toBe('Only the host can confirm the time of a roundtable meeting.')
		expect(meetingRow(meetingId)!.status).toBe('pending')

		const confirmed = await host.post(`/meetings/${meetingId}`, { intent: 'confirm', optionId: late! })
		expect(confirmed.status).toBe(302)
		expect(meetingRow(meetingId)).toMatchObject({ status: 'confirmed', startsAt: Date.parse(slots[1]!) })
		for (const browser of [host, member, other]) {
			expect(section(await browser.get('/meetings?tab=upcoming'), 'meetings-heading')).toContain('Loyalty benchmarks')
			const page = await browser.get(`/meetings/${meetingId}`)
			expect(page.html).toContain(`href="/meetings/${meetingId}/invite.ics"`)
			expect(votableOptionIds(page)).toEqual([])
		}
		expect(await notificationsText(other)).toContain('Hana Host confirmed the time of a roundtable meeting')
		const late2 = await other.post(`/meetings/${meetingId}`, { intent: 'vote', optionId: early! })
		expect(late2.status).toBe(409)
		expect(meetingAlert(late2)).toBe('Voting is closed: the time is confirmed.')
	})
})

describe('after and around the meeting', () => {
	test('a reflection waits until the meeting has ended, then stays private to its writer', async () => {
		const { first, second, organizer, invitee } = await scheduledPair(server)
		const meetingId = await confirmedMeeting(organizer, invitee, second.id, 'Agency rosters')
		const note = 'Pierre consolidated four agencies into one: ask how procurement reacted.'
		const reflect = { intent: 'reflect', reflection: note, wouldMeetAgain: 'yes' }

		const early = await organizer.post(`/meetings/${meetingId}`, reflect)
		expect(early.status).toBe(409)
		expect(meetingAlert(early)).toBe('You can write a reflection once the meeting has taken place.')
		expect(section(await organizer.get(`/meetings/${meetingId}`), 'reflect-heading')).toBe('')

		// The meeting took place yesterday.
		const start = Date.now() - 26 * hour
		db.$client
			.prepare('update meetings set starts_at = ?, ends_at = ? where id = ?')
			.run(start, start + hour / 2, meetingId)

		const wrong = await organizer.post(`/meetings/${meetingId}`, { ...reflect, wouldMeetAgain: 'maybe' })
		expect(wrong.status).toBe(400)
		expect(fieldErrors(wrong.html, 'reflect')).toEqual({ wouldMeetAgain: ['Answer yes, no, or leave it open.'] })

		const saved = await organizer.post(`/meetings/${meetingId}`, reflect)
		expect(saved.status).toBe(302)
		const own = await organizer.get(saved.location!)
		expect(mainText(own.html)).toContain('Saved. Only you can see this note.')
		expect(textareaValue(own, 'reflection')).toBe(note)
		const radios = [...own.html.matchAll(/<input type="radio" name="wouldMeetAgain"[^>]*>/g)].map((match) => match[0])
		expect(radios.filter((radio) => radio.includes('checked=""'))).toEqual([expect.stringContaining('value="yes"')])
		const stored = db.$client
			.prepare(
				'select reflection, would_meet_again as again from meeting_participants where meeting_id = ? and user_id = ?',
			)
			.get(meetingId, first.id) as { reflection: string; again: number }
		expect(stored).toEqual({ reflection: note, again: 1 })

		// The other participant may reflect too, but never sees the note: not on the page, not in its data.
		const theirs = await invitee.get(`/meetings/${meetingId}`)
		expect(theirs.status).toBe(200)
		expect(section(theirs, 'reflect-heading')).toContain('What I learned')
		expect(textareaValue(theirs, 'reflection')).toBe('')
		expect(theirs.html).not.toContain('procurement reacted')
		expect(section(theirs, 'timeline-heading')).not.toContain('procurement')

		// Once over, the meeting no longer moves.
		const agenda = await invitee.post(`/meetings/${meetingId}`, { intent: 'agenda', agenda: 'Late' })
		expect(agenda.status).toBe(409)
		expect(meetingAlert(agenda)).toBe('This meeting has already taken place.')
	})

	test('the agenda a participant edits shows for both, with a limit on its length', async () => {
		const { second, organizer, invitee } = await scheduledPair(server)
		const meetingId = await proposedMeeting(organizer, second.id, 'Creative effectiveness')
		const agenda = '1. How you brief agencies\n2. Testing before launch'

		const tooLong = await invitee.post(`/meetings/${meetingId}`, { intent: 'agenda', agenda: 'x'.repeat(4001) })
		expect(tooLong.status).toBe(400)
		expect(fieldErrors(tooLong.html, 'agenda')).toEqual({ agenda: ['The agenda is at most 4,000 characters.'] })

		const saved = await invitee.post(`/meetings/${meetingId}`, { intent: 'agenda', agenda })
		expect(saved.status).toBe(302)
		expect(saved.location).toBe(`/meetings/${meetingId}?notice=agenda`)
		for (const browser of [organizer, invitee]) {
			const page = await browser.get(`/meetings/${meetingId}`)
			expect(textareaValue(page, 'agenda')).toBe(textOf(agenda))
			expect(page.html).toContain('1. How you brief agencies\n2. Testing before launch')
		}
		expect(section(await organizer.get(`/meetings/${meetingId}`), 'timeline-heading')).toContain(
			'Pierre Lambert updated the agenda',
		)
		// Someone outside the meeting cannot touch it.
		const outsider = await createUser({ sectorCode: '311811' })
		const stranger = await signedInBrowser(server, outsider.email, outsider.password)
		expect((await stranger.post(`/meetings/${meetingId}`, { intent: 'agenda', agenda: 'Hijack' })).status).toBe(404)
		expect(textareaValue(await organizer.get(`/meetings/${meetingId}`), 'agenda')).toBe(textOf(agenda))
	})
})
