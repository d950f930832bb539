import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { connectionBetween, removeConnection } from '#app/features/connections/connections.server.ts'
import { messageHistory, sendMessage, unreadMessageCount } from '#app/features/messaging/messaging.server.ts'
import { createRoundtable, respondToInvite } from '#app/features/messaging/roundtables.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { createUser } from '#tests/support/factories.ts'
import { connect, createConnectedPair, newClientId } from '#tests/support/messaging.ts'
import { errorPage, fieldErrors, formAlert, mainText, signedInBrowser, startTestServer, type Page } from './support.ts'

/** The conversation pages without JavaScript: every read and write is a plain GET or form post. */

let server: ServerProcess

beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

/** The server-generated client id the no-JS composer carries. */
function composerClientId(page: Page) {
	const id = /<input type="hidden" name="clientId" value="([^"]+)"/.exec(page.html)?.[1]
	if (!id) throw new Error('The page has no composer client id')
	return id
}

const storedWithClientId = (clientId: string) =>
	(db.$client.prepare('select count(*) as count from messages where client_id = ?').get(clientId) as { count: number })
		.count

/** The header's "Messages" link: its accessible name, as rendered by the server. */
function messagesNav(page: Page) {
	const link = /<a[^>]*data-testid="messages-nav"[^>]*>([\s\S]*?)<\/a>/.exec(page.html)?.[1] ?? ''
	return mainTextOf(link)
}
const mainTextOf = (html: string) => mainText(`<main>${html}</main>`)

/** The text of each search result, top to bottom. */
function searchResults(page: Page) {
	const list = /<ul aria-label="Search results"[^>]*>([\s\S]*?)<\/ul>/.exec(page.html)?.[1] ?? ''
	return [...list.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((item) => mainTextOf(item[1]!))
}

/** The text of the roundtable people page's member list. */
function peopleList(page: Page) {
	return mainTextOf(/<section aria-labelledby="members-heading"[^>]*>([\s\S]*?)<\/section>/.exec(page.html)?.[1] ?? '')
}

/** Whether a member holds a seat in a roundtable, joined or invited. */
const seatOf = (conversationId: string, userId: string) =>
	(
		db.$client
			.prepare('select status from conversation_members where conversation_id = ? and user_id = ?')
			.get(conversationId, userId) as { status: string } | undefined
	)?.status

describe('reading a conversation', () => {
	test('the list and the conversation render on the server, text escaped and linked, and opening it reads it', async () => {
		const { first, second, conversationId } = await createConnectedPair({ first: { name: 'Ines Alvarez' } })
		sendMessage(second.id, {
			conversationId,
			clientId: newClientId(),
			body: 'Hi <b>Ines</b>\nthe deck: https://example.com/deck.',
		})
		sendMessage(second.id, { conversationId, clientId: newClientId(), body: 'Second line of thought' })
		const browser = await signedInBrowser(server, first.email, first.password)
		const list = await browser.get('/messages')
		expect(list.status).toBe(200)
		expect(mainText(list.html)).toContain(second.name)
		expect(mainText(list.html)).toContain('Second line of thought')
		expect(messagesNav(list)).toBe('Messages 2 , 2 unread')

		const page = await browser.get(`/messages/${conversationId}`)
		expect(page.status).toBe(200)
		expect(page.html).not.toContain('<b>Ines</b>')
		expect(mainText(page.html)).toContain('Hi <b>Ines</b>')
		expect(page.html).toContain('<a href="https://example.com/deck" rel="noopener noreferrer nofollow" target="_blank"')
		expect(page.html).toMatch(/<br\/?>/)
		expect(unreadMessageCount(first.id)).toBe(0)
		expect(mainText((await browser.get('/messages')).html)).not.toMatch(/\d+ unread/)
	})

	test('someone outside the conversation gets a 404, for reading and for posting', async () => {
		const { conversationId } = await createConnectedPair()
		const outsider = await createUser({ sectorCode: '311811' })
		const browser = await signedInBrowser(server, outsider.email, outsider.password)
		const page = await browser.get(`/messages/${conversationId}`)
		expect(page.status).toBe(404)
		expect(errorPage(page.html).heading).toBe('We could not find that page')
		const post = await browser.post(`/messages/${conversationId}`, {
			intent: 'send',
			clientId: newClientId(),
			body: 'Let me in',
		})
		expect(post.status).toBe(404)
		expect((await browser.get('/messages/cnv_doesnotexist')).status).toBe(404)
	})

	test('"load earlier" is a link with a cursor, and a search result opens the message in context', async () => {
		const { first, second, conversationId } = await createConnectedPair()
		const ids: number[] = []
		for (let index = 1; index <= 60; index++) {
			const sent = sendMessage(index % 2 ? first.id : second.id, {
				conversationId,
				clientId: newClientId(),
				body: index === 3 ? 'The quarterly pipeline review is on Friday' : `Message number ${index}`,
			})
			if (sent.ok) ids.push(sent.data.message.id)
		}
		const browser = await signedInBrowser(server, first.email, first.password)
		const newest = await browser.get(`/messages/${conversationId}`)
		expect(mainText(newest.html)).toContain('Message number 60')
		expect(mainText(newest.html)).not.toContain('Message number 10 ')
		const oldestShown = ids[10]!
		expect(newest.html).toContain(`href="/messages/${conversationId}?before=${oldestShown}"`)
		const earlier = await browser.get(`/messages/${conversationId}?before=${oldestShown}`)
		expect(mainText(earlier.html)).toContain('Message number 10')
		expect(mainText(earlier.html)).toContain('Jump to the latest messages')

		const search = await browser.get('/messages/search?q=pipeline')
		expect(search.status).toBe(200)
		expect(search.html).toMatch(/<mark[^>]*>pipeline<\/mark>/)
		const target = ids[2]!
		expect(search.html).toContain(`href="/messages/${conversationId}?around=${target}#message-${target}"`)
		const around = await browser.get(`/messages/${conversationId}?around=${target}`)
		expect(around.status).toBe(200)
		expect(around.html).toContain(`id="message-${target}"`)
		expect(mainText(around.html)).toContain('The quarterly pipeline review is on Friday')
		expect(around.html).not.toContain(`id="message-${ids[59]}"`)
	})

	test('search results name the sender only where the conversation does not: "You", or a roundtable member', async () => {
		const { first, second, conversationId } = await createConnectedPair({
			first: { name: 'Noor Haddad' },
			second: { name: 'Piet Visser' },
		})
		const guest = await createUser({ name: 'Quinn Adeyemi', sectorCode: '522110' })
		connect(first.id, guest.id)
		sendMessage(second.id, { conversationId, clientId: newClientId(), body: 'Attribution model draft attached' })
		sendMessage(first.id, { conversationId, clientId: newClientId(), body: 'Attribution looks right to me' })
		const room = createRoundtable(first.id, { title: 'Measurement circle', inviteeIds: [second.id, guest.id] })
		if (!room.ok) throw new Error(room.message)
		respondToInvite(guest.id, room.data.conversationId, true)
		sendMessage(guest.id, {
			conversationId: room.data.conversationId,
			clientId: newClientId(),
			body: 'Attribution in retail is hard',
		})
		const browser = await signedInBrowser(server, first.email, first.password)
		const results = searchResults(await browser.get('/messages/search?q=attribution'))
		expect(results).toHaveLength(3)
		const byBody = (body: string) => results.find((text) => text.includes(body)) ?? ''
		expect(byBody('Attribution model draft attached')).toMatch(/^Piet Visser \S.* Attribution model draft attached$/)
		expect(byBody('Attribution model draft attached').match(/Piet Visser/g)).toHaveLength(1)
		expect(byBody('Attribution looks right to me')).toMatch(/^Piet Visser \S.* You Attribution looks right to me$/)
		expect(byBody('Attribution in retail is hard')).toMatch(
			/^Measurement circle \S.* Quinn Adeyemi Attribution in retail is hard$/,
		)
	})
})

describe('writing without JavaScript', () => {
	test('a form post sends, and a double submit with the same client id stores one message', async () => {
		const { first, second, conversationId } = await createConnectedPair()
		const browser = await signedInBrowser(server, first.email, first.password)
		const page = await browser.get(`/messages/${conversationId}`)
		const clientId = composerClientId(page)
		const fields = { intent: 'send', clientId, body: 'Sent from a plain form' }
		const sent = await browser.post(`/messages/${conversationId}`, fields)
		expect(sent.status).toBe(302)
		expect(sent.location).toMatch(new RegExp(`^/messages/${conversationId}#message-\\d+$`))
		const again = await browser.post(`/messages/${conversationId}`, fields)
		expect(again.status).toBe(302)
		expect(again.location).toBe(sent.location)
		expect(storedWithClientId(clientId)).toBe(1)
		const after = await browser.get(`/messages/${conversationId}`)
		expect(mainText(after.html)).toContain('Sent from a plain form')
		expect(composerClientId(after)).not.toBe(clientId)
		expect(unreadMessageCount(second.id)).toBe(1)
	})

	test('bad input answers 400 with the field errors and keeps the page', async () => {
		const { first, conversationId } = await createConnectedPair()
		const browser = await signedInBrowser(server, first.email, first.password)
		const empty = await browser.post(`/messages/${conversationId}`, {
			intent: 'send',
			clientId: newClientId(),
			body: '   ',
		})
		expect(empty.status).toBe(400)
		expect(fieldErrors(empty.html, 'composer')).toEqual({ body: ['Write a message.'] })
		const long = await browser.post(`/messages/${conversationId}`, {
			intent: 'send',
			clientId: newClientId(),
			body: 'x'.repeat(4001),
		})
		expect(long.status).toBe(400)
		expect(fieldErrors(long.html, 'composer')).toEqual({ body: ['A message can be at most 4,000 characters.'] })
		const badId = await browser.post(`/messages/${conversationId}`, { intent: 'send', clientId: '!', body: 'Hi' })
		expect(badId.status).toBe(400)
		expect(formAlert(badId.html, 'composer')).toBe('The client id must be 8–64 letters, digits, "-" or "_".')
		expect((await browser.post(`/messages/${conversationId}`, { intent: 'shout' })).status).toBe(400)
	})

	test('own messages can be edited and deleted by form; others’ cannot', async () => {
		const { first, second, conversationId } = await createConnectedPair()
		const mine = sendMessage(first.id, { conversationId, clientId: newClientId(), body: 'Typo here' })
		const theirs = sendMessage(second.id, { conversationId, clientId: newClientId(), body: 'Not yours' })
		if (!mine.ok || !theirs.ok) throw new Error('setup failed')
		const browser = await signedInBrowser(server, first.email, first.password)
		const editPage = await browser.get(`/messages/${conversationId}?edit=${mine.data.message.id}`)
		expect(editPage.html).toContain('name="intent" value="edit"')
		const edited = await browser.post(`/messages/${conversationId}`, {
			intent: 'edit',
			messageId: String(mine.data.message.id),
			body: 'No typo here',
		})
		expect(edited.status).toBe(302)
		const page = await browser.get(`/messages/${conversationId}`)
		expect(mainText(page.html)).toMatch(/No typo here Edit Delete \d+:\d+\s[AP]M \(edited\)/)
		expect(page.html).toContain(`/reports/new?type=message&amp;id=${theirs.data.message.id}`)

		const notMine = await browser.post(`/messages/${conversationId}`, {
			intent: 'edit',
			messageId: String(theirs.data.message.id),
			body: 'Hijacked',
		})
		expect(notMine.status).toBe(403)
		expect(formAlert(notMine.html, 'composer')).toBeNull()
		expect(mainText(notMine.html)).toContain('You can only change your own messages.')

		// Delete asks first: the menu links to a confirmation, which holds the form.
		expect(page.html).not.toContain('name="intent" value="delete"')
		const confirmPath = `/messages/${conversationId}?confirm-delete=${mine.data.message.id}`
		expect(page.html).toContain(`href="${confirmPath}#message-${mine.data.message.id}"`)
		const confirm = await browser.get(confirmPath)
		expect(confirm.status).toBe(200)
		expect(mainText(confirm.html)).toContain('Delete this message for everyone? Delete Cancel')
		expect(confirm.html).toContain(
			`name="intent" value="delete"/><input type="hidden" name="messageId" value="${mine.data.message.id}"`,
		)
		expect(confirm.html).toContain(`href="/messages/${conversationId}#message-${mine.data.message.id}"`)
		const notMineConfirm = await browser.get(`/messages/${conversationId}?confirm-delete=${theirs.data.message.id}`)
		expect(mainText(notMineConfirm.html)).not.toContain('Delete this message for everyone?')

		const deleted = await browser.post(`/messages/${conversationId}`, {
			intent: 'delete',
			messageId: String(mine.data.message.id),
		})
		expect(deleted.status).toBe(302)
		const history = messageHistory(second.id, conversationId)
		expect(history.ok && history.data.messages.map((message) => [message.body, message.deletedAt !== null])).toEqual([
			['', true],
			['Not yours', false],
		])
		expect(mainText((await browser.get(`/messages/${conversationId}`)).html)).toContain('Message deleted')
	})

	test('a read-only conversation says why, disables the composer, and refuses a post with the reason', async () => {
		const { first, second, conversationId } = await createConnectedPair({ second: { name: 'Ravi Menon' } })
		sendMessage(second.id, { conversationId, clientId: newClientId(), body: 'Before the change' })
		const connection = connectionBetween(first.id, second.id)!
		expect(removeConnection(first.id, connection.id).ok).toBe(true)
		const browser = await signedInBrowser(server, first.email, first.password)
		const page = await browser.get(`/messages/${conversationId}`)
		expect(page.status).toBe(200)
		const reason = 'This conversation is read-only: you and Ravi Menon are no longer connected.'
		expect(mainText(page.html)).toContain(reason)
		expect(mainText(page.html)).toContain('Before the change')
		expect(page.html).toMatch(/<textarea[^>]*disabled=""/)
		const refused = await browser.post(`/messages/${conversationId}`, {
			intent: 'send',
			clientId: newClientId(),
			body: 'Still there?',
		})
		expect(refused.status).toBe(403)
		expect(formAlert(refused.html, 'composer')).toBe(reason)
	})

	test('a member sending too fast gets a 429 with the retry time', async () => {
		const { first, conversationId } = await createConnectedPair()
		const browser = await signedInBrowser(server, first.email, first.password)
		let last: Page | undefined
		for (let index = 0; index < 12; index++) {
			last = await browser.post(`/messages/${conversationId}`, {
				intent: 'send',
				clientId: newClientId(),
				body: `Burst ${index}`,
			})
			if (last.status === 429) break
		}
		expect(last?.status).toBe(429)
		expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0)
		expect(formAlert(last!.html, 'composer')).toMatch(/Try again in \d+ s\./)
	})
})

describe('starting conversations', () => {
	test('a connection’s profile has a Message button that opens the conversation; others are refused with the reason', async () => {
		const me = await createUser({ name: 'Lena Park', sectorCode: '445110' })
		const peer = await createUser({ name: 'Tomas Berg', sectorCode: '541810' })
		const stranger = await createUser({ name: 'Sara Quinn', sectorCode: '721110' })
		connect(me.id, peer.id)
		const browser = await signedInBrowser(server, me.email, me.password)
		const profile = await browser.get(`/members/${peer.id}`)
		expect(profile.html).toContain('action="/messages/new"')
		expect(mainText(profile.html)).toContain('Message Tomas')
		expect(mainText((await browser.get(`/members/${stranger.id}`)).html)).not.toContain('Message Sara')

		const opened = await browser.post('/messages/new', { memberId: peer.id })
		expect(opened.status).toBe(302)
		expect(opened.location).toMatch(/^\/messages\/cnv_\w+$/)
		const again = await browser.post('/messages/new', { memberId: peer.id })
		expect(again.location).toBe(opened.location)
		expect(mainText((await browser.get(opened.location!)).html)).toContain('Tomas Berg')

		const refused = await browser.post('/messages/new', { memberId: stranger.id })
		expect(refused.status).toBe(403)
		expect(mainText(refused.html)).toContain('You can message members you are connected with.')
		expect((await browser.post('/messages/new', { memberId: 'usr_nobody' })).status).toBe(404)
		expect((await browser.post('/messages/new', {})).status).toBe(400)
	})
})

describe('roundtables', () => {
	test('creating one validates the fields and refuses two competitors in one room, with the reason', async () => {
		const host = await createUser({ name: 'Hana Sato', sectorCode: '541810' })
		const grocerA = await createUser({ name: 'Greta Grocer', sectorCode: '445110' })
		const grocerB = await createUser({ name: 'Gus Grocer', sectorCode: '445110' })
		const hotelier = await createUser({ name: 'Hugo Hotel', sectorCode: '721110' })
		rebuildConflictKeys(db, [host.id, grocerA.id, grocerB.id, hotelier.id])
		for (const peer of [grocerA, grocerB, hotelier]) connect(host.id, peer.id)
		const browser = await signedInBrowser(server, host.email, host.password)
		const form = await browser.get('/messages/roundtables/new')
		expect(form.status).toBe(200)
		expect(mainText(form.html)).toContain('Greta Grocer')

		const blank = await browser.post('/messages/roundtables/new', { title: ' ' })
		expect(blank.status).toBe(400)
		expect(fieldErrors(blank.html, 'roundtable')).toEqual({
			title: ['Give the roundtable a title.'],
			inviteeIds: ['Invite at least one of your connections.'],
		})

		const conflicted = await browser.post(
			'/messages/roundtables/new',
			new URLSearchParams([
				['title', 'Loyalty programs'],
				['inviteeIds', grocerA.id],
				['inviteeIds', grocerB.id],
			]),
		)
		expect(conflicted.status).toBe(403)
		const errors = fieldErrors(conflicted.html, 'roundtable')
		expect(errors.inviteeIds?.join(' ')).toMatch(/Greta Grocer|Gus Grocer/)

		const created = await browser.post(
			'/messages/roundtables/new',
			new URLSearchParams([
				['title', 'Loyalty programs'],
				['inviteeIds', grocerA.id],
				['inviteeIds', hotelier.id],
			]),
		)
		expect(created.status).toBe(302)
		const roomPath = created.location!
		expect(roomPath).toMatch(/^\/messages\/cnv_\w+$/)

		// An invitee sees the invitation in the list and in the room, and accepts it by form.
		const invitee = await signedInBrowser(server, hotelier.email, hotelier.password)
		expect(mainText((await invitee.get('/messages')).html)).toContain('Invitation to join')
		const invitation = await invitee.get(roomPath)
		expect(invitation.status).toBe(200)
		expect(mainText(invitation.html)).toContain('Hana Sato invited you to a roundtable')
		const accepted = await invitee.post(roomPath, { intent: 'accept' })
		expect(accepted.status).toBe(302)
		expect(accepted.location).toBe(roomPath)
		const room = await invitee.get(roomPath)
		expect(mainText(room.html)).toContain('Loyalty programs')

		// The host sees the people page; the member leaves.
		const people = await browser.get(`${roomPath}/people`)
		expect(people.status).toBe(200)
		expect(mainText(people.html)).toContain('Hugo Hotel')
		expect(mainText(people.html)).toContain('Invited')
		const left = await invitee.post(`${roomPath}/people`, { intent: 'leave' })
		expect(left.status).toBe(302)
		expect((await invitee.get(roomPath)).status).toBe(404)
	})

	/** A host with a room: a grocer invited, a hotelier joined, and a banker and a second grocer still outside. */
	async function hostedRoom() {
		const host = await createUser({ name: 'Iris Holm', sectorCode: '541810' })
		const grocer = await createUser({ name: 'Gemma Greengrocer', sectorCode: '445110' })
		const rivalGrocer = await createUser({ name: 'Gil Greengrocer', sectorCode: '445110' })
		const hotelier = await createUser({ name: 'Hal Innkeeper', sectorCode: '721110' })
		const banker = await createUser({ name: 'Bea Banks', sectorCode: '522110' })
		rebuildConflictKeys(db, [host.id, grocer.id, rivalGrocer.id, hotelier.id, banker.id])
		for (const peer of [grocer, rivalGrocer, hotelier, banker]) connect(host.id, peer.id)
		const room = createRoundtable(host.id, { title: 'Retention lab', inviteeIds: [grocer.id, hotelier.id] })
		if (!room.ok) throw new Error(room.message)
		const joined = respondToInvite(hotelier.id, room.data.conversationId, true)
		if (!joined.ok) throw new Error(joined.message)
		const roomPath = `/messages/${room.data.conversationId}`
		return { host, grocer, rivalGrocer, hotelier, banker, conversationId: room.data.conversationId, roomPath }
	}

	test('the host invites another connection from the people page, and the invitee sees the invitation', async () => {
		const { host, banker, conversationId, roomPath } = await hostedRoom()
		const browser = await signedInBrowser(server, host.email, host.password)
		const people = await browser.get(`${roomPath}/people`)
		expect(mainText(people.html)).toContain('Invite more connections')
		expect(people.html).toContain(`value="${banker.id}"`)
		const nobody = await browser.post(`${roomPath}/people`, { intent: 'invite' })
		expect(nobody.status).toBe(400)
		expect(fieldErrors(nobody.html, 'invite')).toEqual({ inviteeIds: ['Choose someone to invite.'] })

		const invited = await browser.post(`${roomPath}/people`, { intent: 'invite', inviteeIds: banker.id })
		expect(invited.status).toBe(302)
		expect(invited.location).toBe(`${roomPath}/people`)
		expect(seatOf(conversationId, banker.id)).toBe('invited')
		expect(peopleList(await browser.get(`${roomPath}/people`))).toContain('Bea Banks Invited')

		const invitee = await signedInBrowser(server, banker.email, banker.password)
		expect(mainText((await invitee.get('/messages')).html)).toContain('Invitation to join')
		const invitation = await invitee.get(roomPath)
		expect(invitation.status).toBe(200)
		expect(mainText(invitation.html)).toContain('Iris Holm invited you to a roundtable')
		expect(mainText(invitation.html)).toContain('“Retention lab”')
	})

	test('the host withdraws an invitation and removes a member: both lose access to the room', async () => {
		const { host, grocer, hotelier, conversationId, roomPath } = await hostedRoom()
		const invitee = await signedInBrowser(server, grocer.email, grocer.password)
		const member = await signedInBrowser(server, hotelier.email, hotelier.password)
		expect((await invitee.get(roomPath)).status).toBe(200)
		expect((await member.get(roomPath)).status).toBe(200)
		const browser = await signedInBrowser(server, host.email, host.password)
		const people = await browser.get(`${roomPath}/people`)
		expect(peopleList(people)).toContain('Withdraw invite Gemma Greengrocer')
		expect(peopleList(people)).toContain('Remove Hal Innkeeper')

		const withdrawn = await browser.post(`${roomPath}/people`, { intent: 'remove', memberId: grocer.id })
		expect(withdrawn.status).toBe(302)
		expect(withdrawn.location).toBe(`${roomPath}/people`)
		expect(seatOf(conversationId, grocer.id)).toBe('removed')
		expect((await invitee.get(roomPath)).status).toBe(404)
		expect(mainText((await invitee.get('/messages')).html)).not.toContain('Invitation to join')
		expect((await invitee.post(roomPath, { intent: 'accept' })).status).toBe(404)

		const removed = await browser.post(`${roomPath}/people`, { intent: 'remove', memberId: hotelier.id })
		expect(removed.status).toBe(302)
		expect(seatOf(conversationId, hotelier.id)).toBe('removed')
		const gone = await member.get(roomPath)
		expect(gone.status).toBe(404)
		expect(errorPage(gone.html).heading).toBe('We could not find that page')
		expect((await member.get(`${roomPath}/people`)).status).toBe(404)
		expect((await member.post(roomPath, { intent: 'send', clientId: newClientId(), body: 'Still here?' })).status).toBe(
			404,
		)

		const after = peopleList(await browser.get(`${roomPath}/people`))
		expect(after).toMatch(/^People IH Iris Holm \(you\) Host Chief Marketing Officer, [^·]+$/)
		const again = await browser.post(`${roomPath}/people`, { intent: 'remove', memberId: hotelier.id })
		expect(again.status).toBe(404)
		expect(mainText(again.html)).toContain('This member is not in the roundtable.')
	})

	test('a member who is not the host cannot invite or remove: 403 with the reason; an outsider gets 404', async () => {
		const { hotelier, grocer, banker, conversationId, roomPath } = await hostedRoom()
		const member = await signedInBrowser(server, hotelier.email, hotelier.password)
		const people = await member.get(`${roomPath}/people`)
		expect(people.status).toBe(200)
		expect(people.html).not.toContain('name="intent" value="remove"')
		expect(people.html).not.toContain('name="intent" value="invite"')

		const invite = await member.post(`${roomPath}/people`, { intent: 'invite', inviteeIds: banker.id })
		expect(invite.status).toBe(403)
		expect(mainText(invite.html)).toContain('Only the host can invite or remove members.')
		expect(seatOf(conversationId, banker.id)).toBeUndefined()

		const remove = await member.post(`${roomPath}/people`, { intent: 'remove', memberId: grocer.id })
		expect(remove.status).toBe(403)
		expect(mainText(remove.html)).toContain('Only the host can invite or remove members.')
		expect(seatOf(conversationId, grocer.id)).toBe('invited')

		const outsider = await signedInBrowser(server, banker.email, banker.password)
		expect((await outsider.get(`${roomPath}/people`)).status).toBe(404)
		expect((await outsider.post(`${roomPath}/people`, { intent: 'invite', inviteeIds: banker.id })).status).toBe(404)
		expect((await outsider.post(`${roomPath}/people`, { intent: 'remove', memberId: grocer.id })).status).toBe(404)
	})

	test('inviting a connection in conflict with someone in the room is refused with the reason', async () => {
		const { host, rivalGrocer, conversationId, roomPath } = await hostedRoom()
		const browser = await signedInBrowser(server, host.email, host.password)
		const people = await browser.get(`${roomPath}/people`)
		// The picker leaves the rival out; a crafted post is refused by the same policy.
		expect(people.html).not.toContain(`value="${rivalGrocer.id}"`)
		const refused = await browser.post(`${roomPath}/people`, { intent: 'invite', inviteeIds: rivalGrocer.id })
		expect(refused.status).toBe(403)
		expect(fieldErrors(refused.html, 'invite')).toEqual({
			inviteeIds: [
				"Gemma Greengrocer and Gil Greengrocer can't be in the same roundtable: the competitor policy keeps them apart.",
			],
		})
		expect(seatOf(conversationId, rivalGrocer.id)).toBeUndefined()
	})
})
