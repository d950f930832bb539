import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { messages } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { createConnectedPair, newClientId } from '#tests/support/messaging.ts'
import { closeClients, record, settle, signInAs, startRealtimeServer } from '#tests/support/realtime.ts'

// The default limits (10 messages per 5 s, 200 per 10 min): this file sets no MESSAGE_RATE_* variables.
let server: Awaited<ReturnType<typeof startRealtimeServer>>
const url = () => server.url

beforeAll(async () => {
	server = await startRealtimeServer()
})
afterEach(closeClients)
afterAll(() => server.close())

test('past the burst limit a send is refused with a typed rate-limited ack, and nothing is stored or delivered', async () => {
	const { first, second, conversationId } = await createConnectedPair()
	const [maya, omar] = await Promise.all([signInAs(url, first), signInAs(url, second)])
	const [mayaTab, omarTab] = await Promise.all([maya.openTab(), omar.openTab()])
	const inbox = record(omarTab, 'message:new')
	const acks = await Promise.all(
		Array.from({ length: 12 }, (_, index) =>
			mayaTab
				.timeout(5000)
				.emitWithAck('message:send', { conversationId, clientId: newClientId(), body: `Message ${index}` }),
		),
	)
	const refused = acks.filter((ack) => !ack.ok)
	expect(acks.filter((ack) => ack.ok)).toHaveLength(10)
	expect(refused).toHaveLength(2)
	for (const refusal of refused) {
		expect(refusal).toMatchObject({
			ok: false,
			code: 'rate-limited',
			message: expect.stringMatching(/too quickly\. Try again in [1-5] s\./),
		})
		const retryAfterMs = refusal.ok ? 0 : refusal.retryAfterMs!
		expect(retryAfterMs).toBeGreaterThan(0)
		expect(retryAfterMs).toBeLessThanOrEqual(5000)
	}
	expect(db.select().from(messages).where(eq(messages.conversationId, conversationId)).all()).toHaveLength(10)
	await inbox.until(10)
	await settle()
	expect(inbox.received).toHaveLength(10)
	// The other member's allowance is their own.
	expect(
		await omarTab
			.timeout(5000)
			.emitWithAck('message:send', { conversationId, clientId: newClientId(), body: 'My turn' }),
	).toMatchObject({ ok: true })
})

test('typing notices past the light limit are refused when acked and dropped when not', async () => {
	const { first, second, conversationId } = await createConnectedPair()
	const [maya, omar] = await Promise.all([signInAs(url, first), signInAs(url, second)])
	const [mayaTab, omarTab] = await Promise.all([maya.openTab(), omar.openTab()])
	const typing = record(omarTab, 'typing:start')
	const acks = []
	for (let index = 0; index < 21; index++)
		acks.push(await mayaTab.timeout(5000).emitWithAck('typing:start', { conversationId }))
	expect(acks.filter((ack) => ack.ok)).toHaveLength(20)
	expect(acks.at(-1)).toMatchObject({ ok: false, code: 'rate-limited', retryAfterMs: expect.any(Number) })
	mayaTab.emit('typing:start', { conversationId })
	await typing.until(20)
	await settle()
	expect(typing.received).toHaveLength(20)
})
