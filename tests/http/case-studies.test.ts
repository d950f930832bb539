import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { caseStudies, caseStudyImages } from '#db/schema.ts'
import { createDraft, liveContent, submitStudy } from '#app/features/case-studies/authoring.server.ts'
import { addStudyImage } from '#app/features/case-studies/images.server.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { db } from '#app/utils/db.server.ts'
import { moderate, publishedStudy, studyInput } from '#tests/support/case-studies.ts'
import { createUser } from '#tests/support/factories.ts'
import type { ServerProcess } from '#tests/support/server-process.ts'
import { Browser, fieldErrors, mainText, notices, signedInBrowser, startTestServer } from './support.ts'

let server: ServerProcess
let grocer: Awaited<ReturnType<typeof createUser>>
let rivalGrocer: Awaited<ReturnType<typeof createUser>>
let banker: Awaited<ReturnType<typeof createUser>>
let confidential: string
let shared: string
let imagePath: string

const png = (width = 800, height = 500) =>
	sharp({ create: { width, height, channels: 3, background: '#17a37a' } })
		.png()
		.toBuffer()

beforeAll(async () => {
	grocer = await createUser({ name: 'Gina Grocer', sectorCode: '445110' })
	rivalGrocer = await createUser({ name: 'Oscar Othergrocer', sectorCode: '445131' })
	banker = await createUser({ name: 'Bea Banker', sectorCode: '522110' })
	rebuildConflictKeys(db, [grocer.id, rivalGrocer.id, banker.id])
	const draft = createDraft(grocer.id, studyInput({ title: 'Confidential grocery loyalty playbook' }))
	if (!draft.ok) throw new Error(draft.message)
	const image = await addStudyImage(grocer.id, draft.studyId, await png(), { alt: 'Loyalty app', cover: true })
	if (!image.ok) throw new Error(image.message)
	submitStudy(grocer.id, draft.studyId)
	moderate(draft.studyId, 'approve')
	confidential = draft.studyId
	imagePath = `/case-studies/${confidential}/images/${image.imageId}`
	shared = publishedStudy(grocer.id, { title: 'Shared shelf pricing lessons', readers: 'all' })
	server = await startTestServer()
})
afterAll(async () => {
	await server?.stop()
})

/** A complete form post of the study form, as the browser sends it. */
function formFields(overrides: Record<string, string> = {}) {
	const fields = new URLSearchParams({
		intent: 'save',
		title: 'Personal offers that beat points',
		brand: 'Bea Bank',
		sector: '522110 Commercial Banking',
		objective: 'retention',
		targetAudience: 'Young savers',
		startedOn: '2024-01',
		endedOn: '2024-12',
		budgetBand: '500k-2m',
		summary: 'Offers, not points.',
		body: 'We replaced points with offers. '.repeat(10),
		learnings: 'Holdouts from day one.',
		tags: 'Loyalty, CRM',
		'metrics[0].label': 'Members',
		'metrics[0].before': '1',
		'metrics[0].after': '4',
		'metrics[0].unit': 'M',
		readers: 'non-conflicted',
		...overrides,
	})
	fields.append('channels', 'email-crm')
	fields.append('channels', 'social')
	return fields
}

describe('case-study pages', () => {
	test('signed-out visitors are sent to sign in, for pages and images alike', async () => {
		const visitor = new Browser(server)
		for (const path of ['/case-studies', `/case-studies/${shared}`, '/case-studies/new', imagePath]) {
			const page = await visitor.get(path)
			expect(page.status).toBe(302)
			expect(page.location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
		}
	})

	test('a conflicted reader gets a 404 for the study, its image and its export, as for a study that does not exist', async () => {
		const rival = await signedInBrowser(server, rivalGrocer.email, rivalGrocer.password)
		const page = await rival.get(`/case-studies/${confidential}`)
		expect(page.status).toBe(404)
		expect(page.html).not.toContain('Confidential grocery loyalty playbook')
		const missing = await rival.get('/case-studies/cst_does_not_exist')
		expect(missing.status).toBe(404)
		expect(mainText(page.html)).toBe(mainText(missing.html))
		const image = await rival.get(imagePath)
		expect(image.status).toBe(404)
		expect(image.headers.get('content-type')).not.toContain('image')
		const exported = await rival.get(`/case-studies/${confidential}/export.md`)
		expect(exported.status).toBe(404)
		expect(exported.html).not.toContain('Confidential grocery loyalty playbook')
		// Shared with all members: readable across the conflict.
		expect((await rival.get(`/case-studies/${shared}`)).status).toBe(200)
		const library = mainText((await rival.get('/case-studies')).html)
		expect(library).toContain('Shared shelf pricing lessons')
		expect(library).not.toContain('Confidential grocery loyalty playbook')
		expect(mainText((await rival.get(`/members/${grocer.id}`)).html)).not.toContain(
			'Confidential grocery loyalty playbook',
		)
	})

	test('a reader the policy allows gets the page, the image (privately cached), the export and the member-page card', async () => {
		const reader = await signedInBrowser(server, banker.email, banker.password)
		const page = await reader.get(`/case-studies/${confidential}`)
		expect(page.status).toBe(200)
		expect(mainText(page.html)).toContain('Confidential grocery loyalty playbook')
		expect(mainText(page.html)).toContain('Gina Grocer')
		const image = await reader.request(imagePath)
		expect(image.status).toBe(200)
		expect(image.headers.get('content-type')).toBe('image/webp')
		expect(image.headers.get('cache-control')).toMatch(/^private/)
		const exported = await reader.get(`/case-studies/${confidential}/export.md`)
		expect(exported.status).toBe(200)
		expect(exported.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
		expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''.+\.md$/)
		expect(exported.html.startsWith('# Confidential grocery loyalty playbook')).toBe(true)
		const member = mainText((await reader.get(`/members/${grocer.id}`)).html)
		expect(member).toContain('Case studies')
		expect(member).toContain('Confidential grocery loyalty playbook')
	})

	test('bad form input is a 400 with a message on each field; nothing is stored', async () => {
		const author = await signedInBrowser(server, banker.email, banker.password)
		const before = db.select({ id: caseStudies.id }).from(caseStudies).all().length
		const page = await author.post(
			'/case-studies/new',
			formFields({
				title: '',
				sector: 'banking',
				objective: 'fame',
				startedOn: '2024-05',
				endedOn: '2024-02',
				budgetBand: '',
				tags: Array.from({ length: 9 }, (_, k) => `tag ${k}`).join(', '),
			}),
		)
		expect(page.status).toBe(400)
		expect(fieldErrors(page.html, 'study')).toEqual({
			title: ['The title is required.'],
			sector: ['Pick an industry from the list, or type its NAICS code.'],
			objective: ['Choose the campaign objective.'],
			budgetBand: ['Choose a budget band.'],
			tags: ['Use at most 8 tags; you have 9.'],
		})
		const ends = await author.post('/case-studies/new', formFields({ startedOn: '2024-05', endedOn: '2024-02' }))
		expect(ends.status).toBe(400)
		expect(fieldErrors(ends.html, 'study')).toEqual({ endedOn: ['The end month cannot be before the start month.'] })
		const submit = await author.post(
			'/case-studies/new',
			formFields({ intent: 'submit', learnings: '', body: 'Short.' }),
		)
		expect(submit.status).toBe(400)
		expect(fieldErrors(submit.html, 'study')).toEqual({
			body: ['Tell the story in at least 200 characters before submitting.'],
			learnings: ['Say what you would do differently before submitting.'],
		})
		expect(db.select({ id: caseStudies.id }).from(caseStudies).all().length).toBe(before)
	})

	test('saving a new study creates a draft and opens the editor; submitting it sends it to review', async () => {
		const author = await signedInBrowser(server, banker.email, banker.password)
		const created = await author.post('/case-studies/new', formFields())
		expect(created.status).toBe(302)
		const studyId = /^\/case-studies\/(cst_\w+)\/edit\?done=created$/.exec(created.location ?? '')?.[1]
		expect(studyId).toBeTruthy()
		expect(liveContent(studyId!)).toMatchObject({ sectorCode: '522110', tags: ['crm', 'loyalty'] })
		const editor = await author.get(created.location!)
		expect(mainText(editor.html)).toContain('Draft saved.')
		const submitted = await author.post(`/case-studies/${studyId}/edit`, formFields({ intent: 'submit' }))
		expect(submitted.status).toBe(302)
		expect(submitted.location).toBe(`/case-studies/${studyId}/edit?done=submitted`)
		expect(mainText((await author.get(submitted.location!)).html)).toContain('Submitted for review.')
		expect(db.select().from(caseStudies).where(eq(caseStudies.id, studyId!)).get()?.status).toBe('submitted')
		const again = await author.post(`/case-studies/${studyId}/edit`, formFields({ intent: 'submit' }))
		expect(again.status).toBe(400)
		expect(mainText(again.html)).toContain(
			'This case study is waiting for review: withdraw it first if you need to change it.',
		)
		// Another member cannot open or post to the editor.
		const other = await signedInBrowser(server, grocer.email, grocer.password)
		expect((await other.get(`/case-studies/${studyId}/edit`)).status).toBe(404)
		expect((await other.post(`/case-studies/${studyId}/edit`, { intent: 'withdraw' })).status).toBe(404)
	})

	test('image uploads: a real image is stored as WebP; not an image, or too large, is a 400 with a message', async () => {
		const author = await signedInBrowser(server, banker.email, banker.password)
		const draft = createDraft(banker.id, studyInput({ title: 'Study with images' }))
		if (!draft.ok) throw new Error(draft.message)
		const upload = (bytes: Uint8Array, name: string, type: string, alt = 'Campaign poster') => {
			const form = new FormData()
			form.set('image', new File([new Uint8Array(bytes)], name, { type }))
			form.set('alt', alt)
			return author.upload(`/case-studies/${draft.studyId}/edit`, form)
		}
		const images = () => db.select().from(caseStudyImages).where(eq(caseStudyImages.studyId, draft.studyId)).all()

		const valid = await upload(await png(2000, 1000), 'poster.png', 'image/png')
		expect(valid.status).toBe(200)
		expect(notices(valid.html)).toContain('Image added.')
		expect(images()).toMatchObject([{ contentType: 'image/webp', width: 1600, height: 800, isCover: true }])

		const script = await upload(new TextEncoder().encode('<script>alert(1)</script>'), 'evil.png', 'image/png')
		expect(script.status).toBe(400)
		expect(notices(script.html).join(' ')).toContain('Upload a JPEG, PNG, WebP, AVIF or GIF')

		const huge = await upload(new Uint8Array(5 * 1024 * 1024 + 10), 'huge.png', 'image/png')
		expect(huge.status).toBe(400)
		expect(notices(huge.html)).toContain('The image is larger than 5 MB.')

		const noAlt = await upload(await png(), 'poster.png', 'image/png', '')
		expect(noAlt.status).toBe(400)
		expect(notices(noAlt.html)).toContain('A description of the image is required.')
		expect(images()).toHaveLength(1)
	})

	test('Markdown with XSS payloads is saved as written and served without anything executable', async () => {
		const payload = [
			'## Results <script>alert("body")</script>',
			'<img src=x onerror=alert(1)> <svg onload=alert(2)></svg> <iframe src="javascript:alert(3)"></iframe>',
			'[click](javascript:alert(4)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)',
			'[entity](&#106;avascript:alert(6)) ![pixel](https://tracker.example/p.gif) <a href="javascript:alert(7)">a</a>',
			'[fine](https://example.com/ok)',
		].join('\n\n')
		const author = await signedInBrowser(server, banker.email, banker.password)
		const created = await author.post(
			'/case-studies/new',
			formFields({
				title: 'XSS <script>alert("title")</script>',
				summary: '<img src=x onerror=alert("summary")>',
				body: payload,
				learnings: '<script>alert("learnings")</script> [x](javascript:alert(8))',
			}),
		)
		expect(created.status).toBe(302)
		const studyId = /\/case-studies\/(cst_\w+)\//.exec(created.location!)![1]!
		expect(liveContent(studyId)?.body).toBe(payload)
		const page = await author.get(`/case-studies/${studyId}`)
		expect(page.status).toBe(200)
		const main = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(page.html)![1]!
		expect(main).not.toMatch(/<(script|iframe|object|embed)\b/i)
		// The one <svg> is the results chart's (one metric), not the author's.
		expect(main.match(/<svg\b/g)).toHaveLength(1)
		expect(main).not.toMatch(/<img[^>]*onerror/i)
		expect(main).not.toMatch(/<[^>]*\son[a-z]+=/i)
		expect(main).not.toMatch(/href="(javascript|data|vbscript):/i)
		expect(main).not.toContain('tracker.example')
		expect(main).toContain('href="https://example.com/ok"')
		expect(main).toContain('rel="nofollow noopener noreferrer"')
		// The text is shown, escaped, where the author wrote it.
		expect(mainText(page.html)).toContain('Results <script>alert("body")</script>')
		// Nowhere in the document, including the serialized loader data, is the markup live.
		expect(page.html).not.toMatch(/<script>alert|<img src=x|<svg onload|<iframe src="javascript/i)
		const preview = await author.post(`/case-studies/${studyId}/edit`, formFields({ intent: 'preview', body: payload }))
		expect(preview.status).toBe(200)
		const previewMain = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(preview.html)![1]!
		expect(previewMain).toContain('Preview')
		expect(previewMain).not.toMatch(/<(script|iframe|svg)\b|<[^>]*\son[a-z]+=|href="javascript:/i)
	})

	test('votes, bookmarks and comments work as plain form posts', async () => {
		const reader = await signedInBrowser(server, banker.email, banker.password)
		const path = `/case-studies/${shared}`
		expect((await reader.post(path, { intent: 'useful', value: 'on' })).status).toBe(200)
		expect((await reader.post(path, { intent: 'useful', value: 'on' })).status).toBe(200)
		expect(db.select().from(caseStudies).where(eq(caseStudies.id, shared)).get()?.usefulCount).toBe(1)
		expect((await reader.post(path, { intent: 'bookmark', value: 'on' })).status).toBe(200)
		expect(mainText((await reader.get('/case-studies/bookmarks')).html)).toContain('Shared shelf pricing lessons')
		const comment = await reader.post(path, { intent: 'comment', body: 'What was the <b>test</b> size?' })
		expect(comment.status).toBe(200)
		const page = await reader.get(path)
		expect(mainText(page.html)).toContain('What was the <b>test</b> size?')
		expect(page.html).not.toContain('<b>test</b>')
		expect((await reader.post(path, { intent: 'comment', body: '' })).status).toBe(400)
		const rival = await signedInBrowser(server, rivalGrocer.email, rivalGrocer.password)
		expect((await rival.post(`/case-studies/${confidential}`, { intent: 'useful', value: 'on' })).status).toBe(404)
	})
})
