import { remember } from '@epic-web/remember'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; retryAfterMs: number }

function refusal(res: RateLimiterRes): RateLimitVerdict {
	return {
		allowed: false,
		retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
		retryAfterMs: Math.max(1, res.msBeforeNext),
	}
}

/** A named in-memory limiter, one per process (shared across module copies in dev). */
export function createLimiter(name: string, points: number, durationSeconds: number) {
	const limiter = remember(
		`crossroads-limiter-${name}`,
		() => new RateLimiterMemory({ points, duration: durationSeconds }),
	)
	return {
		/** Takes one point; refuses once the window's points are spent. */
		async consume(key: string): Promise<RateLimitVerdict> {
			try {
				await limiter.consume(key)
				return { allowed: true }
			} catch (error) {
				if (error instanceof RateLimiterRes) return refusal(error)
				throw error
			}
		},
		/** Refuses without taking a point when the window's points are already spent. */
		async check(key: string): Promise<RateLimitVerdict> {
			const res = await limiter.get(key)
			if (res && res.remainingPoints <= 0) return refusal(res)
			return { allowed: true }
		},
		async reset(key: string) {
			await limiter.delete(key)
		},
	}
}
