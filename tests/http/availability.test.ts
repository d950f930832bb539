import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readAvailability } from '#app/features/scheduling/availability.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { Browser, fieldErrors, mainText, notices, signedInBrowser, startTestServer, textOf } from './support.ts'

let server: ServerProcess
let member: Awaited<ReturnType<typeof createUser>>
let other: Awaited<ReturnType<typeof createUser>>
let applicant: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
	member = await createUser({ name: 'Ama Available' })
	other = await createUser({ name: 'Otto Other' })
	applicant = await createUser({ status: 'applicant' })
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const path = '/meetings/availability'

/** Field messages of the weekly form, whose field names are list items like `windows[0].end`. */
function weeklyErrors(html: string) {
	const errors: Record<string, string[]> = {}
	for (const match of html.matchAll(/<ul id="weekly-([\w.[\]-]+)-error"[^>]*>([\s\S]*?)<\/ul>/g))
		errors[match[1]!] = [...match[2]!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((item) => textOf(item[1]!))
	return errors
}

/** The value of the input named `name`, as rendered. */
function valueOf(html: string, name: string) {
	const input = [...html.matchAll(/<input\b[^>]*>/g)]
		.map((match) => match[0])
		.find((tag) => tag.includes(`name="${name}"`))
	return input ? (/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '') : undefined
}

const weekly = (windows: Array<[weekday: number, start: string, end: string]>, extra: Record<string, string> = {}) => {
	const fields = new URLSearchParams({
		intent: 'weekly',
		meetingLengthMinutes: '45',
		bufferMinutes: '15',
		reminderMinutes: '60',
		...extra,
	})
	windows.forEach(([weekday, start, end], index) => {
		fields.set(`windows[${index}].weekday`, String(weekday))
		fields.set(`windows[${index}].start`, start)
		fields.set(`windows[${index}].end`, end)
	})
	return fields
}

describe('/meetings/availability', () => {
	test('visitors are sent to sign in, applicants to their application', async () => {
		const page = await new Browser(server).get(path)
		expect(page.status).toBe(302)
		expect(page.location).toBe('/login?redirectTo=%2Fmeetings%2Favailability')
		const posted = await new Browser(server).post(path, weekly([[1, '09:00', '10:00']]))
		expect(posted.status).toBe(302)
		expect(readAvailability(member.id).isDefault).toBe(true)
		const browser = await signedInBrowser(server, applicant.email, applicant.password)
		expect((await browser.get(path)).location).toBe('/application')
	})

	test('a member sees their time zone, the defaults and a labelled editor', async () => {
		const browser = await signedInBrowser(server, other.email, other.password)
		const page = await browser.get(path)
		expect(page.status).toBe(200)
		expect(page.html).toContain('<title>Your availability · Crossroads</title>')
		const text = mainText(page.html)
		expect(text).toContain('All times are in your time zone, Europe/Paris')
		expect(page.html).toMatch(/<a[^>]+href="\/profile"[^>]*>Change your time zone on your profile<\/a>/)
		expect(text).toContain('peers see the default: weekdays 09:00 to 17:00')
		expect(text).toContain('Monday from')
		expect(text).toContain('Friday until')
		expect(valueOf(page.html, 'windows[0].start')).toBe('09:00')
		expect(valueOf(page.html, 'windows[4].end')).toBe('17:00')
		expect(valueOf(page.html, 'windows[5].start')).toBeUndefined()
		expect(text).toContain('No dates yet.')
	})

	test('saving windows with a plain form post, empty rows ignored; the page shows them back', async () => {
		const browser = await signedInBrowser(server, member.email, member.password)
		const page = await browser.post(
			path,
			weekly([
				[1, '13:00', '17:00'],
				[1, '08:00', '12:00'],
				[3, '', ''],
				[4, '18:00', '00:00'],
			]),
		)
		expect(page.status).toBe(200)
		expect(notices(page.html)).toContain('Your weekly availability is saved.')
		expect(readAvailability(member.id)).toMatchObject({
			isDefault: false,
			meetingLengthMinutes: 45,
			bufferMinutes: 15,
			reminderMinutes: 60,
			windows: [
				{ weekday: 1, startMinute: 480, endMinute: 720 },
				{ weekday: 1, startMinute: 780, endMinute: 1020 },
				{ weekday: 4, startMinute: 1080, endMinute: 1440 },
			],
		})
		const again = await browser.get(path)
		expect(valueOf(again.html, 'windows[0].start')).toBe('08:00')
		expect(valueOf(again.html, 'windows[1].start')).toBe('13:00')
		expect(valueOf(again.html, 'windows[2].end')).toBe('00:00')
		expect(valueOf(again.html, 'windows[3].start')).toBeUndefined()
		const text = mainText(again.html)
		expect(text).toContain('Monday window 2 from')
		expect(text).not.toContain('peers see the default')
		expect(again.html).toMatch(/<option value="45" selected="">45 minutes<\/option>/)
	})

	test('“Add a window” works without JavaScript: the page comes back with an empty row, nothing saved yet', async () => {
		const browser = await signedInBrowser(server, member.email, member.password)
		const before = readAvailability(member.id)
		const page = await browser.get(path)
		const button = /<button[^>]*aria-label="Add a Tuesday window"[^>]*>/.exec(page.html)?.[0]
		expect(button).toBeDefined()
		const name = /name="([^"]+)"/.exec(button!)![1]!
		const value = /value="([^"]+)"/.exec(button!)![1]!.replaceAll('&quot;', '"')
		const fields = weekly([
			[1, '08:00', '12:00'],
			[1, '13:00', '17:00'],
		])
		fields.set(name, value)
		const added = await browser.post(path, fields)
		expect(added.status).toBe(200)
		expect(mainText(added.html)).toContain('Tuesday from')
		expect(valueOf(added.html, 'windows[2].weekday')).toBe('2')
		expect(valueOf(added.html, 'windows[2].start')).toBe('')
		expect(notices(added.html)).toEqual([])
		expect(readAvailability(member.id)).toEqual(before)
	})

	test('an end before the start, or an overlap, gets a field error and a 400; nothing is saved', async () => {
		const browser = await signedInBrowser(server, member.email, member.password)
		const before = readAvailability(member.id)
		const page = await browser.post(
			path,
			weekly([
				[2, '12:00', '09:00'],
				[5, '09:00', '12:00'],
				[5, '11:00', '13:00'],
			]),
		)
		expect(page.status).toBe(400)
		expect(weeklyErrors(page.html)).toEqual({
			'windows[0].end': ['The end must be after the start.'],
			'windows[2].start': ['Overlaps Friday’s 09:00–12:00 window.'],
		})
		// The member's input stays on the page to be corrected.
		expect(valueOf(page.html, 'windows[0].start')).toBe('12:00')
		expect(readAvailability(member.id)).toEqual(before)
		const unknownLength = await browser.post(path, weekly([[2, '09:00', '10:00']], { meetingLengthMinutes: '90' }))
		expect(unknownLength.status).toBe(400)
		expect(weeklyErrors(unknownLength.html)).toEqual({ meetingLengthMinutes: ['Choose 15, 30, 45 or 60 minutes.'] })
		expect(readAvailability(member.id)).toEqual(before)
	})

	test('an out-of-office date is added, listed, and removed only by its owner', async () => {
		const browser = await signedInBrowser(server, member.email, member.password)
		const date = DateTime.now().setZone('Europe/Paris').plus({ days: 9 })
		const page = await browser.post(path, { intent: 'add-override', date: date.toISODate()!, kind: 'unavailable' })
		expect(page.status).toBe(200)
		expect(notices(page.html)).toContain('Date added.')
		const listed = mainText((await browser.get(path)).html)
		const label = date.toLocaleString(
			{ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
			{ locale: 'en-GB' },
		)
		expect(listed).toContain(`${label} Out of office, all day`)

		const extra = await browser.post(path, {
			intent: 'add-override',
			date: date.plus({ days: 1 }).toISODate()!,
			kind: 'available',
			start: '18:00',
			end: '20:30',
		})
		expect(extra.status).toBe(200)
		expect(mainText(extra.html)).toContain('Extra availability, 18:00–20:30')

		const [outOfOffice] = readAvailability(member.id).overrides
		const stranger = await signedInBrowser(server, other.email, other.password)
		const refused = await stranger.post(path, { intent: 'remove-override', overrideId: String(outOfOffice!.id) })
		expect(refused.status).toBe(404)
		expect(readAvailability(member.id).overrides).toHaveLength(2)

		const removed = await browser.post(path, { intent: 'remove-override', overrideId: String(outOfOffice!.id) })
		expect(removed.status).toBe(200)
		expect(notices(removed.html)).toContain('Date removed.')
		expect(readAvailability(member.id).overrides.map((row) => row.kind)).toEqual(['available'])
	})

	test('a bad date change gets field errors and stores nothing', async () => {
		const browser = await signedInBrowser(server, other.email, other.password)
		const yesterday = DateTime.now().setZone('Europe/Paris').minus({ days: 1 }).toISODate()!
		const past = await browser.post(path, { intent: 'add-override', date: yesterday, kind: 'unavailable' })
		expect(past.status).toBe(400)
		expect(fieldErrors(past.html, 'override')).toEqual({ date: ['Choose today or a later date.'] })
		const impossible = await browser.post(path, { intent: 'add-override', date: '2031-02-30', kind: 'available' })
		expect(impossible.status).toBe(400)
		expect(fieldErrors(impossible.html, 'override')).toEqual({
			date: ['Enter a valid date.'],
			start: ['Extra availability needs a start and an end time.'],
		})
		const backwards = await browser.post(path, {
			intent: 'add-override',
			date: '2031-03-03',
			kind: 'unavailable',
			start: '15:00',
			end: '14:00',
		})
		expect(fieldErrors(backwards.html, 'override')).toEqual({ end: ['The end must be after the start.'] })
		expect(readAvailability(other.id).overrides).toEqual([])
		expect((await browser.post(path, { intent: 'make-me-free' })).status).toBe(400)
	})
})
