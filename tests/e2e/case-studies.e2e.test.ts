import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { loadSnapshots, readPolicySettings } from '../../app/features/conflicts/conflict-keys.server.ts'
import { evaluateConflict } from '../../app/features/conflicts/policy.ts'
import { openDatabase } from '../../db/client.ts'
import { conflictShowcase, demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/**
 * A case study's life in a real browser: Maya writes and submits it, a moderator sends it back,
 * she revises it, the moderator approves and features it; a peer finds it, a competitor never does.
 */

const harness = useBrowserHarness('case-studies')
const maya = conflictShowcase.demoMember
const moderator = conflictShowcase.moderator
const [grocer] = conflictShowcase.sameSector

const uniqueWord = 'Zephyrine'
const title = `${uniqueWord} punch cards: turning a bistro's regulars into a loyalty club`
const story = [
	'## The challenge',
	'',
	'Our neighbourhood bistro lived on regulars, but we had no idea who they were or how often they came back.',
	'Paper punch cards got lost, and discounts went to people who would have come anyway.',
	'',
	'## What we did',
	'',
	'- A digital card tied to a phone number, offered at the till',
	'- A monthly chef’s table for the most loyal guests instead of blanket discounts',
].join('\n')
const addedSentence = 'Staff training at the till mattered more than the app itself: sign-ups tripled after it.'
const changesNote = 'Please say what the training at the till looked like: peers will ask.'

/** An active member who may meet Maya (no conflict, no connection), read from the seeded database. */
function cleanStranger() {
	const db = openDatabase(harness.databasePath)
	try {
		const candidates = db.$client
			.prepare(
				`select u.id, u.email, u.name from users u
				where u.status = 'active' and u.role = 'member' and u.id != ? and u.email not like '%@crossroads.test'
				and not exists (select 1 from connections c where c.pair_key in (u.id || '|' || ?, ? || '|' || u.id))
				order by u.id`,
			)
			.all(maya.userId, maya.userId, maya.userId) as Array<{ id: string; email: string; name: string }>
		const snapshots = loadSnapshots(db, 'all')
		const settings = readPolicySettings(db)
		const self = snapshots.get(maya.userId)!
		return candidates.find(
			(candidate) => !evaluateConflict(self, snapshots.get(candidate.id)!, settings, Date.now()).conflicted,
		)!
	} finally {
		db.$client.close()
	}
}

async function signedInPage(email: string) {
	const page = await harness.newPage()
	await harness.signIn(page, email, demoPassword)
	return page
}

/** The header bell's unread count, as its screen-reader text says it. */
async function unreadCount(page: Page) {
	const text = (await page.getByTestId('notification-bell').textContent()) ?? ''
	return Number(/(\d+) unread/.exec(text)?.[1] ?? 0)
}

async function searchLibrary(page: Page, words: string) {
	await page.goto('/case-studies')
	await harness.waitForHydration(page)
	await page.getByRole('searchbox', { name: 'Search titles, brands, stories and learnings' }).fill(words)
	await page.getByRole('search', { name: 'Search case studies' }).getByRole('button', { name: 'Search' }).click()
	await page.waitForURL((url) => url.searchParams.get('q') === words)
}

let mayaPage: Page
let moderatorPage: Page
let studyPath = ''

test('a member writes a case study, saves a draft, previews it and submits it for review', async () => {
	mayaPage = await signedInPage(maya.email)
	const page = mayaPage
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Case studies' }).click()
	await page.getByRole('heading', { level: 1, name: 'Case studies' }).waitFor()
	await page.getByRole('link', { name: 'Write one' }).click()
	await page.getByRole('heading', { level: 1, name: 'Write a case study' }).waitFor()
	await harness.waitForHydration(page)

	await page.getByLabel('Title', { exact: true }).fill(title)
	await page.getByLabel('Brand', { exact: true }).fill('Harbor Street Bistro')
	const sector = page.getByRole('combobox', { name: 'Sector (NAICS)' })
	await sector.fill('full-service restaurants')
	await page.getByRole('option', { name: /^722511 Full-Service Restaurants/ }).click()
	await expect.poll(() => sector.inputValue()).toBe('722511 Full-Service Restaurants')
	await page.getByLabel('Objective', { exact: true }).selectOption({ label: 'Retention and loyalty' })
	await page.getByLabel('Budget', { exact: true }).selectOption({ label: 'Under $100k' })
	await page.getByLabel('Started', { exact: true }).fill('2025-03')
	await page.getByLabel('Ended', { exact: true }).fill('2025-09')
	await page.getByLabel('Audience', { exact: true }).fill('Regulars living within two miles, mostly aged 30–55')
	const channels = page.getByRole('group', { name: 'Channels' })
	await channels.getByLabel('Email and CRM').check()
	await channels.getByLabel('In store').check()
	await page.getByLabel('Metric 1', { exact: true }).fill('Returning guests per month')
	await page.getByLabel('Before', { exact: true }).first().fill('410')
	await page.getByLabel('After', { exact: true }).first().fill('1,240')
	await page.getByLabel('Unit', { exact: true }).first().fill('guests')
	await page
		.getByLabel('Summary', { exact: true })
		.fill('A digital punch card and a chef’s table tripled returning guests in six months.')
	await page.getByLabel('What you did and what happened').fill(story)
	await page.getByLabel('What you would do differently').fill('Start the chef’s table sooner; it did more than points.')
	await page.getByLabel('Tags', { exact: true }).fill('loyalty, restaurants, CRM')
	// Kept from competitors unless the author chooses otherwise: the default stays.
	expect(await page.getByRole('radio', { name: /Members not in conflict with me/ }).isChecked()).toBe(true)

	await page.getByRole('button', { name: 'Save draft' }).click()
	await page.waitForURL((url) => /^\/case-studies\/[^/]+\/edit$/.test(url.pathname))
	studyPath = new URL(page.url()).pathname.replace(/\/edit$/, '')
	await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor()
	await page.getByRole('heading', { level: 1, name: title }).waitFor()
	await page.getByRole('region', { name: 'Draft' }).waitFor()
	await harness.waitForHydration(page)

	await page.getByRole('button', { name: 'Preview' }).click()
	await page.getByRole('heading', { level: 2, name: 'Preview' }).waitFor()
	await page.getByRole('heading', { name: 'What we did' }).waitFor()
	await harness.screenshot(page, 'draft-preview')

	await page.getByRole('button', { name: 'Submit for review' }).click()
	await page.getByRole('region', { name: /^In review since/ }).waitFor()
	expect(await page.getByRole('heading', { level: 1, name: title }).locator('xpath=..').textContent()).toContain(
		'In review',
	)
	// The form is read-only while a moderator looks at it.
	expect(await page.getByLabel('Title', { exact: true }).isDisabled()).toBe(true)
	expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0)
})

test('a moderator finds it in the queue and asks for changes; the author sees the note', async () => {
	moderatorPage = await signedInPage(moderator.email)
	const page = moderatorPage
	await page.goto('/moderation')
	const queue = page.getByRole('list', { name: 'Waiting for review' })
	await queue.getByRole('link', { name: new RegExp(uniqueWord) }).click()
	await page.waitForURL((url) => url.pathname === `/moderation/studies/${studyPath.split('/').pop()}`)
	await page.getByRole('heading', { level: 1, name: title }).waitFor()
	await harness.waitForHydration(page)
	await page.getByLabel('Note to the author').fill(changesNote)
	await page.getByRole('button', { name: 'Send back to the author' }).click()
	await page.getByRole('status').filter({ hasText: 'Sent back to the author with your note.' }).waitFor()

	const author = mayaPage
	await author.goto('/case-studies/mine')
	const card = author.getByRole('listitem').filter({ has: author.getByRole('heading', { name: title }) })
	await card.getByText('Changes requested', { exact: true }).waitFor()
	await card.getByText(changesNote).waitFor()
	await harness.screenshot(author, 'changes-requested')

	await card.getByRole('link', { name: 'Edit', exact: true }).click()
	await author.getByRole('region', { name: 'A moderator asked for changes' }).getByText(changesNote).waitFor()
})

test('the author revises the story and submits it again', async () => {
	const page = mayaPage
	await harness.waitForHydration(page)
	const body = page.getByLabel('What you did and what happened')
	await body.fill(`${await body.inputValue()}\n\n${addedSentence}`)
	await page.getByRole('button', { name: 'Submit again' }).click()
	await page.getByRole('region', { name: /^In review since/ }).waitFor()
	// The confirmation stays on screen after the editing bar goes read-only.
	await page.getByText('Submitted for review. A moderator will publish it or send it back with notes.').waitFor()
	expect(await page.getByRole('heading', { level: 1, name: title }).locator('xpath=..').textContent()).toContain(
		'In review',
	)
	expect(await body.inputValue()).toContain(addedSentence)
})

test('the moderator approves and features it, and the author is notified of both', async () => {
	// Maya's editor stays open, its socket long connected, so the bell must move without a reload.
	const author = mayaPage
	const unreadBefore = await unreadCount(author)

	const page = moderatorPage
	await page.goto('/moderation')
	await page
		.getByRole('list', { name: 'Waiting for review' })
		.getByRole('link', { name: new RegExp(uniqueWord) })
		.click()
	await page.getByRole('heading', { level: 1, name: title }).waitFor()
	await page.getByText(addedSentence).waitFor()
	await harness.waitForHydration(page)
	await page.getByRole('button', { name: 'Approve and publish' }).click()
	await page.getByRole('status').filter({ hasText: 'Approved: the case study is published.' }).waitFor()
	await page.getByRole('button', { name: 'Feature on the home page' }).click()
	await page.getByRole('status').filter({ hasText: 'Featured: members see it on their home page.' }).waitFor()
	await page.getByRole('button', { name: 'Stop featuring' }).waitFor()
	await harness.screenshot(page, 'moderator-featured')

	await expect.poll(() => unreadCount(author), { timeout: 10_000 }).toBe(unreadBefore + 2)
	await author.getByTestId('notification-bell').click()
	await author.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor()
	const notifications = author.getByRole('main')
	await notifications.getByRole('link', { name: `“${title}” is published (unread)` }).waitFor()
	await notifications.getByRole('link', { name: `“${title}” is featured on the home page (unread)` }).waitFor()
	await notifications.getByRole('link', { name: `A moderator asked for changes to “${title}”` }).waitFor()
})

test('a peer not in conflict with the author finds it by search, on the library’s featured shelf and at home', async () => {
	const peer = cleanStranger()
	const page = await signedInPage(peer.email)
	const home = page.getByRole('region', { name: 'Featured case studies' })
	await home.getByRole('link', { name: new RegExp(uniqueWord) }).waitFor()

	await page.goto('/case-studies')
	const featured = page.getByRole('region', { name: 'Featured by our editors' })
	await featured.getByRole('link', { name: title }).waitFor()

	await searchLibrary(page, uniqueWord)
	const results = page.getByRole('list', { name: 'Case studies' })
	// The URL changes before React commits the new list (a transition): wait for the list itself.
	await expect.poll(() => results.getByRole('link').allTextContents()).toEqual([title])
	await harness.screenshot(page, 'peer-search')
	await results.getByRole('link', { name: title }).click()
	await page.waitForURL((url) => url.pathname === studyPath)
	await page.getByRole('heading', { level: 1, name: title }).waitFor()
	await page.getByText(addedSentence).waitFor()
	await page.getByRole('link', { name: new RegExp(`^${maya.name}`) }).waitFor()
	await page.getByRole('main').getByText('Featured', { exact: true }).waitFor()
	await harness.screenshot(page, 'peer-study')
})

test('a member in the author’s industry group never finds it, and its URL is a 404', async () => {
	const page = await signedInPage(grocer!.email)
	await searchLibrary(page, uniqueWord)
	await page.getByText('No case studies match.').waitFor()
	expect(await page.getByRole('main').textContent()).not.toContain(uniqueWord)

	await page.goto('/case-studies')
	expect(await page.getByRole('main').textContent()).not.toContain(uniqueWord)
	await page.goto('/')
	expect(await page.getByRole('main').textContent()).not.toContain(uniqueWord)

	const response = await page.goto(studyPath)
	expect(response?.status()).toBe(404)
	await page.getByRole('heading', { level: 1, name: 'We could not find that page' }).waitFor()
	await page.getByText('This case study does not exist or is not available to you.').waitFor()
	expect(await page.getByRole('main').textContent()).not.toContain(uniqueWord)
	await harness.screenshot(page, 'competitor-404')
})

test('no uncaught errors or console errors in the browser', () => {
	expect(harness.browserErrors).toEqual([])
})
