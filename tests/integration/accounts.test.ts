import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { companies, companySectorCodes, memberProfiles, sessions, users } from '#db/schema.ts'
import { applyForMembership, changePassword, loginLimits, signIn } from '#app/features/accounts/accounts.server.ts'
import { JoinSchema } from '#app/features/accounts/schemas.ts'
import { resolveAuth } from '#app/utils/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { verifyPassword } from '#app/utils/password.server.ts'
import { createUser, testPassword, uniqueClient } from '#tests/support/factories.ts'

const cookiePair = (setCookie: string) => setCookie.split(';')[0]!

function application(overrides: Partial<Record<string, string>> = {}) {
	return JoinSchema.parse({
		name: 'Priya Raman',
		email: `priya.${crypto.randomUUID()}@example.test`,
		password: 'a very good password',
		title: 'Chief Marketing Officer',
		company: 'Lumen Outdoor',
		sector: '44',
		region: 'Asia Pacific',
		timeZone: 'Asia/Kolkata',
		applicationNote: 'Looking for peers outside retail.',
		...overrides,
	})
}

describe('applyForMembership', () => {
	test('creates an applicant with a profile and an argon2id password hash', async () => {
		const input = application()
		expect(await applyForMembership(input)).toEqual({ ok: true })
		const user = db.select().from(users).where(eq(users.email, input.email)).get()
		expect(user).toMatchObject({
			name: 'Priya Raman',
			status: 'applicant',
			role: 'member',
			applicationNote: 'Looking for peers outside retail.',
		})
		expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
		expect(await verifyPassword(user!.passwordHash, 'a very good password')).toBe(true)
		const profile = db.select().from(memberProfiles).where(eq(memberProfiles.userId, user!.id)).get()
		expect(profile).toMatchObject({ region: 'Asia Pacific', timeZone: 'Asia/Kolkata' })
		const company = db.select().from(companies).where(eq(companies.id, profile!.companyId)).get()
		expect(company).toMatchObject({ name: 'Lumen Outdoor', familyId: company!.id })
		expect(db.select().from(companySectorCodes).where(eq(companySectorCodes.companyId, company!.id)).all()).toEqual([
			{ companyId: company!.id, code: '44', isPrimary: true },
		])
	})

	test('answers an existing email exactly like a new one, and changes nothing', async () => {
		const existing = await createUser()
		const before = db.select().from(users).where(eq(users.id, existing.id)).get()
		const outcome = await applyForMembership(
			application({ email: existing.email, name: 'Someone Else', password: 'another password 1' }),
		)
		expect(outcome).toEqual({ ok: true })
		expect(db.select().from(users).where(eq(users.id, existing.id)).get()).toEqual(before)
		expect(db.select().from(users).where(eq(users.email, existing.email)).all()).toHaveLength(1)
	})

	test('an applicant naming a known company (any case or spacing) joins that company', async () => {
		await applyForMembership(application({ company: 'Kestrel  Foods' }))
		const input = application({ company: ' kestrel foods ', sector: '52' })
		await applyForMembership(input)
		const rows = db
			.select({ companyId: memberProfiles.companyId })
			.from(memberProfiles)
			.innerJoin(users, eq(users.id, memberProfiles.userId))
			.where(sql`${users.email} like 'priya.%'`)
			.all()
		const kestrel = db.select().from(companies).where(eq(companies.nameKey, 'kestrel foods')).all()
		expect(kestrel).toHaveLength(1)
		expect(rows.filter((row) => row.companyId === kestrel[0]!.id)).toHaveLength(2)
		expect(
			db
				.select({ code: companySectorCodes.code })
				.from(companySectorCodes)
				.where(eq(companySectorCodes.companyId, kestrel[0]!.id))
				.all(),
		).toEqual([{ code: '44' }])
	})

	test('refuses a code that is not in NAICS 2022, creating nothing', async () => {
		const input = application({ sector: '99' })
		expect(await applyForMembership(input)).toEqual({
			ok: false,
			field: 'sector',
			message: 'There is no NAICS 2022 code 99. Pick an industry from the list.',
		})
		expect(db.select().from(users).where(eq(users.email, input.email)).get()).toBeUndefined()
	})
})

describe('signIn', () => {
	test('opens a session whose cookie resolves to the user', async () => {
		const user = await createUser()
		const outcome = await signIn({ email: user.email, password: testPassword }, uniqueClient())
		expect(outcome.ok).toBe(true)
		if (!outcome.ok) return
		expect(outcome.setCookie).toMatch(/HttpOnly/i)
		expect(outcome.setCookie).toMatch(/SameSite=Lax/i)
		const { auth } = await resolveAuth(cookiePair(outcome.setCookie))
		expect(auth?.user).toMatchObject({ id: user.id, name: user.name, role: 'member', status: 'active' })
	})

	test('gives the same answer for a wrong password and an unknown email', async () => {
		const user = await createUser()
		const wrongPassword = await signIn({ email: user.email, password: 'not the password' }, uniqueClient())
		const unknownEmail = await signIn({ email: 'nobody@example.test', password: testPassword }, uniqueClient())
		expect(wrongPassword).toEqual({ ok: false, reason: 'invalid-credentials' })
		expect(unknownEmail).toEqual(wrongPassword)
		expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0)
	})

	test('locks an account after repeated failures, even for the right password, and says for how long', async () => {
		const user = await createUser()
		for (let attempt = 0; attempt < loginLimits.perAccountFailures.points; attempt++) {
			expect(await signIn({ email: user.email, password: `wrong ${attempt}` }, uniqueClient())).toEqual({
				ok: false,
				reason: 'invalid-credentials',
			})
		}
		const locked = await signIn({ email: user.email, password: testPassword }, uniqueClient())
		expect(locked).toMatchObject({ ok: false, reason: 'rate-limited' })
		if (locked.ok || locked.reason !== 'rate-limited') return
		expect(locked.retryAfterSeconds).toBeGreaterThan(0)
		expect(locked.retryAfterSeconds).toBeLessThanOrEqual(loginLimits.perAccountFailures.durationSeconds)
		expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0)
	})

	test('a success clears earlier failures of the account', async () => {
		const user = await createUser()
		for (let attempt = 0; attempt < loginLimits.perAccountFailures.points - 1; attempt++) {
			await signIn({ email: user.email, password: 'wrong' }, uniqueClient())
		}
		expect((await signIn({ email: user.email, password: testPassword }, uniqueClient())).ok).toBe(true)
		for (let attempt = 0; attempt < loginLimits.perAccountFailures.points - 1; attempt++) {
			await signIn({ email: user.email, password: 'wrong' }, uniqueClient())
		}
		expect((await signIn({ email: user.email, password: testPassword }, uniqueClient())).ok).toBe(true)
	})

	test('limits attempts from one IP address across accounts', async () => {
		const client = uniqueClient()
		for (let attempt = 0; attempt < loginLimits.perIp.points; attempt++) {
			const outcome = await signIn({ email: `nobody-${attempt}@example.test`, password: 'whatever' }, client)
			expect(outcome).toEqual({ ok: false, reason: 'invalid-credentials' })
		}
		const user = await createUser()
		expect(await signIn({ email: user.email, password: testPassword }, client)).toMatchObject({
			ok: false,
			reason: 'rate-limited',
		})
		expect((await signIn({ email: user.email, password: testPassword }, uniqueClient())).ok).toBe(true)
	})
})

describe('changePassword', () => {
	async function signedInTwice() {
		const user = await createUser()
		const sessionIds: string[] = []
		for (let i = 0; i < 2; i++) {
			const outcome = await signIn({ email: user.email, password: testPassword }, uniqueClient())
			if (!outcome.ok) throw new Error('sign-in failed')
			sessionIds.push((await resolveAuth(cookiePair(outcome.setCookie))).auth!.session.id)
		}
		return { user, current: sessionIds[0]!, other: sessionIds[1]! }
	}

	test('refuses a wrong current password and keeps the old one', async () => {
		const { user, current } = await signedInTwice()
		expect(
			await changePassword(user.id, current, { currentPassword: 'nope', newPassword: 'brand new password' }),
		).toEqual({
			ok: false,
			field: 'currentPassword',
			message: 'Your current password is not correct.',
		})
		expect((await signIn({ email: user.email, password: testPassword }, uniqueClient())).ok).toBe(true)
	})

	test('sets the new password and signs out every other session', async () => {
		const { user, current, other } = await signedInTwice()
		const outcome = await changePassword(user.id, current, {
			currentPassword: testPassword,
			newPassword: 'brand new password',
		})
		expect(outcome).toEqual({ ok: true, signedOutSessions: 1 })
		const remaining = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id)).all()
		expect(remaining.map((row) => row.id)).toEqual([current])
		expect(remaining.map((row) => row.id)).not.toContain(other)
		expect(await signIn({ email: user.email, password: testPassword }, uniqueClient())).toEqual({
			ok: false,
			reason: 'invalid-credentials',
		})
		expect((await signIn({ email: user.email, password: 'brand new password' }, uniqueClient())).ok).toBe(true)
	})
})
