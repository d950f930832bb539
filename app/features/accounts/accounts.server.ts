import { eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { memberProfiles, naicsCodes, users } from '#db/schema.ts'
import { createSessionCookie, revokeUserSessions } from '#app/utils/auth.server.ts'
import { db, prepareOnce } from '#app/utils/db.server.ts'
import { decoyPasswordHash, hashPassword, verifyPassword } from '#app/utils/password.server.ts'
import { createLimiter } from '#app/utils/rate-limit.server.ts'
import { findOrCreateCompany } from '../companies/companies.server.ts'
import { rebuildConflictKeys } from '../conflicts/conflict-keys.server.ts'
import { unknownNaicsCode } from '../sectors/naics-schema.ts'
import type { JoinSchema } from './schemas.ts'

export type ClientInfo = { ipAddress: string; userAgent: string }

export const loginLimits = {
	perIp: { points: 30, durationSeconds: 15 * 60 },
	perAccountFailures: { points: 8, durationSeconds: 15 * 60 },
} as const

const loginsPerIp = createLimiter('login-ip', loginLimits.perIp.points, loginLimits.perIp.durationSeconds)
const failuresPerAccount = createLimiter(
	'login-account',
	loginLimits.perAccountFailures.points,
	loginLimits.perAccountFailures.durationSeconds,
)

export type SignInResult =
	| { ok: true; setCookie: string }
	| { ok: false; reason: 'invalid-credentials' }
	| { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }

const findUserForLogin = prepareOnce(() =>
	db
		.select({ id: users.id, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.email, sql.placeholder('email')))
		.prepare(),
)

/**
 * Checks the password and opens a session. Unknown emails and wrong passwords get the same
 * answer after the same argon2 work, so neither the message nor the timing tells them apart.
 */
export async function signIn(
	credentials: { email: string; password: string },
	client: ClientInfo,
): Promise<SignInResult> {
	const accountKey = credentials.email
	const ipVerdict = await loginsPerIp.consume(client.ipAddress)
	if (!ipVerdict.allowed) return { ok: false, reason: 'rate-limited', retryAfterSeconds: ipVerdict.retryAfterSeconds }
	const accountVerdict = await failuresPerAccount.check(accountKey)
	if (!accountVerdict.allowed)
		return { ok: false, reason: 'rate-limited', retryAfterSeconds: accountVerdict.retryAfterSeconds }

	const user = findUserForLogin().get({ email: credentials.email })
	const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), credentials.password)
	if (!user || !passwordMatches) {
		await failuresPerAccount.consume(accountKey)
		return { ok: false, reason: 'invalid-credentials' }
	}
	await failuresPerAccount.reset(accountKey)
	return { ok: true, setCookie: await createSessionCookie(user.id, client) }
}

export type Application = z.infer<typeof JoinSchema>

/**
 * Records an application. An email that already has an account gets the same answer and
 * costs the same hashing work, so the form cannot be used to find out who is a member.
 */
export async function applyForMembership(
	application: Application,
): Promise<{ ok: true } | { ok: false; field: 'sector'; message: string }> {
	const sector = db
		.select({ code: naicsCodes.code })
		.from(naicsCodes)
		.where(eq(naicsCodes.code, application.sector))
		.get()
	if (!sector) return { ok: false, field: 'sector', message: unknownNaicsCode(application.sector) }
	const passwordHash = await hashPassword(application.password)
	const createdId = db.transaction((tx) => {
		const inserted = tx
			.insert(users)
			.values({
				id: newUserId(),
				email: application.email,
				name: application.name,
				passwordHash,
				applicationNote: application.applicationNote,
			})
			.onConflictDoNothing({ target: users.email })
			.returning({ id: users.id })
			.get()
		if (!inserted) return null
		tx.insert(memberProfiles)
			.values({
				userId: inserted.id,
				title: application.title,
				companyId: findOrCreateCompany(tx, application.company, sector.code),
				region: application.region,
				timeZone: application.timeZone,
			})
			.run()
		return inserted.id
	})
	// Compiled now, so the member is known to every list's conflict filter once approved.
	if (createdId) rebuildConflictKeys(db, [createdId])
	return { ok: true }
}

export function newUserId() {
	return `usr_${crypto.randomUUID().replaceAll('-', '')}`
}

export type ChangePasswordResult =
	{ ok: true; signedOutSessions: number } | { ok: false; field: 'currentPassword'; message: string }

/** Changes the password and signs out every other session (a stolen one included). */
export async function changePassword(
	userId: string,
	keepSessionId: string,
	passwords: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
	const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()
	if (!user || !(await verifyPassword(user.passwordHash, passwords.currentPassword))) {
		return { ok: false, field: 'currentPassword', message: 'Your current password is not correct.' }
	}
	const passwordHash = await hashPassword(passwords.newPassword)
	db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run()
	return { ok: true, signedOutSessions: await revokeUserSessions(userId, keepSessionId) }
}
