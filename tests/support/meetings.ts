/**
 * Helpers for the HTTP tests of the meeting pages: a connected pair in two zones, proposing
 * through the real form, and readers for what the meeting pages render.
 */
import { expect } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { Browser, signedInBrowser, textOf, type Page } from '#tests/http/support.ts'
import { createConnectedPair } from './messaging.ts'
import type { ServerProcess } from './server-process.ts'

export function setTimeZone(userId: string, timeZone: string) {
	db.$client.prepare('update member_profiles set time_zone = ? where user_id = ?').run(timeZone, userId)
}

export type StoredMeeting = {
	id: string
	status: string
	startsAt: number | null
	endsAt: number | null
	topic: string
	awaitingUserId: string | null
	round: number
	sequence: number
}

export const meetingRow = (id: string) =>
	db.$client
		.prepare(
			`select id, status, starts_at as startsAt, ends_at as endsAt, topic, awaiting_user_id as awaitingUserId,
			round, sequence from meetings where id = ?`,
		)
		.get(id) as StoredMeeting | undefined

/** The slot checkboxes a page offers (a proposal, a counter-proposal, a reschedule): ISO instants, earliest first. */
export function offeredSlots(page: Page) {
	return [...page.html.matchAll(/<input type="checkbox" name="options"[^>]*value="([^"]+)"/g)].map((match) => match[1]!)
}

/** The option ids the meeting page's accept buttons post. */
export function acceptableOptionIds(page: Page) {
	return [
		...page.html.matchAll(
			/<input type="hidden" name="intent" value="accept"\/><input type="hidden" name="optionId" value="(\d+)"/g,
		),
	].map((match) => match[1]!)
}

/** The page-level alert a refused meeting action shows. */
export function meetingAlert(page: Page) {
	const match = /<div role="alert" id="meeting-alert"[^>]*>([\s\S]*?)<\/div>/.exec(page.html)
	return match ? textOf(match[1]!) : null
}

/** The text of a labelled section ("waiting-for-you", "meetings-heading", "timeline-heading"…). */
export function section(page: Page, id: string) {
	const match = new RegExp(`<section aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(page.html)
	return match ? textOf(match[1]!) : ''
}

/** A New York organizer and a Paris invitee, connected, both signed in. */
export async function scheduledPair(server: Pick<ServerProcess, 'url'>) {
	const { first, second, conversationId } = await createConnectedPair({
		first: { name: 'Nora Whitfield' },
		second: { name: 'Pierre Lambert' },
	})
	setTimeZone(first.id, 'America/New_York')
	setTimeZone(second.id, 'Europe/Paris')
	const organizer = await signedInBrowser(server, first.email, first.password)
	const invitee = await signedInBrowser(server, second.email, second.password)
	return { first, second, conversationId, organizer, invitee }
}

export async function propose(browser: Browser, inviteeId: string, fields: Record<string, string | string[]>) {
	const body = new URLSearchParams({ inviteeId, durationMinutes: '30' })
	for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item)
	return browser.post(`/meetings/new?with=${inviteeId}`, body)
}

/** Proposes the first free slot and returns the new meeting's id. */
export async function proposedMeeting(browser: Browser, inviteeId: string, topic = 'Retail media in 2026') {
	const form = await browser.get(`/meetings/new?with=${inviteeId}`)
	const [slot] = offeredSlots(form)
	expect(slot, 'the pair has a common free slot').toBeTruthy()
	const sent = await propose(browser, inviteeId, { topic, options: slot!, location: 'https://meet.example.com/abc' })
	expect(sent.status).toBe(302)
	const id = /^\/meetings\/([^?]+)\?notice=proposed$/.exec(sent.location ?? '')?.[1]
	expect(id, `redirected to ${sent.location}`).toBeTruthy()
	return id!
}
