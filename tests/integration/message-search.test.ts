import { expect, test } from 'vitest'
import { deleteMessage, sendMessage, setMessageHidden } from '#app/features/messaging/messaging.server.ts'
import { createRoundtable, leaveRoundtable, respondToInvite } from '#app/features/messaging/roundtables.server.ts'
import { messageSearchPageSize, searchMessages, snippetParts } from '#app/features/messaging/search.server.ts'
import { toFtsQuery } from '#app/utils/full-text-query.ts'
import { createUser } from '#tests/support/factories.ts'
import { connect, createConnectedPair, newClientId } from '#tests/support/messaging.ts'

/** A word no other test writes, so counts are about this test's messages only. */
const uniqueWord = () => `zq${crypto.randomUUID().replaceAll('-', '').slice(0, 10)}`

function send(senderId: string, conversationId: string, body: string) {
	const sent = sendMessage(senderId, { conversationId, clientId: newClientId(), body })
	if (!sent.ok) throw new Error(sent.message)
	return sent.data.message
}

test('finds a member’s messages by word and prefix, labelled by the other member, with a marked snippet', async () => {
	const word = uniqueWord()
	const { first, second, conversationId } = await createConnectedPair({
		first: { name: 'Maya Chen' },
		second: { name: 'Dana Lee' },
	})
	const message = send(second.id, conversationId, `Our ${word} loyalty programme doubled repeat visits <b>fast</b>`)
	send(second.id, conversationId, 'Nothing to see here')
	const found = searchMessages(first.id, `${word} loyal`)
	expect(found).toMatchObject({ total: 1, page: 1, pageSize: messageSearchPageSize })
	expect(found.results[0]).toMatchObject({
		message: { id: message.id, senderName: 'Dana Lee', body: message.body },
		conversationId,
		conversationKind: 'direct',
		conversationLabel: 'Dana Lee',
	})
	const snippet = found.results[0]!.snippet
	expect(snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())).toEqual([word, 'loyalty'])
	expect(snippet.map((part) => part.text).join('')).toBe(message.body)
	// The sender finds it too, labelled with the other side's name.
	expect(searchMessages(second.id, word).results[0]?.conversationLabel).toBe('Maya Chen')
})

test('never finds other people’s conversations, deleted or hidden messages, or rooms the member left', async () => {
	const word = uniqueWord()
	const { first, second, conversationId } = await createConnectedPair()
	const outsider = await createUser({ sectorCode: '311811' })
	send(first.id, conversationId, `${word} kept`)
	const deleted = send(first.id, conversationId, `${word} deleted`)
	const hidden = send(first.id, conversationId, `${word} hidden`)
	expect(deleteMessage(first.id, deleted.id).ok).toBe(true)
	setMessageHidden(hidden.id, true)
	expect(searchMessages(outsider.id, word)).toMatchObject({ total: 0, results: [] })
	expect(searchMessages(second.id, word).results.map((result) => result.message.body)).toEqual([`${word} kept`])

	const guest = await createUser({ sectorCode: '522110' })
	connect(first.id, guest.id)
	const room = createRoundtable(first.id, { title: 'Pricing circle', inviteeIds: [second.id, guest.id] })
	if (!room.ok) throw new Error(room.message)
	respondToInvite(second.id, room.data.conversationId, true)
	send(first.id, room.data.conversationId, `${word} in the room`)
	// Invited but not joined: nothing from the room.
	expect(searchMessages(guest.id, word).total).toBe(0)
	expect(searchMessages(second.id, `${word} room`).results[0]).toMatchObject({
		conversationId: room.data.conversationId,
		conversationKind: 'roundtable',
		conversationLabel: 'Pricing circle',
	})
	leaveRoundtable(second.id, room.data.conversationId)
	expect(searchMessages(second.id, `${word} room`).total).toBe(0)

	setMessageHidden(hidden.id, false)
	expect(searchMessages(second.id, `${word} hidden`).total).toBe(1)
})

test('FTS syntax in the query is read as words; a query with no words finds nothing, never an error', async () => {
	const word = uniqueWord()
	const { first, conversationId } = await createConnectedPair()
	send(first.id, conversationId, `near ${word} and "quotes" * stars`)
	for (const query of [
		'"',
		'AND',
		'*',
		'NEAR(',
		'a OR b',
		`${word} NOT`,
		'body:x',
		'^',
		'(',
		'',
		'   ',
		'-',
		`"${word}`,
	])
		expect(() => searchMessages(first.id, query)).not.toThrow()
	for (const query of ['"', '*', '(', '', '   ', '-', '—…'])
		expect(searchMessages(first.id, query)).toMatchObject({ total: 0, results: [] })
	expect(searchMessages(first.id, `"${word}`).total).toBe(1)
	expect(searchMessages(first.id, `NEAR( ${word}`).total).toBe(1)
	expect(toFtsQuery('Brand "OR" strat', { prefix: 'last' })).toBe('"brand" "or" "strat"*')
})

test('pages through results, best matches first', async () => {
	const word = uniqueWord()
	const { first, second, conversationId } = await createConnectedPair()
	for (let index = 0; index < messageSearchPageSize + 3; index++)
		send(first.id, conversationId, `${word} update number ${index}`)
	const best = send(first.id, conversationId, `${word} ${word} ${word}`)
	const firstPage = searchMessages(second.id, word)
	expect(firstPage.total).toBe(messageSearchPageSize + 4)
	expect(firstPage.results).toHaveLength(messageSearchPageSize)
	expect(firstPage.results[0]!.message.id).toBe(best.id)
	const secondPage = searchMessages(second.id, word, { page: 2 })
	expect(secondPage.results).toHaveLength(4)
	expect(new Set([...firstPage.results, ...secondPage.results].map((result) => result.message.id)).size).toBe(
		messageSearchPageSize + 4,
	)
	expect(searchMessages(second.id, word, { page: 99 })).toMatchObject({ results: [], page: 99 })
	expect(searchMessages(second.id, word, { page: -3 }).page).toBe(1)
})

test('snippet parts never carry the markers', () => {
	expect(snippetParts('a \uE000b\uE001 c')).toEqual([
		{ text: 'a ', match: false },
		{ text: 'b', match: true },
		{ text: ' c', match: false },
	])
})
