import { parseWithZod } from '@conform-to/zod/v4'
import { and, eq, like } from 'drizzle-orm'
import { describe, expect, test, vi } from 'vitest'
import {
	conflictDecisions,
	conversations,
	meetingEvents,
	meetingOptions,
	meetingParticipants,
	meetings,
	meetingVotes,
	memberProfiles,
	notifications,
	scheduledJobs,
} from '#db/schema.ts'
import { addCompetitor, addSecondarySector } from '#app/features/members/profile-editing.server.ts'
import { createRoundtable, respondToInvite } from '#app/features/messaging/roundtables.server.ts'
import { saveWeeklyAvailability, slotsBetween } from '#app/features/scheduling/availability.server.ts'
import {
	ChooseOptionSchema,
	ProposalSchema,
	ReflectionSchema,
	VoteSchema,
} from '#app/features/scheduling/meeting-schemas.ts'
import type { Interval } from '#app/features/scheduling/meeting-types.ts'
import { defaultAvailability } from '#app/features/scheduling/options.ts'
import {
	acceptOption,
	awaitingResponseCount,
	cancelMeeting,
	confirmOption,
	counterPropose,
	declineMeeting,
	formatMeetingTime,
	listMeetings,
	meetingDetails,
	meetingsInRange,
	proposalContext,
	proposeMeeting,
	rescheduleMeeting,
	saveReflection,
	updateAgenda,
	voteOnOptions,
} from '#app/features/scheduling/meetings.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'
import { connect, createConnectedPair } from '#tests/support/messaging.ts'

type Person = Awaited<ReturnType<typeof createUser>>

const minuteMs = 60_000
const dayMs = 86_400_000

/** Free 30-minute slots every participant shares over the next three weeks (everyone's real availability). */
function freeSlots(userIds: string[], durationMinutes = 30) {
	const now = Date.now()
	const slots = slotsBetween(userIds, { durationMinutes, from: now, to: now + 21 * dayMs, now })
	expect(slots.length).toBeGreaterThan(5)
	return slots
}

/** The default working week (weekdays, 09:00–17:00), saved as the member's own. */
const weekdays = { windows: defaultAvailability.windows.map((window) => ({ ...window })) }

const baseInput = { topic: 'Retail media benchmarks', location: 'https://meet.example/abc', agenda: '', note: '' }

function propose(organizer: Person, inviteeId: string, starts: number[], extra: Partial<typeof baseInput> = {}) {
	return proposeMeeting(organizer.id, { inviteeId }, { ...baseInput, ...extra, durationMinutes: 30, options: starts })
}

function proposed(organizer: Person, inviteeId: string, starts: number[]) {
	const outcome = propose(organizer, inviteeId, starts)
	if (!outcome.ok) throw new Error(outcome.message)
	return outcome.data.meetingId
}

const meetingRow = (id: string) => db.select().from(meetings).where(eq(meetings.id, id)).get()!
const optionsOf = (id: string, round = meetingRow(id).round) =>
	db
		.select()
		.from(meetingOptions)
		.where(and(eq(meetingOptions.meetingId, id), eq(meetingOptions.round, round)))
		.orderBy(meetingOptions.startsAt)
		.all()
const eventsOf = (id: string) =>
	db
		.select({ actorId: meetingEvents.actorId, action: meetingEvents.action, note: meetingEvents.note })
		.from(meetingEvents)
		.where(eq(meetingEvents.meetingId, id))
		.orderBy(meetingEvents.id)
		.all()
const notificationsAbout = (id: string) =>
	db
		.select({
			userId: notifications.userId,
			kind: notifications.kind,
			title: notifications.title,
			body: notifications.body,
		})
		.from(notifications)
		.where(eq(notifications.link, `/meetings/${id}`))
		.orderBy(notifications.id)
		.all()
const remindersOf = (id: string) =>
	db
		.select({ status: scheduledJobs.status, runAt: scheduledJobs.runAt, dedupeKey: scheduledJobs.dedupeKey })
		.from(scheduledJobs)
		.where(like(scheduledJobs.dedupeKey, `meeting-reminder:${id}:%`))
		.orderBy(scheduledJobs.id)
		.all()
const decisionsBy = (actorId: string) =>
	db
		.select({ targetId: conflictDecisions.targetId, entryPoint: conflictDecisions.entryPoint })
		.from(conflictDecisions)
		.where(eq(conflictDecisions.actorId, actorId))
		.all()
const setTimeZone = (userId: string, timeZone: string) =>
	db.update(memberProfiles).set({ timeZone }).where(eq(memberProfiles.userId, userId)).run()

describe('meeting schemas', () => {
	test('parse the forms as sent: repeated options to UTC ms, repeated optionId to votes', () => {
		const form = new FormData()
		form.append('topic', '  Loyalty programs ')
		form.append('durationMinutes', '45')
		form.append('options', '2030-03-10T14:00:00Z')
		form.append('options', '2030-03-10T16:30:00+01:00')
		const parsed = parseWithZod(form, { schema: ProposalSchema })
		expect(parsed.status).toBe('success')
		expect(parsed.status === 'success' && parsed.value).toEqual({
			topic: 'Loyalty programs',
			location: '',
			agenda: '',
			note: '',
			durationMinutes: 45,
			options: [Date.UTC(2030, 2, 10, 14), Date.UTC(2030, 2, 10, 15, 30)],
		})
		const vote = new FormData()
		vote.append('optionId', '3')
		vote.append('optionId', '7')
		const votes = parseWithZod(vote, { schema: VoteSchema })
		expect(votes.status === 'success' && votes.value).toEqual({ optionIds: [3, 7] })
		const single = new FormData()
		single.append('optionId', '9')
		const one = parseWithZod(single, { schema: VoteSchema })
		expect(one.status === 'success' && one.value).toEqual({ optionIds: [9] })
		expect(ChooseOptionSchema.parse({ optionId: '12' })).toEqual({ optionId: 12 })
		expect(ReflectionSchema.parse({ reflection: ' Useful ', wouldMeetAgain: 'yes' })).toEqual({
			reflection: 'Useful',
			wouldMeetAgain: true,
		})
		expect(ReflectionSchema.parse({ wouldMeetAgain: 'no' }).wouldMeetAgain).toBe(false)
		expect(ReflectionSchema.parse({}).wouldMeetAgain).toBeNull()
	})

	test('refuse a missing topic, a bad length, too many, repeated or zoneless times', () => {
		const errorsOf = (input: Record<string, unknown>) => {
			const result = ProposalSchema.safeParse({ topic: 'Topic', options: ['2030-03-10T14:00:00Z'], ...input })
			return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
		}
		expect(errorsOf({})).toEqual([])
		expect(errorsOf({ topic: '  ' })).toEqual(['topic: Say what you would like to talk about.'])
		expect(errorsOf({ durationMinutes: '20' })).toEqual(['durationMinutes: Pick a length: 15, 30, 45 or 60 minutes.'])
		expect(errorsOf({ options: [] })).toEqual(['options: Pick at least one time.'])
		expect(
			errorsOf({ options: ['2030-03-10T14:00:00Z', '2030-03-10T15:00:00Z', '2030-03-10T16:00Z', '2030-03-11T09:00Z'] }),
		).toEqual(['options: Offer at most 3 times.'])
		expect(errorsOf({ options: ['2030-03-10T14:00:00Z', '2030-03-10T15:00:00+01:00'] })).toEqual([
			'options: Each time can be offered only once.',
		])
		expect(errorsOf({ options: ['2030-03-10T14:00:00'] })[0]).toMatch(/^options\.0: Each time must be a date and time/)
		expect(VoteSchema.safeParse({ optionId: [] }).success).toBe(false)
	})
})

describe('proposing a direct meeting', () => {
	test('stores a pending meeting linked to the pair’s conversation and notifies only the invitee, in their zone', async () => {
		const organizer = await createUser({ sectorCode: '445110', name: 'Olga Organizer' })
		const invitee = await createUser({ sectorCode: '541810', name: 'Ivan Invitee' })
		connect(organizer.id, invitee.id)
		setTimeZone(invitee.id, 'Asia/Kolkata')
		const slots = freeSlots([organizer.id, invitee.id])
		const starts = [slots[4]!.start, slots[0]!.start]
		const outcome = propose(organizer, invitee.id, starts, { note: 'Keen to compare notes' })
		expect(outcome).toMatchObject({ ok: true, data: { meetingId: expect.stringMatching(/^mtg_[0-9a-f]{32}$/) } })
		if (!outcome.ok) return
		const id = outcome.data.meetingId
		const conversation = db
			.select()
			.from(conversations)
			.where(eq(conversations.id, meetingRow(id).conversationId!))
			.get()
		expect(conversation).toMatchObject({ kind: 'direct' })
		expect(meetingRow(id)).toMatchObject({
			kind: 'direct',
			organizerId: organizer.id,
			status: 'pending',
			awaitingUserId: invitee.id,
			round: 1,
			sequence: 0,
			durationMinutes: 30,
			startsAt: null,
			timeZone: 'Europe/Paris',
			topic: 'Retail media benchmarks',
		})
		expect(optionsOf(id).map((option) => [option.startsAt.getTime(), option.endsAt.getTime()])).toEqual(
			[slots[0]!, slots[4]!].map((slot) => [slot.start, slot.start + 30 * minuteMs]),
		)
		expect(db.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, id)).all()).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ userId: organizer.id, role: 'organizer' }),
				expect.objectContaining({ userId: invitee.id, role: 'invitee' }),
			]),
		)
		expect(eventsOf(id)).toEqual([{ actorId: organizer.id, action: 'proposed', note: 'Keen to compare notes' }])
		const sent = notificationsAbout(id)
		expect(sent).toEqual([
			{
				userId: invitee.id,
				kind: 'meeting-proposed',
				title: 'Olga Organizer proposed a meeting',
				body: expect.stringContaining(
					formatMeetingTime(slots[0]!.start, 'Asia/Kolkata').replace(' (Asia/Kolkata)', ''),
				),
			},
		])
		expect(sent[0]!.body).toMatch(/\(Asia\/Kolkata\)/)
		expect(sent[0]!.body).not.toMatch(/Europe\/Paris/)
		expect(awaitingResponseCount(invitee.id)).toBe(1)
		expect(awaitingResponseCount(organizer.id)).toBe(0)
	})

	test('defaults the length to the organizer’s own meeting length', async () => {
		const { first, second } = await createConnectedPair()
		saveWeeklyAvailability(first.id, { ...weekdays, meetingLengthMinutes: 45, bufferMinutes: 0, reminderMinutes: 0 })
		const slot = freeSlots([first.id, second.id], 45)[0]!
		const context = proposalContext(first.id, { inviteeId: second.id })
		expect(context).toMatchObject({ ok: true, data: { durationMinutes: 45, viewerTimeZone: 'Europe/Paris' } })
		expect(context.ok && context.data.people.map((person) => [person.userId, person.role])).toEqual([
			[first.id, 'organizer'],
			[second.id, 'invitee'],
		])
		expect(context.ok && context.data.slots.every((s) => s.end - s.start === 45 * minuteMs)).toBe(true)
		const outcome = proposeMeeting(first.id, { inviteeId: second.id }, { ...baseInput, options: [slot.start] })
		expect(outcome.ok).toBe(true)
		if (outcome.ok) expect(meetingRow(outcome.data.meetingId).durationMinutes).toBe(45)
	})

	test('refuses strangers, oneself, unknown members, and a conflicted pair with the reason (logged)', async () => {
		const organizer = await createUser({ sectorCode: '445110' })
		const stranger = await createUser({ sectorCode: '541810' })
		const slot = freeSlots([organizer.id, stranger.id])[0]!.start
		expect(propose(organizer, stranger.id, [slot])).toMatchObject({ ok: false, code: 'not-connected' })
		expect(proposalContext(organizer.id, { inviteeId: stranger.id })).toMatchObject({
			ok: false,
			code: 'not-connected',
		})
		expect(propose(organizer, organizer.id, [slot])).toMatchObject({ ok: false, code: 'bad-request' })
		expect(propose(organizer, 'usr_nobody', [slot])).toMatchObject({ ok: false, code: 'not-found' })

		const { first, second } = await createConnectedPair()
		// The invitee's company takes up the organizer's industry group (4451) as a secondary sector.
		expect(addSecondarySector(second.id, '445131')).toMatchObject({ ok: true })
		const refused = propose(first, second.id, [slot])
		expect(refused).toMatchObject({ ok: false, code: 'conflict' })
		expect(!refused.ok && refused.message).toMatch(/^Same industry group: 4451/)
		expect(decisionsBy(first.id)).toEqual([{ targetId: second.id, entryPoint: 'meeting-proposal' }])
		expect(db.select().from(meetings).where(eq(meetings.organizerId, first.id)).all()).toEqual([])
	})

	test('refuses times too soon, too far ahead, or outside someone’s availability', async () => {
		const { first, second } = await createConnectedPair()
		const slots = freeSlots([first.id, second.id])
		const now = Date.now()
		const tooSoon = propose(first, second.id, [slots[0]!.start, now + 30 * minuteMs])
		expect(tooSoon).toMatchObject({ ok: false, code: 'bad-request', field: 'options' })
		expect(!tooSoon.ok && tooSoon.message).toMatch(/is too soon: pick times at least 60 minutes from now\.$/)
		const tooFar = propose(first, second.id, [slots[0]!.start + 22 * dayMs])
		expect(tooFar).toMatchObject({ ok: false, code: 'bad-request', field: 'options' })
		expect(!tooFar.ok && tooFar.message).toMatch(/too far ahead: pick times within the next 21 days/)
		// 03:00 in Paris is outside everyone's default working hours.
		const night = slots[0]!.start - (slots[0]!.start % dayMs) + dayMs + 2 * 60 * minuteMs
		const outside = propose(first, second.id, [slots[0]!.start, night])
		expect(outside).toEqual({
			ok: false,
			code: 'slot-unavailable',
			field: 'options',
			message: `${formatMeetingTime(night, 'Europe/Paris')} is not free for both of you. Pick one of the free times shown.`,
		})
		expect(propose(first, second.id, [slots[0]!.start, slots[0]!.start])).toMatchObject({
			ok: false,
			field: 'options',
			message: 'Each time can be offered only once.',
		})
		expect(
			propose(
				first,
				second.id,
				slots.slice(0, 4).map((slot) => slot.start),
			),
		).toMatchObject({
			ok: false,
			field: 'options',
		})
		expect(db.select().from(meetings).where(eq(meetings.organizerId, first.id)).all()).toEqual([])
	})
})

describe('answering a direct meeting', () => {
	test('accepting confirms it once: time set, sequence up, reminders scheduled, organizer notified', async () => {
		const { first, second } = await createConnectedPair({
			first: { name: 'Ann Asker' },
			second: { name: 'Ben Booker' },
		})
		const slots = freeSlots([first.id, second.id])
		const id = proposed(first, second.id, [slots[0]!.start, slots[3]!.start])
		const [, later] = optionsOf(id)
		expect(acceptOption(first.id, id, later!.id)).toMatchObject({ ok: false, code: 'illegal-transition' })
		expect(acceptOption(second.id, id, later!.id)).toEqual({ ok: true, data: { meetingId: id } })
		// A second submit of the same form (double click, a second tab) changes nothing.
		const again = acceptOption(second.id, id, later!.id)
		expect(again).toEqual({ ok: false, code: 'illegal-transition', message: 'This meeting is already confirmed.' })
		expect(meetingRow(id)).toMatchObject({
			status: 'confirmed',
			startsAt: later!.startsAt,
			endsAt: later!.endsAt,
			awaitingUserId: null,
			sequence: 1,
		})
		expect(eventsOf(id).map((event) => event.action)).toEqual(['proposed', 'accepted'])
		expect(notificationsAbout(id).filter((sent) => sent.kind === 'meeting-accepted')).toEqual([
			{
				userId: first.id,
				kind: 'meeting-accepted',
				title: 'Ben Booker accepted your meeting',
				body: `Retail media benchmarks: ${formatMeetingTime(later!.startsAt.getTime(), 'Europe/Paris')}`,
			},
		])
		const reminders = remindersOf(id)
		expect(reminders.map((job) => job.status)).toEqual(['pending', 'pending'])
		expect(reminders.every((job) => job.runAt.getTime() === later!.startsAt.getTime() - 30 * minuteMs)).toBe(true)
		expect(awaitingResponseCount(second.id)).toBe(0)
	})

	test('an outsider gets "not found" for every action and sees nothing', async () => {
		const { first, second } = await createConnectedPair()
		const outsider = await createUser({ sectorCode: '611310' })
		const id = proposed(first, second.id, [freeSlots([first.id, second.id])[0]!.start])
		const option = optionsOf(id)[0]!
		const start = option.startsAt.getTime() + dayMs
		expect(acceptOption(outsider.id, id, option.id)).toMatchObject({ ok: false, code: 'not-found' })
		expect(declineMeeting(outsider.id, id, { note: '' })).toMatchObject({ ok: false, code: 'not-found' })
		expect(counterPropose(outsider.id, id, { options: [start], note: '' })).toMatchObject({ code: 'not-found' })
		expect(cancelMeeting(outsider.id, id, { reason: 'x' })).toMatchObject({ code: 'not-found' })
		expect(updateAgenda(outsider.id, id, { agenda: 'x' })).toMatchObject({ code: 'not-found' })
		expect(acceptOption(second.id, 'mtg_missing', option.id)).toMatchObject({ code: 'not-found' })
		expect(meetingDetails(outsider.id, id)).toBeUndefined()
		expect(listMeetings(outsider.id).pending).toEqual([])
		expect(meetingRow(id).status).toBe('pending')
	})

	test('an option of another meeting or an earlier round is refused', async () => {
		const { first, second } = await createConnectedPair()
		const slots = freeSlots([first.id, second.id])
		const id = proposed(first, second.id, [slots[0]!.start])
		const other = proposed(first, second.id, [slots[1]!.start])
		expect(acceptOption(second.id, id, optionsOf(other)[0]!.id)).toMatchObject({
			ok: false,
			code: 'bad-request',
			field: 'optionId',
		})
		const firstRound = optionsOf(id)[0]!
		expect(counterPropose(second.id, id, { options: [slots[5]!.start, slots[6]!.start], note: 'Later?' }).ok).toBe(true)
		expect(acceptOption(first.id, id, firstRound.id)).toMatchObject({
			ok: false,
			code: 'bad-request',
			field: 'optionId',
			message: 'That time is no longer on the table: pick one of the current times.',
		})
	})

	test('a counter-proposal hands the turn over; the organizer then accepts', async () => {
		const { first, second } = await createConnectedPair({ second: { name: 'Cleo Counter' } })
		const slots = freeSlots([first.id, second.id])
		const id = proposed(first, second.id, [slots[0]!.start])
		expect(counterPropose(first.id, id, { options: [slots[1]!.start], note: '' })).toMatchObject({
			code: 'illegal-transition',
		})
		expect(
			counterPropose(second.id, id, { options: [slots[2]!.start, slots[7]!.start], note: 'Mornings suit me' }),
		).toEqual({ ok: true, data: { meetingId: id } })
		expect(meetingRow(id)).toMatchObject({ status: 'pending', round: 2, awaitingUserId: first.id, sequence: 0 })
		expect(optionsOf(id).map((option) => option.proposedBy)).toEqual([second.id, second.id])
		expect(eventsOf(id).at(-1)).toEqual({ actorId: second.id, action: 'countered', note: 'Mornings suit me' })
		expect(notificationsAbout(id).at(-1)).toMatchObject({
			userId: first.id,
			kind: 'meeting-proposed',
			title: 'Cleo Counter suggested other times',
		})
		expect(awaitingResponseCount(first.id)).toBe(1)
		expect(awaitingResponseCount(second.id)).toBe(0)
		const details = meetingDetails(first.id, id)!
		expect(details.awaitingViewer).toBe(true)
		expect(details.options.map((option) => option.round)).toEqual([2, 2])
		expect(details.can).toMatchObject({ accept: true, counter: true, decline: true, vote: false, confirm: false })
		expect(acceptOption(second.id, id, optionsOf(id)[0]!.id)).toMatchObject({ code: 'illegal-transition' })
		expect(acceptOption(first.id, id, optionsOf(id)[1]!.id).ok).toBe(true)
		expect(meetingRow(id)).toMatchObject({ status: 'confirmed', startsAt: optionsOf(id)[1]!.startsAt, sequence: 1 })
		expect(notificationsAbout(id).at(-1)).toMatchObject({ userId: second.id, kind: 'meeting-accepted' })
	})

	test('declining stores the note and tells the organizer; nothing more can happen', async () => {
		const { first, second } = await createConnectedPair({ second: { name: 'Dee Decliner' } })
		const id = proposed(first, second.id, [freeSlots([first.id, second.id])[0]!.start])
		expect(declineMeeting(first.id, id, { note: '' })).toMatchObject({ code: 'illegal-transition' })
		expect(declineMeeting(second.id, id, { note: 'Travelling all month' }).ok).toBe(true)
		expect(meetingRow(id)).toMatchObject({ status: 'declined', awaitingUserId: null })
		expect(eventsOf(id).at(-1)).toEqual({ actorId: second.id, action: 'declined', note: 'Travelling all month' })
		expect(notificationsAbout(id).at(-1)).toEqual({
			userId: first.id,
			kind: 'meeting-declined',
			title: 'Dee Decliner declined your meeting',
			body: 'Retail media benchmarks: “Travelling all month”',
		})
		expect(acceptOption(second.id, id, optionsOf(id)[0]!.id)).toEqual({
			ok: false,
			code: 'illegal-transition',
			message: 'This meeting was declined, so it can no longer change.',
		})
		expect(listMeetings(first.id).closed.map((meeting) => meeting.id)).toEqual([id])
	})

	test('rescheduling reopens it with new times, cancels reminders; a new acceptance schedules them again', async () => {
		const { first, second } = await createConnectedPair({ first: { name: 'Rae Rescheduler' } })
		const slots = freeSlots([first.id, second.id])
		const id = proposed(first, second.id, [slots[0]!.start])
		expect(acceptOption(second.id, id, optionsOf(id)[0]!.id).ok).toBe(true)
		const booked = slots[0]!.start
		expect(rescheduleMeeting(first.id, id, { options: [slots[6]!.start], reason: '   ' })).toMatchObject({
			ok: false,
			field: 'reason',
		})
		// The meeting's own time stays available to itself: moving by a slot that overlaps it is fine.
		expect(
			rescheduleMeeting(first.id, id, { options: [booked, slots[6]!.start], reason: 'Board meeting moved' }),
		).toEqual({ ok: true, data: { meetingId: id } })
		expect(meetingRow(id)).toMatchObject({
			status: 'pending',
			startsAt: null,
			endsAt: null,
			round: 2,
			awaitingUserId: second.id,
			sequence: 2,
		})
		expect(remindersOf(id).map((job) => job.status)).toEqual(['cancelled', 'cancelled'])
		expect(eventsOf(id).at(-1)).toEqual({ actorId: first.id, action: 'rescheduled', note: 'Board meeting moved' })
		expect(notificationsAbout(id).at(-1)).toMatchObject({
			userId: second.id,
			kind: 'meeting-rescheduled',
			title: 'Rae Rescheduler asked to move your meeting',
			body: expect.stringContaining('“Board meeting moved”'),
		})
		expect(rescheduleMeeting(first.id, id, { options: [slots[7]!.start], reason: 'again' })).toMatchObject({
			code: 'illegal-transition',
		})
		const newTime = optionsOf(id)[1]!
		expect(acceptOption(second.id, id, newTime.id).ok).toBe(true)
		expect(meetingRow(id)).toMatchObject({ status: 'confirmed', startsAt: newTime.startsAt, sequence: 3 })
		const reminders = remindersOf(id)
		expect(reminders.filter((job) => job.status === 'pending').map((job) => job.dedupeKey.endsWith(':3'))).toEqual([
			true,
			true,
		])
	})

	test('cancelling needs a reason, bumps the sequence, cancels reminders and tells the other side', async () => {
		const { first, second } = await createConnectedPair({ second: { name: 'Cal Canceller' } })
		const id = proposed(first, second.id, [freeSlots([first.id, second.id])[0]!.start])
		expect(acceptOption(second.id, id, optionsOf(id)[0]!.id).ok).toBe(true)
		expect(cancelMeeting(second.id, id, { reason: '' })).toMatchObject({ ok: false, field: 'reason' })
		expect(cancelMeeting(second.id, id, { reason: 'Budget freeze' }).ok).toBe(true)
		expect(meetingRow(id)).toMatchObject({ status: 'cancelled', sequence: 2 })
		expect(meetingRow(id).startsAt).not.toBeNull()
		expect(remindersOf(id).map((job) => job.status)).toEqual(['cancelled', 'cancelled'])
		expect(notificationsAbout(id).at(-1)).toMatchObject({
			userId: first.id,
			kind: 'meeting-cancelled',
			title: 'Cal Canceller cancelled a meeting',
			body: expect.stringMatching(/: “Budget freeze”$/),
		})
		expect(cancelMeeting(first.id, id, { reason: 'again' })).toMatchObject({ code: 'illegal-transition' })
		expect(acceptOption(second.id, id, optionsOf(id)[0]!.id)).toMatchObject({
			code: 'illegal-transition',
			message: 'This meeting was cancelled, so it can no longer change.',
		})
		// The organizer may also withdraw a pending request.
		const pending = proposed(first, second.id, [freeSlots([first.id, second.id])[2]!.start])
		expect(cancelMeeting(first.id, pending, { reason: 'Found the answer' }).ok).toBe(true)
		expect(meetingRow(pending)).toMatchObject({ status: 'cancelled', sequence: 1 })
	})
})

describe('the conflict policy at acceptance', () => {
	test('a sector change since the proposal blocks the acceptance with the reason, logged', async () => {
		const { first, second } = await createConnectedPair()
		const id = proposed(first, second.id, [freeSlots([first.id, second.id])[0]!.start])
		expect(addSecondarySector(first.id, '541820')).toMatchObject({ ok: true })
		const refused = acceptOption(second.id, id, optionsOf(id)[0]!.id)
		expect(refused).toMatchObject({ ok: false, code: 'conflict' })
		expect(!refused.ok && refused.message).toMatch(/^Same industry group: 5418/)
		expect(decisionsBy(second.id)).toEqual([{ targetId: first.id, entryPoint: 'meeting-acceptance' }])
		expect(meetingRow(id)).toMatchObject({ status: 'pending', sequence: 0 })
		expect(remindersOf(id)).toEqual([])
	})

	test('a competitor declared since the proposal blocks it too', async () => {
		const { first, second } = await createConnectedPair({ second: { company: 'Northwind Media' } })
		const id = proposed(first, second.id, [freeSlots([first.id, second.id])[0]!.start])
		expect(addCompetitor(first.id, { intent: 'add-competitor', company: 'Northwind Media' })).toMatchObject({
			ok: true,
		})
		expect(acceptOption(second.id, id, optionsOf(id)[0]!.id)).toMatchObject({ ok: false, code: 'conflict' })
		expect(decisionsBy(second.id)).toEqual([{ targetId: first.id, entryPoint: 'meeting-acceptance' }])
		expect(meetingRow(id).status).toBe('pending')
	})
})

describe('double booking', () => {
	test('a member cannot accept two overlapping meetings', async () => {
		const member = await createUser({ sectorCode: '445110' })
		const peerA = await createUser({ sectorCode: '541810', name: 'Ada Peer' })
		const peerB = await createUser({ sectorCode: '611310', name: 'Bo Peer' })
		connect(peerA.id, member.id)
		connect(peerB.id, member.id)
		const slot = freeSlots([member.id, peerA.id, peerB.id])[0]!.start
		const fromA = proposed(peerA, member.id, [slot])
		const fromB = proposed(peerB, member.id, [slot])
		expect(acceptOption(member.id, fromA, optionsOf(fromA)[0]!.id).ok).toBe(true)
		const refused = acceptOption(member.id, fromB, optionsOf(fromB)[0]!.id)
		expect(refused).toEqual({
			ok: false,
			code: 'slot-taken',
			message: `You already have a meeting then (“Retail media benchmarks”, ${formatMeetingTime(slot, 'Europe/Paris')}). Pick another option or suggest new times.`,
		})
		expect(meetingRow(fromB)).toMatchObject({ status: 'pending', sequence: 0 })
	})

	test('the other side’s new booking (buffer included) refuses without revealing it', async () => {
		const organizer = await createUser({ sectorCode: '445110', name: 'Orla Busy' })
		const invitee = await createUser({ sectorCode: '541810' })
		const third = await createUser({ sectorCode: '611310' })
		connect(organizer.id, invitee.id)
		connect(third.id, organizer.id)
		const slots = freeSlots([organizer.id, invitee.id, third.id])
		// Back to back: 30 minutes apart, inside the default 10-minute buffer of the first meeting's end.
		const first = slots[0]!.start
		const next = slots.find((slot) => slot.start === first + 30 * minuteMs)!.start
		const pending = proposed(organizer, invitee.id, [next])
		const secret = proposeMeeting(
			third.id,
			{ inviteeId: organizer.id },
			{ ...baseInput, topic: 'Confidential merger chat', durationMinutes: 30, options: [first] },
		)
		if (!secret.ok) throw new Error(secret.message)
		expect(acceptOption(organizer.id, secret.data.meetingId, optionsOf(secret.data.meetingId)[0]!.id).ok).toBe(true)
		const refused = acceptOption(invitee.id, pending, optionsOf(pending)[0]!.id)
		expect(refused).toEqual({
			ok: false,
			code: 'slot-taken',
			message: 'That time was just booked by another meeting for Orla Busy. Pick another option or suggest new times.',
		})
		// With no buffer the adjacent time is free again.
		saveWeeklyAvailability(organizer.id, {
			...weekdays,
			meetingLengthMinutes: 30,
			bufferMinutes: 0,
			reminderMinutes: 30,
		})
		expect(acceptOption(invitee.id, pending, optionsOf(pending)[0]!.id).ok).toBe(true)
	})
})

describe('roundtable meetings', () => {
	/** A host (grocery) with two joined members of other industries. */
	async function room() {
		const host = await createUser({ sectorCode: '445110', name: 'Hana Host' })
		const member = await createUser({ sectorCode: '541810', name: 'Mo Member' })
		const other = await createUser({ sectorCode: '611310', name: 'Oz Other' })
		connect(host.id, member.id)
		connect(host.id, other.id)
		const created = createRoundtable(host.id, { title: 'Loyalty leaders', inviteeIds: [member.id, other.id] })
		if (!created.ok) throw new Error(created.message)
		const roundtableId = created.data.conversationId
		expect(respondToInvite(member.id, roundtableId, true).ok).toBe(true)
		expect(respondToInvite(other.id, roundtableId, true).ok).toBe(true)
		return { host, member, other, roundtableId }
	}

	test('the host proposes to every joined member; they vote; the host confirms', async () => {
		const { host, member, other, roundtableId } = await room()
		const slots = freeSlots([host.id, member.id, other.id])
		const proposal = { ...baseInput, durationMinutes: 30 as const, options: [slots[0]!.start, slots[2]!.start] }
		expect(proposeMeeting(member.id, { roundtableId }, proposal)).toMatchObject({ ok: false, code: 'not-allowed' })
		const outcome = proposeMeeting(host.id, { roundtableId }, proposal)
		if (!outcome.ok) throw new Error(outcome.message)
		const id = outcome.data.meetingId
		expect(meetingRow(id)).toMatchObject({ kind: 'roundtable', conversationId: roundtableId, awaitingUserId: null })
		expect(
			notificationsAbout(id)
				.map((sent) => [sent.userId, sent.kind, sent.title])
				.sort(),
		).toEqual(
			[
				[member.id, 'meeting-proposed', 'Hana Host proposed a meeting of Loyalty leaders'],
				[other.id, 'meeting-proposed', 'Hana Host proposed a meeting of Loyalty leaders'],
			].sort(),
		)
		const [early, late] = optionsOf(id)
		expect(awaitingResponseCount(member.id)).toBe(1)
		expect(awaitingResponseCount(host.id)).toBe(0)
		expect(acceptOption(member.id, id, early!.id)).toMatchObject({ code: 'illegal-transition' })
		expect(voteOnOptions(host.id, id, [early!.id])).toMatchObject({ code: 'illegal-transition' })
		expect(voteOnOptions(member.id, id, [early!.id, 999_999])).toMatchObject({ code: 'bad-request', field: 'optionId' })
		expect(voteOnOptions(member.id, id, [early!.id, late!.id]).ok).toBe(true)
		// A second vote replaces the first.
		expect(voteOnOptions(member.id, id, [late!.id]).ok).toBe(true)
		// One vote in, one to come: the host is still waiting for the room.
		expect(listMeetings(host.id).pending.map((meeting) => [meeting.id, meeting.awaitingViewer])).toEqual([[id, false]])
		expect(voteOnOptions(other.id, id, [late!.id]).ok).toBe(true)
		expect(listMeetings(host.id).pending.map((meeting) => [meeting.id, meeting.awaitingViewer])).toEqual([[id, true]])
		expect(meetingDetails(host.id, id)!.awaitingViewer).toBe(true)
		expect(
			db
				.select()
				.from(meetingVotes)
				.all()
				.filter((vote) => [early!.id, late!.id].includes(vote.optionId)),
		).toHaveLength(2)
		expect(awaitingResponseCount(member.id)).toBe(0)
		expect(awaitingResponseCount(host.id)).toBe(1)
		const details = meetingDetails(host.id, id)!
		expect(details.options.find((option) => option.id === late!.id)?.voterIds.sort()).toEqual(
			[member.id, other.id].sort(),
		)
		expect(details.roundtableTitle).toBe('Loyalty leaders')
		expect(details.can).toMatchObject({ confirm: true, vote: false, accept: false, cancel: true })
		expect(meetingDetails(member.id, id)!.can).toMatchObject({ vote: true, confirm: false, cancel: false })
		expect(confirmOption(member.id, id, late!.id)).toEqual({
			ok: false,
			code: 'illegal-transition',
			message: 'Only the host can confirm the time of a roundtable meeting.',
		})
		expect(confirmOption(host.id, id, late!.id)).toEqual({ ok: true, data: { meetingId: id } })
		expect(meetingRow(id)).toMatchObject({ status: 'confirmed', startsAt: late!.startsAt, sequence: 1 })
		expect(eventsOf(id).map((event) => event.action)).toEqual(['proposed', 'voted', 'voted', 'voted', 'confirmed'])
		expect(
			notificationsAbout(id)
				.filter((sent) => sent.kind === 'meeting-accepted')
				.map((sent) => sent.userId)
				.sort(),
		).toEqual([member.id, other.id].sort())
		expect(remindersOf(id)).toHaveLength(3)
		expect(rescheduleMeeting(member.id, id, { options: [slots[5]!.start], reason: 'x' })).toMatchObject({
			code: 'illegal-transition',
		})
		expect(cancelMeeting(member.id, id, { reason: 'x' })).toMatchObject({ code: 'illegal-transition' })
		expect(cancelMeeting(host.id, id, { reason: 'Host is ill' }).ok).toBe(true)
		expect(
			notificationsAbout(id)
				.filter((sent) => sent.kind === 'meeting-cancelled')
				.map((sent) => sent.userId)
				.sort(),
		).toEqual([member.id, other.id].sort())
	})

	test('a room nobody joined, or with a conflicted pair, cannot schedule; a conflict at confirmation blocks it', async () => {
		const lonely = await createUser({ sectorCode: '445110' })
		const invited = await createUser({ sectorCode: '541810' })
		connect(lonely.id, invited.id)
		const empty = createRoundtable(lonely.id, { title: 'Empty', inviteeIds: [invited.id] })
		if (!empty.ok) throw new Error(empty.message)
		const start = freeSlots([lonely.id])[0]!.start
		expect(
			proposeMeeting(lonely.id, { roundtableId: empty.data.conversationId }, { ...baseInput, options: [start] }),
		).toMatchObject({ ok: false, code: 'bad-request' })

		const { host, member, other, roundtableId } = await room()
		const slots = freeSlots([host.id, member.id, other.id])
		const outcome = proposeMeeting(host.id, { roundtableId }, { ...baseInput, options: [slots[0]!.start] })
		if (!outcome.ok) throw new Error(outcome.message)
		// The member's company takes up the other member's industry group (6113).
		expect(addSecondarySector(member.id, '611310')).toMatchObject({ ok: true })
		const refused = confirmOption(host.id, outcome.data.meetingId, optionsOf(outcome.data.meetingId)[0]!.id)
		expect(refused).toMatchObject({ ok: false, code: 'conflict' })
		// Two other members: the host learns that the policy keeps them apart, never why.
		expect(!refused.ok && refused.message).toMatch(
			/^(Mo Member and Oz Other|Oz Other and Mo Member) can't meet: the competitor policy keeps them apart\.$/,
		)
		const logged = db
			.select({ actorId: conflictDecisions.actorId, targetId: conflictDecisions.targetId })
			.from(conflictDecisions)
			.where(eq(conflictDecisions.entryPoint, 'meeting-acceptance'))
			.all()
			.filter((row) => [member.id, other.id].includes(row.actorId))
		expect(logged).toHaveLength(1)
		expect([logged[0]!.actorId, logged[0]!.targetId].sort()).toEqual([member.id, other.id].sort())
		expect(meetingRow(outcome.data.meetingId).status).toBe('pending')
		expect(proposeMeeting(host.id, { roundtableId }, { ...baseInput, options: [slots[1]!.start] })).toMatchObject({
			ok: false,
			code: 'conflict',
		})
	})
})

describe('reading meetings', () => {
	test('lists, ranges, details and the private reflection', async () => {
		const { first, second } = await createConnectedPair({
			first: { name: 'Lia Lister' },
			second: { name: 'Rex Reader' },
		})
		const slots = freeSlots([first.id, second.id])
		const confirmed = proposed(first, second.id, [slots[0]!.start])
		expect(acceptOption(second.id, confirmed, optionsOf(confirmed)[0]!.id).ok).toBe(true)
		const waiting = proposed(first, second.id, [slots[3]!.start, slots[2]!.start])
		const closed = proposed(first, second.id, [slots[4]!.start])
		expect(declineMeeting(second.id, closed, { note: '' }).ok).toBe(true)
		expect(updateAgenda(second.id, confirmed, { agenda: '1. Budgets\n2. Agencies' }).ok).toBe(true)

		const lists = listMeetings(second.id)
		expect(lists.pending.map((meeting) => meeting.id)).toEqual([waiting])
		expect(lists.upcoming.map((meeting) => meeting.id)).toEqual([confirmed])
		expect(lists.past).toEqual([])
		expect(lists.closed.map((meeting) => meeting.id)).toEqual([closed])
		expect(lists.pending[0]).toMatchObject({
			awaitingViewer: true,
			startsAt: null,
			others: [
				expect.objectContaining({ userId: first.id, name: 'Lia Lister', role: 'organizer', timeZone: 'Europe/Paris' }),
			],
		})
		expect(lists.pending[0]!.options.map((option) => option.startsAt)).toEqual([slots[2]!.start, slots[3]!.start])
		expect(lists.upcoming[0]).toMatchObject({
			startsAt: slots[0]!.start,
			endsAt: slots[0]!.start + 30 * minuteMs,
			options: [],
		})

		const range = { start: slots[2]!.start, end: slots[2]!.start + 30 * minuteMs } satisfies Interval
		expect(meetingsInRange(second.id, range).map((meeting) => meeting.id)).toEqual([waiting])
		expect(
			meetingsInRange(second.id, { start: slots[0]!.start - dayMs, end: slots[4]!.end + dayMs }).map((m) => m.id),
		).toEqual(expect.arrayContaining([confirmed, waiting]))

		const details = meetingDetails(first.id, confirmed)!
		expect(details).toMatchObject({
			agenda: '1. Budgets\n2. Agencies',
			sequence: 1,
			roundtableTitle: null,
			location: baseInput.location,
			reflection: { text: '', wouldMeetAgain: null, savedAt: null },
			can: { reschedule: true, cancel: true, editAgenda: true, reflect: false, accept: false },
		})
		expect(details.participants.map((person) => person.userId)).toEqual([first.id, second.id])
		expect(details.events.map((event) => [event.action, event.actorName])).toEqual([
			['proposed', 'Lia Lister'],
			['accepted', 'Rex Reader'],
			['agenda-updated', 'Rex Reader'],
		])

		expect(saveReflection(first.id, confirmed, { reflection: 'Too early', wouldMeetAgain: true })).toMatchObject({
			code: 'illegal-transition',
		})
		const after = slots[0]!.start + 31 * minuteMs
		expect(
			saveReflection(first.id, confirmed, { reflection: 'Great on agencies', wouldMeetAgain: true }, after).ok,
		).toBe(true)
		expect(meetingDetails(first.id, confirmed, after)).toMatchObject({
			can: { reflect: true, reschedule: false, cancel: false },
			reflection: { text: 'Great on agencies', wouldMeetAgain: true, savedAt: after },
		})
		// Private: the other side sees neither the note nor an event about it.
		expect(meetingDetails(second.id, confirmed, after)!.reflection).toEqual({
			text: '',
			wouldMeetAgain: null,
			savedAt: null,
		})
		expect(meetingDetails(second.id, confirmed, after)!.events).toHaveLength(3)
		expect(listMeetings(first.id, after).past.map((meeting) => meeting.id)).toEqual([confirmed])
	})

	test('the lists take the same number of queries for one meeting as for many', async () => {
		const { first, second } = await createConnectedPair()
		const slots = freeSlots([first.id, second.id])
		const statementPrototype = Object.getPrototypeOf(db.$client.prepare('select 1'))
		const queriesDuring = (read: () => unknown) => {
			const all = vi.spyOn(statementPrototype, 'all')
			const get = vi.spyOn(statementPrototype, 'get')
			read()
			const count = all.mock.calls.length + get.mock.calls.length
			all.mockRestore()
			get.mockRestore()
			return count
		}
		proposed(first, second.id, [slots[0]!.start])
		const range = { start: Date.now(), end: Date.now() + 22 * dayMs }
		const forOne = [
			queriesDuring(() => listMeetings(second.id)),
			queriesDuring(() => meetingsInRange(second.id, range)),
		]
		for (const slot of slots.slice(1, 7)) proposed(first, second.id, [slot.start])
		expect(listMeetings(second.id).pending).toHaveLength(7)
		const forMany = [
			queriesDuring(() => listMeetings(second.id)),
			queriesDuring(() => meetingsInRange(second.id, range)),
		]
		expect(forOne[0]).toBeGreaterThan(0)
		expect(forMany).toEqual(forOne)
	})
})
