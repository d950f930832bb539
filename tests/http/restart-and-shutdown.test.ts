import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { demoAccounts, demoPassword } from '#db/seed.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { Browser, mainText, sessionCookiesIn, startTestServer } from './support.ts'

// A database file of its own that this test process never opens: SQLite removes the -wal
// file only when the last connection to the database closes cleanly.
const directory = mkdtempSync(join(tmpdir(), 'crossroads-restart-'))
const running = new Set<ServerProcess>()

afterAll(async () => {
	await Promise.all([...running].map((server) => server.stop()))
	rmSync(directory, { recursive: true, force: true })
})

async function start(databasePath: string, seed = false) {
	const server = await startTestServer({ databasePath, seed })
	running.add(server)
	return server
}

async function stop(server: ServerProcess) {
	const startedAt = Date.now()
	const code = await server.stop()
	running.delete(server)
	return { code, milliseconds: Date.now() - startedAt }
}

const member = demoAccounts.find((account) => account.role === 'member')!

test('SIGTERM closes the database cleanly, and accounts and sessions survive a restart', async () => {
	const databasePath = join(directory, 'restart.db')
	const walPath = `${databasePath}-wal`

	const first = await start(databasePath, true)
	expect(first.output()).toMatch(/Seeded \d+ demo members/)
	const browser = new Browser(first)
	const signIn = await browser.signIn(member.email, demoPassword, '/settings')
	expect(signIn.status).toBe(302)
	expect(signIn.location).toBe('/settings')
	const sessionId = browser.sessionId
	expect(sessionId).toBeTruthy()
	expect(mainText((await browser.get('/settings')).html)).toContain(member.name)
	// Running in WAL mode: the write-ahead log sits next to the database.
	expect(existsSync(walPath)).toBe(true)

	// The keep-alive connection fetch holds open must not delay the shutdown to the 5 s force-close.
	const firstStop = await stop(first)
	expect(firstStop.code).toBe(0)
	expect(firstStop.milliseconds).toBeLessThan(4000)
	expect(first.output()).toContain('SIGTERM: shutting down')
	expect(first.output()).toContain('Closed the database; bye')
	expect(existsSync(walPath)).toBe(false)
	expect(existsSync(databasePath)).toBe(true)

	const second = await start(databasePath, true)
	// Not empty any more: nothing is seeded twice.
	expect(second.output()).not.toMatch(/Seeded \d+ demo members/)

	// The old cookie still opens /settings on the new process, as the same session.
	const oldCookie = new Browser(second)
	oldCookie.cookies.set('crossroads_session', sessionId!)
	const settings = await oldCookie.get('/settings')
	expect(settings.status).toBe(200)
	expect(mainText(settings.html)).toContain(member.name)
	expect(mainText(settings.html)).toContain(member.email)
	expect(sessionCookiesIn(settings.response)).toEqual([])

	// And the account still signs in with its password (a second session).
	const again = new Browser(second)
	const secondSignIn = await again.signIn(member.email, demoPassword)
	expect(secondSignIn.status).toBe(302)
	expect(again.sessionId).toBeTruthy()
	expect(again.sessionId).not.toBe(sessionId)
	expect((await again.get('/settings')).status).toBe(200)
	expect((await new Browser(second).signIn(member.email, 'not the demo password')).status).toBe(401)

	const secondStop = await stop(second)
	expect(secondStop.code).toBe(0)
	expect(second.output()).toContain('Closed the database; bye')
	expect(existsSync(walPath)).toBe(false)
})

test('SIGINT shuts down just as cleanly', async () => {
	const databasePath = join(directory, 'sigint.db')
	const server = await start(databasePath)
	const health = await fetch(`${server.url}/healthz`)
	expect(health.status).toBe(200)
	expect(existsSync(`${databasePath}-wal`)).toBe(true)

	const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)))
	server.process.kill('SIGINT')
	expect(await exited).toBe(0)
	running.delete(server)
	expect(server.output()).toContain('SIGINT: shutting down')
	expect(server.output()).toContain('Closed the database; bye')
	expect(existsSync(`${databasePath}-wal`)).toBe(false)
})
