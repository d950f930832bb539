/**
 * One Node process: Express serving the Remix app (Vite middleware in development, the
 * build in production), the static files, and socket.io on the same HTTP server.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { startCheckpointer } from './db/checkpointer.ts'
import { migrateDatabase } from './db/migrate.ts'
import { isDatabaseEmpty, seedDemoData } from './db/seed.ts'
import { createClusterAdapter } from './app/realtime/adapter.server.ts'
import { createRealtimeServer } from './app/realtime/socket-server.server.ts'
import { resolveAuth } from './app/utils/auth.server.ts'
import { db } from './app/utils/db.server.ts'
import { deploymentWarnings, getEnv } from './app/utils/env.server.ts'
import { startJobRunner, type JobRunner } from './app/utils/jobs.server.ts'
import { checkRequestOrigin } from './app/utils/origin.ts'

const env = getEnv()
const isDevelopment = env.NODE_ENV === 'development'
const log = (message: string) => env.LOG_LEVEL !== 'silent' && console.log(message)

for (const warning of deploymentWarnings(env)) console.warn(`⚠ ${warning}`)

migrateDatabase(db)
if (env.SEED_DEMO_DATA && isDatabaseEmpty(db)) {
	const { members } = await seedDemoData(db)
	log(`Seeded ${members} demo members into ${env.DATABASE_PATH}`)
}

// SQLite's automatic checkpoint would fsync inside whichever commit crosses the threshold, on
// this thread; a worker checkpoints instead (db/checkpointer.ts).
const checkpointer = env.WAL_CHECKPOINTS === 'worker' ? startCheckpointer(env.DATABASE_PATH) : undefined
if (checkpointer) db.$client.pragma('wal_autocheckpoint = 0')

const clusterAdapter = env.REDIS_URL
	? await createClusterAdapter({ url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX })
	: undefined
if (clusterAdapter) log('Sharing socket.io broadcasts with other processes through Redis')

const app = express()
const httpServer = createServer(app)
app.disable('x-powered-by')
app.set('trust proxy', env.TRUST_PROXY)

const expectedOrigin = (host: string | undefined) =>
	env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : `http://${host ?? 'localhost'}`

const io = createRealtimeServer(httpServer, { expectedOrigin, adapter: clusterAdapter?.adapter })

app.use(compression())
app.use((_req, res, next) => {
	res.locals.cspNonce = randomBytes(16).toString('base64')
	next()
})
app.use(
	helmet({
		xPoweredBy: false,
		referrerPolicy: { policy: 'same-origin' },
		crossOriginEmbedderPolicy: false,
		strictTransportSecurity: env.PUBLIC_ORIGIN?.startsWith('https:') ? undefined : false,
		contentSecurityPolicy: {
			// Vite's dev client injects inline styles and scripts; report only while developing.
			reportOnly: isDevelopment,
			directives: {
				'default-src': ["'self'"],
				'connect-src': ["'self'", isDevelopment ? 'ws:' : null].filter((source) => source !== null),
				'img-src': ["'self'", 'data:', 'blob:'],
				'script-src': [
					"'strict-dynamic'",
					"'self'",
					(_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
				],
				'script-src-attr': [(_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
				'upgrade-insecure-requests': env.PUBLIC_ORIGIN?.startsWith('https:') ? [] : null,
			},
		},
	}),
)

if (env.PROCESS_STATS)
	app.get('/__process-stats', (req, res) => {
		// Heap figures mean more right after a collection (with --expose-gc); only on request, as it pauses the server.
		if (req.query.collect === '1') globalThis.gc?.()
		res.set('Cache-Control', 'no-store').json({
			memory: process.memoryUsage(),
			sockets: io.engine.clientsCount,
			checkpoints: checkpointer?.stats() ?? null,
		})
	})

const viteDevServer = isDevelopment
	? await import('vite').then((vite) =>
			vite.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } } }),
		)
	: undefined

if (viteDevServer) {
	app.use(viteDevServer.middlewares)
} else {
	app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
	app.use(express.static('build/client', { maxAge: '1h' }))
}

app.use((req, res, next) => {
	const verdict = checkRequestOrigin({
		method: req.method,
		origin: req.get('origin'),
		referer: req.get('referer'),
		expectedOrigin: expectedOrigin(req.get('host')),
	})
	if (verdict.ok) return next()
	res.status(403).type('text/plain').send(`Forbidden: ${verdict.reason}`)
})

const loadBuild = viteDevServer
	? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
	: // @ts-expect-error the build exists only after `npm run build`
		((await import('./build/server/index.js')) as ServerBuild)

app.all(
	'*',
	createRequestHandler({
		build: loadBuild,
		mode: env.NODE_ENV,
		async getLoadContext(req, res) {
			const { auth, setCookie } = await resolveAuth(req.get('cookie'))
			if (setCookie) res.append('Set-Cookie', setCookie)
			return {
				auth,
				cspNonce: res.locals.cspNonce as string,
				client: { ipAddress: req.ip ?? req.socket.remoteAddress ?? '', userAgent: req.get('user-agent') ?? '' },
			}
		},
	}),
)

// Reminders and other scheduled jobs, including those that fell due while the server was down.
let jobRunner: JobRunner | undefined
httpServer.listen(env.PORT, env.HOST, () => {
	const address = httpServer.address()
	const port = typeof address === 'object' && address ? address.port : env.PORT
	log(`Crossroads listening on http://localhost:${port}`)
	jobRunner = startJobRunner()
})

let shuttingDown = false
async function shutDown(signal: string) {
	if (shuttingDown) return
	shuttingDown = true
	log(`${signal}: shutting down`)
	// No new job starts once shutting down; one that is due waits in the table for the next start.
	await jobRunner?.stop()
	// io.close() stops new connections, disconnects every socket and closes the HTTP server.
	const closed = new Promise<void>((resolve) => io.close(() => resolve()))
	httpServer.closeIdleConnections()
	const forceAfter = setTimeout(() => httpServer.closeAllConnections(), 5000)
	await closed
	clearTimeout(forceAfter)
	await viteDevServer?.close()
	await clusterAdapter?.close()
	// The worker's final TRUNCATE leaves the WAL empty for the next start.
	await checkpointer?.stop()
	db.$client.close()
	log('Closed the database; bye')
	process.exit(0)
}
process.on('SIGTERM', () => void shutDown('SIGTERM'))
process.on('SIGINT', () => void shutDown('SIGINT'))
