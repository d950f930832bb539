import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loadSnapshots, readPolicySettings } from '../../app/features/conflicts/conflict-keys.server.ts'
import { evaluateConflict } from '../../app/features/conflicts/policy.ts'
import { openDatabase } from '../../db/client.ts'
import { conflictShowcase, demoPassword } from '../../db/seed.ts'
import { launchChromium } from '../support/chromium.ts'
import { startServerProcess, type ServerProcess } from '../support/server-process.ts'

/** The conflict policy as a member meets it: a competitor's profile by URL, then a real connection. */

const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url))
const maya = conflictShowcase.demoMember
let directory: string
let server: ServerProcess | undefined
let browser: Browser | undefined
const contexts: BrowserContext[] = []

beforeAll(async () => {
	mkdirSync(screenshotDir, { recursive: true })
	directory = mkdtempSync(join(tmpdir(), 'crossroads-e2e-peers-'))
	server = await startServerProcess({ databasePath: join(directory, 'e2e.db'), seed: true })
	browser = await launchChromium()
})

afterAll(async () => {
	for (const context of contexts) await context.close()
	await browser?.close()
	await server?.stop()
	rmSync(directory, { recursive: true, force: true })
})

async function signedInPage(email: string) {
	const context = await browser!.newContext({ baseURL: server!.url, viewport: { width: 1280, height: 900 } })
	context.setDefaultTimeout(15_000)
	contexts.push(context)
	const page = await context.newPage()
	await page.goto('/login')
	// Wait for hydration, so the click goes through Remix rather than racing it.
	await page.waitForFunction(
		() =>
			document.readyState === 'complete' &&
			'__remixRouter' in window &&
			Object.keys(document.body).some((key) => key.startsWith('__reactFiber$')),
	)
	await page.getByLabel('Work email', { exact: true }).fill(email)
	await page.getByLabel('Password', { exact: true }).fill(demoPassword)
	await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click()
	await page.waitForURL((url) => url.pathname === '/')
	return page
}

const shot = (page: Page, name: string) =>
	page.screenshot({ path: join(screenshotDir, `peers-${name}.png`), fullPage: true })

/** An active member Maya has no connection with and may meet, read from the seeded database. */
function cleanStranger() {
	const db = openDatabase(join(directory, 'e2e.db'))
	try {
		const candidates = db.$client
			.prepare(
				`select u.id, u.email, u.name from users u
				where u.status = 'active' and u.id != ? and u.email not like '%@crossroads.test'
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

test('a competitor’s profile opened by URL shows only the reason, and no way to make contact', async () => {
	const page = await signedInPage(maya.email)
	const [grocer] = conflictShowcase.sameSector
	await page.goto(`/members/${grocer!.userId}`)
	await page.getByRole('heading', { level: 1, name: grocer!.name }).waitFor()
	await expect(page.getByRole('status').textContent()).resolves.toContain(
		'Same industry group: 4451 Grocery and Convenience Retailers',
	)
	expect(await page.getByRole('button', { name: 'Request to connect' }).count()).toBe(0)
	await shot(page, 'conflicted-profile')

	await page.goto(`/members/${conflictShowcase.doNotIntroduce.listsMember.userId}`)
	await expect(page.getByRole('status').textContent()).resolves.toContain('This member is not available.')
	expect(await page.getByRole('main').textContent()).not.toContain('list')
})

test('a member asks a peer from another industry to connect, and the peer accepts', async () => {
	const peer = cleanStranger()
	const page = await signedInPage(maya.email)
	await page.goto(`/members/${peer.id}`)
	await page.getByRole('heading', { level: 1, name: peer.name }).waitFor()
	await page.getByLabel(/Note to/).fill('Would love to compare loyalty programs.')
	await page.getByRole('button', { name: 'Request to connect' }).click()
	await page.getByText('Request sent.').waitFor()
	await shot(page, 'request-sent')

	const peerPage = await signedInPage(peer.email)
	const waiting = peerPage.getByRole('heading', { name: /Requests waiting for you/ }).locator('xpath=..')
	await waiting.getByRole('link', { name: new RegExp(maya.name) }).click()
	await peerPage.getByText('Would love to compare loyalty programs.').waitFor()
	await peerPage.getByRole('button', { name: 'Accept' }).click()
	await peerPage.getByText(`You are connected with ${maya.name.split(' ')[0]}.`).waitFor()

	await page.reload()
	await page.getByText(`You are connected with ${peer.name.split(' ')[0]}.`).waitFor()
	await page.goto('/')
	const connected = page.getByRole('heading', { name: /Your connections/ }).locator('xpath=..')
	expect(await connected.getByRole('link', { name: new RegExp(peer.name) }).count()).toBe(1)
	await shot(page, 'home-connections')
})

test('the directory never shows a member the policy keeps apart, whatever the search', async () => {
	const page = await signedInPage(maya.email)
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click()
	await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor()
	const [grocer] = conflictShowcase.sameSector
	await page.getByRole('searchbox', { name: /Search by name/ }).fill(grocer!.name)
	await page.getByRole('button', { name: 'Search' }).click()
	await page.waitForURL((url) => url.searchParams.get('q') === grocer!.name)
	await page.getByText('No members match.').waitFor()

	await page.goto('/members')
	await page.getByLabel('Sector').selectOption({ label: 'Retail Trade' })
	await page.waitForURL((url) => url.searchParams.get('sector') === '44-45')
	const cards = page.getByRole('list', { name: 'Members' })
	await cards.waitFor()
	const text = (await cards.textContent()) ?? ''
	expect(text).not.toMatch(/Grocery|Convenience Retailers/)
	expect(text).toMatch(/Retailers/)
	await shot(page, 'directory-retail')
	await page.goBack()
	await page.waitForURL((url) => !url.searchParams.has('sector'))
})
