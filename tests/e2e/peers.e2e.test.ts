import { expect, test } from 'vitest'
import { loadSnapshots, readPolicySettings } from '../../app/features/conflicts/conflict-keys.server.ts'
import { evaluateConflict } from '../../app/features/conflicts/policy.ts'
import { openDatabase } from '../../db/client.ts'
import { conflictShowcase, demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/** The conflict policy as a member meets it: a competitor's profile by URL, then a real connection. */

const harness = useBrowserHarness('peers')
const maya = conflictShowcase.demoMember

async function signedInPage(email: string) {
	const page = await harness.newPage()
	await harness.signIn(page, email, demoPassword)
	return page
}

const shot = harness.screenshot

/** An active member Maya has no connection with and may meet, read from the seeded database. */
function cleanStranger() {
	const db = openDatabase(harness.databasePath)
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

test('no uncaught errors or console errors in the browser', () => {
	expect(harness.browserErrors).toEqual([])
})
