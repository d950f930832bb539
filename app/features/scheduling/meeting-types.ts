/**
 * The shapes the scheduling domain returns to routes and components (times in UTC ms; every
 * screen formats them in the viewer's own zone, with the other side's local time beside them).
 */
import type { MeetingKind, MeetingStatus, ParticipantRole } from './options.ts'

/** A half-open span of time in UTC ms: [start, end). */
export type Interval = { start: number; end: number }

export type SchedulingErrorCode =
	| 'bad-request'
	| 'not-found'
	| 'not-allowed'
	| 'conflict'
	| 'not-connected'
	| 'illegal-transition'
	| 'slot-unavailable'
	| 'slot-taken'

export type SchedulingRefusal = { ok: false; code: SchedulingErrorCode; message: string; field?: string }
export type SchedulingOutcome<T> = { ok: true; data: T } | SchedulingRefusal

export type MeetingPerson = {
	userId: string
	name: string
	title: string
	companyName: string
	timeZone: string
	photoVersion: number | null
	role: ParticipantRole
}

export type MeetingOptionItem = {
	id: number
	round: number
	startsAt: number
	endsAt: number
	proposedBy: string
	/** Roundtables: who marked this option as working for them. */
	voterIds: string[]
}

/** One row of the /meetings lists and the week view. */
export type MeetingSummary = {
	id: string
	kind: MeetingKind
	status: MeetingStatus
	topic: string
	organizerId: string
	/** The viewer's counterparts (everyone but the viewer). */
	others: MeetingPerson[]
	/** Confirmed meetings: the agreed time. */
	startsAt: number | null
	endsAt: number | null
	durationMinutes: number
	/** Pending: the current round's options, earliest first. */
	options: MeetingOptionItem[]
	/** Pending direct meetings: whether the viewer is the one who must answer. */
	awaitingViewer: boolean
	location: string
	conversationId: string | null
}

export type MeetingEventItem = {
	id: number
	actorId: string
	actorName: string
	action: string
	note: string
	createdAt: number
}

export type MeetingDetails = MeetingSummary & {
	agenda: string
	roundtableTitle: string | null
	participants: MeetingPerson[]
	events: MeetingEventItem[]
	sequence: number
	/** The viewer's own private reflection, once the meeting is over. */
	reflection: { text: string; wouldMeetAgain: boolean | null; savedAt: number | null }
	/** What the viewer may do now (the server checks again on every action). */
	can: {
		accept: boolean
		decline: boolean
		counter: boolean
		vote: boolean
		confirm: boolean
		reschedule: boolean
		cancel: boolean
		editAgenda: boolean
		reflect: boolean
	}
}
