/**
 * The socket.io adapter for several server processes: the Redis streams adapter, so a broadcast
 * from one process reaches sockets on every other, and connection state recovery keeps working
 * (the pub/sub adapter loses it). Without REDIS_URL the server keeps socket.io's in-memory adapter.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { createClient } from 'redis'
import type { ServerOptions } from 'socket.io'
import { messagingLimits } from '#app/features/messaging/options.ts'

export type ClusterAdapter = {
	adapter: ServerOptions['adapter']
	/** Closes the Redis connection; call after io.close(). */
	close: () => Promise<void>
}

/** Connects to Redis (failing fast when it is unreachable) and builds the adapter for createRealtimeServer. */
export async function createClusterAdapter(options: { url: string; keyPrefix: string }): Promise<ClusterAdapter> {
	// No endless reconnect loop at start: a server that cannot reach Redis must say so and stop.
	const client = createClient({ url: options.url, socket: { connectTimeout: 5000 } })
	let reported = false
	client.on('error', (error: unknown) => {
		// The client reconnects by itself; one line per outage is enough.
		if (!reported) console.error('Redis connection error (retrying):', error)
		reported = true
	})
	client.on('ready', () => (reported = false))
	await client.connect()
	const adapter = createAdapter(client, {
		streamName: `${options.keyPrefix}:socket.io`,
		channelPrefix: `${options.keyPrefix}:socket.io`,
		sessionKeyPrefix: `${options.keyPrefix}:socket.io-session:`,
		// Recovery replays the stream since a socket's last packet: keep the recovery window's worth
		// at 1,000 messages/s and some headroom (the default 10,000 entries would cover 10 s).
		maxLen: (messagingLimits.recoveryWindowMs / 1000) * 1_500,
	})
	return {
		adapter,
		close: async () => {
			if (client.isOpen) await client.close()
		},
	}
}
