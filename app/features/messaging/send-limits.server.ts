/**
 * How fast a member may send messages, shared by the socket handler and the no-JS form route.
 * Two windows: a burst limit stops a runaway script at once, a sustained one stops slow flooding.
 */
import { createLimiter, type RateLimitVerdict } from '#app/utils/rate-limit.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

let limiters: { burst: ReturnType<typeof createLimiter>; sustained: ReturnType<typeof createLimiter> } | undefined

function messageLimiters() {
	if (limiters) return limiters
	const { MESSAGE_RATE_BURST: burst, MESSAGE_RATE_SUSTAINED: sustained } = getEnv()
	limiters = {
		burst: createLimiter('message-burst', burst.points, burst.durationSeconds),
		sustained: createLimiter('message-sustained', sustained.points, sustained.durationSeconds),
	}
	return limiters
}

/** Takes one message from the member's allowance; a refusal says when to retry (`retryAfterMs`). */
export async function takeMessageAllowance(userId: string): Promise<RateLimitVerdict> {
	const { burst, sustained } = messageLimiters()
	// Burst first: a refused burst must not also spend the ten-minute allowance.
	const short = await burst.consume(userId)
	if (!short.allowed) return short
	return sustained.consume(userId)
}

/** A member-readable refusal for a spent allowance. */
export function messageRateMessage(retryAfterMs: number) {
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
	return seconds < 90
		? `You are sending messages too quickly. Try again in ${seconds} s.`
		: `You have sent many messages in the last few minutes. Try again in ${Math.ceil(seconds / 60)} min.`
}
