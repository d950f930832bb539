/**
 * Helpers for the HTTP tests: a tiny cookie-keeping "browser" that talks to the real server
 * process with fetch (no redirects followed), and readers for the rendered HTML.
 */
import { eq } from 'drizzle-orm'
import { sessions, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { startServerProcess, type ServerProcess } from '#tests/support/server-process.ts'

export const sessionCookieName = 'crossroads_session'

/**
 * The production server on this test file's database (process.env.DATABASE_PATH, set by the
 * setup file). TRUST_PROXY lets each test browser claim its own client IP through
 * X-Forwarded-For, so the per-IP sign-in limit of one test does not leak into another.
 */
export function startTestServer(options: { databasePath?: string; seed?: boolean; env?: Record<string, string> } = {}) {
	return startServerProcess({
		databasePath: options.databasePath ?? process.env.DATABASE_PATH!,
		seed: options.seed,
		env: { TRUST_PROXY: 'true', ...options.env },
	})
}

export type ParsedSetCookie = {
	name: string
	value: string
	/** Attribute names lower-cased; flags (HttpOnly) map to ''. */
	attributes: Map<string, string>
}

export function parseSetCookie(header: string): ParsedSetCookie {
	const [pair = '', ...rest] = header.split(';')
	const separator = pair.indexOf('=')
	const attributes = new Map<string, string>()
	for (const part of rest) {
		const trimmed = part.trim()
		if (!trimmed) continue
		const equals = trimmed.indexOf('=')
		if (equals === -1) attributes.set(trimmed.toLowerCase(), '')
		else attributes.set(trimmed.slice(0, equals).toLowerCase(), trimmed.slice(equals + 1))
	}
	return { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim(), attributes }
}

/** True when a Set-Cookie tells the browser to drop the cookie (Max-Age=0 or an expiry in the past). */
export function clearsCookie(cookie: ParsedSetCookie) {
	const maxAge = cookie.attributes.get('max-age')
	if (maxAge !== undefined && Number(maxAge) <= 0) return true
	const expires = cookie.attributes.get('expires')
	return expires !== undefined && Date.parse(expires) <= Date.now()
}

export function sessionCookiesIn(response: Response) {
	return response.headers
		.getSetCookie()
		.map(parseSetCookie)
		.filter((cookie) => cookie.name === sessionCookieName)
}

export type Page = {
	response: Response
	status: number
	headers: Headers
	location: string | null
	html: string
}

let ipCounter = 0
/** A distinct client address (TEST-NET-2) per browser. */
export function nextClientIp() {
	ipCounter += 1
	return `198.51.${100 + Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`
}

export type Fields = Record<string, string> | URLSearchParams

/** One user agent: keeps cookies like a browser would, never follows redirects. */
export class Browser {
	readonly cookies = new Map<string, string>()
	constructor(
		readonly server: Pick<ServerProcess, 'url'>,
		readonly ip: string = nextClientIp(),
		readonly userAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
	) {}

	get sessionId() {
		return this.cookies.get(sessionCookieName)
	}

	cookieHeader() {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
	}

	/** A second browser holding the same cookies (a stolen or copied cookie). */
	clone(ip = nextClientIp()) {
		const copy = new Browser(this.server, ip, this.userAgent)
		for (const [name, value] of this.cookies) copy.cookies.set(name, value)
		return copy
	}

	async request(
		path: string,
		init: { method?: string; headers?: Record<string, string>; body?: string | FormData } = {},
	) {
		const headers: Record<string, string> = {
			'User-Agent': this.userAgent,
			'X-Forwarded-For': this.ip,
			...init.headers,
		}
		const cookie = this.cookieHeader()
		if (cookie && !('Cookie' in headers)) headers.Cookie = cookie
		const response = await fetch(new URL(path, this.server.url), {
			method: init.method ?? 'GET',
			headers,
			body: init.body,
			redirect: 'manual',
		})
		for (const setCookie of response.headers.getSetCookie()) {
			const parsed = parseSetCookie(setCookie)
			if (clearsCookie(parsed)) this.cookies.delete(parsed.name)
			else this.cookies.set(parsed.name, parsed.value)
		}
		const html = await response.text()
		return {
			response,
			status: response.status,
			headers: response.headers,
			location: response.headers.get('location'),
			html,
		} satisfies Page
	}

	get(path: string, headers: Record<string, string> = {}) {
		return this.request(path, { headers })
	}

	/** A same-origin form post, as a browser submits it. */
	post(path: string, fields: Fields, headers: Record<string, string> = {}) {
		return this.request(path, {
			method: 'POST',
			headers: {
				Origin: this.server.url,
				'Content-Type': 'application/x-www-form-urlencoded',
				...headers,
			},
			body: new URLSearchParams(fields).toString(),
		})
	}

	/** A same-origin multipart post, as a browser sends a file upload. */
	upload(path: string, form: FormData) {
		return this.request(path, { method: 'POST', headers: { Origin: this.server.url }, body: form })
	}

	signIn(email: string, password: string, redirectTo = '') {
		return this.post('/login', { email, password, redirectTo })
	}
}

/** Signs in and fails loudly unless the server answered with a session cookie. */
export async function signedInBrowser(server: Pick<ServerProcess, 'url'>, email: string, password: string) {
	const browser = new Browser(server)
	const page = await browser.signIn(email, password)
	if (page.status !== 302 || !browser.sessionId)
		throw new Error(`Sign-in of ${email} failed with ${page.status}: ${formAlert(page.html, 'login')}`)
	return browser
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Text content of an HTML fragment: tags and React's text separators removed, entities decoded. */
export function textOf(html: string) {
	return html
		.replace(/<!-- -->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
			if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16))
			if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
			return entities[entity.toLowerCase()] ?? whole
		})
		.replace(/\s+/g, ' ')
		.trim()
}

/** The visible text of <main> (not the serialized loader data in the scripts). */
export function mainText(html: string) {
	const match = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(html)
	return match ? textOf(match[1]!) : ''
}

/** The form-level alert conform renders (`<div id="{formId}-error" role="alert">`), or null. */
export function formAlert(html: string, formId: string) {
	const match = new RegExp(`<div id="${formId}-error" role="alert"[^>]*>([\\s\\S]*?)</div>`).exec(html)
	return match ? textOf(match[1]!) : null
}

/** Field-level messages, keyed by field name, from `<ul id="{formId}-{field}-error">` lists. */
export function fieldErrors(html: string, formId: string) {
	const errors: Record<string, string[]> = {}
	for (const match of html.matchAll(new RegExp(`<ul id="${formId}-([\\w-]+)-error"[^>]*>([\\s\\S]*?)</ul>`, 'g'))) {
		errors[match[1]!] = [...match[2]!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((item) => textOf(item[1]!))
	}
	return errors
}

/** The `role="status"` notices on the page. */
export function notices(html: string) {
	return [...html.matchAll(/<div role="status"[^>]*>([\s\S]*?)<\/div>/g)].map((match) => textOf(match[1]!))
}

/** The root error boundary: status, heading and detail. */
export function errorPage(html: string) {
	const main = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? ''
	const status = /<p[^>]*>(\d{3})<\/p>/.exec(main)?.[1]
	const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(main)?.[1]
	const detail = /<h1[^>]*>[\s\S]*?<\/h1><p[^>]*>([\s\S]*?)<\/p>/.exec(main)?.[1]
	return {
		status: status ? Number(status) : null,
		heading: heading ? textOf(heading) : null,
		detail: detail ? textOf(detail) : null,
	}
}

// Reads through a second connection to the same SQLite file (WAL lets both processes in).
export function findUserByEmail(email: string) {
	return db.select().from(users).where(eq(users.email, email)).get()
}

export function findUser(id: string) {
	return db.select().from(users).where(eq(users.id, id)).get()
}

export function sessionIdsOf(userId: string) {
	return db
		.select({ id: sessions.id })
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.all()
		.map((row) => row.id)
		.sort()
}

export function sessionExists(sessionId: string) {
	return db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, sessionId)).get() !== undefined
}

export function countSessions() {
	return (db.$client.prepare('select count(*) as count from sessions').get() as { count: number }).count
}

export function countUsers() {
	return (db.$client.prepare('select count(*) as count from users').get() as { count: number }).count
}
