import { createClient } from 'redis'

export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Fails the run at once, with what to do, when Redis is not there: these tests are never skipped. */
export default async function setup() {
	const client = createClient({ url: testRedisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } })
	client.on('error', () => {})
	try {
		await client.connect()
		await client.ping()
	} catch (error) {
		throw new Error(
			`The multi-process tests need Redis at ${testRedisUrl} (set TEST_REDIS_URL, or start redis-server; .ci/run does): ${String(error)}`,
		)
	} finally {
		if (client.isOpen) await client.close()
	}
}
