import { z } from 'zod'

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')

/** A rate as "points/seconds", e.g. "10/5": ten per five seconds. */
const rate = (fallback: string) =>
	z
		.string()
		.regex(/^[1-9]\d*\/[1-9]\d*$/, { error: 'Write a rate as points/seconds, e.g. "10/5".' })
		.default(fallback)
		.transform((value) => {
			const [points, durationSeconds] = value.split('/').map(Number) as [number, number]
			return { points, durationSeconds }
		})

const envSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	DATABASE_PATH: z.string().min(1).default('data/crossroads.db'),
	/** The origin users reach the site at, e.g. https://crossroads.example.com. */
	PUBLIC_ORIGIN: z.url().optional(),
	/** Send cookies only over HTTPS. Defaults to on when PUBLIC_ORIGIN is https. */
	COOKIE_SECURE: booleanFlag.optional(),
	/** Trust X-Forwarded-* from a reverse proxy (for client IPs in rate limits and sessions). */
	TRUST_PROXY: booleanFlag.default(false),
	/** Seed demo data into an empty database at start. */
	SEED_DEMO_DATA: booleanFlag.default(true),
	LOG_LEVEL: z.enum(['silent', 'info']).default('info'),
	/** Several server processes share socket fan-out through this Redis (redis://…); unset for one process. */
	REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'Give a redis:// or rediss:// URL.' }).optional(),
	/** Prefix of the Redis keys and channels, so several deployments (or test runs) can share one Redis. */
	REDIS_KEY_PREFIX: z.string().min(1).default('crossroads'),
	/** Who checkpoints the SQLite WAL in the server: a worker thread (default) or SQLite on each commit. */
	WAL_CHECKPOINTS: z.enum(['worker', 'sqlite']).default('worker'),
	/** Serve GET /__process-stats (memory, WAL checkpoints) for the benchmark; never on a public server. */
	PROCESS_STATS: booleanFlag.default(false),
	/** Messages one member may send in a short burst, and over ten minutes. */
	MESSAGE_RATE_BURST: rate('10/5'),
	MESSAGE_RATE_SUSTAINED: rate('200/600'),
	/** How often the server looks for due scheduled jobs (meeting reminders), in milliseconds. */
	JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
})

export type Env = z.infer<typeof envSchema>

let cached: Env | undefined

/** process.env, parsed once; a bad value stops the server with the variable named. */
export function getEnv(): Env {
	if (cached) return cached
	const result = envSchema.safeParse(process.env)
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
		throw new Error(`Invalid environment variables:\n${problems}`)
	}
	cached = result.data
	return cached
}

export function isCookieSecure(env: Env = getEnv()) {
	return env.COOKIE_SECURE ?? env.PUBLIC_ORIGIN?.startsWith('https:') ?? false
}

/** Settings a real deployment should set; the server names the missing ones at start. */
export function deploymentWarnings(env: Env = getEnv()): string[] {
	if (env.NODE_ENV !== 'production') return []
	const warnings: string[] = []
	if (!env.PUBLIC_ORIGIN)
		warnings.push(
			'PUBLIC_ORIGIN is unset: cross-origin checks trust the Host header; set it to the public URL (https://…).',
		)
	if (!isCookieSecure(env))
		warnings.push(
			'Session cookies are sent without the Secure flag: serve over HTTPS and set PUBLIC_ORIGIN=https://… (or COOKIE_SECURE=true).',
		)
	return warnings
}
