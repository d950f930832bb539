import { and, eq } from 'drizzle-orm'
import { describe, expect, test, vi } from 'vitest'
import {
	availabilitySettings,
	availabilityWindows,
	companies,
	connections,
	declaredCompetitors,
	expertiseTags,
	introductionBlocks,
	meetingParticipants,
	memberProfiles,
	pastRoles,
	suggestionDismissals,
	type MemberProfile,
} from '#db/schema.ts'
import { findOrCreateCompany } from '#app/features/companies/companies.server.ts'
import { rebuildConflictKeys } from '#app/features/conflicts/conflict-keys.server.ts'
import { checkPair } from '#app/features/conflicts/conflicts.server.ts'
import { pairKeyOf } from '#app/features/connections/connections.server.ts'
import { dismissSuggestion, restoreSuggestion, suggestPeers } from '#app/features/suggestions/suggestions.server.ts'
import { db } from '#app/utils/db.server.ts'
import { insertMeeting } from '#tests/support/calendar.ts'
import { createUser } from '#tests/support/factories.ts'

const unique = () => crypto.randomUUID().slice(0, 8)
const monthsAgo = (months: number) => new Date(Date.now() - months * 30.5 * 24 * 3600 * 1000)
/** Every suggestion, not just the first page, so membership checks do not depend on ranking. */
/** The why line with its no-break spaces as plain ones (scoring's unit test covers where they go). */
const spaced = (text: string | undefined) => text?.replaceAll('\u00a0', ' ')
const suggestedIds = (viewerId: string) => suggestPeers(viewerId, { limit: 100_000 }).map((entry) => entry.id)

function companyOf(userId: string) {
	return db
		.select({ companyId: memberProfiles.companyId })
		.from(memberProfiles)
		.where(eq(memberProfiles.userId, userId))
		.get()!.companyId
}

function updateProfile(userId: string, values: Partial<MemberProfile>) {
	db.update(memberProfiles).set(values).where(eq(memberProfiles.userId, userId)).run()
}

function addTags(userId: string, ...tags: string[]) {
	db.insert(expertiseTags)
		.values(tags.map((tag) => ({ userId, tag })))
		.run()
}

function connect(
	requesterId: string,
	addresseeId: string,
	status: 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'removed' = 'accepted',
	suspendedAt: Date | null = null,
) {
	db.insert(connections)
		.values({
			id: `con_${unique()}${unique()}`,
			requesterId,
			addresseeId,
			pairKey: pairKeyOf(requesterId, addresseeId),
			status,
			suspendedAt,
		})
		.run()
}

describe('suggestPeers never proposes', () => {
	test('a member the conflict policy keeps apart, under any rule', async () => {
		const viewer = await createUser({ name: 'Vera Viewer', sectorCode: '445110' })
		const sameSector = await createUser({ name: 'Sam Samesector', sectorCode: '445131' })
		const familyMember = await createUser({ name: 'Fay Family', sectorCode: '524126' })
		const subsidiary = db.transaction((tx) => findOrCreateCompany(tx, `Viewer Insurance ${unique()}`, '524126'))
		db.update(companies)
			.set({ parentId: companyOf(viewer.id), familyId: companyOf(viewer.id) })
			.where(eq(companies.id, subsidiary))
			.run()
		updateProfile(familyMember.id, { companyId: subsidiary })
		const declaredByViewer = await createUser({ name: 'Dan Declared', sectorCode: '492210' })
		db.insert(declaredCompetitors)
			.values({ userId: viewer.id, companyId: companyOf(declaredByViewer.id) })
			.run()
		const declaresViewer = await createUser({ name: 'Dora Declares', sectorCode: '311991' })
		db.insert(declaredCompetitors)
			.values({ userId: declaresViewer.id, companyId: companyOf(viewer.id) })
			.run()
		const blockedByViewer = await createUser({ name: 'Bo Blocked', sectorCode: '721110' })
		db.insert(introductionBlocks).values({ userId: viewer.id, blockedUserId: blockedByViewer.id }).run()
		const blocksViewer = await createUser({ name: 'Bea Blocks', sectorCode: '481111' })
		db.insert(introductionBlocks).values({ userId: blocksViewer.id, blockedUserId: viewer.id }).run()
		const formerGrocer = await createUser({ name: 'Fred Formergrocer', sectorCode: '541810' })
		db.insert(pastRoles)
			.values({
				id: unique(),
				userId: formerGrocer.id,
				companyId: db.transaction((tx) => findOrCreateCompany(tx, `Old Grocer ${unique()}`, '445131')),
				title: 'VP Marketing',
				startedAt: monthsAgo(40),
				endedAt: monthsAgo(3),
			})
			.run()
		const banker = await createUser({ name: 'Bianca Banker', sectorCode: '522110' })
		rebuildConflictKeys(db, 'all')

		const conflicted = [sameSector, familyMember, declaredByViewer, declaresViewer, blockedByViewer, blocksViewer]
		conflicted.push(formerGrocer)
		for (const member of conflicted) expect(checkPair(viewer.id, member.id).conflicted).toBe(true)
		const suggested = suggestedIds(viewer.id)
		expect(suggested).toContain(banker.id)
		for (const member of conflicted) expect(suggested).not.toContain(member.id)
		// The filter and the pair check agree on everyone suggested, and the other side never sees the viewer either.
		for (const id of suggested) expect(checkPair(viewer.id, id).conflicted).toBe(false)
		expect(suggestedIds(blocksViewer.id)).not.toContain(viewer.id)
		expect(suggestedIds(sameSector.id)).not.toContain(viewer.id)
	})

	test('a member whose conflict keys are not compiled yet (left out, never shown unchecked)', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		rebuildConflictKeys(db, 'all')
		const newcomer = await createUser({ sectorCode: '522110' })
		expect(suggestedIds(viewer.id)).not.toContain(newcomer.id)
		rebuildConflictKeys(db, [newcomer.id])
		expect(suggestedIds(viewer.id)).toContain(newcomer.id)
	})

	test('the viewer, connections, pending requests, inactive members, or connections-only profiles', async () => {
		const viewer = await createUser({ sectorCode: '522110' })
		const connected = await createUser({ sectorCode: '445110' })
		const suspendedConnection = await createUser({ sectorCode: '312120' })
		const askedByViewer = await createUser({ sectorCode: '513210' })
		const askedViewer = await createUser({ sectorCode: '721110' })
		const declined = await createUser({ sectorCode: '481111' })
		const withdrawn = await createUser({ sectorCode: '611310' })
		const connectionsOnly = await createUser({ sectorCode: '621210' })
		const applicant = await createUser({ sectorCode: '541810', status: 'applicant' })
		const suspendedMember = await createUser({ sectorCode: '541810', status: 'suspended' })
		const clean = await createUser({ sectorCode: '541810' })
		connect(viewer.id, connected.id)
		connect(suspendedConnection.id, viewer.id, 'accepted', new Date())
		connect(viewer.id, askedByViewer.id, 'pending')
		connect(askedViewer.id, viewer.id, 'pending')
		connect(viewer.id, declined.id, 'declined')
		connect(withdrawn.id, viewer.id, 'withdrawn')
		updateProfile(connectionsOnly.id, { visibility: 'connections' })
		rebuildConflictKeys(db, 'all')

		const suggested = suggestedIds(viewer.id)
		expect(suggested).toEqual(expect.arrayContaining([clean.id, declined.id, withdrawn.id]))
		for (const hidden of [
			viewer,
			connected,
			suspendedConnection,
			askedByViewer,
			askedViewer,
			connectionsOnly,
			applicant,
			suspendedMember,
		])
			expect(suggested).not.toContain(hidden.id)
	})
})

describe('dismissing a suggestion', () => {
	test('hides the member until undone; both are idempotent', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		const peer = await createUser({ name: 'Petra Peer', sectorCode: '522110' })
		rebuildConflictKeys(db, 'all')
		expect(suggestedIds(viewer.id)).toContain(peer.id)

		const dismissed = { ok: true, member: { id: peer.id, name: 'Petra Peer' } }
		expect(dismissSuggestion(viewer.id, peer.id)).toEqual(dismissed)
		expect(suggestedIds(viewer.id)).not.toContain(peer.id)
		expect(dismissSuggestion(viewer.id, peer.id)).toEqual(dismissed)
		const rows = db
			.select()
			.from(suggestionDismissals)
			.where(and(eq(suggestionDismissals.userId, viewer.id), eq(suggestionDismissals.dismissedUserId, peer.id)))
			.all()
		expect(rows).toHaveLength(1)
		// Only the viewer's list changes.
		expect(suggestedIds(peer.id)).toContain(viewer.id)

		expect(restoreSuggestion(viewer.id, peer.id)).toEqual(dismissed)
		expect(suggestedIds(viewer.id)).toContain(peer.id)
		expect(restoreSuggestion(viewer.id, peer.id)).toEqual(dismissed)
		expect(suggestedIds(viewer.id)).toContain(peer.id)
	})

	test('refuses the viewer themself and anyone who is not an active member', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		const applicant = await createUser({ sectorCode: '522110', status: 'applicant' })
		expect(dismissSuggestion(viewer.id, viewer.id)).toMatchObject({ ok: false, code: 'self' })
		expect(dismissSuggestion(viewer.id, 'usr_doesnotexist')).toMatchObject({ ok: false, code: 'not-found' })
		expect(dismissSuggestion(viewer.id, applicant.id)).toMatchObject({ ok: false, code: 'not-found' })
		expect(restoreSuggestion(viewer.id, 'usr_doesnotexist')).toMatchObject({ ok: false, code: 'not-found' })
		expect(db.select().from(suggestionDismissals).where(eq(suggestionDismissals.userId, viewer.id)).all()).toEqual([])
	})
})

describe('ranking', () => {
	test('prefers shared expertise, then a complementary business model, and explains each in one line', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		updateProfile(viewer.id, { businessModel: 'b2c' })
		addTags(viewer.id, 'crm', 'loyalty')
		// All in Paris like the viewer, all in finance (another top-level sector), all selling to both by default.
		const twoTags = await createUser({ name: 'Tess Twotags', sectorCode: '522110' })
		addTags(twoTags.id, 'loyalty', 'crm', 'events')
		const oneTag = await createUser({ name: 'Olly Onetag', sectorCode: '524126' })
		addTags(oneTag.id, 'loyalty')
		const complementary = await createUser({ name: 'Cleo Complementary', sectorCode: '523150' })
		updateProfile(complementary.id, { businessModel: 'b2b' })
		const plain = await createUser({ name: 'Pat Plain', sectorCode: '525110' })
		rebuildConflictKeys(db, 'all')

		const ranked = suggestPeers(viewer.id, { limit: 100_000 })
		const position = (id: string) => ranked.findIndex((entry) => entry.id === id)
		expect(position(twoTags.id)).toBeLessThan(position(oneTag.id))
		expect(position(oneTag.id)).toBeLessThan(position(complementary.id))
		expect(position(complementary.id)).toBeLessThan(position(plain.id))
		const why = (id: string) => spaced(ranked[position(id)]!.why)
		expect(why(twoTags.id)).toBe('Both work on CRM and loyalty · 9 h of shared working hours')
		expect(why(oneTag.id)).toBe('Both work on loyalty · 9 h of shared working hours')
		expect(why(complementary.id)).toBe('B2B to your B2C · 9 h of shared working hours')
		expect(why(plain.id)).toBe('9 h of shared working hours · Different sector: Pension Funds')
		expect(ranked[position(oneTag.id)]).toMatchObject({
			name: 'Olly Onetag',
			title: 'Chief Marketing Officer',
			sectorTitle: 'Direct Property and Casualty Insurance Carriers',
		})
		expect(suggestPeers(viewer.id)).toHaveLength(Math.min(12, ranked.length))
	})

	test('counts mutual connections over live connections only', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		const [friendA, friendB, estranged] = [
			await createUser({ sectorCode: '522110' }),
			await createUser({ sectorCode: '513210' }),
			await createUser({ sectorCode: '312120' }),
		]
		const candidate = await createUser({ sectorCode: '721110' })
		connect(viewer.id, friendA!.id)
		connect(friendB!.id, viewer.id)
		connect(viewer.id, estranged!.id, 'accepted', new Date())
		connect(candidate.id, friendA!.id)
		connect(friendB!.id, candidate.id)
		connect(candidate.id, estranged!.id)
		rebuildConflictKeys(db, 'all')
		const entry = suggestPeers(viewer.id, { limit: 100_000 }).find((suggestion) => suggestion.id === candidate.id)
		expect(spaced(entry?.why)).toBe('9 h of shared working hours · 2 mutual connections')
	})

	test('takes no more queries however many candidates there are', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		addTags(viewer.id, 'loyalty')
		const friend = await createUser({ sectorCode: '522110' })
		connect(viewer.id, friend.id)
		rebuildConflictKeys(db, 'all')
		const countQueries = () => {
			const prepare = vi.spyOn(db.$client, 'prepare')
			suggestPeers(viewer.id)
			const count = prepare.mock.calls.length
			prepare.mockRestore()
			return count
		}
		const few = countQueries()
		for (let i = 0; i < 15; i++) {
			const member = await createUser({ sectorCode: '513210' })
			addTags(member.id, 'loyalty')
			connect(member.id, friend.id)
		}
		rebuildConflictKeys(db, 'all')
		expect(few).toBeGreaterThan(3)
		expect(countQueries()).toBeLessThanOrEqual(few)
	})

	test('reading the most related members first gives the same top suggestions as reading everyone', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		updateProfile(viewer.id, { businessModel: 'b2c' })
		addTags(viewer.id, 'events', 'pricing')
		// Scores: both tags 4 + 4 + 9 h 2.5 + sector 0.5 = 11; one tag 7; the best anyone unrelated can do, 6.
		const both: string[] = []
		for (let i = 0; i < 5; i++) {
			const member = await createUser({ sectorCode: '513210' })
			addTags(member.id, 'pricing', 'events')
			both.push(member.id)
		}
		for (let i = 0; i < 14; i++) {
			const member = await createUser({ sectorCode: '513210' })
			addTags(member.id, i % 2 ? 'pricing' : 'events')
		}
		const unrelated = await createUser({ sectorCode: '513210' })
		updateProfile(unrelated.id, { businessModel: 'b2b' })
		rebuildConflictKeys(db, 'all')

		const everyone = suggestPeers(viewer.id, { limit: 100_000 })
		expect(everyone.slice(0, 5).map((entry) => entry.id)).toEqual([...both].sort())
		expect(everyone.findIndex((entry) => entry.id === unrelated.id)).toBeGreaterThanOrEqual(19)
		// Settled after the first read (five beat any one-tag member), after the second, and with everyone read.
		for (const limit of [3, 12, 25]) expect(suggestPeers(viewer.id, { limit })).toEqual(everyone.slice(0, limit))
		for (const entry of suggestPeers(viewer.id)) expect(entry.why).toMatch(/^Both work on (events|pricing)/)
	})
})

describe('meetings feed the suggestions', () => {
	const hour = 3_600_000

	/** A past direct meeting between two members, with each side's "would meet again" (null: not said). */
	function metBefore(a: string, b: string, aWouldMeetAgain: boolean | null, bWouldMeetAgain: boolean | null, at = 0) {
		const id = insertMeeting({
			organizerId: a,
			inviteeIds: [b],
			status: 'confirmed',
			startsAt: Date.now() - 30 * 24 * hour,
		})
		const mark = (userId: string, wouldMeetAgain: boolean | null) =>
			db
				.update(meetingParticipants)
				.set({ wouldMeetAgain, reflectedAt: wouldMeetAgain === null ? null : new Date(Date.now() - 1000 + at) })
				.where(and(eq(meetingParticipants.meetingId, id), eq(meetingParticipants.userId, userId)))
				.run()
		mark(a, aWouldMeetAgain)
		mark(b, bWouldMeetAgain)
	}

	test('members several peers would meet again rank higher, with the count as the reason', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		const liked = await createUser({ sectorCode: '522110' })
		const twin = await createUser({ sectorCode: '522110' })
		const [peerA, peerB, peerC] = [
			await createUser({ sectorCode: '513210' }),
			await createUser({ sectorCode: '481111' }),
			await createUser({ sectorCode: '721110' }),
		]
		metBefore(peerA.id, liked.id, true, null)
		metBefore(liked.id, peerB.id, null, true)
		// A "no" from a third peer does not count, and neither does what the liked member said about them.
		metBefore(peerC.id, liked.id, false, true)
		rebuildConflictKeys(db, 'all')
		const ranked = suggestPeers(viewer.id, { limit: 100_000 })
		const position = (id: string) => ranked.findIndex((entry) => entry.id === id)
		expect(position(liked.id)).toBeLessThan(position(twin.id))
		expect(spaced(ranked[position(liked.id)]!.why)).toBe('9 h of shared working hours · 2 peers would meet again')
		// The members who marked someone are credited with nothing for it.
		expect(spaced(ranked[position(peerA.id)]!.why)).not.toContain('would meet again')
		// Among the top suggestions though nothing else sets them apart from the rest of the network.
		expect(suggestPeers(viewer.id, { limit: 1 }).map((entry) => entry.id)).toEqual([liked.id])
	})

	test('a member the viewer would not meet again is never suggested, unless a later meeting changed their mind', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		addTags(viewer.id, 'loyalty')
		const avoided = await createUser({ sectorCode: '522110' })
		addTags(avoided.id, 'loyalty')
		const reconsidered = await createUser({ sectorCode: '513210' })
		const othersSay = await createUser({ sectorCode: '481111' })
		metBefore(viewer.id, avoided.id, false, true)
		metBefore(viewer.id, reconsidered.id, false, null, 0)
		metBefore(reconsidered.id, viewer.id, null, true, 500)
		// Someone else's "no" hides nobody from the viewer.
		metBefore(othersSay.id, avoided.id, null, null)
		rebuildConflictKeys(db, 'all')
		const ids = suggestedIds(viewer.id)
		expect(ids).not.toContain(avoided.id)
		expect(ids).toContain(reconsidered.id)
		expect(ids).toContain(othersSay.id)
		expect(suggestedIds(othersSay.id)).toContain(avoided.id)
	})

	test('people connected to someone the viewer would meet again get a named boost', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		const priya = await createUser({ name: 'Priya Nair', sectorCode: '721110' })
		const friendOfPriya = await createUser({ sectorCode: '522110' })
		const stranger = await createUser({ sectorCode: '522110' })
		metBefore(viewer.id, priya.id, true, null)
		connect(friendOfPriya.id, priya.id)
		rebuildConflictKeys(db, 'all')
		const ranked = suggestPeers(viewer.id, { limit: 100_000 })
		const entry = (id: string) => ranked.find((suggestion) => suggestion.id === id)
		expect(spaced(entry(friendOfPriya.id)?.why)).toBe(
			'9 h of shared working hours · Connected to Priya Nair, whom you’d meet again',
		)
		expect(ranked.indexOf(entry(friendOfPriya.id)!)).toBeLessThan(ranked.indexOf(entry(stranger.id)!))
	})

	test('saved availability replaces the assumed working day on both sides', async () => {
		const viewer = await createUser({ sectorCode: '445110' })
		const aligned = await createUser({ sectorCode: '522110' })
		const nightOwl = await createUser({ sectorCode: '513210' })
		const unsaved = await createUser({ sectorCode: '481111' })
		const save = (userId: string, windows: Array<[number, number, number]>) => {
			db.insert(availabilitySettings)
				.values({ userId, meetingLengthMinutes: 30, bufferMinutes: 10, reminderMinutes: 30 })
				.run()
			if (windows.length)
				db.insert(availabilityWindows)
					.values(windows.map(([weekday, startMinute, endMinute]) => ({ userId, weekday, startMinute, endMinute })))
					.run()
		}
		// Everyone is in Paris (the factory's zone): the estimate would say 9 shared hours for each of them.
		save(viewer.id, [
			[1, 9 * 60, 12 * 60],
			[2, 9 * 60, 12 * 60],
			[3, 14 * 60, 18 * 60],
		])
		save(aligned.id, [
			[1, 10 * 60, 12 * 60],
			[3, 9 * 60, 17 * 60],
		])
		save(nightOwl.id, [[1, 20 * 60, 23 * 60]])
		rebuildConflictKeys(db, 'all')
		const why = (id: string) =>
			spaced(suggestPeers(viewer.id, { limit: 100_000 }).find((entry) => entry.id === id)?.why)
		// Monday 10–12 and Wednesday 14–17: 5 hours a week, worth less than a different sector (a full week is 45).
		expect(why(aligned.id)).toBe('Different sector: Commercial Banking · 5 h a week of shared working hours')
		expect(why(nightOwl.id)).toBe('Different sector: Software Publishers')
		expect(why(unsaved.id)).toBe(
			'9 h of shared working hours · Different sector: Scheduled Passenger Air Transportation',
		)
	})
})
