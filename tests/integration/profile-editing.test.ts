import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import {
	companySectorCodes,
	expertiseTags,
	introductionBlocks,
	memberPhotos,
	memberProfiles,
	users,
} from '#db/schema.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { checkPair } from '#app/features/conflicts/conflicts.server.ts'
import {
	connectionBetween,
	requestConnection,
	respondToConnection,
} from '#app/features/connections/connections.server.ts'
import { searchDirectory } from '#app/features/directory/directory.server.ts'
import { parseDirectoryQuery } from '#app/features/directory/search-params.ts'
import { photoLimits, readProfilePhoto, saveProfilePhoto } from '#app/features/members/photos.server.ts'
import {
	addCompetitor,
	addPastRole,
	addSecondarySector,
	blockCompany,
	blockMember,
	getProfileForEditing,
	removeBlock,
	removeCompetitor,
	removePastRole,
	removeSecondarySector,
	setExpertise,
	updateCompany,
	updateProfileDetails,
} from '#app/features/members/profile-editing.server.ts'
import { CompanySchema, PastRoleSchema, ProfileDetailsSchema } from '#app/features/members/profile-schemas.ts'
import { canSeeFullProfile } from '#app/features/members/profile.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

const unique = () => crypto.randomUUID().slice(0, 8)

async function member(sectorCode: string, company = `Company ${unique()}`) {
	const user = await createUser({ company, sectorCode, name: `Member ${unique()}` })
	rebuildConflictKeys(db, [user.id])
	return user
}

async function connectedPair(sectorA: string, sectorB: string) {
	const a = await member(sectorA)
	const b = await member(sectorB)
	const request = requestConnection(a.id, b.id, '')
	if (!request.ok) throw new Error(request.message)
	respondToConnection(b.id, connectionBetween(a.id, b.id)!.id, 'accept')
	return { a, b }
}

const suspended = (a: string, b: string) => connectionBetween(a, b)?.suspendedAt !== null

function companyInput(overrides: Partial<Record<'company' | 'primarySector' | 'businessModel', string>>) {
	return CompanySchema.parse({
		intent: 'company',
		company: 'X',
		primarySector: '522110',
		businessModel: 'b2b',
		...overrides,
	})
}

function pastRole(company: string, sector?: string) {
	const now = new Date()
	const lastMonth = `${now.getUTCFullYear() - (now.getUTCMonth() === 0 ? 1 : 0)}-${String(((now.getUTCMonth() + 11) % 12) + 1).padStart(2, '0')}`
	return PastRoleSchema.parse({
		intent: 'add-past-role',
		company,
		title: 'VP Marketing',
		startedAt: '2019-01',
		endedAt: lastMonth,
		sector,
	})
}

describe('profile details', () => {
	test('saves every field, and the directory finds the member by their new words', async () => {
		const editor = await member('522110')
		const viewer = await member('611310')
		const details = ProfileDetailsSchema.parse({
			intent: 'details',
			name: 'Renée Quillfeather',
			title: 'Chief Brand Officer',
			headline: 'Rebuilding loyalty around zygomorphic rewards',
			bio: 'Line one.\nLine two.',
			region: 'Asia Pacific',
			timeZone: 'Asia/Kolkata',
			openTo: ['mentoring', 'speaking', 'mentoring'],
			visibility: 'members',
		})
		expect(updateProfileDetails(editor.id, details)).toEqual({ ok: true })
		const saved = getProfileForEditing(editor.id)!
		expect(saved).toMatchObject({
			name: 'Renée Quillfeather',
			title: 'Chief Brand Officer',
			region: 'Asia Pacific',
			timeZone: 'Asia/Kolkata',
			openTo: ['mentoring', 'speaking'],
			bio: 'Line one.\nLine two.',
		})
		const found = searchDirectory(viewer.id, parseDirectoryQuery(new URLSearchParams({ q: 'zygomorphic' })))
		expect(found.members.map((entry) => entry.id)).toEqual([editor.id])
	})

	test('the form schema refuses an unknown time zone, region and open-to option with field messages', () => {
		const result = ProfileDetailsSchema.safeParse({
			intent: 'details',
			name: 'A',
			title: '',
			region: 'Atlantis',
			timeZone: 'Mars/Olympus',
			openTo: ['golf'],
			visibility: 'everyone',
		})
		expect(result.success).toBe(false)
		const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]))
		expect(messages).toMatchObject({
			name: 'Your name needs at least 2 characters.',
			title: 'Your title is required.',
			region: 'Choose your region.',
			timeZone: 'Choose a time zone from the list.',
			'openTo.0': 'Choose from the listed options.',
			visibility: 'Choose who can see your profile.',
		})
	})

	test('expertise is replaced as a set', async () => {
		const editor = await member('522110')
		setExpertise(editor.id, ['loyalty', 'crm', 'loyalty'])
		setExpertise(editor.id, ['crm', 'pricing'])
		const tags = db.select({ tag: expertiseTags.tag }).from(expertiseTags).where(eq(expertiseTags.userId, editor.id))
		expect(
			tags
				.all()
				.map((row) => row.tag)
				.sort(),
		).toEqual(['crm', 'pricing'])
	})
})

describe('company and sector changes re-check connections', () => {
	test('moving into a connected peer’s industry suspends the connection; moving back restores it', async () => {
		const { a: banker, b: teacher } = await connectedPair('522110', '611310')
		const company = `Campus Co ${unique()}`
		const moved = updateCompany(banker.id, companyInput({ company, primarySector: '611310' }))
		expect(moved).toEqual({ ok: true, recheck: { suspended: 1, restored: 0 } })
		expect(suspended(banker.id, teacher.id)).toBe(true)
		expect(checkPair(teacher.id, banker.id)).toMatchObject({ conflicted: true, rules: ['same-sector'] })

		const back = updateCompany(banker.id, companyInput({ company, primarySector: '522110' }))
		expect(back).toEqual({ ok: true, recheck: { suspended: 0, restored: 1 } })
		expect(suspended(banker.id, teacher.id)).toBe(false)
		expect(connectionBetween(banker.id, teacher.id)?.status).toBe('accepted')
	})

	test('an unknown NAICS code is refused on its field and changes nothing', async () => {
		const editor = await member('522110')
		const before = getProfileForEditing(editor.id)!
		expect(updateCompany(editor.id, companyInput({ company: 'Elsewhere', primarySector: '999999' }))).toEqual({
			ok: false,
			field: 'primarySector',
			message: 'There is no NAICS 2022 code 999999. Pick an industry from the list.',
		})
		expect(getProfileForEditing(editor.id)).toEqual(before)
	})

	test('a secondary code applies to colleagues at the same company too', async () => {
		const company = `Diversified ${unique()}`
		const editor = await member('522110', company)
		const colleague = await member('522110', company)
		const teacher = await member('611310')
		requestConnection(colleague.id, teacher.id, '')
		respondToConnection(teacher.id, connectionBetween(colleague.id, teacher.id)!.id, 'accept')

		expect(addSecondarySector(editor.id, '611310')).toEqual({ ok: true, recheck: { suspended: 1, restored: 0 } })
		expect(suspended(colleague.id, teacher.id)).toBe(true)
		expect(addSecondarySector(editor.id, '611310')).toMatchObject({ ok: false, field: 'sector' })
		expect(addSecondarySector(editor.id, '12')).toMatchObject({ ok: false, field: 'sector' })

		expect(removeSecondarySector(editor.id, '522110')).toMatchObject({ ok: false })
		expect(removeSecondarySector(editor.id, '611310')).toEqual({ ok: true, recheck: { suspended: 0, restored: 1 } })
		expect(suspended(colleague.id, teacher.id)).toBe(false)
	})

	test('at most five secondary codes', async () => {
		const editor = await member('522110')
		for (const code of ['611310', '621111', '722511', '481111', '561720'])
			expect(addSecondarySector(editor.id, code)).toMatchObject({ ok: true })
		expect(addSecondarySector(editor.id, '711211')).toMatchObject({
			ok: false,
			message: 'A company has at most 5 secondary codes; remove one first.',
		})
		const codes = db
			.select()
			.from(companySectorCodes)
			.where(eq(companySectorCodes.companyId, getProfileForEditing(editor.id)!.companyId))
		expect(codes.all()).toHaveLength(6)
	})
})

describe('past roles, competitors and the private list', () => {
	test('a recent employer in the peer’s industry suspends the connection until the role is removed', async () => {
		const { a: banker, b: teacher } = await connectedPair('522110', '611310')
		const schoolName = `Old School ${unique()}`
		expect(addPastRole(banker.id, pastRole(schoolName))).toEqual({
			ok: false,
			field: 'sector',
			message: `${schoolName} is new to Crossroads: pick its industry so we can check conflicts.`,
		})
		const added = addPastRole(
			banker.id,
			pastRole(schoolName, '611310 Colleges, Universities, and Professional Schools'),
		)
		expect(added).toEqual({ ok: true, recheck: { suspended: 1, restored: 0 } })
		expect(checkPair(teacher.id, banker.id)).toMatchObject({ conflicted: true, rules: ['recent-employer'] })

		const roleId = getProfileForEditing(banker.id)!.pastRoles[0]!.id
		expect(removePastRole(teacher.id, roleId)).toMatchObject({ ok: false })
		expect(removePastRole(banker.id, roleId)).toEqual({ ok: true, recheck: { suspended: 0, restored: 1 } })
		expect(checkPair(teacher.id, banker.id)).toEqual({ conflicted: false })
	})

	test('a past role that ended before it started, or has not ended yet, is refused', () => {
		const backwards = PastRoleSchema.safeParse({
			intent: 'add-past-role',
			company: 'A',
			title: 'B',
			startedAt: '2024-05',
			endedAt: '2023-01',
		})
		expect(backwards.error?.issues.map((issue) => issue.message)).toEqual([
			'The end month cannot be before the start month.',
		])
		const future = PastRoleSchema.safeParse({
			intent: 'add-past-role',
			company: 'A',
			title: 'B',
			startedAt: '2024-05',
			endedAt: `${new Date().getUTCFullYear() + 1}-01`,
		})
		expect(future.success).toBe(false)
	})

	test('declaring a peer’s company a competitor suspends, removing it restores; own family and duplicates refused', async () => {
		const { a: banker, b: teacher } = await connectedPair('522110', '611310')
		const teacherCompany = getProfileForEditing(teacher.id)!
		const declared = addCompetitor(banker.id, {
			intent: 'add-competitor',
			company: ` ${teacherCompany.company.toUpperCase()} `,
		})
		expect(declared).toEqual({ ok: true, recheck: { suspended: 1, restored: 0 } })
		expect(checkPair(teacher.id, banker.id)).toMatchObject({ conflicted: true, rules: ['declared-competitor'] })
		expect(addCompetitor(banker.id, { intent: 'add-competitor', company: teacherCompany.company })).toMatchObject({
			ok: false,
			message: `${teacherCompany.company} is already on your list.`,
		})
		const own = getProfileForEditing(banker.id)!.company
		expect(addCompetitor(banker.id, { intent: 'add-competitor', company: own })).toMatchObject({ ok: false })

		expect(removeCompetitor(banker.id, teacherCompany.companyId)).toEqual({
			ok: true,
			recheck: { suspended: 0, restored: 1 },
		})
	})

	test('the private list: the listed member only ever sees “not available”, and a double submit stores one entry', async () => {
		const { a: banker, b: teacher } = await connectedPair('522110', '611310')
		expect(blockMember(banker.id, teacher.id)).toEqual({ ok: true, recheck: { suspended: 1, restored: 0 } })
		expect(blockMember(banker.id, teacher.id)).toEqual({ ok: true, recheck: { suspended: 0, restored: 0 } })
		expect(db.select().from(introductionBlocks).where(eq(introductionBlocks.userId, banker.id)).all()).toHaveLength(1)
		expect(checkPair(teacher.id, banker.id)).toMatchObject({
			conflicted: true,
			explanation: { rule: 'not-available', message: 'This member is not available.' },
		})
		expect(checkPair(banker.id, teacher.id)).toMatchObject({ explanation: { rule: 'do-not-introduce' } })
		expect(blockMember(banker.id, banker.id)).toMatchObject({ ok: false })

		const block = getProfileForEditing(banker.id)!.blocks[0]!
		expect(removeBlock(teacher.id, block.id)).toMatchObject({ ok: false })
		expect(removeBlock(banker.id, block.id)).toEqual({ ok: true, recheck: { suspended: 0, restored: 1 } })
	})

	test('blocking a company covers everyone who works there', async () => {
		const banker = await member('522110')
		const teacher = await member('611310')
		const { company } = getProfileForEditing(teacher.id)!
		expect(blockCompany(banker.id, { intent: 'block-company', company })).toMatchObject({ ok: true })
		expect(blockCompany(banker.id, { intent: 'block-company', company })).toMatchObject({ ok: false })
		expect(checkPair(teacher.id, banker.id)).toMatchObject({ conflicted: true })
	})
})

describe('photos', () => {
	const image = (format: 'png' | 'jpeg', width = 900, height = 600) =>
		sharp({ create: { width, height, channels: 3, background: '#3a6' } })
			[format]()
			.toBuffer()

	test('an upload is checked by content, cropped square, stored as WebP and versioned', async () => {
		const editor = await member('522110')
		expect(await saveProfilePhoto(editor.id, await image('png'))).toEqual({ ok: true, version: 1 })
		expect(await saveProfilePhoto(editor.id, await image('jpeg'))).toEqual({ ok: true, version: 2 })
		const stored = readProfilePhoto(editor.id)!
		const metadata = await sharp(stored.content).metadata()
		expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', photoLimits.size, photoLimits.size])
		expect(stored.contentType).toBe('image/webp')
	})

	test('not an image, an SVG, an empty file or more than 5 MB are refused and keep the old photo', async () => {
		const editor = await member('522110')
		await saveProfilePhoto(editor.id, await image('png'))
		const svg = Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
		)
		expect(await saveProfilePhoto(editor.id, Buffer.from('%PDF-1.7 not an image'))).toMatchObject({ ok: false })
		expect(await saveProfilePhoto(editor.id, svg)).toEqual({
			ok: false,
			message: 'Upload a JPEG, PNG, WebP, AVIF or GIF image.',
		})
		expect(await saveProfilePhoto(editor.id, new Uint8Array())).toEqual({
			ok: false,
			message: 'Choose a photo to upload.',
		})
		expect(await saveProfilePhoto(editor.id, new Uint8Array(photoLimits.maxBytes + 1))).toEqual({
			ok: false,
			message: 'The photo is larger than 5 MB.',
		})
		expect(db.select().from(memberPhotos).where(eq(memberPhotos.userId, editor.id)).all()).toHaveLength(1)
		expect(getProfileForEditing(editor.id)!.photoVersion).toBe(1)
	})

	test('who may see a full profile: not across a conflict, and only connections when the member says so', async () => {
		const owner = await member('522110')
		const stranger = await member('611310')
		const competitor = await member('522110')
		const friend = await member('621111')
		requestConnection(friend.id, owner.id, '')
		respondToConnection(owner.id, connectionBetween(friend.id, owner.id)!.id, 'accept')
		expect(canSeeFullProfile(stranger.id, owner.id)).toEqual({ allowed: true, photoVersion: null })
		expect(canSeeFullProfile(competitor.id, owner.id)).toEqual({ allowed: false, reason: 'conflicted' })
		db.update(memberProfiles).set({ visibility: 'connections' }).where(eq(memberProfiles.userId, owner.id)).run()
		expect(canSeeFullProfile(stranger.id, owner.id)).toEqual({ allowed: false, reason: 'connections-only' })
		expect(canSeeFullProfile(friend.id, owner.id)).toMatchObject({ allowed: true })
		expect(canSeeFullProfile(owner.id, owner.id)).toMatchObject({ allowed: true })
		db.update(users).set({ status: 'suspended' }).where(eq(users.id, owner.id)).run()
		expect(canSeeFullProfile(friend.id, owner.id)).toEqual({ allowed: false, reason: 'missing' })
	})
})
