/**
 * The messaging benchmark's baseline: socket.io with nothing else. No auth, no database, no rate
 * limit, no connection state recovery: a socket joins the room named in its handshake query, and a
 * `message:send` is acked and forwarded to the room's other sockets, as the app does after its commit.
 */
import { createServer } from 'node:http'
import { Server } from 'socket.io'

type Payload = { conversationId: string; clientId: string; body: string }

const httpServer = createServer((request, response) => {
	const url = new URL(request.url ?? '/', 'http://relay')
	if (url.pathname !== '/__process-stats') return response.writeHead(404).end()
	// As the app's endpoint: collect only when asked (the idle-memory figures), never inside a measured window.
	if (url.searchParams.get('collect') === '1') globalThis.gc?.()
	response.setHeader('Content-Type', 'application/json')
	response.end(JSON.stringify({ memory: process.memoryUsage(), sockets: io.engine.clientsCount, checkpoints: null }))
})
const io = new Server(httpServer, { serveClient: false })

let nextId = 0
io.on('connection', (socket) => {
	void socket.join(String(socket.handshake.query.room ?? ''))
	socket.on('message:send', (payload: Payload, ack: (result: unknown) => void) => {
		nextId += 1
		const message = { id: nextId, ...payload, createdAt: Date.now() }
		ack({ ok: true, data: { message, duplicate: false } })
		socket.to(payload.conversationId).emit('message:new', { message })
	})
})

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	const address = httpServer.address()
	console.log(`Bare relay listening on http://localhost:${typeof address === 'object' && address ? address.port : 0}`)
})
process.on('SIGTERM', () => io.close(() => process.exit(0)))
