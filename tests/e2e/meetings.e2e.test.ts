import { readFileSync } from 'node:fs'
import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/** Two members in different zones agree on a time: propose → accept → both see it in their own zone → .ics. */

const harness = useBrowserHarness('meetings')

type Member = { id: string; email: string; name: string }

/**
 * A connected pair on default office hours (no saved availability, no seeded meetings), moved to
 * New York and Paris: their weekday hours overlap for two hours a day.
 */
function pairInTwoZones() {
	const db = openDatabase(harness.databasePath)
	try {
		const free = `u.status = 'active' and u.role = 'member'
			and not exists (select 1 from availability_settings s where s.user_id = u.id)
			and not exists (select 1 from meeting_participants p where p.user_id = u.id)`
		const pair = db.$client
			.prepare(
				`select c.requester_id as a, c.addressee_id as b from connections c
				where c.status = 'accepted' and c.suspended_at is null
					and exists (select 1 from users u where u.id = c.requester_id and ${free})
					and exists (select 1 from users u where u.id = c.addressee_id and ${free})
				order by c.requester_id, c.addressee_id limit 1`,
			)
			.get() as { a: string; b: string }
		const setZone = db.$client.prepare('update member_profiles set time_zone = ? where user_id = ?')
		setZone.run('America/New_York', pair.a)
		setZone.run('Europe/Paris', pair.b)
		const member = db.$client.prepare('select id, email, name from users where id = ?')
		return { organizer: member.get(pair.a) as Member, invitee: member.get(pair.b) as Member }
	} finally {
		db.$client.close()
	}
}

function storedMeeting(id: string) {
	const db = openDatabase(harness.databasePath)
	try {
		return db.$client
			.prepare('select id, status, starts_at as startsAt, ends_at as endsAt from meetings where id = ?')
			.get(id) as { id: string; status: string; startsAt: number; endsAt: number }
	} finally {
		db.$client.close()
	}
}

async function signedInPage(email: string, viewport = { width: 1280, height: 900 }) {
	const page = await harness.newPage({ viewport })
	await harness.signIn(page, email, demoPassword)
	await harness.waitForHydration(page)
	return page
}

/** "Tue 24 Nov · 15:00–15:30" in a zone, as the pages print it. */
function span(startsAt: number, endsAt: number, zone: string) {
	const start = DateTime.fromMillis(startsAt, { zone, locale: 'en-GB' })
	return `${start.toFormat('ccc d LLL · HH:mm')}–${DateTime.fromMillis(endsAt, { zone }).toFormat('HH:mm')}`
}
const clock = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toFormat('HH:mm')

async function cardText(page: Page, meetingId: string) {
	return page.locator(`[data-testid="meeting-card"][data-meeting-id="${meetingId}"]`).innerText()
}

test('propose → accept → both see it in their own time zone → download the .ics', async () => {
	const { organizer, invitee } = pairInTwoZones()
	const organizerFirst = organizer.name.split(' ')[0]!
	const inviteeFirst = invitee.name.split(' ')[0]!

	// The organizer (New York) proposes from the invitee's profile.
	const a = await signedInPage(organizer.email)
	await a.goto(`/members/${invitee.id}`)
	await harness.waitForHydration(a)
	await a.getByRole('link', { name: 'Propose a time' }).click()
	await a.waitForURL((url) => url.pathname === '/meetings/new')
	await harness.waitForHydration(a)
	await a.getByRole('heading', { level: 1, name: `Propose a time to ${inviteeFirst}` }).waitFor()
	expect(await a.getByTestId('person-zone').innerText()).toMatch(/^Paris · GMT\+[12]$/)

	// The client helps with "up to three": a fourth box is disabled once three are ticked.
	const boxes = a.getByTestId('slot-picker').getByRole('checkbox')
	expect(await boxes.count()).toBeGreaterThan(4)
	for (const index of [0, 1, 2]) await boxes.nth(index).check()
	expect(await boxes.nth(3).isDisabled()).toBe(true)
	await expect.poll(() => a.getByText('3 of 3 picked').count()).toBe(1)
	await boxes.nth(1).uncheck()
	await boxes.nth(2).uncheck()
	expect(await boxes.nth(3).isDisabled()).toBe(false)
	// Each slot names the invitee's local time beside the organizer's.
	expect(await boxes.nth(0).locator('xpath=ancestor::label').innerText()).toMatch(
		new RegExp(`\\d\\d:\\d\\d–\\d\\d:\\d\\d\\s+\\d\\d:\\d\\d for ${inviteeFirst} in Paris`),
	)
	await harness.screenshot(a, 'new-desktop')

	await a.getByLabel('Topic', { exact: true }).fill('Loyalty economics across the Atlantic')
	await a.getByLabel('Video link or location (optional)').fill('https://meet.example.com/loyalty')
	await a.getByRole('button', { name: 'Send proposal' }).click()
	await a.waitForURL((url) => /^\/meetings\/mtg_/.test(url.pathname))
	const meetingId = new URL(a.url()).pathname.split('/').at(-1)!
	await a.getByText('Proposal sent.').waitFor()

	// The invitee (Paris) finds it waiting for them and accepts the proposed time.
	const b = await signedInPage(invitee.email)
	const nav = b.getByRole('navigation', { name: 'Main' }).getByTestId('meetings-nav')
	expect(await nav.innerText()).toMatch(/^Meetings\s*1/)
	await nav.click()
	await b.waitForURL((url) => url.pathname === '/meetings')
	await b
		.getByRole('region', { name: /^Waiting for you/ })
		.getByRole('link', { name: 'Loyalty economics across the Atlantic' })
		.click()
	await b.waitForURL((url) => url.pathname === `/meetings/${meetingId}`)
	await harness.waitForHydration(b)
	await b
		.getByRole('button', { name: /^Accept / })
		.first()
		.click()
	await b.getByText('Confirmed. Everyone is notified').waitFor()
	const meeting = storedMeeting(meetingId)
	expect(meeting.status).toBe('confirmed')

	// Both see it upcoming, each in their own zone, with the other's local time beside it.
	const newYork = span(meeting.startsAt, meeting.endsAt, 'America/New_York')
	const paris = span(meeting.startsAt, meeting.endsAt, 'Europe/Paris')
	expect(newYork).not.toBe(paris)
	await a.goto('/meetings?tab=upcoming')
	const organizerCard = await cardText(a, meetingId)
	expect(organizerCard).toContain(`${newYork} (your time)`)
	expect(organizerCard).toContain(`${clock(meeting.startsAt, 'Europe/Paris')} for ${inviteeFirst} in Paris`)
	await b.goto('/meetings?tab=upcoming')
	const inviteeCard = await cardText(b, meetingId)
	expect(inviteeCard).toContain(`${paris} (your time)`)
	expect(inviteeCard).toContain(`${clock(meeting.startsAt, 'America/New_York')} for ${organizerFirst} in New York`)
	await harness.screenshot(a, 'list-desktop')

	// The invitee downloads the invitation: the meeting's UID and its start.
	await b.goto(`/meetings/${meetingId}`)
	await harness.waitForHydration(b)
	const [download] = await Promise.all([
		b.waitForEvent('download'),
		b.getByRole('link', { name: 'Add to calendar (.ics)' }).click(),
	])
	expect(download.suggestedFilename()).toMatch(/\.ics$/)
	const ics = readFileSync((await download.path())!, 'utf8')
	expect(ics).toContain(`UID:${meetingId}@crossroads`)
	expect(ics).toMatch(/DTSTART[;:]/)
	const calendar = new ICAL.Component(ICAL.parse(ics))
	for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
	const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
	expect(event.startDate.toJSDate().getTime()).toBe(meeting.startsAt)
	await harness.screenshot(b, 'meeting-desktop')

	// The same pages at phone width.
	const phone = await signedInPage(organizer.email, { width: 390, height: 844 })
	for (const [path, step] of [
		['/meetings?tab=upcoming', 'list-phone'],
		[`/meetings/new?with=${invitee.id}`, 'new-phone'],
		[`/meetings/${meetingId}`, 'meeting-phone'],
		[
			`/meetings?view=week&week=${DateTime.fromMillis(meeting.startsAt, { zone: 'America/New_York' }).toISODate()}`,
			'week-phone',
		],
	] as const) {
		await phone.goto(path)
		await harness.waitForHydration(phone)
		// Nothing is wider than the screen.
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
		await harness.screenshot(phone, step)
	}
	await a.goto(
		`/meetings?view=week&week=${DateTime.fromMillis(meeting.startsAt, { zone: 'America/New_York' }).toISODate()}`,
	)
	await a
		.locator('[data-testid="week-meeting"]:visible')
		.filter({ hasText: 'Loyalty economics across the Atlantic' })
		.waitFor()
	await harness.screenshot(a, 'week-desktop')
	expect(harness.browserErrors).toEqual([])
})
