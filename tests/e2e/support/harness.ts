import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { launchChromium } from '../../support/chromium.ts'
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts'

const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url))

/**
 * One e2e file's world: the production server on a freshly seeded database in a temp folder,
 * Chromium, pages that record browser errors, and screenshots named after the file.
 */
export function useBrowserHarness(name: string) {
	let directory = ''
	let server: ServerProcess | undefined
	let browser: Browser | undefined
	const contexts: BrowserContext[] = []
	const browserErrors: string[] = []

	beforeAll(async () => {
		mkdirSync(screenshotDir, { recursive: true })
		directory = mkdtempSync(join(tmpdir(), `crossroads-e2e-${name}-`))
		server = await startServerProcess({ databasePath: join(directory, 'e2e.db'), seed: true })
		browser = await launchChromium()
	})

	afterAll(async () => {
		for (const context of contexts) await context.close()
		await browser?.close()
		await server?.stop()
		rmSync(directory, { recursive: true, force: true })
	})

	beforeEach(({ task, onTestFailed }) => {
		// A test.fails test is expected to fail: no need for the logs then.
		if (!task.fails)
			onTestFailed(() =>
				console.log(`Server output:\n${server?.output()}\nBrowser errors:\n${browserErrors.join('\n')}`),
			)
	})

	/** A fresh browser context (its own cookies) and page; desktop-sized unless told otherwise. */
	async function newPage(options: BrowserContextOptions = {}) {
		const context = await browser!.newContext({
			baseURL: server!.url,
			viewport: { width: 1280, height: 900 },
			...options,
		})
		context.setDefaultTimeout(15_000)
		contexts.push(context)
		const page = await context.newPage()
		page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`))
		page.on('console', (message) => {
			// An HTTP error status (401 on a wrong password, 403, 404) is logged as a failed load; expected.
			if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
				browserErrors.push(`console.error: ${message.text()}`)
		})
		return page
	}

	/** Remix has hydrated: the router exists and React owns the body. */
	async function waitForHydration(page: Page) {
		await page.waitForFunction(
			() =>
				document.readyState === 'complete' &&
				'__remixRouter' in window &&
				Object.keys(document.body).some((key) => key.startsWith('__reactFiber$')),
		)
	}

	async function signIn(page: Page, email: string, password: string) {
		await page.goto('/login')
		await waitForHydration(page)
		await page.getByLabel('Work email', { exact: true }).fill(email)
		await page.getByLabel('Password', { exact: true }).fill(password)
		await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click()
		await page.waitForURL((url) => url.pathname === '/')
	}

	return {
		get server() {
			return server!
		},
		get databasePath() {
			return join(directory, 'e2e.db')
		},
		browserErrors,
		newPage,
		waitForHydration,
		signIn,
		screenshot: (page: Page, step: string) =>
			page.screenshot({ path: join(screenshotDir, `${name}-${step}.png`), fullPage: true }),
	}
}
