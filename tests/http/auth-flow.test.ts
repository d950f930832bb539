import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { companies, companySectorCodes, memberProfiles, sessions } from '#db/schema.ts'
import { loginLimits } from '#app/features/accounts/accounts.server.ts'
import { db } from '#app/utils/db.server.ts'
import { verifyPassword } from '#app/utils/password.server.ts'
import { createUser } from '#tests/support/factories.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import {
	Browser,
	clearsCookie,
	countSessions,
	countUsers,
	errorPage,
	fieldErrors,
	findUser,
	findUserByEmail,
	formAlert,
	mainText,
	notices,
	sessionCookieName,
	sessionCookiesIn,
	sessionExists,
	sessionIdsOf,
	signedInBrowser,
	startTestServer,
	type Page,
} from './support.ts'

let server: ServerProcess
beforeAll(async () => {
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

const redirectStatuses = [302, 303]
const wrongCredentials = 'That email and password do not match an account.'
const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`

function expectRedirect(page: Page, location: string) {
	expect(redirectStatuses).toContain(page.status)
	expect(page.location).toBe(location)
}

function expectNoSessionCookie(page: Page) {
	expect(sessionCookiesIn(page.response)).toEqual([])
}

/** The N of "Too many sign-in attempts. Try again in N s." on a 429 page: a positive integer. */
function secondsInRateLimitMessage(page: Page) {
	const alert = formAlert(page.html, 'login')
	const match = /^Too many sign-in attempts\. Try again in ([1-9]\d*) s\.$/.exec(alert ?? '')
	expect(match, `rate-limit message, got ${JSON.stringify(alert)}`).not.toBeNull()
	return Number(match![1])
}

/** The page a browser gets for /settings: 200 when signed in, the login redirect otherwise. */
async function expectSignedIn(browser: Browser, name: string) {
	const page = await browser.get('/settings')
	expect(page.status).toBe(200)
	expect(mainText(page.html)).toContain(name)
	return page
}

async function expectSignedOut(browser: Browser) {
	const page = await browser.get('/settings')
	expectRedirect(page, '/login?redirectTo=%2Fsettings')
	return page
}

describe('signing in', () => {
	test('the right password redirects to redirectTo with an HttpOnly, SameSite=Lax session cookie that opens /settings', async () => {
		const user = await createUser({ name: 'Signe Inwell' })
		const browser = new Browser(server)
		const page = await browser.signIn(user.email, user.password, '/settings')
		expectRedirect(page, '/settings')

		const [cookie, ...others] = sessionCookiesIn(page.response)
		expect(others).toEqual([])
		expect(cookie).toBeDefined()
		expect(cookie!.value).toMatch(/^[a-z0-9]{20,}$/)
		expect(cookie!.attributes.has('httponly')).toBe(true)
		expect(cookie!.attributes.get('samesite')?.toLowerCase()).toBe('lax')
		expect(cookie!.attributes.get('path')).toBe('/')
		expect(clearsCookie(cookie!)).toBe(false)
		expect(Number(cookie!.attributes.get('max-age'))).toBeGreaterThan(7 * 24 * 3600)

		// The cookie names a session row of this user, recording where it signed in from.
		const row = db.select().from(sessions).where(eq(sessions.id, cookie!.value)).get()
		expect(row).toMatchObject({ userId: user.id, ipAddress: browser.ip, userAgent: browser.userAgent })
		expect(row!.expiresAt * 1000).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000)

		const settings = await expectSignedIn(browser, 'Signe Inwell')
		expect(mainText(settings.html)).toContain(user.email)
		expect(mainText(settings.html)).toContain('This device')
	})

	test('without redirectTo, and with an off-site redirectTo, sign-in lands on /', async () => {
		const user = await createUser()
		for (const redirectTo of ['', '//evil.example/steal', 'https://evil.example/', '/\\evil.example']) {
			const page = await new Browser(server).signIn(user.email, user.password, redirectTo)
			expectRedirect(page, '/')
			expect(sessionCookiesIn(page.response)).toHaveLength(1)
		}
	})

	test('the email is matched case- and space-insensitively', async () => {
		const user = await createUser()
		const browser = new Browser(server)
		const page = await browser.signIn(`  ${user.email.toUpperCase()} `, user.password)
		expectRedirect(page, '/')
		expect(sessionIdsOf(user.id)).toEqual([browser.sessionId])
	})

	test('a signed-in visitor of /login is sent on to redirectTo', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		expectRedirect(await browser.get('/login?redirectTo=%2Fsettings'), '/settings')
		expectRedirect(await browser.get('/login?redirectTo=%2F%2Fevil.example'), '/')
	})

	test('a wrong password and an unknown email get the same 401 and no session', async () => {
		const user = await createUser()
		const sessionsBefore = countSessions()

		const wrongPassword = await new Browser(server).signIn(user.email, 'not the right password')
		const unknownEmail = await new Browser(server).signIn(uniqueEmail('nobody'), user.password)
		for (const page of [wrongPassword, unknownEmail]) {
			expect(page.status).toBe(401)
			expect(page.headers.get('content-type')).toMatch(/^text\/html/)
			expect(formAlert(page.html, 'login')).toBe(wrongCredentials)
			expect(fieldErrors(page.html, 'login')).toEqual({})
			expectNoSessionCookie(page)
			// The password is never echoed back into the form.
			expect(page.html).not.toContain('not the right password')
			expect(page.html).not.toContain(user.password)
		}
		expect(countSessions()).toBe(sessionsBefore)
		expect(sessionIdsOf(user.id)).toEqual([])
	})

	test('malformed sign-in posts are 400s with field messages and create no session', async () => {
		const user = await createUser()
		const sessionsBefore = countSessions()
		const browser = new Browser(server)

		const empty = await browser.request('/login', {
			method: 'POST',
			headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: '',
		})
		expect(empty.status).toBe(400)
		expect(fieldErrors(empty.html, 'login')).toEqual({
			email: ['Enter your email address.'],
			password: ['Enter your password.'],
		})

		const missingPassword = await browser.post('/login', { email: user.email })
		expect(missingPassword.status).toBe(400)
		expect(fieldErrors(missingPassword.html, 'login')).toEqual({ password: ['Enter your password.'] })

		const blankPassword = await browser.post('/login', { email: user.email, password: '' })
		expect(blankPassword.status).toBe(400)
		expect(fieldErrors(blankPassword.html, 'login')).toEqual({ password: ['Enter your password.'] })

		const notAnEmail = await browser.post('/login', { email: 'not-an-email', password: user.password })
		expect(notAnEmail.status).toBe(400)
		expect(fieldErrors(notAnEmail.html, 'login')).toEqual({
			email: ['Enter a valid email address, like name@company.com.'],
		})

		const json = await browser.request('/login', {
			method: 'POST',
			headers: { Origin: server.url, 'Content-Type': 'application/json' },
			body: JSON.stringify({ email: user.email, password: user.password }),
		})
		expect(json.status).toBe(400)
		expect(errorPage(json.html).detail).toBe('The request body must be a form submission.')

		for (const page of [empty, missingPassword, blankPassword, notAnEmail, json]) {
			expect(formAlert(page.html, 'login')).toBeNull()
			expectNoSessionCookie(page)
		}
		expect(countSessions()).toBe(sessionsBefore)
		expect(browser.sessionId).toBeUndefined()
	})

	test('a forged session cookie is treated as signed out and cleared', async () => {
		const browser = new Browser(server)
		browser.cookies.set(sessionCookieName, 'forgedsessionidthatdoesnotexist0000000000')
		const page = await browser.get('/settings')
		expectRedirect(page, '/login?redirectTo=%2Fsettings')
		const [cleared] = sessionCookiesIn(page.response)
		expect(cleared).toBeDefined()
		expect(cleared!.value).toBe('')
		expect(clearsCookie(cleared!)).toBe(true)
		expect(cleared!.attributes.get('path')).toBe('/')

		// A garbage value on a public page: anonymous page, cookie cleared.
		const garbage = new Browser(server)
		garbage.cookies.set(sessionCookieName, '"><script>alert(1)</script>')
		const home = await garbage.get('/')
		expect(home.status).toBe(200)
		expect(mainText(home.html)).toContain('Learn from marketing leaders who will never be your competitors.')
		expect(sessionCookiesIn(home.response).map(clearsCookie)).toEqual([true])
	})

	test(`after ${loginLimits.perAccountFailures.points} wrong passwords the account is locked, even for the right password`, async () => {
		const user = await createUser()
		const browser = new Browser(server)
		for (let attempt = 1; attempt <= loginLimits.perAccountFailures.points; attempt++) {
			const page = await browser.signIn(user.email, `wrong password ${attempt}`)
			expect(page.status, `attempt ${attempt}`).toBe(401)
		}
		const locked = await browser.signIn(user.email, user.password)
		expect(locked.status).toBe(429)
		expect(secondsInRateLimitMessage(locked)).toBeLessThanOrEqual(loginLimits.perAccountFailures.durationSeconds)
		expectNoSessionCookie(locked)
		expect(sessionIdsOf(user.id)).toEqual([])

		// The lock is on the account, not the client: another address is refused too ...
		const elsewhere = await new Browser(server).signIn(user.email, user.password)
		expect(elsewhere.status).toBe(429)
		expect(sessionIdsOf(user.id)).toEqual([])
		// ... while another account from the same address still signs in.
		const other = await createUser()
		expectRedirect(await browser.signIn(other.email, other.password), '/')
	})

	test(`one client address gets ${loginLimits.perIp.points} attempts, then 429 whatever the account`, async () => {
		const user = await createUser()
		const browser = new Browser(server)
		for (let attempt = 1; attempt <= loginLimits.perIp.points; attempt++) {
			const page = await browser.signIn(uniqueEmail(`spray${attempt}`), 'guessing a password')
			expect(page.status, `attempt ${attempt}`).toBe(401)
		}
		const limited = await browser.signIn(user.email, user.password)
		expect(limited.status).toBe(429)
		expect(secondsInRateLimitMessage(limited)).toBeLessThanOrEqual(loginLimits.perIp.durationSeconds)
		expectNoSessionCookie(limited)
		expect(sessionIdsOf(user.id)).toEqual([])
		// The account itself is fine from another address.
		expectRedirect(await new Browser(server).signIn(user.email, user.password), '/')
	})

	// Remix keeps action headers only through a route `headers` export; login.tsx passes Retry-After on.
	test('a rate-limited sign-in sends Retry-After equal to the seconds in the message', async () => {
		const user = await createUser()
		const browser = new Browser(server)
		for (let attempt = 1; attempt <= loginLimits.perAccountFailures.points; attempt++) {
			expect((await browser.signIn(user.email, `wrong password ${attempt}`)).status).toBe(401)
		}
		const locked = await browser.signIn(user.email, user.password)
		expect(locked.status).toBe(429)
		const seconds = secondsInRateLimitMessage(locked)
		const retryAfter = locked.headers.get('retry-after')
		expect(retryAfter, 'Retry-After header on the 429').toBe(String(seconds))
	})
})

describe('signing out', () => {
	test('POST /logout deletes the session and clears the cookie; the old cookie then opens nothing', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		const sessionId = browser.sessionId!
		const stolenCopy = browser.clone()
		expect(sessionExists(sessionId)).toBe(true)

		const page = await browser.post('/logout', {})
		expectRedirect(page, '/')
		const [cleared] = sessionCookiesIn(page.response)
		expect(cleared).toBeDefined()
		expect(clearsCookie(cleared!)).toBe(true)
		expect(browser.sessionId).toBeUndefined()
		expect(sessionExists(sessionId)).toBe(false)

		await expectSignedOut(browser)
		const replayed = await expectSignedOut(stolenCopy)
		expect(sessionCookiesIn(replayed.response).map(clearsCookie)).toEqual([true])
	})

	test('GET /logout does not sign out', async () => {
		const user = await createUser({ name: 'Gettie Stayin' })
		const browser = await signedInBrowser(server, user.email, user.password)
		expectRedirect(await browser.get('/logout'), '/')
		expect(sessionExists(browser.sessionId!)).toBe(true)
		await expectSignedIn(browser, 'Gettie Stayin')
	})

	test('signing out one session leaves the other sessions of the user alone', async () => {
		const user = await createUser({ name: 'Twodevice Tess' })
		const laptop = await signedInBrowser(server, user.email, user.password)
		const phone = await signedInBrowser(server, user.email, user.password)
		await laptop.post('/logout', {})
		expect(sessionIdsOf(user.id)).toEqual([phone.sessionId])
		await expectSignedIn(phone, 'Twodevice Tess')
	})
})

describe('cross-site request forgery', () => {
	test('a cross-origin sign-in is refused with 403 and opens no session', async () => {
		const user = await createUser()
		const sessionsBefore = countSessions()
		const page = await new Browser(server).post(
			'/login',
			{ email: user.email, password: user.password },
			{ Origin: 'https://evil.example' },
		)
		expect(page.status).toBe(403)
		expect(page.html).toBe('Forbidden: Cross-origin request from https://evil.example refused.')
		expectNoSessionCookie(page)
		expect(countSessions()).toBe(sessionsBefore)
	})

	test('a cross-origin logout is refused and the session stays valid', async () => {
		const user = await createUser({ name: 'Csrf Survivor' })
		const browser = await signedInBrowser(server, user.email, user.password)
		const page = await browser.post('/logout', {}, { Origin: 'https://evil.example' })
		expect(page.status).toBe(403)
		expectNoSessionCookie(page)
		expect(sessionExists(browser.sessionId!)).toBe(true)
		await expectSignedIn(browser, 'Csrf Survivor')
	})

	test('a post with neither Origin nor Referer is refused', async () => {
		const user = await createUser()
		const browser = new Browser(server)
		const page = await browser.request('/login', {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: user.email, password: user.password }).toString(),
		})
		expect(page.status).toBe(403)
		expect(page.html).toBe('Forbidden: The request did not say where it came from (no Origin header).')
		expect(sessionIdsOf(user.id)).toEqual([])
	})

	test('Origin "null" falls back to the Referer: a foreign one is refused, our own is accepted', async () => {
		const user = await createUser()
		const foreign = await new Browser(server).post(
			'/login',
			{ email: user.email, password: user.password },
			{ Origin: 'null', Referer: 'https://evil.example/page' },
		)
		expect(foreign.status).toBe(403)
		expect(sessionIdsOf(user.id)).toEqual([])

		const browser = new Browser(server)
		const ours = await browser.request('/login', {
			method: 'POST',
			headers: { Referer: `${server.url}/login`, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: user.email, password: user.password }).toString(),
		})
		expectRedirect(ours, '/')
		expect(sessionIdsOf(user.id)).toEqual([browser.sessionId])
	})

	test('a cross-origin settings change is refused', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		const before = findUser(user.id)!.passwordHash
		const page = await browser.post(
			'/settings',
			{
				intent: 'change-password',
				currentPassword: user.password,
				newPassword: 'attacker chosen password',
				confirmPassword: 'attacker chosen password',
			},
			{ Origin: 'https://evil.example' },
		)
		expect(page.status).toBe(403)
		expect(findUser(user.id)!.passwordHash).toBe(before)
	})
})

const validApplication = (overrides: Record<string, string> = {}) => ({
	name: 'Jules Joiner',
	email: uniqueEmail('applicant'),
	password: 'a long enough password',
	title: 'Chief Marketing Officer',
	company: 'Joiner Groceries',
	sector: '44',
	region: 'Europe',
	timeZone: 'Europe/Paris',
	applicationNote: 'I want to trade notes on loyalty programs.',
	...overrides,
})

describe('applying to join', () => {
	test('a valid application redirects to /login?applied=1 and records an applicant with a profile', async () => {
		const application = validApplication()
		const browser = new Browser(server)
		const page = await browser.post('/join', application)
		expectRedirect(page, '/login?applied=1')
		expectNoSessionCookie(page)

		const user = findUserByEmail(application.email)
		expect(user).toMatchObject({
			name: 'Jules Joiner',
			email: application.email,
			role: 'member',
			status: 'applicant',
			applicationNote: application.applicationNote,
			reviewedAt: null,
			reviewedBy: null,
		})
		expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
		expect(await verifyPassword(user!.passwordHash, application.password)).toBe(true)
		const profile = db.select().from(memberProfiles).where(eq(memberProfiles.userId, user!.id)).get()
		expect(profile).toMatchObject({ title: 'Chief Marketing Officer', region: 'Europe', timeZone: 'Europe/Paris' })
		expect(db.select().from(companies).where(eq(companies.id, profile!.companyId)).get()).toMatchObject({
			name: 'Joiner Groceries',
		})
		expect(
			db
				.select({ code: companySectorCodes.code })
				.from(companySectorCodes)
				.where(eq(companySectorCodes.companyId, profile!.companyId))
				.all(),
		).toEqual([{ code: '44' }])

		const login = await browser.get(page.location!)
		expect(login.status).toBe(200)
		expect(notices(login.html).join(' ')).toContain('Thank you for applying.')

		// The applicant can sign in and sees the application status.
		expectRedirect(await browser.signIn(application.email, application.password), '/')
		expectRedirect(await browser.get('/'), '/application')
	})

	test('applying again with a known email answers the same and changes nothing', async () => {
		const application = validApplication()
		expectRedirect(await new Browser(server).post('/join', application), '/login?applied=1')
		const original = findUserByEmail(application.email)!
		const originalProfile = db.select().from(memberProfiles).where(eq(memberProfiles.userId, original.id)).get()
		const usersBefore = countUsers()

		const again = await new Browser(server).post(
			'/join',
			validApplication({
				email: ` ${application.email.toUpperCase()} `,
				name: 'Impostor Person',
				password: 'a different password',
				company: 'Impostor Inc',
				region: 'Asia Pacific',
				timeZone: 'Asia/Tokyo',
			}),
		)
		expectRedirect(again, '/login?applied=1')
		expectNoSessionCookie(again)
		expect(countUsers()).toBe(usersBefore)
		expect(findUserByEmail(application.email)).toEqual(original)
		expect(db.select().from(memberProfiles).where(eq(memberProfiles.userId, original.id)).get()).toEqual(
			originalProfile,
		)

		// Only the original password works.
		expect((await new Browser(server).signIn(application.email, 'a different password')).status).toBe(401)
		expectRedirect(await new Browser(server).signIn(application.email, application.password), '/')
	})

	test('a member who already exists cannot be overwritten by an application', async () => {
		const member = await createUser({ name: 'Existing Member' })
		const before = findUser(member.id)
		expectRedirect(
			await new Browser(server).post('/join', validApplication({ email: member.email, name: 'Someone Else' })),
			'/login?applied=1',
		)
		expect(findUser(member.id)).toEqual(before)
	})

	test('an invalid application is a 400 naming each problem, and creates no user', async () => {
		const usersBefore = countUsers()
		const application = validApplication({ password: 'short', region: 'Atlantis' })
		const page = await new Browser(server).post('/join', application)
		expect(page.status).toBe(400)
		expect(fieldErrors(page.html, 'join')).toEqual({
			password: ['Use at least 10 characters.'],
			region: ['Choose your region.'],
		})
		expect(page.html).not.toContain('value="short"')
		expectNoSessionCookie(page)
		expect(findUserByEmail(application.email)).toBeUndefined()
		expect(countUsers()).toBe(usersBefore)
	})

	test('missing fields, a bad email, an unknown sector and a bad time zone are each refused', async () => {
		const usersBefore = countUsers()
		const browser = new Browser(server)

		const empty = await browser.post('/join', {})
		expect(empty.status).toBe(400)
		expect(fieldErrors(empty.html, 'join')).toEqual({
			name: ['Your name is required.'],
			email: ['Enter your email address.'],
			password: ['Choose a password.'],
			title: ['Your title is required.'],
			company: ['Your company is required.'],
			sector: ['Pick an industry from the list, or type its NAICS code.'],
			region: ['Choose your region.'],
			timeZone: ['Choose your time zone.'],
		})

		const badEmail = await browser.post('/join', validApplication({ email: 'jules at example' }))
		expect(badEmail.status).toBe(400)
		expect(fieldErrors(badEmail.html, 'join')).toEqual({
			email: ['Enter a valid email address, like name@company.com.'],
		})

		const unknownSector = validApplication({ sector: '99' })
		const sector = await browser.post('/join', unknownSector)
		expect(sector.status).toBe(400)
		expect(fieldErrors(sector.html, 'join')).toEqual({
			sector: ['There is no NAICS 2022 code 99. Pick an industry from the list.'],
		})
		expect(findUserByEmail(unknownSector.email)).toBeUndefined()

		const badZone = validApplication({ timeZone: 'Mars/Olympus_Mons' })
		const zone = await browser.post('/join', badZone)
		expect(zone.status).toBe(400)
		expect(fieldErrors(zone.html, 'join')).toEqual({ timeZone: ['Choose a time zone from the list.'] })
		expect(findUserByEmail(badZone.email)).toBeUndefined()

		expect(countUsers()).toBe(usersBefore)
	})

	test('a signed-in member is sent away from /join', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		expectRedirect(await browser.get('/join'), '/')
	})
})

describe('settings: password and sessions', () => {
	test('a wrong current password is refused and nothing changes', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		const other = await signedInBrowser(server, user.email, user.password)
		const hashBefore = findUser(user.id)!.passwordHash

		const page = await browser.post('/settings', {
			intent: 'change-password',
			currentPassword: 'not my password at all',
			newPassword: 'a brand new password',
			confirmPassword: 'a brand new password',
		})
		expect(page.status).toBe(400)
		expect(fieldErrors(page.html, 'change-password')).toEqual({
			currentPassword: ['Your current password is not correct.'],
		})
		expect(findUser(user.id)!.passwordHash).toBe(hashBefore)
		expect(sessionIdsOf(user.id)).toEqual([browser.sessionId, other.sessionId].sort())
	})

	test('a new password that is not repeated correctly is refused', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		const hashBefore = findUser(user.id)!.passwordHash
		const page = await browser.post('/settings', {
			intent: 'change-password',
			currentPassword: user.password,
			newPassword: 'a brand new password',
			confirmPassword: 'a brand new passwort',
		})
		expect(page.status).toBe(400)
		expect(fieldErrors(page.html, 'change-password')).toEqual({ confirmPassword: ['The passwords do not match.'] })
		expect(findUser(user.id)!.passwordHash).toBe(hashBefore)
	})

	test('changing the password signs out the other sessions, keeps this one, and swaps the password', async () => {
		const user = await createUser({ name: 'Pascal Passwordchange' })
		const current = await signedInBrowser(server, user.email, user.password)
		const other = await signedInBrowser(server, user.email, user.password)
		const bystander = await createUser()
		const bystanderBrowser = await signedInBrowser(server, bystander.email, bystander.password)
		const newPassword = 'a brand new password'

		const page = await current.post('/settings', {
			intent: 'change-password',
			currentPassword: user.password,
			newPassword,
			confirmPassword: newPassword,
		})
		expect(page.status).toBe(200)
		expect(notices(page.html)).toContain('Password changed. We signed out your 1 other session.')
		expect(fieldErrors(page.html, 'change-password')).toEqual({})
		expect(sessionIdsOf(user.id)).toEqual([current.sessionId])
		expect(sessionIdsOf(bystander.id)).toEqual([bystanderBrowser.sessionId])

		await expectSignedIn(current, 'Pascal Passwordchange')
		await expectSignedOut(other)

		expect((await new Browser(server).signIn(user.email, user.password)).status).toBe(401)
		const fresh = new Browser(server)
		expectRedirect(await fresh.signIn(user.email, newPassword), '/')
		await expectSignedIn(fresh, 'Pascal Passwordchange')
	})

	test('"sign out of all other sessions" deletes only the other sessions of this user', async () => {
		const user = await createUser({ name: 'Olivia Othersessions' })
		const current = await signedInBrowser(server, user.email, user.password)
		const tablet = await signedInBrowser(server, user.email, user.password)
		const phone = await signedInBrowser(server, user.email, user.password)
		const bystander = await createUser()
		const bystanderBrowser = await signedInBrowser(server, bystander.email, bystander.password)

		const settings = await current.get('/settings')
		expect(mainText(settings.html)).toContain('Sign out of all other sessions')

		const page = await current.post('/settings', { intent: 'sign-out-others' })
		expect(page.status).toBe(200)
		expect(notices(page.html)).toContain('Signed out of 2 other sessions.')
		expect(sessionIdsOf(user.id)).toEqual([current.sessionId])
		expect(sessionIdsOf(bystander.id)).toEqual([bystanderBrowser.sessionId])
		await expectSignedOut(tablet)
		await expectSignedOut(phone)
		await expectSignedIn(current, 'Olivia Othersessions')
	})

	test('signing out one of my other sessions by id ends just that one', async () => {
		const user = await createUser()
		const current = await signedInBrowser(server, user.email, user.password)
		const other = await signedInBrowser(server, user.email, user.password)
		const third = await signedInBrowser(server, user.email, user.password)
		const page = await current.post('/settings', { intent: 'sign-out-session', sessionId: other.sessionId! })
		expect(page.status).toBe(200)
		expect(notices(page.html)).toContain('Signed out of that session.')
		expect(sessionIdsOf(user.id)).toEqual([current.sessionId, third.sessionId].sort())
	})

	test('signing out a session of another user is a 404 and that session lives on', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		const victim = await createUser({ name: 'Vera Victim' })
		const victimBrowser = await signedInBrowser(server, victim.email, victim.password)

		const page = await browser.post('/settings', { intent: 'sign-out-session', sessionId: victimBrowser.sessionId! })
		expect(page.status).toBe(404)
		expect(errorPage(page.html).detail).toBe('That session does not exist or has already ended.')
		expect(sessionExists(victimBrowser.sessionId!)).toBe(true)
		await expectSignedIn(victimBrowser, 'Vera Victim')
		expect(sessionIdsOf(user.id)).toEqual([browser.sessionId])
	})

	test('the current session cannot be ended through sign-out-session, and unknown intents are 400s', async () => {
		const user = await createUser()
		const browser = await signedInBrowser(server, user.email, user.password)
		const own = await browser.post('/settings', { intent: 'sign-out-session', sessionId: browser.sessionId! })
		expect(own.status).toBe(400)
		expect(errorPage(own.html).detail).toBe('Use “Sign out” to end the session you are using.')
		expect(sessionExists(browser.sessionId!)).toBe(true)

		const unknown = await browser.post('/settings', { intent: 'delete-everything' })
		expect(unknown.status).toBe(400)
		expect(errorPage(unknown.html).detail).toBe('Unknown settings action.')
		expect(sessionExists(browser.sessionId!)).toBe(true)
	})

	test('an anonymous settings post is sent to sign in', async () => {
		const page = await new Browser(server).post('/settings', { intent: 'sign-out-others' })
		expectRedirect(page, '/login?redirectTo=%2Fsettings')
	})
})

describe('admin review of applications', () => {
	test('an admin approves an applicant, who can then use the network; a second review is a 409', async () => {
		const admin = await createUser({ role: 'admin' })
		const adminBrowser = await signedInBrowser(server, admin.email, admin.password)
		const applicant = await createUser({ status: 'applicant', name: 'Apollonia Approved' })
		const applicantBrowser = await signedInBrowser(server, applicant.email, applicant.password)
		expectRedirect(await applicantBrowser.get('/'), '/application')

		const page = await adminBrowser.post('/admin/applications', { applicantId: applicant.id, decision: 'approve' })
		expect(page.status).toBe(200)
		expect(notices(page.html)).toContain('Apollonia Approved was approved and can now use the network.')
		expect(mainText(page.html)).not.toContain(applicant.email)
		const approved = findUser(applicant.id)!
		expect(approved.status).toBe('active')
		expect(approved.reviewedBy).toBe(admin.id)
		expect(approved.reviewedAt).toBeInstanceOf(Date)
		expect(Math.abs(approved.reviewedAt!.getTime() - Date.now())).toBeLessThan(60_000)

		// The same session now opens the member home.
		const home = await applicantBrowser.get('/')
		expect(home.status).toBe(200)
		expect(mainText(home.html)).toContain('Good to see you, Apollonia.')

		const again = await adminBrowser.post('/admin/applications', { applicantId: applicant.id, decision: 'reject' })
		expect(again.status).toBe(409)
		expect(notices(again.html).join(' ')).toContain('already been reviewed')
		expect(findUser(applicant.id)).toEqual(approved)
	})

	test('an admin rejects an applicant, who stays out', async () => {
		const admin = await createUser({ role: 'admin' })
		const adminBrowser = await signedInBrowser(server, admin.email, admin.password)
		const applicant = await createUser({ status: 'applicant', name: 'Rory Rejected' })
		const page = await adminBrowser.post('/admin/applications', { applicantId: applicant.id, decision: 'reject' })
		expect(page.status).toBe(200)
		expect(notices(page.html)).toContain('Rory Rejected was rejected.')
		expect(findUser(applicant.id)!.status).toBe('rejected')

		const applicantBrowser = await signedInBrowser(server, applicant.email, applicant.password)
		expectRedirect(await applicantBrowser.get('/'), '/application')
		expect(mainText((await applicantBrowser.get('/application')).html)).toContain('Your application was not approved')
	})

	test('a non-admin member cannot review applications', async () => {
		const applicant = await createUser({ status: 'applicant' })
		for (const role of ['member', 'moderator'] as const) {
			const member = await createUser({ role })
			const browser = await signedInBrowser(server, member.email, member.password)
			const page = await browser.post('/admin/applications', { applicantId: applicant.id, decision: 'approve' })
			expect(page.status).toBe(403)
			expect(errorPage(page.html).heading).toBe('You do not have access to this page')
		}
		expect(findUser(applicant.id)).toMatchObject({ status: 'applicant', reviewedAt: null, reviewedBy: null })
	})

	test('an applicant cannot approve themselves, and anonymous reviewers are sent to sign in', async () => {
		const applicant = await createUser({ status: 'applicant' })
		const browser = await signedInBrowser(server, applicant.email, applicant.password)
		const self = await browser.post('/admin/applications', { applicantId: applicant.id, decision: 'approve' })
		expectRedirect(self, '/application')
		const anonymous = await new Browser(server).post('/admin/applications', {
			applicantId: applicant.id,
			decision: 'approve',
		})
		expectRedirect(anonymous, '/login?redirectTo=%2Fadmin%2Fapplications')
		expect(findUser(applicant.id)!.status).toBe('applicant')
	})

	test('a malformed review is a 400 and an unknown applicant a 409', async () => {
		const admin = await createUser({ role: 'admin' })
		const browser = await signedInBrowser(server, admin.email, admin.password)
		const applicant = await createUser({ status: 'applicant' })

		const badDecision = await browser.post('/admin/applications', { applicantId: applicant.id, decision: 'maybe' })
		expect(badDecision.status).toBe(400)
		expect(errorPage(badDecision.html).detail).toBe('Choose an applicant and a decision (approve or reject).')

		const noApplicant = await browser.post('/admin/applications', { decision: 'approve' })
		expect(noApplicant.status).toBe(400)

		const unknown = await browser.post('/admin/applications', {
			applicantId: 'usr_does_not_exist',
			decision: 'approve',
		})
		expect(unknown.status).toBe(409)
		expect(notices(unknown.html).join(' ')).toContain('already been reviewed or no longer exists')

		// An active member is not an application: "approving" them again changes nothing.
		const member = await createUser()
		const before = findUser(member.id)
		const notPending = await browser.post('/admin/applications', { applicantId: member.id, decision: 'reject' })
		expect(notPending.status).toBe(409)
		expect(findUser(member.id)).toEqual(before)

		expect(findUser(applicant.id)!.status).toBe('applicant')
	})
})
