/**
 * The meeting life cycle as one pure function: which action a participant may take in which
 * state. meetings.server.ts asks `refusalOf` inside the transaction before every write, and the
 * meeting page shows the buttons `allowedActions` allows, so both read the same rules.
 *
 * Direct:     pending(awaiting invitee) ─accept─▶ confirmed ─reschedule─▶ pending(awaiting the other side)
 *               │ └─counter─▶ pending(awaiting the other side, next round)
 *               └─decline─▶ declined          pending | confirmed ─cancel─▶ cancelled
 * Roundtable: pending ─invitees vote, host confirms─▶ confirmed; the host reschedules or cancels.
 */
import type { MeetingKind, MeetingStatus } from './options.ts'

export const meetingActions = [
	'accept',
	'decline',
	'counter',
	'vote',
	'confirm',
	'reschedule',
	'cancel',
	'editAgenda',
	'reflect',
] as const
export type MeetingAction = (typeof meetingActions)[number]

export type MeetingState = {
	kind: MeetingKind
	status: MeetingStatus
	organizerId: string
	/** Direct meetings while pending: who must answer the current options. */
	awaitingUserId: string | null
	participantIds: readonly string[]
	/** The agreed end, once confirmed (kept after a cancellation). */
	endsAt: number | null
}

const closedMessages: Record<'declined' | 'cancelled', string> = {
	declined: 'This meeting was declined, so it can no longer change.',
	cancelled: 'This meeting was cancelled, so it can no longer change.',
}

const hasTakenPlace = (state: MeetingState, now: number) =>
	state.status === 'confirmed' && state.endsAt !== null && state.endsAt <= now

/** Why `viewerId` may not take `action` now, or null when they may. */
export function refusalOf(state: MeetingState, viewerId: string, action: MeetingAction, now: number): string | null {
	if (!state.participantIds.includes(viewerId)) return 'You are not part of this meeting.'
	const isOrganizer = state.organizerId === viewerId
	const roundtable = state.kind === 'roundtable'

	if (action === 'reflect') {
		if (hasTakenPlace(state, now)) return null
		return 'You can write a reflection once the meeting has taken place.'
	}
	if (state.status === 'declined' || state.status === 'cancelled') return closedMessages[state.status]
	if (hasTakenPlace(state, now)) return 'This meeting has already taken place.'

	switch (action) {
		case 'editAgenda':
			return null
		case 'cancel':
			if (roundtable && !isOrganizer) return 'Only the host can cancel a roundtable meeting.'
			return null
		case 'reschedule':
			if (roundtable && !isOrganizer) return 'Only the host can reschedule a roundtable meeting.'
			if (state.status !== 'confirmed')
				return roundtable
					? 'Only a confirmed meeting can be rescheduled: confirm one of the times first.'
					: 'Only a confirmed meeting can be rescheduled: suggest other times instead.'
			return null
		case 'vote':
			if (!roundtable) return 'Voting is for roundtable meetings: accept one of the times instead.'
			if (isOrganizer) return 'As the host you confirm a time rather than vote on one.'
			if (state.status !== 'pending') return 'Voting is closed: the time is confirmed.'
			return null
		case 'confirm':
			if (!roundtable) return 'Confirming is for roundtable hosts: accept one of the times instead.'
			if (!isOrganizer) return 'Only the host can confirm the time of a roundtable meeting.'
			if (state.status !== 'pending') return 'This meeting is already confirmed.'
			return null
		case 'accept':
		case 'decline':
		case 'counter':
			if (roundtable)
				return isOrganizer
					? 'In a roundtable the host confirms one of the times.'
					: 'In a roundtable you vote for the times that work for you; the host confirms one.'
			if (state.status !== 'pending')
				return action === 'counter'
					? 'This meeting is already confirmed: reschedule it to suggest other times.'
					: 'This meeting is already confirmed.'
			if (state.awaitingUserId !== viewerId)
				return 'You offered these times: the other side answers them. You can cancel the request.'
			return null
	}
}

/** Every action, with whether `viewerId` may take it now (the server checks again on every action). */
export function allowedActions(state: MeetingState, viewerId: string, now: number): Record<MeetingAction, boolean> {
	return Object.fromEntries(
		meetingActions.map((action) => [action, refusalOf(state, viewerId, action, now) === null]),
	) as Record<MeetingAction, boolean>
}
