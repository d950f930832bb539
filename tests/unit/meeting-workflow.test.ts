import { describe, expect, test } from 'vitest'
import {
	allowedActions,
	meetingActions,
	refusalOf,
	type MeetingAction,
	type MeetingState,
} from '#app/features/scheduling/workflow.ts'

const now = Date.UTC(2025, 2, 10, 12)
const hourMs = 3_600_000

const organizer = 'usr_organizer'
const invitee = 'usr_invitee'
const second = 'usr_second'
const outsider = 'usr_outsider'

const direct = (overrides: Partial<MeetingState>): MeetingState => ({
	kind: 'direct',
	status: 'pending',
	organizerId: organizer,
	awaitingUserId: invitee,
	participantIds: [organizer, invitee],
	endsAt: null,
	...overrides,
})

const roundtable = (overrides: Partial<MeetingState>): MeetingState => ({
	kind: 'roundtable',
	status: 'pending',
	organizerId: organizer,
	awaitingUserId: null,
	participantIds: [organizer, invitee, second],
	endsAt: null,
	...overrides,
})

const states: Record<string, MeetingState> = {
	'direct, pending, awaiting the invitee': direct({}),
	'direct, pending, awaiting the organizer (after a counter)': direct({ awaitingUserId: organizer }),
	'direct, confirmed, ahead': direct({ status: 'confirmed', awaitingUserId: null, endsAt: now + hourMs }),
	'direct, confirmed, over': direct({ status: 'confirmed', awaitingUserId: null, endsAt: now - hourMs }),
	'direct, declined': direct({ status: 'declined', awaitingUserId: null }),
	'direct, cancelled after confirmation': direct({ status: 'cancelled', awaitingUserId: null, endsAt: now - hourMs }),
	'roundtable, pending': roundtable({}),
	'roundtable, confirmed, ahead': roundtable({ status: 'confirmed', endsAt: now + hourMs }),
	'roundtable, confirmed, over': roundtable({ status: 'confirmed', endsAt: now - hourMs }),
	'roundtable, cancelled': roundtable({ status: 'cancelled' }),
}

/** What each actor may do in each state; every other action is refused. */
const expected: Record<string, Record<string, MeetingAction[]>> = {
	'direct, pending, awaiting the invitee': {
		organizer: ['cancel', 'editAgenda'],
		invitee: ['accept', 'decline', 'counter', 'cancel', 'editAgenda'],
		outsider: [],
	},
	'direct, pending, awaiting the organizer (after a counter)': {
		organizer: ['accept', 'decline', 'counter', 'cancel', 'editAgenda'],
		invitee: ['cancel', 'editAgenda'],
		outsider: [],
	},
	'direct, confirmed, ahead': {
		organizer: ['reschedule', 'cancel', 'editAgenda'],
		invitee: ['reschedule', 'cancel', 'editAgenda'],
		outsider: [],
	},
	'direct, confirmed, over': { organizer: ['reflect'], invitee: ['reflect'], outsider: [] },
	'direct, declined': { organizer: [], invitee: [], outsider: [] },
	'direct, cancelled after confirmation': { organizer: [], invitee: [], outsider: [] },
	'roundtable, pending': {
		organizer: ['confirm', 'cancel', 'editAgenda'],
		invitee: ['vote', 'editAgenda'],
		second: ['vote', 'editAgenda'],
		outsider: [],
	},
	'roundtable, confirmed, ahead': {
		organizer: ['reschedule', 'cancel', 'editAgenda'],
		invitee: ['editAgenda'],
		second: ['editAgenda'],
		outsider: [],
	},
	'roundtable, confirmed, over': {
		organizer: ['reflect'],
		invitee: ['reflect'],
		second: ['reflect'],
		outsider: [],
	},
	'roundtable, cancelled': { organizer: [], invitee: [], second: [], outsider: [] },
}

const actorIds: Record<string, string> = { organizer, invitee, second, outsider }

describe('meeting workflow', () => {
	for (const [stateName, state] of Object.entries(states)) {
		for (const [actor, allowed] of Object.entries(expected[stateName]!)) {
			test(`${stateName}: the ${actor} may ${allowed.length ? allowed.join(', ') : 'do nothing'}`, () => {
				const viewerId = actorIds[actor]!
				const can = allowedActions(state, viewerId, now)
				expect(Object.keys(can).sort()).toEqual([...meetingActions].sort())
				expect(meetingActions.filter((action) => can[action])).toEqual(allowed)
				for (const action of meetingActions) {
					const refusal = refusalOf(state, viewerId, action, now)
					if (allowed.includes(action)) expect(refusal).toBeNull()
					else expect(refusal).toEqual(expect.any(String))
				}
			})
		}
	}

	test('refusals say why', () => {
		expect(refusalOf(direct({}), organizer, 'accept', now)).toMatch(/^You offered these times/)
		expect(refusalOf(direct({ status: 'cancelled' }), invitee, 'accept', now)).toMatch(/was cancelled/)
		expect(refusalOf(direct({ status: 'declined' }), organizer, 'cancel', now)).toMatch(/was declined/)
		expect(refusalOf(direct({}), invitee, 'vote', now)).toMatch(/^Voting is for roundtable meetings/)
		expect(refusalOf(roundtable({}), invitee, 'confirm', now)).toBe(
			'Only the host can confirm the time of a roundtable meeting.',
		)
		expect(refusalOf(roundtable({}), organizer, 'vote', now)).toMatch(/^As the host/)
		expect(refusalOf(roundtable({}), invitee, 'accept', now)).toMatch(/vote for the times/)
		expect(refusalOf(direct({}), invitee, 'reschedule', now)).toMatch(/suggest other times instead/)
		expect(refusalOf(direct({ status: 'confirmed', endsAt: now + hourMs }), invitee, 'accept', now)).toBe(
			'This meeting is already confirmed.',
		)
		expect(refusalOf(direct({ status: 'confirmed', endsAt: now - hourMs }), invitee, 'cancel', now)).toBe(
			'This meeting has already taken place.',
		)
		expect(refusalOf(direct({ status: 'confirmed', endsAt: now + hourMs }), invitee, 'reflect', now)).toMatch(
			/once the meeting has taken place/,
		)
		expect(refusalOf(direct({}), outsider, 'accept', now)).toBe('You are not part of this meeting.')
	})

	test('a confirmed meeting is over exactly when it ends', () => {
		const state = direct({ status: 'confirmed', awaitingUserId: null, endsAt: now })
		expect(refusalOf(state, invitee, 'reflect', now)).toBeNull()
		expect(refusalOf(state, invitee, 'reflect', now - 1)).not.toBeNull()
		expect(refusalOf(state, invitee, 'reschedule', now - 1)).toBeNull()
		expect(refusalOf(state, invitee, 'reschedule', now)).not.toBeNull()
	})
})
