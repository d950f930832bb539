import type { Locator, Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { conflictShowcase, demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/** "Peers to meet" as Maya Chen (a grocer) uses it: ranked peers with a why, dismissed and brought back. */

const harness = useBrowserHarness('suggestions')
const maya = conflictShowcase.demoMember
const whyPattern = /Both work on|to your B2|of shared working hours|mutual connection|Different sector/
const phone = { width: 390, height: 844 }

async function openSuggestions(page: Page) {
	await harness.signIn(page, maya.email, demoPassword)
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Peers to meet' }).click()
	await page.getByRole('heading', { level: 1, name: 'Peers to meet' }).waitFor()
	await harness.waitForHydration(page)
	return page.getByRole('list', { name: 'Suggested peers' })
}

/** The visible cards' names, in order. */
async function namesIn(list: Locator) {
	return list.getByRole('article').getByRole('heading', { level: 2 }).allTextContents()
}

test('a member sees ranked peers with a why, never a competitor, and "Not now" sticks after a reload', async () => {
	const page = await harness.newPage()
	const list = await openSuggestions(page)
	const names = await namesIn(list)
	expect(names.length).toBeGreaterThan(3)
	const competitors = [
		...conflictShowcase.sameSector,
		conflictShowcase.corporateFamily.withMember,
		conflictShowcase.declaredCompetitor.listedByMember,
		conflictShowcase.declaredCompetitor.listsMembersCompany,
		conflictShowcase.recentEmployer.sameSector,
		conflictShowcase.recentEmployer.sameCompany,
		conflictShowcase.doNotIntroduce.listedByMember,
		conflictShowcase.doNotIntroduce.listsMember,
	].map((person) => person.name)
	for (const name of competitors) expect(names).not.toContain(name)

	const first = names[0]!
	const card = list.getByRole('article', { name: first, exact: true })
	expect(await card.textContent()).toMatch(whyPattern)
	await card.getByRole('link', { name: `Connect with ${first}` }).waitFor()
	await harness.screenshot(page, 'list')

	// Keyboard: the button is reachable and, once its card is gone, focus rests on the notice, next to Undo.
	await card.getByRole('button', { name: `Not now: don’t suggest ${first}` }).focus()
	await page.keyboard.press('Enter')
	await card.waitFor({ state: 'hidden' })
	const status = page.getByRole('status').filter({ hasText: `${first} won’t be suggested to you.` })
	await status.waitFor()
	expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status')
	await harness.screenshot(page, 'dismissed')

	await page.reload()
	await page.getByRole('heading', { level: 1, name: 'Peers to meet' }).waitFor()
	expect(await namesIn(page.getByRole('list', { name: 'Suggested peers' }))).not.toContain(first)
})

test('Undo brings a dismissed peer back', async () => {
	const page = await harness.newPage()
	const list = await openSuggestions(page)
	const name = (await namesIn(list))[0]!
	await list.getByRole('button', { name: `Not now: don’t suggest ${name}` }).click()
	await list.getByRole('article', { name, exact: true }).waitFor({ state: 'hidden' })
	await page.getByRole('button', { name: `Undo: suggest ${name} again` }).click()
	await page
		.getByRole('status')
		.filter({ hasText: `${name} can be suggested to you again.` })
		.waitFor()
	await list.getByRole('article', { name, exact: true }).waitFor()
	await page.reload()
	expect(await namesIn(page.getByRole('list', { name: 'Suggested peers' }))).toContain(name)
})

test('at phone width the cards fit without sideways scrolling, and home shows a teaser', async () => {
	const page = await harness.newPage({ viewport: phone })
	const list = await openSuggestions(page)
	await list.getByRole('article').first().waitFor()
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width)
	await harness.screenshot(page, 'phone')

	await page.goto('/')
	const teaser = page.getByRole('heading', { level: 2, name: 'Peers to meet' }).locator('xpath=../..')
	expect(await teaser.getByRole('listitem').count()).toBe(3)
	expect(await teaser.textContent()).toMatch(whyPattern)
})

test('no uncaught errors or console errors in the browser', () => {
	expect(harness.browserErrors).toEqual([])
})
