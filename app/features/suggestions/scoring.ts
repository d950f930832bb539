/**
 * Why two members should meet: a score from facts both profiles hold, the reasons in the order
 * they weigh, and the one-line "why" shown on a suggestion. Pure, so it is tested without a database.
 */
import { expertisePhrase } from '../members/expertise.ts'

export type BusinessModel = 'b2b' | 'b2c' | 'both'

export type MatchFacts = {
	tags: readonly string[]
	businessModel: BusinessModel
	/** Minutes east of UTC right now (see utcOffsetMinutes); null when the zone is unknown. */
	utcOffsetMinutes: number | null
	/** The NAICS sector of the company's primary code ("44-45" for retail). */
	sector: string | null
}

export type CandidateFacts = MatchFacts & { mutualConnections: number }

export type Reason =
	| { kind: 'shared-expertise'; tags: string[]; points: number }
	| { kind: 'complementary-model'; theirs: 'b2b' | 'b2c'; yours: 'b2b' | 'b2c'; points: number }
	| { kind: 'mutual-connections'; count: number; points: number }
	| { kind: 'working-hours'; hours: number; points: number }
	| { kind: 'different-sector'; points: number }

export type Scored = { score: number; reasons: Reason[] }

/**
 * Points per reason, in the order the product ranks them: shared expertise first (one shared
 * tag outweighs any other single reason), then complementary models, working hours, mutual
 * connections, and a different top-level sector.
 */
export const weights = {
	perSharedTag: 4,
	maxSharedTags: 3,
	complementaryModel: 3,
	/** For a full 9-hour shared day; proportional below it. */
	fullWorkingDay: 2.5,
	perMutualConnection: 1,
	maxMutualConnections: 3,
	differentSector: 0.5,
} as const

/**
 * The best score of a member who shares this many of the viewer's tags and no connection with
 * them. Lets the server read the most related members first and stop once enough outscore the rest.
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
const workdayStartMinutes = 9 * 60
const workdayEndMinutes = 18 * 60
const dayMinutes = 24 * 60
const reasonOrder: Reason['kind'][] = [
	'shared-expertise',
	'complementary-model',
	'working-hours',
	'mutual-connections',
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
			return `${Math.floor(reason.hours * 2) / 2}${nbsp}h of shared working hours`
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
	if (viewer.utcOffsetMinutes !== null && candidate.utcOffsetMinutes !== null) {
		const hours = sharedWorkingHours(viewer.utcOffsetMinutes, candidate.utcOffsetMinutes)
		if (hours >= minSharedHours)
			reasons.push({ kind: 'working-hours', hours, points: (hours / 9) * weights.fullWorkingDay })
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
