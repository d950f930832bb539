import { describe, expect, test } from 'vitest'
import { expertisePhrase } from '#app/features/members/expertise.ts'
import {
	bestScoreWith,
	scoreCandidate,
	sharedHours,
	sharedWorkingHours,
	utcOffsetMinutes,
	whyLine as whyLineWithBreaks,
	windowsFrom,
	workingHoursOverlap,
	workingWeek,
	type CandidateFacts,
	type MatchFacts,
} from '#app/features/suggestions/scoring.ts'

// Expected values below are worked out by hand from the zones' rules, not by the code under test.
const midJanuary = new Date(Date.UTC(2026, 0, 15, 12))
const midJuly = new Date(Date.UTC(2026, 6, 15, 12))
/** 2026-03-20: New York is on daylight time (since 8 March), London not yet (until 29 March). */
const lateMarch = new Date(Date.UTC(2026, 2, 20, 12))
const hours = (h: number) => h * 60
/** The line with its no-break spaces as plain ones, for readable expectations (the spaces are tested once, below). */
const whyLine = (...args: Parameters<typeof whyLineWithBreaks>) => whyLineWithBreaks(...args).replaceAll('\u00a0', ' ')

describe('utcOffsetMinutes', () => {
	test('reads real offsets, half- and quarter-hour zones and daylight saving included', () => {
		expect(utcOffsetMinutes('UTC', midJanuary)).toBe(0)
		expect(utcOffsetMinutes('Asia/Kolkata', midJanuary)).toBe(330)
		expect(utcOffsetMinutes('Asia/Kolkata', midJuly)).toBe(330)
		expect(utcOffsetMinutes('Asia/Kathmandu', midJanuary)).toBe(345)
		expect(utcOffsetMinutes('America/New_York', midJanuary)).toBe(-300)
		expect(utcOffsetMinutes('America/New_York', midJuly)).toBe(-240)
		expect(utcOffsetMinutes('America/New_York', lateMarch)).toBe(-240)
		expect(utcOffsetMinutes('Europe/London', lateMarch)).toBe(0)
		expect(utcOffsetMinutes('Australia/Sydney', midJanuary)).toBe(660)
		expect(utcOffsetMinutes('Australia/Sydney', midJuly)).toBe(600)
	})

	test('an unknown zone has no offset rather than a wrong one', () => {
		expect(utcOffsetMinutes('Mars/Olympus_Mons', midJanuary)).toBeNull()
		expect(workingHoursOverlap('Mars/Olympus_Mons', 'UTC', midJanuary)).toBeNull()
	})
})

describe('sharedWorkingHours (09:00–18:00 local on both sides)', () => {
	test('the same offset shares the whole 9-hour day; 9 hours apart or more share nothing', () => {
		expect(sharedWorkingHours(60, 60)).toBe(9)
		expect(sharedWorkingHours(0, hours(9))).toBe(0)
		// Chicago (UTC−6) and Kolkata (UTC+5:30) are 11.5 hours apart.
		expect(sharedWorkingHours(hours(-6), 330)).toBe(0)
	})

	test('is symmetric and follows the difference between offsets', () => {
		expect(sharedWorkingHours(hours(-5), 0)).toBe(4)
		expect(sharedWorkingHours(0, hours(-5))).toBe(4)
		expect(sharedWorkingHours(hours(2), hours(-1))).toBe(6)
	})

	test('counts a window that falls on the next calendar day for one of them', () => {
		// Los Angeles 09–18 (UTC−8) is 17:00–02:00 UTC; Tokyo 09–18 (UTC+9) is 00:00–09:00 UTC: 2 hours.
		expect(sharedWorkingHours(hours(-8), hours(9))).toBe(2)
		// Auckland in summer (UTC+13) and Honolulu (UTC−10) are 23 hours apart, i.e. one hour: 8 hours.
		expect(sharedWorkingHours(hours(13), hours(-10))).toBe(8)
	})

	test('between real zones on real dates: half-hour offsets and daylight saving', () => {
		// Paris is UTC+1 in January, UTC+2 in July; Kolkata stays UTC+5:30.
		expect(workingHoursOverlap('Asia/Kolkata', 'Europe/Paris', midJanuary)).toBe(4.5)
		expect(workingHoursOverlap('Asia/Kolkata', 'Europe/Paris', midJuly)).toBe(5.5)
		// New York and London are 5 hours apart, except in the weeks their clocks change on different dates.
		expect(workingHoursOverlap('America/New_York', 'Europe/London', midJanuary)).toBe(4)
		expect(workingHoursOverlap('America/New_York', 'Europe/London', lateMarch)).toBe(5)
		expect(workingHoursOverlap('America/New_York', 'Europe/London', midJuly)).toBe(4)
		// Kathmandu (UTC+5:45) and UTC: 3.25 hours.
		expect(workingHoursOverlap('Asia/Kathmandu', 'UTC', midJanuary)).toBe(3.25)
	})
})

const chicagoGrocer: MatchFacts = {
	tags: ['crm', 'loyalty', 'retail-media'],
	businessModel: 'b2c',
	utcOffsetMinutes: hours(-6),
	sector: '44-45',
}

function candidate(overrides: Partial<CandidateFacts> = {}): CandidateFacts {
	return {
		tags: [],
		businessModel: 'both',
		utcOffsetMinutes: hours(-6),
		sector: '44-45',
		mutualConnections: 0,
		...overrides,
	}
}

describe('scoreCandidate and whyLine', () => {
	test('a strong match: reasons strongest first, and the three strongest make the line', () => {
		// Paris in winter (UTC+1) is 7 hours from Chicago: 2 shared hours, too few to be a reason.
		const scored = scoreCandidate(
			chicagoGrocer,
			candidate({
				tags: ['pricing', 'loyalty', 'crm'],
				businessModel: 'b2b',
				utcOffsetMinutes: 60,
				sector: '51',
				mutualConnections: 3,
			}),
		)
		expect(scored.reasons.map((reason) => reason.kind)).toEqual([
			'shared-expertise',
			'complementary-model',
			'mutual-connections',
			'different-sector',
		])
		// 2 tags × 4 + complementary 3 + 3 mutual × 1 + different sector 0.5
		expect(scored.score).toBe(14.5)
		expect(whyLine(scored.reasons, 'Software Publishers')).toBe(
			'Both work on CRM and loyalty · B2B to your B2C · 3 mutual connections',
		)
	})

	test('working hours: proportional points from 3 shared hours, described to the half hour below', () => {
		const sameZone = scoreCandidate(chicagoGrocer, candidate())
		expect(sameZone.score).toBe(2.5)
		expect(whyLine(sameZone.reasons, null)).toBe('9 h of shared working hours')
		// São Paulo (UTC−3) from Chicago (UTC−6): 6 hours, 6/9 of the full 2.5 points.
		const saoPaulo = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: hours(-3) }))
		expect(saoPaulo.score).toBeCloseTo((6 / 9) * 2.5)
		expect(whyLine(saoPaulo.reasons, null)).toBe('6 h of shared working hours')
		const kolkataFromParis = scoreCandidate(
			{ ...chicagoGrocer, utcOffsetMinutes: 60 },
			candidate({ utcOffsetMinutes: 330 }),
		)
		expect(whyLine(kolkataFromParis.reasons, null)).toBe('4.5 h of shared working hours')
		const kathmanduFromUtc = scoreCandidate(
			{ ...chicagoGrocer, utcOffsetMinutes: 0 },
			candidate({ utcOffsetMinutes: 345 }),
		)
		expect(whyLine(kathmanduFromUtc.reasons, null)).toBe('3 h of shared working hours')
		const twoHours = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: hours(1) }))
		expect(twoHours.reasons).toEqual([])
		expect(scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: null })).reasons).toEqual([])
	})

	test('one shared tag outweighs any other single reason', () => {
		const sharedTag = scoreCandidate(chicagoGrocer, candidate({ tags: ['loyalty'], utcOffsetMinutes: hours(9) }))
		const others = [
			candidate({ businessModel: 'b2b', utcOffsetMinutes: hours(9) }),
			candidate({ mutualConnections: 12, utcOffsetMinutes: hours(9) }),
			candidate(),
			candidate({ sector: '52', utcOffsetMinutes: hours(9) }),
		]
		for (const other of others) expect(sharedTag.score).toBeGreaterThan(scoreCandidate(chicagoGrocer, other).score)
	})

	test('bestScoreWith(n) is the best a member sharing n tags and no connection can score', () => {
		const noTag = scoreCandidate(chicagoGrocer, candidate({ businessModel: 'b2b', sector: '52' }))
		expect(noTag.score).toBe(6)
		expect(bestScoreWith(0)).toBe(6)
		const oneTag = scoreCandidate(chicagoGrocer, candidate({ tags: ['crm'], businessModel: 'b2b', sector: '52' }))
		expect(oneTag.score).toBe(10)
		expect(bestScoreWith(1)).toBe(10)
		// Tags beyond three do not count.
		expect(bestScoreWith(5)).toBe(18)
	})

	test('business models complement only when one is B2B and the other B2C', () => {
		const kindsFor = (viewer: MatchFacts['businessModel'], other: CandidateFacts['businessModel']) =>
			scoreCandidate(
				{ ...chicagoGrocer, businessModel: viewer, utcOffsetMinutes: null },
				candidate({ businessModel: other, utcOffsetMinutes: null }),
			).reasons.map((reason) => reason.kind)
		expect(kindsFor('b2b', 'b2c')).toEqual(['complementary-model'])
		expect(kindsFor('b2c', 'b2b')).toEqual(['complementary-model'])
		expect(kindsFor('b2b', 'b2b')).toEqual([])
		expect(kindsFor('both', 'b2c')).toEqual([])
		expect(kindsFor('b2c', 'both')).toEqual([])
		const b2bViewer = scoreCandidate(
			{ ...chicagoGrocer, businessModel: 'b2b', utcOffsetMinutes: null },
			candidate({ businessModel: 'b2c', utcOffsetMinutes: null }),
		)
		expect(whyLine(b2bViewer.reasons, null)).toBe('B2C to your B2B')
	})

	test('shared expertise lists at most three tags, in the viewer’s order, acronyms in capitals', () => {
		const viewer = { ...chicagoGrocer, tags: ['abm', 'crm', 'loyalty', 'retail-media', 'seo'] }
		const scored = scoreCandidate(viewer, candidate({ tags: ['seo', 'retail-media', 'loyalty', 'crm', 'abm'] }))
		expect(scored.reasons[0]).toMatchObject({ kind: 'shared-expertise', points: 12 })
		expect(whyLine(scored.reasons, null)).toBe('Both work on ABM, CRM and loyalty · 9 h of shared working hours')
		expect(expertisePhrase('retail-media')).toBe('retail media')
		expect(expertisePhrase('plg')).toBe('PLG')
	})

	test('the line never wraps between a number and its unit, or before a separator', () => {
		const scored = scoreCandidate(chicagoGrocer, candidate({ tags: ['crm'], mutualConnections: 2 }))
		expect(whyLineWithBreaks(scored.reasons, null)).toBe(
			'Both work on CRM\u00a0· 9\u00a0h of shared working hours\u00a0· 2\u00a0mutual connections',
		)
	})

	test('mutual connections count up to three, and the line says how many there are', () => {
		const one = scoreCandidate(chicagoGrocer, candidate({ mutualConnections: 1, utcOffsetMinutes: null }))
		expect(whyLine(one.reasons, null)).toBe('1 mutual connection')
		const seven = scoreCandidate(chicagoGrocer, candidate({ mutualConnections: 7, utcOffsetMinutes: null }))
		expect(seven.score).toBe(3)
		expect(whyLine(seven.reasons, null)).toBe('7 mutual connections')
	})

	test('a different sector is named when little else speaks for the member', () => {
		const onlySector = scoreCandidate(chicagoGrocer, candidate({ sector: '52', utcOffsetMinutes: null }))
		expect(onlySector.score).toBe(0.5)
		expect(whyLine(onlySector.reasons, 'Commercial Banking')).toBe('Different sector: Commercial Banking')
		const withHours = scoreCandidate(chicagoGrocer, candidate({ sector: '52' }))
		expect(whyLine(withHours.reasons, 'Commercial Banking')).toBe(
			'9 h of shared working hours · Different sector: Commercial Banking',
		)
		// Two stronger reasons already fill the line; the card shows the sector anyway.
		const busy = scoreCandidate(chicagoGrocer, candidate({ sector: '52', tags: ['crm'] }))
		expect(whyLine(busy.reasons, 'Commercial Banking')).toBe('Both work on CRM · 9 h of shared working hours')
		// Same top-level sector (both retail, different industry groups): nothing to say about it.
		const neighbour = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: null }))
		expect(neighbour.reasons).toEqual([])
		expect(whyLine(neighbour.reasons, 'Clothing Retailers')).toBe('A marketing leader outside your industry group')
	})
})

describe('working hours from saved windows', () => {
	// Monday 2026-03-02 00:00 UTC: New York is on standard time (UTC−5) until 8 March; Kolkata is UTC+5:30.
	const mondayBeforeChange = Date.UTC(2026, 2, 2)
	// Monday 2026-03-09: New York is on daylight time (UTC−4).
	const mondayAfterChange = Date.UTC(2026, 2, 9)
	const weekdays = [1, 2, 3, 4, 5] as const
	const nineToFive = weekdays.map((weekday) => [weekday, 9 * 60, 17 * 60] as const)

	test('a week of windows is expanded in the member’s zone, daylight saving included', () => {
		const before = workingWeek('America/New_York', windowsFrom(nineToFive), mondayBeforeChange)
		expect(before).toHaveLength(5)
		expect(before[0]).toEqual({ start: Date.UTC(2026, 2, 2, 14), end: Date.UTC(2026, 2, 2, 22) })
		const after = workingWeek('America/New_York', windowsFrom(nineToFive), mondayAfterChange)
		expect(after[0]).toEqual({ start: Date.UTC(2026, 2, 9, 13), end: Date.UTC(2026, 2, 9, 21) })
		expect(workingWeek('America/New_York', [], mondayAfterChange)).toEqual([])
	})

	test('shared hours are the real overlap of the two weeks, whatever the days and zones', () => {
		const hour = 3_600_000
		expect(sharedHours([{ start: 0, end: 4 * hour }], [{ start: 2 * hour, end: 10 * hour }])).toBe(2)
		expect(
			sharedHours(
				[
					{ start: 0, end: hour },
					{ start: 2 * hour, end: 5 * hour },
				],
				[{ start: 0.5 * hour, end: 3 * hour }],
			),
		).toBe(1.5)
		expect(sharedHours([], [{ start: 0, end: hour }])).toBe(0)
		// New York 09–17 and Kolkata 09–17 never meet: 10.5 hours apart in March before the change.
		const newYork = workingWeek('America/New_York', windowsFrom(nineToFive), mondayBeforeChange)
		const kolkata = workingWeek('Asia/Kolkata', windowsFrom(nineToFive), mondayBeforeChange)
		expect(sharedHours(newYork, kolkata)).toBe(0)
		// Kolkata evenings 18:00–22:00 are 12:30–16:30 UTC; New York's 09:00 is 14:00 UTC: 2.5 hours on each of five days.
		const evenings = workingWeek(
			'Asia/Kolkata',
			windowsFrom(weekdays.map((weekday) => [weekday, 18 * 60, 22 * 60] as const)),
			mondayBeforeChange,
		)
		expect(sharedHours(newYork, evenings)).toBe(12.5)
	})

	test('when both saved windows, the reason is their weekly overlap; otherwise the 09:00–18:00 estimate', () => {
		const viewerWeek = workingWeek('America/New_York', windowsFrom(nineToFive), mondayBeforeChange)
		const peerWeek = workingWeek(
			'Europe/London',
			windowsFrom([
				[1, 9 * 60, 17 * 60],
				[2, 13 * 60, 18 * 60],
			]),
			mondayBeforeChange,
		)
		// London is UTC+0 in early March: Monday 14:00–17:00 UTC (3 h) and Tuesday 14:00–18:00 UTC (4 h).
		const scored = scoreCandidate(
			{ ...chicagoGrocer, utcOffsetMinutes: hours(-5), workingWeek: viewerWeek },
			candidate({ utcOffsetMinutes: 0, workingWeek: peerWeek }),
		)
		expect(scored.reasons).toEqual([{ kind: 'working-hours', hours: 7, weekly: true, points: (7 / 45) * 2.5 }])
		expect(whyLine(scored.reasons, null)).toBe('7 h a week of shared working hours')
		// Hours saved on one side only: the estimate from the zones, as before.
		const estimated = scoreCandidate(
			{ ...chicagoGrocer, utcOffsetMinutes: hours(-5), workingWeek: viewerWeek },
			candidate({ utcOffsetMinutes: 0 }),
		)
		expect(whyLine(estimated.reasons, null)).toBe('4 h of shared working hours')
		// Both saved, but their weeks barely touch: no reason, even though the zones alone would give one.
		const barely = scoreCandidate(
			{ ...chicagoGrocer, utcOffsetMinutes: hours(-5), workingWeek: viewerWeek },
			candidate({
				utcOffsetMinutes: 0,
				workingWeek: workingWeek('Europe/London', windowsFrom([[1, 13 * 60, 16 * 60]]), mondayBeforeChange),
			}),
		)
		expect(barely.reasons).toEqual([])
		// A full shared week earns no more than a full shared day does.
		const same = scoreCandidate({ ...chicagoGrocer, workingWeek: viewerWeek }, candidate({ workingWeek: viewerWeek }))
		expect(same.reasons[0]).toMatchObject({ kind: 'working-hours', hours: 40, weekly: true })
		expect(same.score).toBeCloseTo((40 / 45) * 2.5)
	})
})

describe('meeting signals', () => {
	test('peers who would meet a member again rank them higher, up to three, and say how many', () => {
		const none = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: null }))
		const one = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: null, peersWouldMeetAgain: 1 }))
		const two = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: null, peersWouldMeetAgain: 2 }))
		const five = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: null, peersWouldMeetAgain: 5 }))
		expect([none.score, one.score, two.score, five.score]).toEqual([0, 1, 2, 3])
		expect(whyLine(one.reasons, null)).toBe('1 peer would meet again')
		expect(whyLine(two.reasons, null)).toBe('2 peers would meet again')
		expect(whyLineWithBreaks(five.reasons, null)).toBe('5\u00a0peers would meet again')
	})

	test('a connection to someone the viewer would meet again is a small boost, named', () => {
		const scored = scoreCandidate(
			chicagoGrocer,
			candidate({ tags: ['crm'], utcOffsetMinutes: null, metAgainVia: 'Priya Nair', peersWouldMeetAgain: 2 }),
		)
		expect(scored.reasons.map((reason) => reason.kind)).toEqual([
			'shared-expertise',
			'peers-would-meet-again',
			'connected-to-met-again',
		])
		expect(scored.score).toBe(4 + 2 + 1)
		expect(whyLine(scored.reasons, null)).toBe(
			'Both work on CRM · 2 peers would meet again · Connected to Priya Nair, whom you’d meet again',
		)
	})

	test('one shared tag still outweighs the strongest meeting signal', () => {
		const sharedTag = scoreCandidate(chicagoGrocer, candidate({ tags: ['loyalty'], utcOffsetMinutes: null }))
		const popular = scoreCandidate(chicagoGrocer, candidate({ utcOffsetMinutes: null, peersWouldMeetAgain: 40 }))
		expect(sharedTag.score).toBeGreaterThan(popular.score)
	})
})
