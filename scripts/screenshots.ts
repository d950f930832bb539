/**
 * Screenshots of the main pages at desktop and phone width, for looking at what we built:
 * `tsx scripts/screenshots.ts http://localhost:3000` → tests/e2e/screenshots/*.png
 */
import { mkdirSync } from 'node:fs'
import { launchChromium } from '../tests/support/chromium.ts'

const baseUrl = process.argv[2] ?? 'http://localhost:3000'
const pages = (process.argv[3] ?? '/,/join,/login,/settings,/admin/applications,/nope').split(',')
const login = process.env.SCREENSHOT_LOGIN ?? 'admin@crossroads.test'
const outDir = 'tests/e2e/screenshots'
mkdirSync(outDir, { recursive: true })

const browser = await launchChromium()
for (const [label, viewport] of [
	['desktop', { width: 1280, height: 860 }],
	['phone', { width: 390, height: 844 }],
] as const) {
	for (const signedIn of [false, true]) {
		const context = await browser.newContext({ viewport })
		const page = await context.newPage()
		if (signedIn) {
			await page.goto(`${baseUrl}/login`)
			await page.getByLabel('Work email').fill(login)
			await page.getByLabel('Password').fill('crossroads-demo')
			await page.getByRole('button', { name: 'Sign in' }).click()
			await page.waitForURL((url) => !url.pathname.startsWith('/login'))
		}
		for (const path of pages) {
			await page.goto(`${baseUrl}${path}`)
			const name = `${label}-${signedIn ? 'in' : 'out'}-${path.replaceAll('/', '_') || 'home'}.png`
			await page.screenshot({ path: `${outDir}/${name}`, fullPage: true })
		}
		await context.close()
	}
}
await browser.close()
console.log(`Screenshots in ${outDir}`)
