/**
 * Meetings between two connected members or in a roundtable: proposals, answers, changes and the
 * lists that show them. Every change is one IMMEDIATE SQLite transaction that reads the meeting,
 * asks workflow.ts whether the viewer may take the action, and writes with its notifications, so
 * two processes racing for the same member's time are serialized: the second sees the first's
 * booking and is refused. The conflict policy is checked when a meeting is proposed and again when
 * a time is agreed.
 */
import { eq, sql, type SQL } from 'drizzle-orm'
import { DateTime } from 'luxon'
import {
	conversations,
	meetingEvents,
	meetingOptions,
	meetingParticipants,
	meetings,
	meetingVotes,
} from '#db/schema.ts'
import type { AppDatabase } from '#db/client.ts'
import { groupBy } from '#app/utils/collections.ts'
import { allRows, db, prepareOnce } from '#app/utils/db.server.ts'
import { checkPair, conflictedPairs, logConflictDecision, type EntryPoint } from '../conflicts/conflicts.server.ts'
import { connectionBetween } from '../connections/connections.server.ts'
import { openDirectConversation } from '../messaging/messaging.server.ts'
import { notify } from '../notifications/notifications.server.ts'
import type { NotificationKind } from '../notifications/options.ts'
import { readAvailability, slotsBetween, unavailableSlots } from './availability.server.ts'
import { cancelMeetingReminders, scheduleMeetingReminders } from './reminders.server.ts'
import type {
	Interval,
	MeetingDetails,
	MeetingEventItem,
	MeetingOptionItem,
	MeetingPerson,
	MeetingSummary,
	SchedulingErrorCode,
	SchedulingOutcome,
	SchedulingRefusal,
} from './meeting-types.ts'
import type {
	AgendaInput,
	CancelInput,
	CounterInput,
	DeclineInput,
	ProposalInput,
	ReflectionInput,
	RescheduleInput,
} from './meeting-schemas.ts'
import {
	defaultAvailability,
	schedulingLimits,
	type MeetingKind,
	type MeetingStatus,
	type ParticipantRole,
} from './options.ts'
import { allowedActions, refusalOf, type MeetingAction, type MeetingState } from './workflow.ts'

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0]
export type MeetingTarget = { inviteeId: string } | { roundtableId: string }
type Done = SchedulingOutcome<{ meetingId: string }>

const minuteMs = 60_000
const dayMs = 86_400_000
/** How long declined and cancelled meetings stay in the "closed" list. */
const closedListDays = 90

const refuse = (code: SchedulingErrorCode, message: string, field?: string): SchedulingRefusal => ({
	ok: false,
	code,
	message,
	...(field ? { field } : {}),
})
const notFound = () => refuse('not-found', 'This meeting does not exist or you are not part of it.')
const done = (meetingId: string): Done => ({ ok: true, data: { meetingId } })
const newMeetingId = () => `mtg_${crypto.randomUUID().replaceAll('-', '')}`

// ---------------------------------------------------------------------------------------------
// Times as each reader sees them.

/** "Tue 24 Nov, 15:00": a wall-clock time in `zone`. */
function clockTime(instant: number, zone: string) {
	return DateTime.fromMillis(instant, { zone }).setLocale('en-GB').toFormat('ccc d LLL, HH:mm')
}

/** "Tue 24 Nov, 15:00 (Europe/Paris)". */
export function formatMeetingTime(instant: number, zone: string) {
	return `${clockTime(instant, zone)} (${zone})`
}

/** "Tue 24 Nov, 15:00; Wed 25 Nov, 09:30 (Europe/Paris)". */
function formatTimes(instants: readonly number[], zone: string) {
	return `${instants.map((instant) => clockTime(instant, zone)).join('; ')} (${zone})`
}

// ---------------------------------------------------------------------------------------------
// People.

type PersonRow = Omit<MeetingPerson, 'role'> & { status: string }

const readPeople = prepareOnce(() =>
	db.$client.prepare<{ ids: string }, PersonRow>(
		`select u.id as userId, u.name as name, u.status as status, coalesce(p.title, '') as title,
			coalesce(c.name, '') as companyName, coalesce(p.time_zone, 'UTC') as timeZone, p.photo_version as photoVersion
		from users u
		left join member_profiles p on p.user_id = u.id
		left join companies c on c.id = p.company_id
		where u.id in (select value from json_each(@ids))`,
	),
)

/** The members among `ids`, by id (one query). */
function peopleById(ids: readonly string[]) {
	return new Map(
		readPeople()
			.all({ ids: JSON.stringify(ids) })
			.map((row) => [row.userId, row]),
	)
}

const asPerson = (row: PersonRow, role: ParticipantRole): MeetingPerson => ({
	userId: row.userId,
	name: row.name,
	title: row.title,
	companyName: row.companyName,
	timeZone: row.timeZone,
	photoVersion: row.photoVersion,
	role,
})

/** "Dana Lee", "Dana Lee and Sam Ortiz", "Dana Lee, Sam Ortiz and Priya Nair". */
function nameList(names: readonly string[]) {
	return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

// ---------------------------------------------------------------------------------------------
// Who may meet: the conflict policy and, between two members, their connection.

/** Refusal when two members may not meet now; a conflict is logged at `entryPoint`. */
function pairRefusal(actorId: string, other: PersonRow, entryPoint: EntryPoint, now: number): SchedulingRefusal | null {
	if (other.status !== 'active') return refuse('not-allowed', `${other.name}’s membership is not active.`)
	const check = checkPair(actorId, other.userId, now)
	if (check.conflicted) {
		logConflictDecision(actorId, other.userId, check.rules, entryPoint)
		return refuse('conflict', check.explanation.message)
	}
	const connection = connectionBetween(actorId, other.userId)
	if (!connection || connection.status !== 'accepted' || connection.suspendedAt)
		return refuse(
			'not-connected',
			`You can meet members you are connected with: you and ${other.name} are not connected.`,
		)
	return null
}

/**
 * Refusal when any two of a group may not meet. A pair with the actor is explained from the
 * actor's side; a pair of two others only says that the policy keeps them apart, never why (that
 * could reveal a private list). Every refused pair is logged.
 */
function groupRefusal(
	actorId: string,
	memberIds: readonly string[],
	people: ReadonlyMap<string, PersonRow>,
	entryPoint: EntryPoint,
	now: number,
): SchedulingRefusal | null {
	const pairs = memberIds.flatMap((a, index) => memberIds.slice(index + 1).map((b) => [a, b] as const))
	const found = conflictedPairs(pairs, now)
	if (found.length === 0) return null
	const nameOf = (id: string) => people.get(id)?.name ?? 'A member'
	const sentences = found.map(({ a, b, rules }) => {
		const other = a === actorId ? b : b === actorId ? a : null
		if (other === null) {
			logConflictDecision(a, b, rules, entryPoint)
			return `${nameOf(a)} and ${nameOf(b)} can't meet: the competitor policy keeps them apart.`
		}
		logConflictDecision(actorId, other, rules, entryPoint)
		const check = checkPair(actorId, other, now)
		const why = check.conflicted ? check.explanation.message : 'This member is not available.'
		return `You and ${nameOf(other)} can't meet: ${why.replace(/\.$/, '')}.`
	})
	return refuse('conflict', sentences.join(' '))
}

type Party = {
	kind: MeetingKind
	/** The organizer first. */
	memberIds: string[]
	people: Map<string, PersonRow>
	/** The roundtable, or (for a direct meeting) null until the pair's conversation is opened. */
	conversationId: string | null
	roundtableTitle: string | null
}

const readJoinedMembers = prepareOnce(() =>
	db.$client.prepare<{ conversationId: string }, { userId: string; role: 'host' | 'member' }>(
		`select cm.user_id as userId, cm.role as role from conversation_members cm join users u on u.id = cm.user_id
		where cm.conversation_id = @conversationId and cm.status = 'joined' and u.status = 'active'
		order by cm.created_at, cm.user_id`,
	),
)

/** Who a new meeting would bring together, if the organizer may propose one to them now. */
function resolveParty(organizerId: string, target: MeetingTarget, now: number): SchedulingOutcome<Party> {
	if ('inviteeId' in target) {
		if (target.inviteeId === organizerId) return refuse('bad-request', 'You cannot propose a meeting to yourself.')
		const people = peopleById([organizerId, target.inviteeId])
		const invitee = people.get(target.inviteeId)
		if (!invitee || invitee.status !== 'active' || !people.has(organizerId))
			return refuse('not-found', 'That member does not exist.')
		const refusal = pairRefusal(organizerId, invitee, 'meeting-proposal', now)
		if (refusal) return refusal
		return {
			ok: true,
			data: {
				kind: 'direct',
				memberIds: [organizerId, invitee.userId],
				people,
				conversationId: null,
				roundtableTitle: null,
			},
		}
	}
	const room = db
		.select({ title: conversations.title, suspendedAt: conversations.suspendedAt, kind: conversations.kind })
		.from(conversations)
		.where(eq(conversations.id, target.roundtableId))
		.get()
	const members = room?.kind === 'roundtable' ? readJoinedMembers().all({ conversationId: target.roundtableId }) : []
	const me = members.find((member) => member.userId === organizerId)
	if (!room || !me) return refuse('not-found', 'This roundtable does not exist or you are not part of it.')
	if (me.role !== 'host') return refuse('not-allowed', 'Only the host can propose a time to the roundtable.')
	const others = members.filter((member) => member.userId !== organizerId).map((member) => member.userId)
	if (others.length === 0)
		return refuse('bad-request', 'Nobody else has joined this roundtable yet: propose a time once someone has.')
	const memberIds = [organizerId, ...others]
	const people = peopleById(memberIds)
	const conflict = groupRefusal(organizerId, memberIds, people, 'meeting-proposal', now)
	if (conflict) return conflict
	if (room.suspendedAt)
		return refuse('not-allowed', 'This roundtable is read-only for now, so it cannot schedule meetings.')
	return {
		ok: true,
		data: { kind: 'roundtable', memberIds, people, conversationId: target.roundtableId, roundtableTitle: room.title },
	}
}

// ---------------------------------------------------------------------------------------------
// Options.

/**
 * The slots `starts` stand for, if they are 1 to 3 distinct times, beyond the minimum notice,
 * within the horizon and free for every member (their windows, overrides, meetings and buffers).
 */
function vetOptions(
	starts: readonly number[],
	context: { memberIds: readonly string[]; durationMinutes: number; zone: string; now: number; meetingId?: string },
): SchedulingOutcome<Interval[]> {
	const { maxOptions, minimumNoticeMinutes, horizonDays } = schedulingLimits
	if (starts.length === 0) return refuse('bad-request', 'Pick at least one time.', 'options')
	if (starts.length > maxOptions) return refuse('bad-request', `Offer at most ${maxOptions} times.`, 'options')
	if (new Set(starts).size !== starts.length)
		return refuse('bad-request', 'Each time can be offered only once.', 'options')
	const duration = context.durationMinutes * minuteMs
	const slots = [...starts].sort((a, b) => a - b).map((start) => ({ start, end: start + duration }))
	const tooSoon = slots.find((slot) => slot.start < context.now + minimumNoticeMinutes * minuteMs)
	if (tooSoon)
		return refuse(
			'bad-request',
			`${formatMeetingTime(tooSoon.start, context.zone)} is too soon: pick times at least ${minimumNoticeMinutes} minutes from now.`,
			'options',
		)
	const tooLate = slots.find((slot) => slot.end > context.now + horizonDays * dayMs)
	if (tooLate)
		return refuse(
			'bad-request',
			`${formatMeetingTime(tooLate.start, context.zone)} is too far ahead: pick times within the next ${horizonDays} days.`,
			'options',
		)
	const unavailable = unavailableSlots(context.memberIds, slots, { exceptMeetingId: context.meetingId })
	if (unavailable.length > 0) {
		const who = context.memberIds.length === 2 ? 'both of you' : 'everyone'
		return refuse(
			'slot-unavailable',
			`${formatMeetingTime(unavailable[0]!.start, context.zone)} is not free for ${who}. Pick one of the free times shown.`,
			'options',
		)
	}
	return { ok: true, data: slots }
}

/** The times a participant offers for the next round of an existing meeting, vetted like a proposal's. */
function vetNextRound(
	starts: readonly number[],
	{ meeting, actor, state }: Pick<Loaded, 'meeting' | 'actor' | 'state'>,
	now: number,
) {
	return vetOptions(starts, {
		memberIds: state.participantIds,
		durationMinutes: meeting.durationMinutes,
		zone: actor.timeZone,
		now,
		meetingId: meeting.id,
	})
}

function insertOptions(
	tx: Transaction,
	meetingId: string,
	round: number,
	slots: readonly Interval[],
	proposedBy: string,
) {
	tx.insert(meetingOptions)
		.values(
			slots.map((slot) => ({
				meetingId,
				round,
				startsAt: new Date(slot.start),
				endsAt: new Date(slot.end),
				proposedBy,
			})),
		)
		.run()
}

function recordEvent(tx: Transaction, meetingId: string, actorId: string, action: string, note: string, now: number) {
	tx.insert(meetingEvents)
		.values({ meetingId, actorId, action, note, createdAt: new Date(now) })
		.run()
}

/** One notification per recipient, with the times written in the recipient's own zone. */
function notifyEach(
	tx: Transaction,
	recipients: readonly PersonRow[],
	meetingId: string,
	kind: NotificationKind,
	title: string,
	body: (zone: string) => string,
) {
	for (const recipient of recipients)
		notify(recipient.userId, { kind, title, body: body(recipient.timeZone), link: `/meetings/${meetingId}` }, tx)
}

// ---------------------------------------------------------------------------------------------
// Proposing.

/** What /meetings/new shows: who would meet, the length, and the free common slots over the horizon. */
export function proposalContext(
	organizerId: string,
	target: MeetingTarget,
	options: { durationMinutes?: number; now?: number } = {},
): SchedulingOutcome<{
	people: MeetingPerson[]
	roundtableTitle: string | null
	durationMinutes: number
	slots: Interval[]
	viewerTimeZone: string
}> {
	const now = options.now ?? Date.now()
	const party = resolveParty(organizerId, target, now)
	if (!party.ok) return party
	const { memberIds, people, roundtableTitle } = party.data
	const durationMinutes = options.durationMinutes ?? readAvailability(organizerId, now).meetingLengthMinutes
	const slots = slotsBetween(memberIds, {
		durationMinutes,
		from: now,
		to: now + schedulingLimits.horizonDays * dayMs,
		now,
	})
	return {
		ok: true,
		data: {
			people: memberIds.map((id) => asPerson(people.get(id)!, id === organizerId ? 'organizer' : 'invitee')),
			roundtableTitle,
			durationMinutes,
			slots,
			viewerTimeZone: people.get(organizerId)!.timeZone,
		},
	}
}

/**
 * Proposes 1 to 3 times to a connected member (linked to the pair's conversation, opened if
 * needed) or, by its host, to every joined member of a roundtable; the invitees are notified.
 */
export function proposeMeeting(
	organizerId: string,
	target: MeetingTarget,
	input: ProposalInput,
	now = Date.now(),
): Done {
	return db.transaction(
		(tx) => {
			const party = resolveParty(organizerId, target, now)
			if (!party.ok) return party
			const { kind, memberIds, people, roundtableTitle } = party.data
			const organizer = people.get(organizerId)!
			const durationMinutes = input.durationMinutes ?? readAvailability(organizerId, now).meetingLengthMinutes
			const vetted = vetOptions(input.options, { memberIds, durationMinutes, zone: organizer.timeZone, now })
			if (!vetted.ok) return vetted
			let conversationId = party.data.conversationId
			if (kind === 'direct') {
				const opened = openDirectConversation(organizerId, memberIds[1]!)
				if (!opened.ok) return refuse(opened.code === 'conflict' ? 'conflict' : 'not-connected', opened.message)
				conversationId = opened.data.conversationId
			}
			const meetingId = newMeetingId()
			tx.insert(meetings)
				.values({
					id: meetingId,
					kind,
					organizerId,
					conversationId,
					topic: input.topic,
					location: input.location,
					agenda: input.agenda,
					status: 'pending',
					awaitingUserId: kind === 'direct' ? memberIds[1]! : null,
					round: 1,
					durationMinutes,
					timeZone: organizer.timeZone,
					sequence: 0,
					createdAt: new Date(now),
					updatedAt: new Date(now),
				})
				.run()
			tx.insert(meetingParticipants)
				.values(
					memberIds.map(
						(userId) => ({ meetingId, userId, role: userId === organizerId ? 'organizer' : 'invitee' }) as const,
					),
				)
				.run()
			insertOptions(tx, meetingId, 1, vetted.data, organizerId)
			recordEvent(tx, meetingId, organizerId, 'proposed', input.note, now)
			const starts = vetted.data.map((slot) => slot.start)
			const invitees = memberIds.slice(1).map((id) => people.get(id)!)
			notifyEach(
				tx,
				invitees,
				meetingId,
				'meeting-proposed',
				kind === 'roundtable'
					? `${organizer.name} proposed a meeting of ${roundtableTitle}`
					: `${organizer.name} proposed a meeting`,
				(zone) => `${input.topic}: ${formatTimes(starts, zone)}${input.note ? `. “${input.note}”` : ''}`,
			)
			return done(meetingId)
		},
		{ behavior: 'immediate' },
	)
}

// ---------------------------------------------------------------------------------------------
// Changing a meeting.

type MeetingRecord = typeof meetings.$inferSelect

type Loaded = {
	meeting: MeetingRecord
	state: MeetingState
	people: Map<string, PersonRow>
	/** Everyone but the actor. */
	others: PersonRow[]
	actor: PersonRow
}

/**
 * Runs `change` in an IMMEDIATE transaction on the meeting as it is now, once the actor is known
 * to be a participant (else "not found") and the workflow allows `action` (else "illegal transition").
 */
function changeMeeting(
	actorId: string,
	meetingId: string,
	action: MeetingAction,
	now: number,
	change: (tx: Transaction, loaded: Loaded) => Done,
): Done {
	return db.transaction(
		(tx) => {
			const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get()
			if (!meeting) return notFound()
			const participants = tx
				.select({ userId: meetingParticipants.userId, role: meetingParticipants.role })
				.from(meetingParticipants)
				.where(eq(meetingParticipants.meetingId, meetingId))
				.all()
			if (!participants.some((participant) => participant.userId === actorId)) return notFound()
			const state: MeetingState = {
				kind: meeting.kind,
				status: meeting.status,
				organizerId: meeting.organizerId,
				awaitingUserId: meeting.awaitingUserId,
				participantIds: participants.map((participant) => participant.userId),
				endsAt: meeting.endsAt?.getTime() ?? null,
			}
			const refusal = refusalOf(state, actorId, action, now)
			if (refusal) return refuse('illegal-transition', refusal)
			const people = peopleById(state.participantIds)
			const others = state.participantIds.filter((id) => id !== actorId).flatMap((id) => people.get(id) ?? [])
			return change(tx, { meeting, state, people, others, actor: people.get(actorId)! })
		},
		{ behavior: 'immediate' },
	)
}

/** The conflict policy (and, for two members, their connection) as it stands when a time is agreed. */
function agreementRefusal(loaded: Loaded, now: number): SchedulingRefusal | null {
	const { meeting, actor, others, people, state } = loaded
	if (meeting.kind === 'direct')
		return others[0] ? pairRefusal(actor.userId, others[0], 'meeting-acceptance', now) : notFound()
	return groupRefusal(actor.userId, state.participantIds, people, 'meeting-acceptance', now)
}

type OptionRow = { id: number; round: number; startsAt: number; endsAt: number }

const readOption = prepareOnce(() =>
	db.$client.prepare<{ optionId: number; meetingId: string }, OptionRow>(
		`select id, round, starts_at as startsAt, ends_at as endsAt from meeting_options
		where id = @optionId and meeting_id = @meetingId`,
	),
)

type Booking = { userId: string; topic: string; startsAt: number }

/** Confirmed meetings (other than `meetingId`) of the members that overlap `slot` widened by each member's buffer. */
const readBookings = prepareOnce(() =>
	db.$client.prepare<{ ids: string; meetingId: string; start: number; end: number; defaultBuffer: number }, Booking>(
		`select mp.user_id as userId, m.topic as topic, m.starts_at as startsAt
		from meeting_participants mp
		join meetings m on m.id = mp.meeting_id
		left join availability_settings s on s.user_id = mp.user_id
		where mp.user_id in (select value from json_each(@ids)) and m.status = 'confirmed' and m.id != @meetingId
			and m.starts_at < @end + coalesce(s.buffer_minutes, @defaultBuffer) * 60000
			and m.ends_at > @start - coalesce(s.buffer_minutes, @defaultBuffer) * 60000
		order by m.starts_at`,
	),
)

/**
 * Agrees on one option of the current round: re-checks the policy, the option and everyone's
 * calendar (inside the IMMEDIATE transaction, so a racing booking is seen), then confirms it.
 */
function agreeOn(tx: Transaction, loaded: Loaded, optionId: number, now: number): Done {
	const { meeting, actor, others } = loaded
	const policy = agreementRefusal(loaded, now)
	if (policy) return policy
	const option = readOption().get({ optionId, meetingId: meeting.id })
	if (!option || option.round !== meeting.round)
		return refuse('bad-request', 'That time is no longer on the table: pick one of the current times.', 'optionId')
	if (option.startsAt <= now)
		return refuse('slot-unavailable', 'That time has already passed: suggest new times instead.', 'optionId')
	const bookings = readBookings().all({
		ids: JSON.stringify(loaded.state.participantIds),
		meetingId: meeting.id,
		start: option.startsAt,
		end: option.endsAt,
		defaultBuffer: defaultAvailability.bufferMinutes,
	})
	if (bookings.length > 0) {
		const own = bookings.find((booking) => booking.userId === actor.userId)
		if (own)
			return refuse(
				'slot-taken',
				`You already have a meeting then (“${own.topic}”, ${formatMeetingTime(own.startsAt, actor.timeZone)}). Pick another option or suggest new times.`,
			)
		const busy = nameList([
			...new Set(bookings.map((booking) => loaded.people.get(booking.userId)?.name ?? 'A member')),
		])
		return refuse(
			'slot-taken',
			`That time was just booked by another meeting for ${busy}. Pick another option or suggest new times.`,
		)
	}
	tx.update(meetings)
		.set({
			status: 'confirmed',
			startsAt: new Date(option.startsAt),
			endsAt: new Date(option.endsAt),
			awaitingUserId: null,
			sequence: meeting.sequence + 1,
			updatedAt: new Date(now),
		})
		.where(eq(meetings.id, meeting.id))
		.run()
	recordEvent(tx, meeting.id, actor.userId, meeting.kind === 'direct' ? 'accepted' : 'confirmed', '', now)
	scheduleMeetingReminders(meeting.id, tx)
	notifyEach(
		tx,
		others,
		meeting.id,
		'meeting-accepted',
		meeting.kind === 'direct'
			? `${actor.name} accepted your meeting`
			: `${actor.name} confirmed the time of a roundtable meeting`,
		(zone) => `${meeting.topic}: ${formatMeetingTime(option.startsAt, zone)}`,
	)
	return done(meeting.id)
}

/** A direct meeting's invitee (or whoever is awaited after a counter-proposal) accepts one option. */
export function acceptOption(userId: string, meetingId: string, optionId: number, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'accept', now, (tx, loaded) => agreeOn(tx, loaded, optionId, now))
}

/** A roundtable's host confirms one option, whatever the votes say. */
export function confirmOption(userId: string, meetingId: string, optionId: number, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'confirm', now, (tx, loaded) => agreeOn(tx, loaded, optionId, now))
}

export function declineMeeting(userId: string, meetingId: string, input: DeclineInput, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'decline', now, (tx, { meeting, actor, others }) => {
		tx.update(meetings)
			.set({ status: 'declined', awaitingUserId: null, updatedAt: new Date(now) })
			.where(eq(meetings.id, meeting.id))
			.run()
		recordEvent(tx, meeting.id, actor.userId, 'declined', input.note, now)
		notifyEach(tx, others, meeting.id, 'meeting-declined', `${actor.name} declined your meeting`, () =>
			input.note ? `${meeting.topic}: “${input.note}”` : meeting.topic,
		)
		return done(meeting.id)
	})
}

/** The awaited side of a pending direct meeting offers other times; the other side answers them next. */
export function counterPropose(userId: string, meetingId: string, input: CounterInput, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'counter', now, (tx, { meeting, actor, others, state }) => {
		const vetted = vetNextRound(input.options, { meeting, actor, state }, now)
		if (!vetted.ok) return vetted
		const round = meeting.round + 1
		tx.update(meetings)
			.set({ round, awaitingUserId: others[0]?.userId ?? null, updatedAt: new Date(now) })
			.where(eq(meetings.id, meeting.id))
			.run()
		insertOptions(tx, meeting.id, round, vetted.data, actor.userId)
		recordEvent(tx, meeting.id, actor.userId, 'countered', input.note, now)
		const starts = vetted.data.map((slot) => slot.start)
		notifyEach(
			tx,
			others,
			meeting.id,
			'meeting-proposed',
			`${actor.name} suggested other times`,
			(zone) => `${meeting.topic}: ${formatTimes(starts, zone)}${input.note ? `. “${input.note}”` : ''}`,
		)
		return done(meeting.id)
	})
}

/**
 * Either side of a confirmed direct meeting (or a roundtable's host) offers new times: the
 * meeting is pending again, without a time, until the other side (or the host) picks one.
 */
export function rescheduleMeeting(userId: string, meetingId: string, input: RescheduleInput, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'reschedule', now, (tx, { meeting, actor, others, state }) => {
		const reason = input.reason.trim()
		if (!reason) return refuse('bad-request', 'Say why the time has to change.', 'reason')
		const vetted = vetNextRound(input.options, { meeting, actor, state }, now)
		if (!vetted.ok) return vetted
		const round = meeting.round + 1
		const previousStart = meeting.startsAt!.getTime()
		tx.update(meetings)
			.set({
				status: 'pending',
				startsAt: null,
				endsAt: null,
				round,
				awaitingUserId: meeting.kind === 'direct' ? (others[0]?.userId ?? null) : null,
				sequence: meeting.sequence + 1,
				updatedAt: new Date(now),
			})
			.where(eq(meetings.id, meeting.id))
			.run()
		insertOptions(tx, meeting.id, round, vetted.data, actor.userId)
		recordEvent(tx, meeting.id, actor.userId, 'rescheduled', reason, now)
		cancelMeetingReminders(meeting.id, tx)
		const starts = vetted.data.map((slot) => slot.start)
		notifyEach(
			tx,
			others,
			meeting.id,
			'meeting-rescheduled',
			`${actor.name} asked to move your meeting`,
			(zone) =>
				`${meeting.topic}, ${formatMeetingTime(previousStart, zone)}: “${reason}”. New times: ${formatTimes(starts, zone)}`,
		)
		return done(meeting.id)
	})
}

/** Either side (a roundtable: its host) calls off a pending or confirmed meeting, with a reason. */
export function cancelMeeting(userId: string, meetingId: string, input: CancelInput, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'cancel', now, (tx, { meeting, actor, others }) => {
		const reason = input.reason.trim()
		if (!reason) return refuse('bad-request', 'Say why you are cancelling.', 'reason')
		tx.update(meetings)
			.set({ status: 'cancelled', awaitingUserId: null, sequence: meeting.sequence + 1, updatedAt: new Date(now) })
			.where(eq(meetings.id, meeting.id))
			.run()
		recordEvent(tx, meeting.id, actor.userId, 'cancelled', reason, now)
		cancelMeetingReminders(meeting.id, tx)
		notifyEach(tx, others, meeting.id, 'meeting-cancelled', `${actor.name} cancelled a meeting`, (zone) =>
			meeting.startsAt
				? `${meeting.topic}, ${formatMeetingTime(meeting.startsAt.getTime(), zone)}: “${reason}”`
				: `${meeting.topic}: “${reason}”`,
		)
		return done(meeting.id)
	})
}

/** A roundtable invitee marks the current options that work for them (replacing their earlier votes). */
export function voteOnOptions(userId: string, meetingId: string, optionIds: number[], now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'vote', now, (tx, { meeting, actor }) => {
		const current = tx
			.select({ id: meetingOptions.id, round: meetingOptions.round, startsAt: meetingOptions.startsAt })
			.from(meetingOptions)
			.where(eq(meetingOptions.meetingId, meeting.id))
			.all()
			.filter((option) => option.round === meeting.round)
		const chosen = [...new Set(optionIds)]
		if (chosen.length === 0) return refuse('bad-request', 'Mark at least one time that works for you.', 'optionId')
		if (!chosen.every((id) => current.some((option) => option.id === id)))
			return refuse('bad-request', 'Vote on the times currently on the table.', 'optionId')
		tx.delete(meetingVotes)
			.where(
				sql`${meetingVotes.userId} = ${actor.userId} and ${meetingVotes.optionId} in (select value from json_each(${JSON.stringify(current.map((option) => option.id))}))`,
			)
			.run()
		tx.insert(meetingVotes)
			.values(chosen.map((optionId) => ({ optionId, userId: actor.userId, createdAt: new Date(now) })))
			.run()
		const times = current
			.filter((option) => chosen.includes(option.id))
			.map((option) => formatMeetingTime(option.startsAt.getTime(), actor.timeZone))
		recordEvent(tx, meeting.id, actor.userId, 'voted', times.join('; '), now)
		return done(meeting.id)
	})
}

export function updateAgenda(userId: string, meetingId: string, input: AgendaInput, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'editAgenda', now, (tx, { meeting, actor }) => {
		if (input.agenda === meeting.agenda) return done(meeting.id)
		tx.update(meetings)
			.set({ agenda: input.agenda, updatedAt: new Date(now) })
			.where(eq(meetings.id, meeting.id))
			.run()
		recordEvent(tx, meeting.id, actor.userId, 'agenda-updated', '', now)
		return done(meeting.id)
	})
}

/** The participant's own note after the meeting: private, so no event and no notification. */
export function saveReflection(userId: string, meetingId: string, input: ReflectionInput, now = Date.now()): Done {
	return changeMeeting(userId, meetingId, 'reflect', now, (tx, { meeting, actor }) => {
		tx.update(meetingParticipants)
			.set({ reflection: input.reflection, wouldMeetAgain: input.wouldMeetAgain, reflectedAt: new Date(now) })
			.where(sql`${meetingParticipants.meetingId} = ${meeting.id} and ${meetingParticipants.userId} = ${actor.userId}`)
			.run()
		return done(meeting.id)
	})
}

// ---------------------------------------------------------------------------------------------
// Reading: a fixed number of queries for any number of meetings.

type SummaryRow = {
	id: string
	kind: MeetingKind
	status: MeetingStatus
	topic: string
	organizerId: string
	awaitingUserId: string | null
	round: number
	durationMinutes: number
	startsAt: number | null
	endsAt: number | null
	location: string
	conversationId: string | null
	updatedAt: number
}

/** The viewer's meetings matching `filter` (over `m`, the meetings table), with everyone in them. */
function summariesOf(viewerId: string, filter: SQL) {
	const mine = sql`from meetings m join meeting_participants me on me.meeting_id = m.id and me.user_id = ${viewerId}
		where ${filter}`
	const rows = allRows<SummaryRow>(sql`select m.id as id, m.kind as kind, m.status as status, m.topic as topic,
		m.organizer_id as organizerId, m.awaiting_user_id as awaitingUserId, m.round as round,
		m.duration_minutes as durationMinutes, m.starts_at as startsAt, m.ends_at as endsAt, m.location as location,
		m.conversation_id as conversationId, m.updated_at as updatedAt ${mine}`)
	if (rows.length === 0)
		return { rows, summaries: new Map<string, MeetingSummary>(), participants: new Map<string, MeetingPerson[]>() }
	const listed = sql`select m.id ${mine}`
	const participantRows = allRows<PersonRow & { meetingId: string; role: ParticipantRole }>(
		sql`select mp.meeting_id as meetingId, mp.role as role, u.id as userId, u.name as name, u.status as status,
			coalesce(p.title, '') as title, coalesce(c.name, '') as companyName, coalesce(p.time_zone, 'UTC') as timeZone,
			p.photo_version as photoVersion
		from meeting_participants mp
		join users u on u.id = mp.user_id
		left join member_profiles p on p.user_id = u.id
		left join companies c on c.id = p.company_id
		where mp.meeting_id in (${listed})
		order by mp.role = 'invitee', u.name, u.id`,
	)
	const optionRows = allRows<Omit<MeetingOptionItem, 'voterIds'> & { meetingId: string }>(
		sql`select o.id as id, o.meeting_id as meetingId, o.round as round, o.starts_at as startsAt, o.ends_at as endsAt,
			o.proposed_by as proposedBy
		from meeting_options o join meetings cur on cur.id = o.meeting_id and cur.round = o.round
		where o.meeting_id in (${listed})
		order by o.starts_at, o.id`,
	)
	const voteRows = allRows<{ optionId: number; userId: string }>(
		sql`select v.option_id as optionId, v.user_id as userId
		from meeting_votes v
		join meeting_options o on o.id = v.option_id
		join meetings cur on cur.id = o.meeting_id and cur.round = o.round
		where o.meeting_id in (${listed})
		order by v.created_at, v.user_id`,
	)
	const votersOf = groupBy(voteRows, (vote) => String(vote.optionId))
	const optionsOf = groupBy(optionRows, (option) => option.meetingId)
	const participants = new Map(
		[...groupBy(participantRows, (row) => row.meetingId)].map(([meetingId, list]) => [
			meetingId,
			list.map((row) => asPerson(row, row.role)),
		]),
	)
	const summaries = new Map<string, MeetingSummary>()
	for (const row of rows) {
		const people = participants.get(row.id) ?? []
		const options = (optionsOf.get(row.id) ?? []).map(({ meetingId: _, ...option }) => ({
			...option,
			voterIds: (votersOf.get(String(option.id)) ?? []).map((vote) => vote.userId),
		}))
		summaries.set(row.id, {
			id: row.id,
			kind: row.kind,
			status: row.status,
			topic: row.topic,
			organizerId: row.organizerId,
			others: people.filter((person) => person.userId !== viewerId),
			startsAt: row.status === 'pending' ? null : row.startsAt,
			endsAt: row.status === 'pending' ? null : row.endsAt,
			durationMinutes: row.durationMinutes,
			options: row.status === 'pending' ? options : [],
			awaitingViewer: isAwaiting(row, viewerId, people, options),
			location: row.location,
			conversationId: row.conversationId,
		})
	}
	return { rows, summaries, participants }
}

/**
 * Whether the pending meeting waits for the viewer: a direct meeting's awaited side; a roundtable
 * invitee who has not voted this round; its host once every invitee has. The host may confirm
 * earlier, but is not asked to after the first vote: a choice made then would ignore the rest of
 * the room, and the header count would nag while the votes are still coming in.
 */
function isAwaiting(row: SummaryRow, viewerId: string, people: readonly MeetingPerson[], options: MeetingOptionItem[]) {
	if (row.status !== 'pending') return false
	if (row.kind === 'direct') return row.awaitingUserId === viewerId
	const voted = (userId: string) => options.some((option) => option.voterIds.includes(userId))
	if (row.organizerId !== viewerId) return !voted(viewerId)
	return people.filter((person) => person.role === 'invitee').every((person) => voted(person.userId))
}

const earliestOption = (summary: MeetingSummary) => summary.options[0]?.startsAt ?? Number.POSITIVE_INFINITY

/**
 * The viewer's meetings for /meetings: pending (waiting for the viewer first), upcoming (soonest
 * first), past (latest first) and closed (declined or cancelled in the last 90 days, newest first).
 */
export function listMeetings(userId: string, now = Date.now()) {
	const { rows, summaries } = summariesOf(
		userId,
		sql`m.status in ('pending', 'confirmed') or m.updated_at >= ${now - closedListDays * dayMs}`,
	)
	const pending: MeetingSummary[] = []
	const upcoming: MeetingSummary[] = []
	const past: MeetingSummary[] = []
	const closed: MeetingSummary[] = []
	for (const row of [...rows].sort((a, b) => b.updatedAt - a.updatedAt)) {
		const summary = summaries.get(row.id)!
		if (row.status === 'pending') pending.push(summary)
		else if (row.status === 'confirmed') (row.endsAt! > now ? upcoming : past).push(summary)
		else closed.push(summary)
	}
	pending.sort((a, b) => Number(b.awaitingViewer) - Number(a.awaitingViewer) || earliestOption(a) - earliestOption(b))
	upcoming.sort((a, b) => a.startsAt! - b.startsAt!)
	past.sort((a, b) => b.startsAt! - a.startsAt!)
	return { pending, upcoming, past, closed }
}

/** For the week view: confirmed meetings overlapping `range`, and pending ones with an option in it. */
export function meetingsInRange(userId: string, range: Interval): MeetingSummary[] {
	const { summaries } = summariesOf(
		userId,
		sql`(m.status = 'confirmed' and m.starts_at < ${range.end} and m.ends_at > ${range.start})
			or (m.status = 'pending' and exists (select 1 from meeting_options o where o.meeting_id = m.id
				and o.round = m.round and o.starts_at < ${range.end} and o.ends_at > ${range.start}))`,
	)
	const firstTime = (summary: MeetingSummary) => summary.startsAt ?? earliestOption(summary)
	return [...summaries.values()].sort((a, b) => firstTime(a) - firstTime(b))
}

type DetailRow = {
	agenda: string
	sequence: number
	timeZone: string
	roundtableTitle: string | null
	reflection: string
	wouldMeetAgain: number | null
	reflectedAt: number | null
}

const readDetail = prepareOnce(() =>
	db.$client.prepare<{ meetingId: string; viewerId: string }, DetailRow>(
		`select m.agenda as agenda, m.sequence as sequence, m.time_zone as timeZone,
			case when m.kind = 'roundtable' then c.title end as roundtableTitle,
			me.reflection as reflection, me.would_meet_again as wouldMeetAgain, me.reflected_at as reflectedAt
		from meetings m
		join meeting_participants me on me.meeting_id = m.id and me.user_id = @viewerId
		left join conversations c on c.id = m.conversation_id
		where m.id = @meetingId`,
	),
)

const readEvents = prepareOnce(() =>
	db.$client.prepare<{ meetingId: string }, MeetingEventItem>(
		`select e.id as id, e.actor_id as actorId, u.name as actorName, e.action as action, e.note as note,
			e.created_at as createdAt
		from meeting_events e join users u on u.id = e.actor_id
		where e.meeting_id = @meetingId order by e.id`,
	),
)

/** Everything the meeting page shows the viewer; undefined when they are not part of the meeting. */
export function meetingDetails(userId: string, meetingId: string, now = Date.now()): MeetingDetails | undefined {
	const { rows, summaries, participants } = summariesOf(userId, sql`m.id = ${meetingId}`)
	const row = rows[0]
	const detail = row && readDetail().get({ meetingId, viewerId: userId })
	if (!row || !detail) return undefined
	const people = participants.get(meetingId) ?? []
	const state: MeetingState = {
		kind: row.kind,
		status: row.status,
		organizerId: row.organizerId,
		awaitingUserId: row.awaitingUserId,
		participantIds: people.map((person) => person.userId),
		endsAt: row.endsAt,
	}
	return {
		...summaries.get(meetingId)!,
		agenda: detail.agenda,
		roundtableTitle: detail.roundtableTitle,
		participants: people,
		events: readEvents().all({ meetingId }),
		sequence: detail.sequence,
		reflection: {
			text: detail.reflection,
			wouldMeetAgain: detail.wouldMeetAgain === null ? null : detail.wouldMeetAgain === 1,
			savedAt: detail.reflectedAt,
		},
		can: allowedActions(state, userId, now),
	}
}

const countAwaiting = prepareOnce(() =>
	db.$client.prepare<{ userId: string }, { count: number }>(
		`select count(*) as count
		from meetings m join meeting_participants me on me.meeting_id = m.id and me.user_id = @userId
		where m.status = 'pending' and (
			(m.kind = 'direct' and m.awaiting_user_id = @userId)
			or (m.kind = 'roundtable' and me.role = 'invitee' and not exists (
				select 1 from meeting_votes v join meeting_options o on o.id = v.option_id
				where o.meeting_id = m.id and o.round = m.round and v.user_id = @userId))
			or (m.kind = 'roundtable' and me.role = 'organizer' and not exists (
				select 1 from meeting_participants p where p.meeting_id = m.id and p.role = 'invitee' and not exists (
					select 1 from meeting_votes v join meeting_options o on o.id = v.option_id
					where o.meeting_id = m.id and o.round = m.round and v.user_id = p.user_id)))
		)`,
	),
)

/** Pending meetings waiting for this member's answer (the header badge). */
export function awaitingResponseCount(userId: string): number {
	return countAwaiting().get({ userId })?.count ?? 0
}
