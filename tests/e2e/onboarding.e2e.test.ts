import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { demoAccounts, demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/**
 * The whole way in, in a real browser against the production server: a visitor applies, an
 * admin approves, the new member signs out and back in. Each step builds on the one before.
 */

const admin = demoAccounts.find((account) => account.role === 'admin')!
const applicant = {
	name: 'Priya Raman',
	firstName: 'Priya',
	email: 'priya.raman@lumenfoods.example',
	title: 'Chief Marketing Officer',
	company: 'Lumen Foods',
	sectorSearch: 'commercial bak',
	sector: '311812 Commercial Bakeries',
	region: 'Europe',
	timeZone: 'Europe/Berlin',
	note: 'I rebuilt our brand for three new markets and would like to compare notes with peers outside food.',
	password: 'a-long-enough-passphrase',
}

const harness = useBrowserHarness('onboarding')
const { newPage, waitForHydration, screenshot } = harness
/** The applicant's browser: a visitor first, signed in from step (b) on. */
let applicantPage: Page

beforeAll(async () => {
	applicantPage = await newPage()
})

function pathOf(page: Page) {
	const url = new URL(page.url())
	return `${url.pathname}${url.search}`
}

/** The ids in aria-describedby, resolved to their text: what a screen reader reads after the label. */
function accessibleDescription(page: Page, label: string) {
	return page.getByLabel(label, { exact: true }).evaluate((element) =>
		(element.getAttribute('aria-describedby') ?? '')
			.split(/\s+/)
			.filter(Boolean)
			.map((id) => document.getElementById(id)?.textContent ?? '')
			.join(' '),
	)
}

/** Fills and submits the sign-in form of the page the browser is on. */
async function fillSignInForm(page: Page, email: string, password: string) {
	await waitForHydration(page)
	await page.getByLabel('Work email', { exact: true }).fill(email)
	await page.getByLabel('Password', { exact: true }).fill(password)
	await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click()
}

describe.sequential('joining Crossroads', () => {
	test('(a) a visitor reads the pitch and applies, fixing a too-short password first', async () => {
		const page = applicantPage
		await page.goto('/')
		await page
			.getByRole('heading', { level: 1, name: 'Learn from marketing leaders who will never be your competitors.' })
			.waitFor()
		await page.getByRole('heading', { name: 'Why marketing leaders join' }).waitFor()
		await page.getByRole('banner').getByRole('link', { name: 'Apply to join' }).waitFor()
		await screenshot(page, '01-visitor-home')

		await waitForHydration(page)
		await page.getByRole('main').getByRole('link', { name: 'Apply for membership' }).click()
		await page.waitForURL((url) => url.pathname === '/join')
		await page.getByRole('heading', { level: 1, name: 'Apply for membership' }).waitFor()
		await waitForHydration(page)

		await page.getByLabel('Full name', { exact: true }).fill(applicant.name)
		await page.getByLabel('Work email', { exact: true }).fill(applicant.email)
		await page.getByLabel('Title', { exact: true }).fill(applicant.title)
		await page.getByLabel('Company', { exact: true }).fill(applicant.company)
		// The industry picker searches the NAICS list as you type; choosing fills the field.
		const industry = page.getByRole('combobox', { name: 'Company industry', exact: true })
		await industry.fill(applicant.sectorSearch)
		await page.getByRole('option', { name: /311812 Commercial Bakeries/ }).click()
		await expect.poll(() => industry.inputValue()).toBe(applicant.sector)
		await page.getByLabel('Region', { exact: true }).selectOption({ label: applicant.region })
		await page.getByLabel('Time zone', { exact: true }).selectOption({ label: applicant.timeZone })
		await page.getByLabel('Why do you want to join? (optional)', { exact: true }).fill(applicant.note)
		await page.getByLabel('Password', { exact: true }).fill('too-short')
		await page.getByRole('button', { name: 'Send application' }).click()

		const password = page.getByLabel('Password', { exact: true })
		await page.getByText('Use at least 10 characters.', { exact: true }).waitFor()
		expect(await password.getAttribute('aria-invalid')).toBe('true')
		expect(await accessibleDescription(page, 'Password')).toContain('Use at least 10 characters.')
		// Only the password is wrong; everything else was accepted and kept.
		for (const label of ['Full name', 'Work email', 'Title', 'Company', 'Company industry', 'Region', 'Time zone'])
			expect(
				await page
					.getByLabel(label, { exact: true })
					.and(page.locator('input, select, textarea'))
					.getAttribute('aria-invalid'),
				label,
			).toBeNull()
		expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe(applicant.name)
		expect(pathOf(page)).toBe('/join')
		await screenshot(page, '02-join-password-too-short')

		await password.fill(applicant.password)
		// Fixing the field clears its error as you type, so the button is where it will be clicked.
		await page.getByText('Use at least 10 characters.', { exact: true }).waitFor({ state: 'detached' })
		await page.getByRole('button', { name: 'Send application' }).click()
		await page.waitForURL((url) => url.pathname === '/login')
		expect(pathOf(page)).toBe('/login?applied=1')
		await page.getByRole('status').filter({ hasText: 'Thank you for applying' }).waitFor()
		await page.getByRole('heading', { level: 1, name: 'Sign in to Crossroads' }).waitFor()
		await screenshot(page, '03-applied-login-notice')
	})

	test('(b) the applicant signs in and only sees the status of their application', async () => {
		const page = applicantPage
		await fillSignInForm(page, applicant.email, applicant.password)
		await page.waitForURL((url) => url.pathname === '/application')
		await page.getByRole('heading', { level: 1, name: 'Your application is under review' }).waitFor()
		await page.getByText(`Signed in as ${applicant.name}.`).waitFor()
		expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0)
		await screenshot(page, '04-application-under-review')

		// The network itself stays closed until approval.
		await page.goto('/')
		expect(pathOf(page)).toBe('/application')
		await page.getByRole('heading', { level: 1, name: 'Your application is under review' }).waitFor()
		expect(await page.getByText('Good to see you').count()).toBe(0)
		await page.goto('/admin/applications')
		expect(pathOf(page)).toBe('/application')
	})

	test('(c) the admin approves the new applicant from the applications queue', async () => {
		const page = await newPage()
		await page.goto('/login')
		await fillSignInForm(page, admin.email, demoPassword)
		await page.waitForURL((url) => url.pathname === '/')
		const header = page.getByRole('banner')
		await header.getByText(admin.name, { exact: true }).waitFor()
		await header.getByTestId('signed-in-as').getByText('Admin', { exact: true }).waitFor()

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click()
		await page
			.getByRole('main')
			.getByRole('link', { name: /Applications/ })
			.click()
		await page.waitForURL((url) => url.pathname === '/admin/applications')
		await page.getByRole('heading', { level: 1, name: 'Membership applications' }).waitFor()
		const card = page.getByRole('article', { name: applicant.name, exact: true })
		await card.waitFor()
		await card.getByText(`${applicant.title} · ${applicant.company}`).waitFor()
		await card.getByText(applicant.note).waitFor()
		await screenshot(page, '05-admin-applications')

		await card.getByRole('button', { name: `Approve ${applicant.name}`, exact: true }).click()
		await page
			.getByRole('status')
			.filter({ hasText: `${applicant.name} was approved and can now use the network.` })
			.waitFor()
		await card.waitFor({ state: 'detached' })
		await screenshot(page, '06-admin-approved')
	})

	test('(d) once approved, the applicant sees the member home', async () => {
		const page = applicantPage
		await page.goto('/')
		expect(pathOf(page)).toBe('/')
		await page.getByRole('heading', { level: 1, name: `Good to see you, ${applicant.firstName}.` }).waitFor()
		const header = page.getByRole('banner')
		await header.getByText(applicant.name, { exact: true }).waitFor()
		await header.getByText('Member', { exact: true }).waitFor()
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).waitFor()
		expect(
			await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).count(),
		).toBe(0)
		await screenshot(page, '07-member-home')
	})

	test('(e) the member signs out, and signing in from /login?redirectTo returns to /settings', async () => {
		const page = applicantPage
		await waitForHydration(page)
		await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
		await page
			.getByRole('heading', { level: 1, name: 'Learn from marketing leaders who will never be your competitors.' })
			.waitFor()
		expect(pathOf(page)).toBe('/')
		await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor()
		expect(await page.getByRole('banner').getByText(applicant.name).count()).toBe(0)
		await screenshot(page, '08-signed-out')

		await page.goto('/settings')
		expect(pathOf(page)).toBe('/login?redirectTo=%2Fsettings')
		await fillSignInForm(page, applicant.email, applicant.password)
		await page.waitForURL((url) => url.pathname === '/settings')
		await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
		await page.getByText(applicant.email, { exact: true }).waitFor()
		await screenshot(page, '09-back-at-settings')
	})

	test('(f) a wrong password shows an alert on /login', async () => {
		const page = await newPage()
		await page.goto('/login')
		await fillSignInForm(page, admin.email, 'not-the-right-password')
		const alert = page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' })
		await alert.waitFor()
		expect(pathOf(page)).toBe('/login')
		expect(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).count()).toBe(1)
		await screenshot(page, '10-wrong-password')
	})

	test('no uncaught errors or console errors in the browser', () => {
		expect(harness.browserErrors).toEqual([])
	})
})
