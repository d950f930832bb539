import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { demoAccounts, demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/**
 * The demo logins people try first, each role's header and navigation, and the public pages
 * at phone width: no sideways scrolling, every form control labelled.
 */

const roleLabels = { member: 'Member', moderator: 'Moderator', admin: 'Admin' } as const
const phone = { width: 390, height: 844 }
const admin = demoAccounts.find((account) => account.role === 'admin')!

const harness = useBrowserHarness('demo-logins')
const { newPage, waitForHydration, screenshot, signIn } = harness

/** The page's width beyond the viewport, and the elements that stick out, for the failure message. */
async function horizontalOverflow(page: Page) {
	return page.evaluate(() => {
		const viewport = document.documentElement.clientWidth
		const offenders = Array.from(document.body.querySelectorAll('*'))
			.filter((element) => element.getBoundingClientRect().right > viewport + 0.5)
			.slice(0, 5)
			.map((element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}">`)
		return { scrollWidth: document.documentElement.scrollWidth, offenders }
	})
}

async function expectNoHorizontalOverflow(page: Page) {
	const { scrollWidth, offenders } = await horizontalOverflow(page)
	expect(
		scrollWidth,
		`${new URL(page.url()).pathname} scrolls sideways; wider elements: ${offenders.join(', ')}`,
	).toBeLessThanOrEqual(phone.width)
}

describe('demo accounts', () => {
	for (const account of demoAccounts) {
		test(`${account.name} (${account.role}) signs in and the header shows name and role`, async () => {
			const page = await newPage()
			await signIn(page, account.email, demoPassword)
			await page.getByRole('heading', { level: 1, name: `Good to see you, ${account.name.split(' ')[0]}.` }).waitFor()

			const header = page.getByRole('banner')
			await header.getByText(account.name, { exact: true }).waitFor()
			await header.getByTestId('signed-in-as').getByText(roleLabels[account.role], { exact: true }).waitFor()
			await header.getByRole('button', { name: 'Sign out' }).waitFor()

			const nav = page.getByRole('navigation', { name: 'Main' })
			await nav.getByRole('link', { name: 'Settings' }).waitFor()
			expect(await nav.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(account.role === 'admin' ? 1 : 0)
			await screenshot(page, `${account.role}-home`)

			const response = await page.goto('/admin/applications')
			if (account.role === 'admin') {
				expect(response?.status()).toBe(200)
				await page.getByRole('heading', { level: 1, name: 'Membership applications' }).waitFor()
				await page.getByRole('list', { name: 'Pending applications' }).waitFor()
			} else {
				expect(response?.status()).toBe(403)
				await page.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor()
				await page.getByRole('link', { name: 'Back to home' }).waitFor()
				await screenshot(page, `${account.role}-admin-403`)
			}
		})
	}
})

describe('phone width (390 × 844)', () => {
	const phoneContext = { viewport: phone, isMobile: true, hasTouch: true } satisfies BrowserContextOptions

	test('the visitor home page fits the screen', async () => {
		const page = await newPage(phoneContext)
		await page.goto('/')
		await page
			.getByRole('heading', { level: 1, name: 'Learn from marketing leaders who will never be your competitors.' })
			.waitFor()
		await page.getByRole('main').getByRole('link', { name: 'Apply for membership' }).waitFor()
		await expectNoHorizontalOverflow(page)
		await screenshot(page, 'phone-home')
	})

	test('/join fits the screen and every form control has an accessible label', async () => {
		const page = await newPage(phoneContext)
		await page.goto('/join')
		await page.getByRole('heading', { level: 1, name: 'Apply for membership' }).waitFor()
		await waitForHydration(page)
		await expectNoHorizontalOverflow(page)

		const unlabelled = await page.evaluate(() =>
			Array.from(
				document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
					'input, select, textarea',
				),
			)
				.filter((control) => control.type !== 'hidden')
				.filter(
					(control) =>
						!control.labels?.length && !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby'),
				)
				.map((control) => control.outerHTML.slice(0, 120)),
		)
		expect(unlabelled).toEqual([])

		// Each visible label names exactly one control, so getByLabel (and a screen reader) finds it.
		const form = page.getByRole('main').locator('form')
		const labelTexts = (await form.locator('label').allInnerTexts()).map((text) => text.trim())
		expect(labelTexts).toEqual([
			'Full name',
			'Work email',
			'Title',
			'Company',
			'Company industry',
			'Region',
			'Time zone',
			'Why do you want to join? (optional)',
			'Password',
		])
		for (const text of labelTexts) {
			// The industry picker's list box shares its label (the ARIA combobox pattern): count form controls.
			const control = page.getByLabel(text, { exact: true }).and(page.locator('input, select, textarea'))
			expect(await control.count(), text).toBe(1)
			expect(await control.isVisible(), text).toBe(true)
		}
		const visibleControls = await form.locator('input:not([type=hidden]), select, textarea').count()
		expect(visibleControls).toBe(labelTexts.length)
		await screenshot(page, 'phone-join')
	})

	test('/login fits the screen', async () => {
		const page = await newPage(phoneContext)
		await page.goto('/login')
		await page.getByRole('heading', { level: 1, name: 'Sign in to Crossroads' }).waitFor()
		await expectNoHorizontalOverflow(page)
		await screenshot(page, 'phone-login')
	})

	test('the signed-in home and settings fit the screen', async () => {
		const page = await newPage(phoneContext)
		await signIn(page, admin.email, demoPassword)
		await page.getByRole('heading', { level: 1, name: `Good to see you, ${admin.name.split(' ')[0]}.` }).waitFor()
		await expectNoHorizontalOverflow(page)
		await screenshot(page, 'phone-admin-home')

		await page.goto('/settings')
		await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
		await expectNoHorizontalOverflow(page)
		await screenshot(page, 'phone-settings')
	})

	test('/admin/applications fits the screen, long applicant emails included', async () => {
		const page = await newPage(phoneContext)
		await signIn(page, admin.email, demoPassword)
		await page.goto('/admin/applications')
		await page.getByRole('heading', { level: 1, name: 'Membership applications' }).waitFor()
		await screenshot(page, 'phone-admin-applications')
		await expectNoHorizontalOverflow(page)
	})
})

test('no uncaught errors or console errors in the browser', () => {
	expect(harness.browserErrors).toEqual([])
})
