/**
 * Why two members should meet: a score from facts both profiles hold, the reasons in the order
 * they weigh, and the one-line "why" shown on a suggestion. Pure, so it is tested without a database.
 */
import { expertisePhrase } from '../members/expertise.ts'
import type { Interval } from '../scheduling/meeting-types.ts'
import type { Weekday } from '../scheduling/options.ts'
import { freeIntervals, type LocalWindow } from '../scheduling/slots.ts'

export type BusinessModel = 'b2b' | 'b2c' | 'both'

export type MatchFacts = {
	tags: readonly string[]
	businessModel: BusinessModel
	/** Minutes east of UTC right now (see utcOffsetMinutes); null when the zone is unknown. */
	utcOffsetMinutes: number | null
	/** The NAICS sector of the company's primary code ("44-45" for retail). */
	sector: string | null
	/** The member's saved working windows over the coming week, in UTC (see workingWeek); absent until they save them. */
	workingWeek?: readonly Interval[] | null
}

export type CandidateFacts = MatchFacts & {
	mutualConnections: number
	/** How many other members marked "would meet again" after meeting this one. */
	peersWouldMeetAgain?: number
	/** Someone the viewer would meet again who is connected to this member: their name. */
	metAgainVia?: string | null
}

export type Reason =
	| { kind: 'shared-expertise'; tags: string[]; points: number }
	| { kind: 'complementary-model'; theirs: 'b2b' | 'b2c'; yours: 'b2b' | 'b2c'; points: number }
	| { kind: 'mutual-connections'; count: number; points: number }
	/** `weekly`: from both members' saved windows, hours a week; otherwise hours a day of a 09:00–18:00 day. */
	| { kind: 'working-hours'; hours: number; weekly: boolean; points: number }
	| { kind: 'peers-would-meet-again'; count: number; points: number }
	| { kind: 'connected-to-met-again'; name: string; points: number }
	| { kind: 'different-sector'; points: number }

export type Scored = { score: number; reasons: Reason[] }

/**
 * Points per reason, in the order the product ranks them: shared expertise first (one shared
 * tag outweighs any other single reason), then complementary models, peers who would meet the
 * member again, working hours, mutual connections, a connection to someone the viewer would meet
 * again, and a different top-level sector.
 */
export const weights = {
	perSharedTag: 4,
	maxSharedTags: 3,
	complementaryModel: 3,
	/** For a full 9-hour shared day; proportional below it. */
	fullWorkingDay: 2.5,
	perMutualConnection: 1,
	maxMutualConnections: 3,
	perPeerWouldMeetAgain: 1,
	maxPeersWouldMeetAgain: 3,
	connectedToMetAgain: 1,
	differentSector: 0.5,
} as const

/**
 * The best score of a member who shares this many of the viewer's tags, no connection with
 * them and no meeting signal (peers who would meet them again, a link to someone the viewer would). Lets the server read the most related members first and stop once enough outscore the rest.
 */
export function bestScoreWith(sharedTags: number) {
	return (
		Math.min(sharedTags, weights.maxSharedTags) * weights.perSharedTag +
		weights.complementaryModel +
		weights.fullWorkingDay +
		weights.differentSector
	)
}

/** Below this, a shared window is too short to plan a call in, so it is not a reason. */
export const minSharedHours = 3
/** With saved windows: the hours a week both are working, full points from 45 (five 9-hour days). */
export const minSharedWeeklyHours = 3
const fullWorkingWeekHours = 45
const weekMs = 7 * 86_400_000
const hourMs = 3_600_000
const workdayStartMinutes = 9 * 60
const workdayEndMinutes = 18 * 60
const dayMinutes = 24 * 60
const reasonOrder: Reason['kind'][] = [
	'shared-expertise',
	'complementary-model',
	'peers-would-meet-again',
	'working-hours',
	'mutual-connections',
	'connected-to-met-again',
	'different-sector',
]
const whyLength = 3

const offsetFormats = new Map<string, Intl.DateTimeFormat>()

/** Minutes east of UTC of an IANA zone at an instant, from the runtime's zone data; null for an unknown zone. */
export function utcOffsetMinutes(timeZone: string, at: Date): number | null {
	let format = offsetFormats.get(timeZone)
	if (!format) {
		try {
			format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
		} catch {
			return null
		}
		offsetFormats.set(timeZone, format)
	}
	const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? ''
	if (name === 'GMT' || name === 'UTC') return 0
	const match = /^GMT([+-])(\d{1,2}):(\d{2})$/.exec(name)
	if (!match) return null
	const minutes = Number(match[2]) * 60 + Number(match[3])
	return match[1] === '-' ? -minutes : minutes
}

/**
 * Hours during which both are inside a 09:00–18:00 local working day (both on a weekday), given
 * their UTC offsets. The other's day may be the calendar day before or after (Los Angeles and Tokyo).
 */
export function sharedWorkingHours(offsetA: number, offsetB: number) {
	const startA = workdayStartMinutes - offsetA
	const endA = workdayEndMinutes - offsetA
	let minutes = 0
	for (const day of [-1, 0, 1]) {
		const startB = workdayStartMinutes - offsetB + day * dayMinutes
		const endB = workdayEndMinutes - offsetB + day * dayMinutes
		minutes += Math.max(0, Math.min(endA, endB) - Math.max(startA, startB))
	}
	return minutes / 60
}

/** The shared working hours of two zones today (real offsets, daylight saving included); null if either is unknown. */
export function workingHoursOverlap(zoneA: string, zoneB: string, at: Date) {
	const a = utcOffsetMinutes(zoneA, at)
	const b = utcOffsetMinutes(zoneB, at)
	return a === null || b === null ? null : sharedWorkingHours(a, b)
}

/** A member's saved weekly windows over the seven days from `from`, in UTC: what sharedHours compares. */
export function workingWeek(timeZone: string, windows: readonly LocalWindow[], from: number): Interval[] {
	return freeIntervals(
		{ timeZone, windows, overrides: [], busy: [], bufferMinutes: 0 },
		{ start: from, end: from + weekMs },
	)
}

/** The hours two sorted, non-overlapping interval lists have in common. */
export function sharedHours(a: readonly Interval[], b: readonly Interval[]) {
	let shared = 0
	let i = 0
	let j = 0
	while (i < a.length && j < b.length) {
		shared += Math.max(0, Math.min(a[i]!.end, b[j]!.end) - Math.max(a[i]!.start, b[j]!.start))
		if (a[i]!.end < b[j]!.end) i++
		else j++
	}
	return shared / hourMs
}

/** Windows as stored (`[weekday, startMinute, endMinute]` rows), for workingWeek. */
export function windowsFrom(rows: ReadonlyArray<readonly [number, number, number]>): LocalWindow[] {
	return rows.map(([weekday, startMinute, endMinute]) => ({ weekday: weekday as Weekday, startMinute, endMinute }))
}

const modelLabels = { b2b: 'B2B', b2c: 'B2C' } as const
/** Keeps a number with its unit, and a separator with the reason before it, when the line wraps. */
const nbsp = '\u00a0'

/** One reason in words; the candidate's industry (their primary NAICS code's title) names a different sector. */
export function describeReason(reason: Reason, sectorTitle: string | null) {
	switch (reason.kind) {
		case 'shared-expertise':
			return `Both work on ${listOf(reason.tags.map(expertisePhrase))}`
		case 'complementary-model':
			return `${modelLabels[reason.theirs]} to your ${modelLabels[reason.yours]}`
		case 'mutual-connections':
			return `${reason.count}${nbsp}mutual ${reason.count === 1 ? 'connection' : 'connections'}`
		case 'working-hours':
			// Rounded down to the half hour, so a window is never promised longer than it is.
			return `${Math.floor(reason.hours * 2) / 2}${nbsp}h ${reason.weekly ? `a${nbsp}week ` : ''}of shared working hours`
		case 'peers-would-meet-again':
			return `${reason.count}${nbsp}${reason.count === 1 ? 'peer' : 'peers'} would meet again`
		case 'connected-to-met-again':
			return `Connected to ${reason.name}, whom you’d meet again`
		case 'different-sector':
			return sectorTitle ? `Different sector: ${sectorTitle}` : 'Different sector'
	}
}

function listOf(items: readonly string[]) {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** How well a candidate suits the viewer, with the reasons, strongest first. */
export function scoreCandidate(viewer: MatchFacts, candidate: CandidateFacts): Scored {
	const reasons: Reason[] = []
	const shared = viewer.tags.filter((tag) => candidate.tags.includes(tag)).slice(0, weights.maxSharedTags)
	if (shared.length)
		reasons.push({ kind: 'shared-expertise', tags: shared, points: shared.length * weights.perSharedTag })
	const yours = viewer.businessModel
	const theirs = candidate.businessModel
	if (yours !== 'both' && theirs !== 'both' && yours !== theirs)
		reasons.push({ kind: 'complementary-model', theirs, yours, points: weights.complementaryModel })
	if (candidate.mutualConnections > 0)
		reasons.push({
			kind: 'mutual-connections',
			count: candidate.mutualConnections,
			points: Math.min(candidate.mutualConnections, weights.maxMutualConnections) * weights.perMutualConnection,
		})
	const peers = candidate.peersWouldMeetAgain ?? 0
	if (peers > 0)
		reasons.push({
			kind: 'peers-would-meet-again',
			count: peers,
			points: Math.min(peers, weights.maxPeersWouldMeetAgain) * weights.perPeerWouldMeetAgain,
		})
	if (candidate.metAgainVia)
		reasons.push({ kind: 'connected-to-met-again', name: candidate.metAgainVia, points: weights.connectedToMetAgain })
	if (viewer.workingWeek && candidate.workingWeek) {
		// Both saved their hours: their real windows say more than any assumed working day.
		const hours = sharedHours(viewer.workingWeek, candidate.workingWeek)
		if (hours >= minSharedWeeklyHours)
			reasons.push({
				kind: 'working-hours',
				hours,
				weekly: true,
				points: Math.min(hours / fullWorkingWeekHours, 1) * weights.fullWorkingDay,
			})
	} else if (viewer.utcOffsetMinutes !== null && candidate.utcOffsetMinutes !== null) {
		const hours = sharedWorkingHours(viewer.utcOffsetMinutes, candidate.utcOffsetMinutes)
		if (hours >= minSharedHours)
			reasons.push({ kind: 'working-hours', hours, weekly: false, points: (hours / 9) * weights.fullWorkingDay })
	}
	// Every listable member is outside the viewer's industry group; a different top-level sector is the network's point.
	if (viewer.sector && candidate.sector && candidate.sector !== viewer.sector)
		reasons.push({ kind: 'different-sector', points: weights.differentSector })
	if (reasons.length > 1)
		reasons.sort((a, b) => b.points - a.points || reasonOrder.indexOf(a.kind) - reasonOrder.indexOf(b.kind))
	return { score: reasons.reduce((sum, reason) => sum + reason.points, 0), reasons }
}

/**
 * The one-line "why" of a suggestion: its strongest reasons, e.g. "Both work on loyalty · B2B to
 * your B2C". The card shows the member's industry already, so the line names their different
 * sector only when it has the title and little else speaks for them.
 */
export function whyLine(reasons: readonly Reason[], sectorTitle: string | null) {
	const others = reasons.filter((reason) => reason.kind !== 'different-sector').length
	const shown = reasons
		.filter((reason) => reason.kind !== 'different-sector' || (sectorTitle && others < 2))
		.slice(0, whyLength)
	return shown.length
		? shown.map((reason) => describeReason(reason, sectorTitle)).join(`${nbsp}· `)
		: 'A marketing leader outside your industry group'
}
