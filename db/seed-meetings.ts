/**
 * Scheduling demo data, seeded after messaging: the demo member's availability and that of a few
 * connections in other zones, and her meetings in every state — waiting for her, waiting for a
 * peer, a counter-proposal, confirmed this week, confirmed and over with her private reflection,
 * declined, cancelled, rescheduled and confirmed again, and a proposal with votes in the
 * roundtable she hosts. Times are relative to the seed's clock (`now`), laid on her working hours
 * in her own zone, so upcoming meetings are always ahead and past ones behind; the times a pending
 * meeting offers are ones its participants are all free at, as the proposal form would have
 * offered. Everyone is picked from her accepted connections in id order and every pair is checked
 * against the policy.
 */
import { and, eq, or } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Interval } from '../app/features/scheduling/meeting-types.ts'
import { defaultAvailability } from '../app/features/scheduling/options.ts'
import { scheduleMeetingReminders } from '../app/features/scheduling/reminders.server.ts'
import { groupBy } from '../app/utils/collections.ts'
import { commonSlots, type LocalWindow, type MemberAvailability } from '../app/features/scheduling/slots.ts'
import type { AppDatabase } from './client.ts'
import { conflictFreePairs } from './seed-policy.ts'
import { messagingSeed } from './seed-messaging.ts'
import {
	availabilityOverrides,
	availabilitySettings,
	availabilityWindows,
	connections,
	conversationMembers,
	conversations,
	meetingEvents,
	meetingOptions,
	meetingParticipants,
	meetings,
	meetingVotes,
	memberProfiles,
	notifications,
	users,
} from './schema.ts'

export const meetingsSeed = {
	/** Direct meetings of the demo member, one per story below, plus the roundtable's proposal. */
	directMeetings: 8,
	roundtableTopic: 'Personalisation without creeping people out',
	rescheduledSequence: 3,
} as const

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

type Person = { userId: string; name: string; timeZone: string }

export type MeetingsSeedFacts = { policyNow: number; demoMemberId: string; now: number }

/** One transaction: a hundred or so small writes. */
export function seedMeetings(db: AppDatabase, facts: MeetingsSeedFacts) {
	return db.$client.transaction(() => writeMeetingsSeed(db, facts))()
}

function writeMeetingsSeed(db: AppDatabase, facts: MeetingsSeedFacts) {
	const meets = conflictFreePairs(db, facts.policyNow)
	const people = new Map(
		db
			.select({ userId: users.id, name: users.name, status: users.status, timeZone: memberProfiles.timeZone })
			.from(users)
			.innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
			.all()
			.map((row) => [row.userId, row]),
	)
	const maya: Person = people.get(facts.demoMemberId)!
	const partners: Person[] = db
		.select({ requesterId: connections.requesterId, addresseeId: connections.addresseeId })
		.from(connections)
		.where(
			and(
				eq(connections.status, 'accepted'),
				or(eq(connections.requesterId, maya.userId), eq(connections.addresseeId, maya.userId)),
			),
		)
		.all()
		.map((row) => (row.requesterId === maya.userId ? row.addresseeId : row.requesterId))
		.flatMap((userId) => {
			const person = people.get(userId)
			return person?.status === 'active' && meets(maya.userId, userId) ? [person] : []
		})
		.sort((a, b) => a.userId.localeCompare(b.userId))
	if (partners.length < 4) throw new Error('The demo member needs more connections for the meetings seed')
	/** The i-th peer, cycling when she has fewer connections than stories. */
	const peer = (index: number) => partners[index % partners.length]!

	const directConversations = new Map(
		db
			.select({ pairKey: conversations.pairKey, id: conversations.id })
			.from(conversations)
			.where(eq(conversations.kind, 'direct'))
			.all()
			.map((row) => [row.pairKey, row.id]),
	)

	// Her working hours, in her zone (Mon–Thu with a lunch break, a short Friday); some peers' in theirs.
	const mayaWindows = [
		...([1, 2, 3, 4] as const).flatMap((weekday) => [
			{ weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
			{ weekday, startMinute: 14 * 60, endMinute: 17 * 60 + 30 },
		]),
		{ weekday: 5 as const, startMinute: 9 * 60, endMinute: 13 * 60 },
	]
	/** What the seed saved for each member, to pick times the real slot pickers would have offered. */
	const saved = new Map<string, { windows: LocalWindow[]; bufferMinutes: number }>()
	const save = (
		person: Person,
		settings: { length: number; buffer: number; reminder: number },
		windows: LocalWindow[],
	) => {
		saveAvailability(db, person.userId, settings, windows, facts.now)
		saved.set(person.userId, { windows, bufferMinutes: settings.buffer })
	}
	save(maya, { length: 30, buffer: 10, reminder: 30 }, mayaWindows)
	// Peers east of her keep late hours, and the Vancouver one early ones, so their days meet hers.
	const peerHours = [
		{ start: 8 * 60, end: 17 * 60, length: 45, buffer: 15, reminder: 60 },
		{ start: 7 * 60, end: 15 * 60 + 30, length: 30, buffer: 5, reminder: 10 },
		{ start: 12 * 60, end: 19 * 60 + 30, length: 60, buffer: 0, reminder: 1440 },
		{ start: 10 * 60, end: 18 * 60 + 30, length: 30, buffer: 10, reminder: 30 },
		{ start: 7 * 60, end: 16 * 60, length: 30, buffer: 10, reminder: 60 },
	]
	peerHours.forEach((hours, index) =>
		save(
			peer(index),
			hours,
			([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, startMinute: hours.start, endMinute: hours.end })),
		),
	)
	// Out of office for a day in two weeks' time: the slot pickers skip it.
	const outOfOffice = workday(maya, facts.now, 14, 0, 0).toISODate()!
	db.insert(availabilityOverrides)
		.values({ userId: maya.userId, date: outOfOffice, kind: 'unavailable', createdAt: new Date(facts.now - 2 * day) })
		.run()

	let count = 0
	const at = (dayOffset: number, localHour: number, localMinute = 0) =>
		workday(maya, facts.now, dayOffset, localHour, localMinute).toMillis()
	// The confirmed meetings ahead: they and their buffers are busy time for the pending ones' options.
	const confirmedThisWeek = thisWeek(maya, facts.now)
	const rescheduledTo = at(10, 9, 30)
	const busy = new Map<string, Interval[]>()
	for (const [person, start] of [
		[maya, confirmedThisWeek],
		[peer(3), confirmedThisWeek],
		[maya, rescheduledTo],
		[peer(6), rescheduledTo],
	] as const)
		busy.set(person.userId, [...(busy.get(person.userId) ?? []), { start, end: start + 30 * minute }])
	const availabilityOf = (person: Person): MemberAvailability => ({
		timeZone: person.timeZone,
		windows: saved.get(person.userId)?.windows ?? defaultAvailability.windows,
		overrides: person === maya ? [{ date: outOfOffice, kind: 'unavailable', startMinute: null, endMinute: null }] : [],
		busy: busy.get(person.userId) ?? [],
		bufferMinutes: saved.get(person.userId)?.bufferMinutes ?? defaultAvailability.bufferMinutes,
	})
	/**
	 * `count` start times, on different days from `dayOffset` on, when all of `people` are free (the
	 * middle of each day's common time, for variety): what the proposal form would have offered them.
	 */
	const freeStarts = (people: readonly Person[], dayOffset: number, count: number, durationMinutes = 30) => {
		const from = workday(maya, facts.now, dayOffset, 0, 0).toMillis()
		const slots = commonSlots(people.map(availabilityOf), {
			durationMinutes,
			range: { start: from, end: from + 21 * day },
		})
		const byDay = groupBy(slots, (slot) => DateTime.fromMillis(slot.start, { zone: maya.timeZone }).toISODate()!)
		const starts = [...byDay.values()].slice(0, count).map((daySlots) => daySlots[daySlots.length >> 1]!.start)
		if (starts.length < count)
			throw new Error(`No ${count} common free times for ${people.map((person) => person.name).join(', ')}`)
		return starts
	}

	type Story = {
		organizer: Person
		invitees: Person[]
		topic: string
		location?: string
		agenda?: string
		durationMinutes?: number
		status: 'pending' | 'confirmed' | 'declined' | 'cancelled'
		awaiting?: Person | null
		/** Each round's options (start times), and who proposed them. */
		rounds: Array<{ by: Person; starts: number[] }>
		/** The agreed slot: round and index of the option. */
		agreed?: { round: number; option: number }
		sequence: number
		conversationId?: string | null
		/** In order; times are offsets from `now` in ms (negative: in the past). */
		events: Array<{ actor: Person; action: string; note?: string; ago: number }>
	}

	function addMeeting(story: Story) {
		const everyone = [story.organizer, ...story.invitees]
		for (let i = 0; i < everyone.length; i++)
			for (let j = i + 1; j < everyone.length; j++)
				if (!meets(everyone[i]!.userId, everyone[j]!.userId))
					throw new Error(`Seeded meeting would join a conflicted pair: ${everyone[i]!.userId}, ${everyone[j]!.userId}`)
		count += 1
		const id = `mtg_seed_${String(count).padStart(4, '0')}`
		const durationMinutes = story.durationMinutes ?? 30
		const agreedStart = story.agreed ? story.rounds[story.agreed.round - 1]!.starts[story.agreed.option]! : null
		const first = story.events[0]!
		const last = story.events.at(-1)!
		const other = story.invitees.length === 1 ? story.invitees[0]! : null
		db.insert(meetings)
			.values({
				id,
				kind: other ? 'direct' : 'roundtable',
				organizerId: story.organizer.userId,
				conversationId:
					story.conversationId ??
					(other ? (directConversations.get([story.organizer.userId, other.userId].sort().join('|')) ?? null) : null),
				topic: story.topic,
				location: story.location ?? '',
				agenda: story.agenda ?? '',
				status: story.status,
				awaitingUserId: story.awaiting?.userId ?? null,
				round: story.rounds.length,
				durationMinutes,
				startsAt: agreedStart === null ? null : new Date(agreedStart),
				endsAt: agreedStart === null ? null : new Date(agreedStart + durationMinutes * minute),
				timeZone: story.organizer.timeZone,
				sequence: story.sequence,
				createdAt: new Date(facts.now - first.ago),
				updatedAt: new Date(facts.now - last.ago),
			})
			.run()
		db.insert(meetingParticipants)
			.values(
				everyone.map((person, index) => ({
					meetingId: id,
					userId: person.userId,
					role: index === 0 ? ('organizer' as const) : ('invitee' as const),
				})),
			)
			.run()
		const optionIds = story.rounds.map((round, index) =>
			round.starts.map(
				(start) =>
					db
						.insert(meetingOptions)
						.values({
							meetingId: id,
							round: index + 1,
							startsAt: new Date(start),
							endsAt: new Date(start + durationMinutes * minute),
							proposedBy: round.by.userId,
						})
						.returning({ id: meetingOptions.id })
						.get().id,
			),
		)
		for (const event of story.events)
			db.insert(meetingEvents)
				.values({
					meetingId: id,
					actorId: event.actor.userId,
					action: event.action,
					note: event.note ?? '',
					createdAt: new Date(facts.now - event.ago),
				})
				.run()
		if (story.status === 'confirmed') scheduleMeetingReminders(id, db, facts.now)
		return { id, optionIds }
	}

	// 1. Waiting for Maya: three options from a peer.
	const awaitingMaya = addMeeting({
		organizer: peer(0),
		invitees: [maya],
		topic: 'Member pricing versus points',
		location: 'https://meet.example.com/crossroads-pricing',
		status: 'pending',
		awaiting: maya,
		rounds: [{ by: peer(0), starts: freeStarts([peer(0), maya], 3, 3) }],
		sequence: 0,
		events: [
			{
				actor: peer(0),
				action: 'proposed',
				note: 'Would love to hear how finance came round to member prices.',
				ago: 5 * hour,
			},
		],
	})
	// 2. Waiting for a peer: Maya proposed.
	addMeeting({
		organizer: maya,
		invitees: [peer(1)],
		topic: 'Retail media: in-house or agency?',
		location: 'https://meet.example.com/crossroads-retail-media',
		status: 'pending',
		awaiting: peer(1),
		rounds: [{ by: maya, starts: freeStarts([maya, peer(1)], 5, 3) }],
		sequence: 0,
		events: [{ actor: maya, action: 'proposed', note: 'Thirty minutes on your buying set-up?', ago: 20 * hour }],
	})
	// 3. A counter-proposal: round 2 waits for Maya.
	const countered = addMeeting({
		organizer: maya,
		invitees: [peer(2)],
		topic: 'First-party data after the cookie deadline',
		status: 'pending',
		awaiting: maya,
		rounds: [
			{ by: maya, starts: freeStarts([maya, peer(2)], 2, 3) },
			{ by: peer(2), starts: freeStarts([peer(2), maya], 9, 2) },
		],
		sequence: 0,
		events: [
			{ actor: maya, action: 'proposed', ago: 3 * day },
			{
				actor: peer(2),
				action: 'countered',
				note: 'Board week for me, sorry. Would either of these work?',
				ago: 26 * hour,
			},
		],
	})
	// 4. Confirmed, this week (the week view shows it), with an agenda.
	addMeeting({
		organizer: peer(3),
		invitees: [maya],
		topic: 'Loyalty programme P&L',
		location: 'https://meet.example.com/crossroads-loyalty-pnl',
		agenda: '1. How each of us values a member\n2. Holdout regions: size and duration\n3. What finance asks for',
		status: 'confirmed',
		rounds: [{ by: peer(3), starts: [confirmedThisWeek, at(6, 10)] }],
		agreed: { round: 1, option: 0 },
		sequence: 1,
		events: [
			{ actor: peer(3), action: 'proposed', ago: 4 * day },
			{ actor: maya, action: 'accepted', ago: 3 * day },
			{ actor: maya, action: 'agenda-updated', ago: 2 * day },
		],
	})
	// 5. Confirmed and over, with Maya's private reflection.
	const past = addMeeting({
		organizer: maya,
		invitees: [peer(0)],
		topic: 'Sustainability claims on own-brand packaging',
		status: 'confirmed',
		rounds: [{ by: maya, starts: [at(-12, 10), at(-11, 14)] }],
		agreed: { round: 1, option: 0 },
		sequence: 1,
		events: [
			{ actor: maya, action: 'proposed', ago: 20 * day },
			{ actor: peer(0), action: 'accepted', ago: 19 * day },
		],
	})
	db.update(meetingParticipants)
		.set({
			reflection:
				'Claim only what a third party audited, and start with one category. Ask their supply-chain lead for the audit checklist.',
			wouldMeetAgain: true,
			reflectedAt: new Date(facts.now - 11 * day),
		})
		.where(and(eq(meetingParticipants.meetingId, past.id), eq(meetingParticipants.userId, maya.userId)))
		.run()
	db.update(meetingParticipants)
		.set({ wouldMeetAgain: true, reflectedAt: new Date(facts.now - 10 * day) })
		.where(and(eq(meetingParticipants.meetingId, past.id), eq(meetingParticipants.userId, peer(0).userId)))
		.run()
	// 6. Declined by Maya, with a note.
	addMeeting({
		organizer: peer(4),
		invitees: [maya],
		topic: 'Sponsorship measurement',
		status: 'declined',
		rounds: [{ by: peer(4), starts: freeStarts([peer(4), maya], -5, 2) }],
		sequence: 0,
		events: [
			{ actor: peer(4), action: 'proposed', ago: 8 * day },
			{
				actor: maya,
				action: 'declined',
				note: 'Heads-down on the rebrand launch this month. Could we pick this up in the spring?',
				ago: 7 * day,
			},
		],
	})
	// 7. Confirmed, then cancelled by the peer with a reason (the time stays, for calendars to cancel).
	addMeeting({
		organizer: maya,
		invitees: [peer(5)],
		topic: 'App onboarding teardown',
		status: 'cancelled',
		rounds: [{ by: maya, starts: freeStarts([maya, peer(5)], 4, 2) }],
		agreed: { round: 1, option: 0 },
		sequence: 2,
		events: [
			{ actor: maya, action: 'proposed', ago: 6 * day },
			{ actor: peer(5), action: 'accepted', ago: 5 * day },
			{
				actor: peer(5),
				action: 'cancelled',
				note: 'Our CEO moved the quarterly review onto that day. I will propose new times once it settles.',
				ago: 2 * day,
			},
		],
	})
	// 8. Accepted, rescheduled by Maya, accepted again: sequence 3.
	addMeeting({
		organizer: peer(6),
		invitees: [maya],
		topic: 'Personalised offers at scale',
		location: 'https://meet.example.com/crossroads-offers',
		agenda: 'Offer engine build-versus-buy; the test design we each use.',
		status: 'confirmed',
		rounds: [
			{ by: peer(6), starts: [at(6, 14), at(7, 10)] },
			{ by: maya, starts: [at(9, 15), rescheduledTo, at(11, 16)] },
		],
		agreed: { round: 2, option: 1 },
		sequence: meetingsSeed.rescheduledSequence,
		events: [
			{ actor: peer(6), action: 'proposed', ago: 9 * day },
			{ actor: maya, action: 'accepted', ago: 8 * day },
			{
				actor: maya,
				action: 'rescheduled',
				note: 'A store opening landed on that afternoon. I have offered three other times.',
				ago: 3 * day,
			},
			{ actor: peer(6), action: 'accepted', ago: 2 * day },
		],
	})

	// 9. The roundtable she hosts: her proposal of three times, with votes from the members.
	const hosted = db
		.select({ id: conversations.id })
		.from(conversations)
		.where(and(eq(conversations.title, messagingSeed.hostedRoundtable.title), eq(conversations.createdBy, maya.userId)))
		.get()
	if (!hosted) throw new Error('The meetings seed needs the messaging seed’s hosted roundtable')
	const seated = db
		.select({ userId: conversationMembers.userId })
		.from(conversationMembers)
		.where(and(eq(conversationMembers.conversationId, hosted.id), eq(conversationMembers.status, 'joined')))
		.orderBy(conversationMembers.userId)
		.all()
		.filter((seat) => seat.userId !== maya.userId)
		.map((seat) => people.get(seat.userId)!)
	const votes = [[0, 1], [1], [1, 2]]
	const roundtable = addMeeting({
		organizer: maya,
		invitees: seated,
		topic: meetingsSeed.roundtableTopic,
		location: 'https://meet.example.com/crossroads-loyalty-leaders',
		agenda: 'What replaced “we noticed you…” emails; consent prompts that work.',
		durationMinutes: 60,
		status: 'pending',
		rounds: [{ by: maya, starts: freeStarts([maya, ...seated], 8, 3, 60) }],
		sequence: 0,
		conversationId: hosted.id,
		events: [
			{ actor: maya, action: 'proposed', note: 'Pick every time that works for you.', ago: 2 * day },
			...votes.map((_, index) => ({ actor: seated[index]!, action: 'voted', ago: (40 - index * 6) * hour })),
		],
	})
	votes.forEach((picks, index) =>
		db
			.insert(meetingVotes)
			.values(
				picks.map((pick) => ({
					optionId: roundtable.optionIds[0]![pick]!,
					userId: seated[index]!.userId,
					createdAt: new Date(facts.now - (40 - index * 6) * hour),
				})),
			)
			.run(),
	)

	// What is waiting for her in the notification center.
	db.insert(notifications)
		.values([
			{
				userId: maya.userId,
				kind: 'meeting-proposed',
				title: `${peer(0).name} proposed a meeting`,
				body: 'Member pricing versus points',
				link: `/meetings/${awaitingMaya.id}`,
				createdAt: new Date(facts.now - 5 * hour),
			},
			{
				userId: maya.userId,
				kind: 'meeting-proposed',
				title: `${peer(2).name} suggested other times`,
				body: 'First-party data after the cookie deadline',
				link: `/meetings/${countered.id}`,
				createdAt: new Date(facts.now - 26 * hour),
			},
		])
		.run()
	return { meetings: count }
}

function saveAvailability(
	db: AppDatabase,
	userId: string,
	settings: { length: number; buffer: number; reminder: number },
	windows: Array<{ weekday: number; startMinute: number; endMinute: number }>,
	now: number,
) {
	db.insert(availabilitySettings)
		.values({
			userId,
			meetingLengthMinutes: settings.length,
			bufferMinutes: settings.buffer,
			reminderMinutes: settings.reminder,
			updatedAt: new Date(now - 30 * day),
		})
		.run()
	db.insert(availabilityWindows)
		.values(windows.map((window) => ({ userId, ...window })))
		.run()
}

/**
 * A local time on the working day `dayOffset` days from now in the member's zone: a weekend day
 * moves to the Monday after (ahead) or the Friday before (in the past).
 */
function workday(person: Person, now: number, dayOffset: number, localHour: number, localMinute: number) {
	let date = DateTime.fromMillis(now, { zone: person.timeZone }).startOf('day').plus({ days: dayOffset })
	while (date.weekday > 5) date = date.plus({ days: dayOffset < 0 ? -1 : 1 })
	return date.set({ hour: localHour, minute: localMinute })
}

/**
 * A time later this week (Monday to Sunday in her zone), at least three hours ahead: 09:30 on the
 * next working day that allows it, or, late in the week, the next half hour three hours out
 * (which leaves the week only when the seed runs in the last hours of a Sunday).
 */
function thisWeek(person: Person, now: number) {
	const today = DateTime.fromMillis(now, { zone: person.timeZone })
	const earliest = now + 3 * hour
	for (let offset = 0; offset < 7; offset++) {
		const candidate = today.startOf('day').plus({ days: offset }).set({ hour: 9, minute: 30 })
		if (candidate.weekNumber !== today.weekNumber) break
		if (candidate.weekday <= 5 && candidate.toMillis() >= earliest) return candidate.toMillis()
	}
	return Math.ceil(earliest / (30 * minute)) * 30 * minute
}
