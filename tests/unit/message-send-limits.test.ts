import { expect, test, vi } from 'vitest'
import { takeMessageAllowance } from '#app/features/messaging/send-limits.server.ts'

vi.hoisted(() => {
	process.env.MESSAGE_RATE_BURST = '100/5'
	process.env.MESSAGE_RATE_SUSTAINED = '3/600'
})

test('the sustained limit refuses once its window is spent, saying when to retry', async () => {
	const verdicts = []
	for (let index = 0; index < 4; index++) verdicts.push(await takeMessageAllowance('usr_sustained'))
	expect(verdicts.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }])
	expect(verdicts[3]).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) })
	const refusal = verdicts[3]!
	if (refusal.allowed) return
	expect(refusal.retryAfterMs).toBeGreaterThan(590_000)
	expect(refusal.retryAfterMs).toBeLessThanOrEqual(600_000)
	expect(await takeMessageAllowance('usr_someone_else')).toEqual({ allowed: true })
})
