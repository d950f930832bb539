import { eq } from 'drizzle-orm'
import { afterEach, expect, test } from 'vitest'
import { sessions } from '#db/schema.ts'
import {
	createSessionCookie,
	isSessionActive,
	onSessionsRevoked,
	requireActiveMember,
	requireAuth,
	requireRole,
	resolveAuth,
	revokeSession,
	revokeUserSessions,
	type Auth,
} from '#app/utils/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser, uniqueClient } from '#tests/support/factories.ts'

const cookiePair = (setCookie: string) => setCookie.split(';')[0]!
const stopListening: Array<() => void> = []
afterEach(() => stopListening.splice(0).forEach((stop) => stop()))

async function signedIn(overrides: Parameters<typeof createUser>[0] = {}) {
	const user = await createUser(overrides)
	const cookie = cookiePair(await createSessionCookie(user.id, uniqueClient()))
	const { auth } = await resolveAuth(cookie)
	return { user, cookie, auth: auth! }
}

async function thrownBy(run: () => unknown): Promise<Response> {
	try {
		run()
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
	throw new Error('expected a thrown Response')
}

test('no cookie is signed out without touching the cookie; a forged one is cleared', async () => {
	expect(await resolveAuth(undefined)).toEqual({ auth: null, setCookie: null })
	const forged = await resolveAuth('crossroads_session=forged-session-id')
	expect(forged.auth).toBeNull()
	expect(forged.setCookie).toMatch(/^crossroads_session=;/)
	expect(forged.setCookie).toMatch(/Max-Age=0/)
})

test('an expired session is refused and deleted', async () => {
	const { cookie, auth } = await signedIn()
	db.update(sessions)
		.set({ expiresAt: Math.floor(Date.now() / 1000) - 60 })
		.where(eq(sessions.id, auth.session.id))
		.run()
	expect(isSessionActive(auth.session.id)).toBe(false)
	expect((await resolveAuth(cookie)).auth).toBeNull()
	expect(db.select().from(sessions).where(eq(sessions.id, auth.session.id)).get()).toBeUndefined()
})

test('a session in the second half of its life is renewed with a fresh cookie', async () => {
	const { cookie, auth } = await signedIn()
	expect((await resolveAuth(cookie)).setCookie).toBeNull()
	const tenDaysAhead = Math.floor(Date.now() / 1000) + 10 * 24 * 3600
	db.update(sessions).set({ expiresAt: tenDaysAhead }).where(eq(sessions.id, auth.session.id)).run()
	const renewed = await resolveAuth(cookie)
	expect(renewed.auth?.session.fresh).toBe(true)
	expect(renewed.setCookie).toMatch(/Max-Age=2592000/)
	const stored = db
		.select({ expiresAt: sessions.expiresAt })
		.from(sessions)
		.where(eq(sessions.id, auth.session.id))
		.get()
	expect(stored!.expiresAt).toBeGreaterThan(tenDaysAhead + 19 * 24 * 3600)
})

test('revoking announces exactly the revoked sessions and only the owner can revoke', async () => {
	const announced: string[][] = []
	stopListening.push(onSessionsRevoked((ids) => announced.push(ids)))
	const { user, auth } = await signedIn()
	const intruder = await signedIn()
	expect(await revokeSession(intruder.user.id, auth.session.id)).toBe(false)
	expect(isSessionActive(auth.session.id)).toBe(true)
	expect(announced).toEqual([])
	expect(await revokeSession(user.id, auth.session.id)).toBe(true)
	expect(announced).toEqual([[auth.session.id]])
	expect(isSessionActive(auth.session.id)).toBe(false)
})

test('signing out other sessions keeps the current one', async () => {
	const announced: string[][] = []
	stopListening.push(onSessionsRevoked((ids) => announced.push(ids)))
	const { user, auth } = await signedIn()
	const second = cookiePair(await createSessionCookie(user.id, uniqueClient()))
	const secondId = (await resolveAuth(second)).auth!.session.id
	expect(await revokeUserSessions(user.id, auth.session.id)).toBe(1)
	expect(announced).toEqual([[secondId]])
	expect(isSessionActive(auth.session.id)).toBe(true)
})

test('guards: anonymous → login with a return path; applicant → status page; wrong role → 403', async () => {
	const request = new Request('http://localhost/admin/applications?page=2')
	const anonymous = await thrownBy(() => requireAuth(null, request))
	expect(anonymous.status).toBe(302)
	expect(anonymous.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin%2Fapplications%3Fpage%3D2')

	const applicant: Auth = (await signedIn({ status: 'applicant' })).auth
	expect(requireAuth(applicant, request)).toBe(applicant)
	expect((await thrownBy(() => requireActiveMember(applicant, request))).headers.get('Location')).toBe('/application')

	const member = (await signedIn()).auth
	expect((await thrownBy(() => requireRole(member, request, ['admin']))).status).toBe(403)
	const admin = (await signedIn({ role: 'admin' })).auth
	expect(requireRole(admin, request, ['admin'])).toBe(admin)
})
