import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { conflictShowcase, demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/** A member edits their profile in a real browser: a photo, and an industry that changes who they may meet. */

const harness = useBrowserHarness('profile')
const maya = conflictShowcase.demoMember

/** One of Maya's accepted connections, with the primary code of their company, read from the seed. */
function connectedPeer() {
	const db = openDatabase(harness.databasePath)
	try {
		return db.$client
			.prepare(
				`select u.id, u.email, u.name, sc.code, n.title from connections c
				join users u on u.id = case when c.requester_id = ? then c.addressee_id else c.requester_id end
				join member_profiles p on p.user_id = u.id
				join company_sector_codes sc on sc.company_id = p.company_id and sc.is_primary = 1
				join naics_codes n on n.code = sc.code
				where c.status = 'accepted' and c.suspended_at is null and ? in (c.requester_id, c.addressee_id)
					and length(sc.code) = 6
				order by u.id limit 1`,
			)
			.get(maya.userId, maya.userId) as { id: string; email: string; name: string; code: string; title: string }
	} finally {
		db.$client.close()
	}
}

test('a member uploads a photo and peers see it instead of initials', async () => {
	const page = await harness.newPage()
	await harness.signIn(page, maya.email, demoPassword)
	await page.getByRole('link', { name: /Your profile/ }).click()
	await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor()
	await harness.waitForHydration(page)

	const file = join(mkdtempSync(join(tmpdir(), 'crossroads-photo-')), 'maya.jpg')
	writeFileSync(
		file,
		await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c84' } })
			.jpeg()
			.toBuffer(),
	)
	await page.getByLabel('Upload a photo').setInputFiles(file)
	await page.getByRole('button', { name: 'Upload photo', exact: true }).click()
	await page.getByText('Photo updated.').waitFor()
	const photo = page.locator(`img[src^="/photos/${maya.userId}?v="]`).first()
	await photo.waitFor()
	// Attached is not loaded: the natural size is 0×0 until the bytes arrive.
	await expect
		.poll(() => photo.evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight]))
		.toEqual([320, 320])
	// The header shows it too, on every page.
	await page.getByTestId('signed-in-as').locator(`img[src^="/photos/${maya.userId}?v="]`).waitFor()
	await harness.screenshot(page, 'photo-uploaded')

	const peer = connectedPeer()
	const peerPage = await harness.newPage()
	await harness.signIn(peerPage, peer.email, demoPassword)
	await peerPage.goto(`/members/${maya.userId}`)
	const seen = peerPage.locator(`img[src^="/photos/${maya.userId}?v="]`).first()
	await seen.waitFor()
	await expect.poll(() => seen.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(320)
})

test('adding a connected peer’s industry, picked by keyboard, suspends the connection; removing it restores it', async () => {
	const peer = connectedPeer()
	const page = await harness.newPage({ viewport: { width: 390, height: 844 } })
	await harness.signIn(page, maya.email, demoPassword)
	await page.goto('/profile')
	await harness.waitForHydration(page)

	const picker = page.getByRole('combobox', { name: 'Add an industry' })
	await picker.fill(peer.code)
	await page.getByRole('option', { name: new RegExp(`^${peer.code}`) }).waitFor()
	await picker.press('ArrowDown')
	// The highlighted option is announced through aria-activedescendant before Enter picks it.
	await page.waitForFunction(
		(input) => Boolean(input?.getAttribute('aria-activedescendant')),
		await picker.elementHandle(),
	)
	await picker.press('Enter')
	await expect.poll(() => picker.inputValue()).toBe(`${peer.code} ${peer.title}`)
	await page.getByRole('button', { name: 'Add', exact: true }).click()
	await page.getByText(/Code added\. \d+ connections? (is|are) now suspended/).waitFor()
	await harness.screenshot(page, 'code-added-phone')

	await page.goto(`/members/${peer.id}`)
	await expect(page.getByRole('status').first().textContent()).resolves.toContain('Not a peer match')

	const peerPage = await harness.newPage()
	await harness.signIn(peerPage, peer.email, demoPassword)
	await peerPage.goto(`/members/${maya.userId}`)
	await peerPage.getByText('Not a peer match: our competitor policy keeps you apart').waitFor()

	await page.goto('/profile')
	await page.getByRole('button', { name: new RegExp(`Remove ${peer.code}`) }).click()
	await page.getByText(/Removed\. \d+ suspended connections? (was|were) restored\./).waitFor()
	await peerPage.reload()
	await peerPage.getByText(`You are connected with ${maya.name.split(' ')[0]}.`).waitFor()
})

test('no uncaught errors or console errors in the browser', () => {
	expect(harness.browserErrors).toEqual([])
})
