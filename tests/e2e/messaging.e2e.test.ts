import type { Page, WebSocketRoute } from 'playwright-core'
import { expect, test } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { conflictShowcase, demoPassword } from '../../db/seed.ts'
import { useBrowserHarness } from './support/harness.ts'

/** Two members chatting live in two browser contexts; one drops off the network and catches up. */

const harness = useBrowserHarness('messaging')
const maya = conflictShowcase.demoMember

/** An active member Maya is connected with (accepted, not suspended), read from the seeded database. */
function connectedPeer() {
	const db = openDatabase(harness.databasePath)
	try {
		return db.$client
			.prepare(
				`select u.id, u.email, u.name from connections c
				join users u on u.id = case when c.requester_id = ? then c.addressee_id else c.requester_id end
				where (c.requester_id = ? or c.addressee_id = ?) and c.status = 'accepted' and c.suspended_at is null
					and u.status = 'active' and u.role = 'member'
				order by u.id limit 1`,
			)
			.get(maya.userId, maya.userId, maya.userId) as { id: string; email: string; name: string }
	} finally {
		db.$client.close()
	}
}

async function signedInPage(email: string) {
	const page = await harness.newPage()
	await harness.signIn(page, email, demoPassword)
	await harness.waitForHydration(page)
	return page
}

/** The header's unread messages badge (0 when it is not shown). */
async function unreadBadge(page: Page) {
	const badge = page.getByTestId('messages-unread')
	return (await badge.count()) ? Number(await badge.textContent()) : 0
}

/** The texts of the messages in the open conversation, top to bottom. */
async function messageTexts(page: Page) {
	return page.getByTestId('message-log').getByTestId('message-body').allTextContents()
}

async function send(page: Page, text: string) {
	const composer = page.getByRole('textbox', { name: /^Message / })
	await composer.fill(text)
	await composer.press('Enter')
}

/** The conversation view is rendered (sends made before the socket connects are buffered, then sent). */
async function waitForConversation(page: Page) {
	await page.getByTestId('message-log').waitFor()
	await page.getByTestId('presence').first().waitFor()
}

test('two members chat live: delivery, unread badge, typing, receipts, edits, deletions and catching up', async () => {
	const peer = connectedPeer()
	expect(peer, 'the seed connects the demo member with someone').toBeTruthy()
	const peerFirst = peer.name.split(' ')[0]!

	// Maya starts the conversation from the peer's profile.
	const a = await signedInPage(maya.email)
	await a.goto(`/members/${peer.id}`)
	await harness.waitForHydration(a)
	await a.getByRole('button', { name: `Message ${peerFirst}` }).click()
	await a.waitForURL((url) => /^\/messages\/cnv_/.test(url.pathname))
	const conversationPath = new URL(a.url()).pathname
	await harness.waitForHydration(a)
	await waitForConversation(a)

	// The peer is elsewhere in the app; the header badge counts the new message live.
	// The peer's socket.io websocket runs through a route the test can cut: going offline in
	// Chromium does not close an open websocket by itself.
	const b = await harness.newPage()
	const peerSockets: WebSocketRoute[] = []
	await b.routeWebSocket(/\/socket\.io\//, (route) => {
		route.connectToServer()
		peerSockets.push(route)
	})
	await harness.signIn(b, peer.email, demoPassword)
	await harness.waitForHydration(b)
	// A message sent before the peer's socket connects is counted too: the server sends exact counts on connect.
	const before = await unreadBadge(b)
	await send(a, 'Hello from Maya — see https://example.com/report for the deck.')
	await a.getByTestId('message-log').getByText('Hello from Maya').waitFor()
	await expect.poll(() => a.locator('[data-pending]').count()).toBe(0)
	await expect.poll(() => unreadBadge(b), { timeout: 10_000 }).toBe(before + 1)
	expect(await b.getByTestId('messages-nav').getAttribute('href')).toBe('/messages')

	// The peer opens it from the list; the link in the text is a safe link.
	await b.getByTestId('messages-nav').click()
	await b.waitForURL((url) => url.pathname === '/messages')
	await b.locator(`a[href="${conversationPath}"]`).first().click()
	await b.waitForURL((url) => url.pathname === conversationPath)
	await waitForConversation(b)
	const link = b.getByTestId('message-log').getByRole('link', { name: 'https://example.com/report' })
	expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow')
	await expect.poll(() => unreadBadge(b)).toBe(before)

	// Maya sees her message read, then sees the peer typing and the reply.
	await a.getByTestId('seen').getByText('Seen').waitFor()
	await b.getByRole('textbox', { name: /^Message / }).pressSequentially('On it', { delay: 30 })
	await expect.poll(() => a.getByTestId('typing').textContent()).toBe(`${peerFirst} is typing…`)
	await b.getByRole('textbox', { name: /^Message / }).press('Enter')
	await a.getByTestId('message-log').getByText('On it', { exact: true }).waitFor()
	await expect.poll(() => a.getByTestId('typing').textContent()).toBe('')
	await harness.screenshot(a, 'conversation-desktop')

	// Maya edits, then deletes her message: the peer sees both without reloading.
	const mine = a.locator('[data-own]').filter({ hasText: 'Hello from Maya' })
	await mine.getByLabel('Message actions').click()
	await mine.getByRole('link', { name: 'Edit' }).click()
	const editor = mine.getByRole('textbox', { name: 'Edit message' })
	await editor.fill('Hello from Maya (corrected)')
	await editor.press('Enter')
	await b.getByTestId('message-log').getByText('Hello from Maya (corrected)').waitFor()
	await expect
		.poll(() => b.locator('[data-message-id]').filter({ hasText: 'Hello from Maya (corrected)' }).textContent())
		.toContain('(edited)')
	// Deleting asks first: focus goes to the confirm button, Escape cancels and returns to the menu.
	const edited = a.locator('[data-own]').filter({ hasText: 'Hello from Maya (corrected)' })
	const actions = edited.getByLabel('Message actions')
	const confirmation = edited.getByRole('group', { name: 'Delete this message for everyone?' })
	const focused = () =>
		a.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent)
	await actions.click()
	await edited.getByRole('link', { name: 'Delete' }).click()
	await confirmation.waitFor()
	await expect.poll(focused).toBe('Delete')
	await harness.screenshot(a, 'delete-confirmation')
	await a.keyboard.press('Escape')
	await confirmation.waitFor({ state: 'detached' })
	await expect.poll(focused).toBe('Message actions')
	expect(await b.getByTestId('message-log').textContent()).toContain('Hello from Maya (corrected)')
	await actions.click()
	await edited.getByRole('link', { name: 'Delete' }).click()
	await expect.poll(focused).toBe('Delete')
	await a.keyboard.press('Enter')
	await confirmation.waitFor({ state: 'detached' })
	await b.getByTestId('message-log').getByText('Message deleted').waitFor()
	expect(await b.getByTestId('message-log').textContent()).not.toContain('Hello from Maya')

	// The peer drops off the network; Maya sends two messages; back online, they arrive once, in order.
	await b.context().setOffline(true)
	for (const route of peerSockets) await route.close()
	await expect
		.poll(() => a.getByTestId('presence').first().textContent(), { timeout: 10_000 })
		.toMatch(/^(Last seen|Offline)/)
	await send(a, 'While you were away: one')
	await send(a, 'While you were away: two')
	await expect.poll(() => a.locator('[data-pending]').count()).toBe(0)
	await b.waitForTimeout(1500)
	await b.context().setOffline(false)
	await expect
		.poll(async () => (await messageTexts(b)).filter((text) => text.startsWith('While you were away')), {
			timeout: 20_000,
		})
		.toEqual(['While you were away: one', 'While you were away: two'])
	await b.waitForTimeout(1000)
	const texts = await messageTexts(b)
	expect(texts.filter((text) => text.startsWith('While you were away'))).toEqual([
		'While you were away: one',
		'While you were away: two',
	])
	expect(texts.at(-1)).toBe('While you were away: two')

	// Screens: the list and the conversation, at desktop and phone widths.
	await harness.screenshot(b, 'conversation-peer-desktop')
	await a.goto('/messages')
	await harness.waitForHydration(a)
	await harness.screenshot(a, 'list-desktop')
	await a.setViewportSize({ width: 390, height: 844 })
	await harness.screenshot(a, 'list-phone')
	await a.goto(conversationPath)
	await harness.waitForHydration(a)
	await harness.screenshot(a, 'conversation-phone')
})

test('no uncaught errors or console errors in the browser', () => {
	expect(harness.browserErrors).toEqual([])
})
