import { and, eq, sql, type SQL } from 'drizzle-orm'
import { suggestionDismissals, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { listableFor } from '../conflicts/conflicts.server.ts'
import { openlyListed } from '../members/profile.server.ts'
import { sectorOf } from '../sectors/naics.ts'
import type { Interval } from '../scheduling/meeting-types.ts'
import {
	bestScoreWith,
	scoreCandidate,
	utcOffsetMinutes,
	whyLine,
	windowsFrom,
	workingWeek,
	type BusinessModel,
	type MatchFacts,
	weights,
} from './scoring.ts'

export type Suggestion = {
	id: string
	name: string
	title: string
	company: string
	sectorTitle: string | null
	why: string
}

type CandidateValues = [
	id: string,
	businessModel: BusinessModel,
	timeZone: string,
	code: string | null,
	/** JSON `[[weekday, startMinute, endMinute], …]` once the member saved their availability; null before. */
	windows: string | null,
]

/** Accepted connections that are not suspended: the people two members both know. */
const liveConnection = sql`status = 'accepted' and suspended_at is null`

/** A member's saved weekly windows as JSON, null until they save their availability (an index lookup per row). */
const savedWindows = (
	userId: SQL,
) => sql`case when exists (select 1 from availability_settings s where s.user_id = ${userId})
	then (select json_group_array(json_array(w.weekday, w.start_minute, w.end_minute))
		from availability_windows w where w.user_id = ${userId}) end`

/**
 * After direct meetings: how many members marked "would meet again" about each member (the
 * viewer's own marks aside). One set query over the marks.
 */
function peersWouldMeetAgain(viewerId: string) {
	return new Map(
		db.values<[userId: string, peers: number]>(sql`select other.user_id, count(distinct mine.user_id)
			from meeting_participants mine
			join meetings m on m.id = mine.meeting_id and m.kind = 'direct'
			join meeting_participants other on other.meeting_id = mine.meeting_id and other.user_id != mine.user_id
			where mine.would_meet_again = 1 and mine.user_id != ${viewerId}
			group by other.user_id`),
	)
}

/**
 * The viewer's own verdicts after direct meetings (the latest per peer counts): whom they would
 * not meet again, and, for each member connected to someone they would meet again, that person's
 * name (alphabetically first when several). One query.
 */
function viewerMeetingVerdicts(viewerId: string) {
	const rows = db.values<[userId: string, again: number | null, via: string | null]>(sql`with marks as (
			select other.user_id as peer, mine.would_meet_again as again,
				row_number() over (partition by other.user_id order by mine.reflected_at desc, mine.meeting_id desc) as n
			from meeting_participants mine
			join meetings m on m.id = mine.meeting_id and m.kind = 'direct'
			join meeting_participants other on other.meeting_id = mine.meeting_id and other.user_id != mine.user_id
			where mine.user_id = ${viewerId} and mine.would_meet_again is not null),
		liked(id, name) as (
			select marks.peer, u.name from marks join users u on u.id = marks.peer where marks.n = 1 and marks.again = 1)
		select peer, again, null from marks where n = 1
		union all
		select c.addressee_id, null, liked.name from liked join connections c on c.requester_id = liked.id and ${liveConnection}
		union all
		select c.requester_id, null, liked.name from liked join connections c on c.addressee_id = liked.id and ${liveConnection}
		order by 3`)
	const avoided: string[] = []
	const metAgainVia = new Map<string, string>()
	for (const [userId, again, via] of rows) {
		if (again === 0) avoided.push(userId)
		else if (via !== null && !metAgainVia.has(userId)) metAgainVia.set(userId, via)
	}
	return { avoided, metAgainVia }
}

/**
 * The members a viewer could meet next, best first, each with a one-line "why". Set-based
 * queries, at most eleven whatever the network's size: the viewer's facts and tags; who shares a
 * tag with them; mutual connection counts; who others would meet again, and the viewer's own
 * verdicts after meetings; the eligible candidates (active, visible to members, not hidden by a
 * moderator, not in conflict via listableFor, not connected or pending, not dismissed, not
 * someone the viewer would not meet again) with only what scoring needs, their saved windows
 * included, read in up to four slices; names and companies for the few that made the cut.
 * Scored in TypeScript (scoring.ts).
 */
export function suggestPeers(viewerId: string, { limit = 12, now = new Date() } = {}): Suggestion[] {
	const viewer = db.get<{
		businessModel: BusinessModel
		timeZone: string
		code: string | null
		windows: string | null
	}>(
		sql`select p.business_model as businessModel, p.time_zone as timeZone, pc.code as code,
			${savedWindows(sql`p.user_id`)} as windows
		from member_profiles p
		left join company_sector_codes pc on pc.company_id = p.company_id and pc.is_primary = 1
		where p.user_id = ${viewerId}`,
	)
	if (!viewer) return []
	const viewerTags = db
		.all<{ tag: string }>(sql`select tag from expertise_tags where user_id = ${viewerId} order by tag`)
		.map((row) => row.tag)

	const sharedTags = new Map<string, string[]>()
	if (viewerTags.length) {
		const rows = db.values<[userId: string, tag: string]>(
			sql`select user_id, tag from expertise_tags where tag in ${viewerTags} and user_id != ${viewerId}`,
		)
		for (const [userId, tag] of rows) {
			const tags = sharedTags.get(userId)
			if (tags) tags.push(tag)
			else sharedTags.set(userId, [tag])
		}
	}
	// Everyone connected to one of the viewer's connections, counted from both ends of each connection.
	const mutualCounts = new Map(
		db.values<[userId: string, mutual: number]>(sql`with mine(id) as (
				select addressee_id from connections where requester_id = ${viewerId} and ${liveConnection}
				union select requester_id from connections where addressee_id = ${viewerId} and ${liveConnection})
			select other, count(*) from (
				select addressee_id as other from connections where requester_id in mine and ${liveConnection}
				union all select requester_id from connections where addressee_id in mine and ${liveConnection})
			group by other`),
	)

	const peersAgain = peersWouldMeetAgain(viewerId)
	const { avoided, metAgainVia } = viewerMeetingVerdicts(viewerId)

	const listable = listableFor(viewerId, sql`u.id`, now.getTime())
	// Arrays rather than objects: at 10,000 members this list is most of the work.
	const eligibleCandidates = (scope: SQL) =>
		db.values<CandidateValues>(sql`select u.id, p.business_model, p.time_zone, pc.code, ${savedWindows(sql`u.id`)}
			from users u
			join member_profiles p on p.user_id = u.id
			left join company_sector_codes pc on pc.company_id = p.company_id and pc.is_primary = 1
			where ${scope} and ${openlyListed} and u.id != ${viewerId}
				and ${listable}
				and u.id not in (select dismissed_user_id from suggestion_dismissals where user_id = ${viewerId})
				and u.id not in (select value from json_each(${JSON.stringify(avoided)}))
				and u.id not in (
					select addressee_id from connections where requester_id = ${viewerId} and status in ('pending', 'accepted')
					union all
					select requester_id from connections where addressee_id = ${viewerId} and status in ('pending', 'accepted'))`)
	const offsets = new Map<string, number | null>()
	const offsetOf = (timeZone: string) => {
		if (!offsets.has(timeZone)) offsets.set(timeZone, utcOffsetMinutes(timeZone, now))
		return offsets.get(timeZone) ?? null
	}
	// Members often save the same hours in the same zone: each distinct week is expanded once.
	const weeks = new Map<string, Interval[]>()
	const weekOf = (timeZone: string, windows: string | null) => {
		if (windows === null) return null
		const key = `${timeZone}|${windows}`
		let week = weeks.get(key)
		if (!week) {
			week = workingWeek(timeZone, windowsFrom(JSON.parse(windows) as Array<[number, number, number]>), now.getTime())
			weeks.set(key, week)
		}
		return week
	}
	const viewerFacts: MatchFacts = {
		tags: viewerTags,
		businessModel: viewer.businessModel,
		utcOffsetMinutes: offsetOf(viewer.timeZone),
		sector: viewer.code ? sectorOf(viewer.code) : null,
		workingWeek: weekOf(viewer.timeZone, viewer.windows),
	}
	const scored = (candidates: CandidateValues[]) =>
		candidates.map(([id, businessModel, timeZone, code, windows]) => ({
			id,
			...scoreCandidate(viewerFacts, {
				tags: sharedTags.get(id) ?? [],
				businessModel,
				utcOffsetMinutes: offsetOf(timeZone),
				sector: code ? sectorOf(code) : null,
				workingWeek: viewerFacts.workingWeek ? weekOf(timeZone, windows) : null,
				mutualConnections: mutualCounts.get(id) ?? 0,
				peersWouldMeetAgain: peersAgain.get(id) ?? 0,
				metAgainVia: metAgainVia.get(id) ?? null,
			}),
		}))

	// The most related members first: those sharing the most tags (up to the three that count) or
	// any connection, then one shared tag fewer at a time, then everyone else. Whoever is not read
	// yet scores at most bestScoreWith(k - 1); once `limit` members beat that, the top is settled.
	// The reads are disjoint, so the worst case reads everyone once; at 10,000 members the first
	// read is usually a few hundred.
	const top = Math.min(viewerTags.length, weights.maxSharedTags)
	const tiers = Array.from({ length: top + 1 }, () => [] as string[])
	// Connections and meeting signals add points bestScoreWith leaves out: such members are read first.
	const signalled = (id: string) => mutualCounts.has(id) || peersAgain.has(id) || metAgainVia.has(id)
	for (const id of new Set([...sharedTags.keys(), ...mutualCounts.keys(), ...peersAgain.keys(), ...metAgainVia.keys()]))
		tiers[signalled(id) ? top : Math.min(sharedTags.get(id)?.length ?? 0, top)]!.push(id)
	let read: string[] = []
	let entries: ReturnType<typeof scored> = []
	for (let k = top; k >= 0; k--) {
		const ids = tiers[k]!
		if (k > 0 && ids.length === 0) continue
		const scope =
			k > 0
				? sql`u.id in (select value from json_each(${JSON.stringify(ids)}))`
				: sql`u.id not in (select value from json_each(${JSON.stringify(read)}))`
		entries = entries.concat(scored(eligibleCandidates(scope)))
		read = read.concat(ids)
		if (k > 0 && entries.filter((entry) => entry.score > bestScoreWith(k - 1)).length >= limit) break
	}
	const ranked = entries.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit)
	if (ranked.length === 0) return []

	const details = new Map(
		db
			.all<Omit<Suggestion, 'why'>>(
				sql`select u.id, u.name, p.title, c.name as company, n.title as sectorTitle
				from users u
				join member_profiles p on p.user_id = u.id
				join companies c on c.id = p.company_id
				left join company_sector_codes pc on pc.company_id = p.company_id and pc.is_primary = 1
				left join naics_codes n on n.code = pc.code
				where u.id in ${ranked.map((entry) => entry.id)}`,
			)
			.map((row) => [row.id, row]),
	)
	return ranked.flatMap((entry) => {
		const member = details.get(entry.id)
		return member ? [{ ...member, why: whyLine(entry.reasons, member.sectorTitle) }] : []
	})
}

export type DismissalOutcome =
	{ ok: true; member: { id: string; name: string } } | { ok: false; code: 'self' | 'not-found'; message: string }

function activeMember(memberId: string) {
	return db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(eq(users.id, memberId), eq(users.status, 'active')))
		.get()
}

/** Hides a member from the viewer's suggestions; dismissing twice changes nothing. */
export function dismissSuggestion(viewerId: string, memberId: string): DismissalOutcome {
	if (memberId === viewerId) return { ok: false, code: 'self', message: 'You are never suggested to yourself.' }
	const member = activeMember(memberId)
	if (!member) return { ok: false, code: 'not-found', message: 'That member does not exist.' }
	db.insert(suggestionDismissals)
		.values({ userId: viewerId, dismissedUserId: memberId })
		.onConflictDoNothing({ target: [suggestionDismissals.userId, suggestionDismissals.dismissedUserId] })
		.run()
	return { ok: true, member }
}

/** Undoes a dismissal, so the member may be suggested again (if still eligible); undoing twice changes nothing. */
export function restoreSuggestion(viewerId: string, memberId: string): DismissalOutcome {
	const member = activeMember(memberId)
	if (!member) return { ok: false, code: 'not-found', message: 'That member does not exist.' }
	db.delete(suggestionDismissals)
		.where(and(eq(suggestionDismissals.userId, viewerId), eq(suggestionDismissals.dismissedUserId, memberId)))
		.run()
	return { ok: true, member }
}
