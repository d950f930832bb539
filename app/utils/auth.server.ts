/**
 * Sessions. Every use of lucia v3 (deprecated upstream, see docs/decisions/001-lucia-v3.md)
 * stays in this file so that a later swap to hand-written @oslojs sessions touches one module.
 */
import { remember } from '@epic-web/remember'
import { DrizzleSQLiteAdapter } from '@lucia-auth/adapter-drizzle'
import { redirect } from '@remix-run/node'
import { and, desc, eq, ne, sql } from 'drizzle-orm'
import { Lucia, TimeSpan, type DatabaseSession, type DatabaseUser, type Session, type User } from 'lucia'
import { sessions, users, type MembershipStatus, type Role } from '#db/schema.ts'
import { db, prepareOnce } from './db.server.ts'
import { isCookieSecure } from './env.server.ts'

const findSessionAndUser = prepareOnce(() =>
	db
		.select({
			session: sessions,
			user: { id: users.id, email: users.email, name: users.name, role: users.role, status: users.status },
		})
		.from(sessions)
		.leftJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare(),
)

/**
 * The drizzle adapter, with the lookup every request makes (session and user) as one prepared
 * statement instead of two queries built and prepared anew each time.
 */
class SessionAdapter extends DrizzleSQLiteAdapter {
	override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
		const row = findSessionAndUser().get({ id: sessionId })
		if (!row) return [null, null]
		const { id, userId, expiresAt, ...sessionAttributes } = row.session
		const session = { id, userId, expiresAt: new Date(expiresAt * 1000), attributes: sessionAttributes }
		if (!row.user) return [session, null]
		const { id: memberId, ...userAttributes } = row.user
		return [session, { id: memberId, attributes: userAttributes }]
	}
}

// Stateless apart from the shared database handle, so a copy per module graph is harmless.
export const lucia = new Lucia(new SessionAdapter(db, sessions, users), {
	// 30 days, renewed by lucia once less than half of it is left.
	sessionExpiresIn: new TimeSpan(30, 'd'),
	sessionCookie: {
		name: 'crossroads_session',
		attributes: { secure: isCookieSecure(), sameSite: 'lax' },
	},
	getUserAttributes: (attributes) => ({
		email: attributes.email,
		name: attributes.name,
		role: attributes.role,
		status: attributes.status,
	}),
	getSessionAttributes: (attributes) => ({
		createdAt: attributes.createdAt,
		userAgent: attributes.userAgent,
		ipAddress: attributes.ipAddress,
	}),
})

declare module 'lucia' {
	interface Register {
		Lucia: typeof lucia
		DatabaseUserAttributes: {
			email: string
			name: string
			role: Role
			status: MembershipStatus
		}
		DatabaseSessionAttributes: {
			createdAt: number
			userAgent: string
			ipAddress: string
		}
	}
}

export type AuthUser = User
export type AuthSession = Session
export type Auth = { user: AuthUser; session: AuthSession }

export type ResolvedAuth = {
	auth: Auth | null
	/** A Set-Cookie value to send back: a renewed session, or a blank one clearing a dead cookie. */
	setCookie: string | null
}

/** Validates the session cookie of a request (HTTP or socket handshake). */
export async function resolveAuth(cookieHeader: string | null | undefined): Promise<ResolvedAuth> {
	const sessionId = lucia.readSessionCookie(cookieHeader ?? '')
	if (!sessionId) return { auth: null, setCookie: null }
	const { session, user } = await lucia.validateSession(sessionId)
	if (!session) {
		return { auth: null, setCookie: lucia.createBlankSessionCookie().serialize() }
	}
	return {
		auth: { session, user },
		setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
	}
}

export async function createSessionCookie(userId: string, client: { ipAddress: string; userAgent: string }) {
	const session = await lucia.createSession(userId, {
		createdAt: Date.now(),
		ipAddress: client.ipAddress,
		userAgent: client.userAgent.slice(0, 300),
	})
	return lucia.createSessionCookie(session.id).serialize()
}

export function blankSessionCookie() {
	return lucia.createBlankSessionCookie().serialize()
}

type RevocationListener = (sessionIds: string[]) => void

/**
 * Whoever holds live connections for a session (the socket.io server) listens here, so that
 * every revocation path disconnects them. On globalThis: the listener is registered by
 * server.ts while revocations happen in Vite's separate SSR module graph in development.
 */
const revocationListeners = remember('crossroads-session-revocation-listeners', () => new Set<RevocationListener>())

export function onSessionsRevoked(listener: RevocationListener) {
	revocationListeners.add(listener)
	return () => revocationListeners.delete(listener)
}

function announceRevoked(sessionIds: string[]) {
	if (sessionIds.length === 0) return
	for (const listener of revocationListeners) listener(sessionIds)
}

export async function revokeSession(userId: string, sessionId: string) {
	const deleted = db
		.delete(sessions)
		.where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
		.returning({ id: sessions.id })
		.all()
	announceRevoked(deleted.map((row) => row.id))
	return deleted.length > 0
}

/** Signs a user out everywhere except `keepSessionId` (null: everywhere). */
export async function revokeUserSessions(userId: string, keepSessionId: string | null = null) {
	const deleted = db
		.delete(sessions)
		.where(
			keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId),
		)
		.returning({ id: sessions.id })
		.all()
	announceRevoked(deleted.map((row) => row.id))
	return deleted.length
}

export function listUserSessions(userId: string) {
	return db
		.select({
			id: sessions.id,
			createdAt: sessions.createdAt,
			expiresAt: sessions.expiresAt,
			userAgent: sessions.userAgent,
			ipAddress: sessions.ipAddress,
		})
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.orderBy(desc(sessions.createdAt))
		.all()
}

function loginRedirect(request: Request) {
	const url = new URL(request.url)
	const redirectTo = `${url.pathname}${url.search}`
	const params = new URLSearchParams({ redirectTo })
	return redirect(`/login?${params}`)
}

/** Any signed-in account, whatever its membership status. */
export function requireAuth(auth: Auth | null, request: Request): Auth {
	if (!auth) throw loginRedirect(request)
	return auth
}

/**
 * An approved, active member. Applicants and others are sent to the page that explains
 * their status, so they never see the network before an admin approves them.
 */
export function requireActiveMember(auth: Auth | null, request: Request): Auth {
	const signedIn = requireAuth(auth, request)
	if (signedIn.user.status !== 'active') throw redirect('/application')
	return signedIn
}

export function requireRole(auth: Auth | null, request: Request, allowed: readonly Role[]): Auth {
	const member = requireActiveMember(auth, request)
	if (!allowed.includes(member.user.role)) {
		const roles = allowed.map((role) => `${role}s`).join(' and ')
		throw new Response(`This area is open to ${roles} only.`, { status: 403 })
	}
	return member
}

const readSessionStanding = prepareOnce(() =>
	db.$client.prepare<{ id: string }, { expiresAt: number; status: string }>(
		`select s.expires_at as expiresAt, u.status as status from sessions s join users u on u.id = s.user_id where s.id = @id`,
	),
)

/**
 * Whether a live connection may still act: its session exists and has not expired, and its member
 * is still active (a status changed without revoking sessions counts too). One prepared point read.
 */
export function sessionStanding(sessionId: string): 'active' | 'ended' | 'inactive-member' {
	const row = readSessionStanding().get({ id: sessionId })
	if (!row || row.expiresAt * 1000 <= Date.now()) return 'ended'
	return row.status === 'active' ? 'active' : 'inactive-member'
}

/** Whether a session still exists and has not expired (whatever the member's status). */
export function isSessionActive(sessionId: string) {
	return sessionStanding(sessionId) !== 'ended'
}
