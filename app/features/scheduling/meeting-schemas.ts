/**
 * The meeting forms, shared by the server rules and the browser forms. Each parses FormData (via
 * conform) or a plain object with the same field names; times arrive as ISO-8601 instants and
 * leave as UTC ms. Rules that need the clock or the database (notice, horizon, availability) are
 * the domain's, in meetings.server.ts.
 */
import { z } from 'zod'
import { meetingLengths, schedulingLimits, type MeetingLength } from './options.ts'

const requiredText = (message: string, label: string, max: number) =>
	z
		.string({ error: message })
		.trim()
		.min(1, { error: message })
		.max(max, { error: `${label} is at most ${max.toLocaleString('en')} characters.` })

const optionalText = (label: string, max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: `${label} is at most ${max.toLocaleString('en')} characters.` })
		.default('')

const isMeetingLength = (minutes: number): minutes is MeetingLength =>
	(meetingLengths as readonly number[]).includes(minutes)

const lengthList = `${meetingLengths.slice(0, -1).join(', ')} or ${meetingLengths.at(-1)} minutes`

const DurationSchema = z.coerce
	.number({ error: `Pick a length: ${lengthList}.` })
	.refine(isMeetingLength, { error: `Pick a length: ${lengthList}.` })
	.transform((minutes) => minutes as MeetingLength)

/** A slot start as the forms send it: an ISO-8601 instant with its offset (a zoneless time is ambiguous). */
const InstantSchema = z.iso
	.datetime({ offset: true, error: 'Each time must be a date and time with its offset, like 2025-03-10T14:00:00Z.' })
	.transform((text) => Date.parse(text))

/** 1 to 3 distinct times, as UTC ms. */
const OptionsSchema = z
	.array(InstantSchema, { error: 'Pick at least one time.' })
	.min(1, { error: 'Pick at least one time.' })
	.max(schedulingLimits.maxOptions, { error: `Offer at most ${schedulingLimits.maxOptions} times.` })
	.refine((starts) => new Set(starts).size === starts.length, { error: 'Each time can be offered only once.' })

const OptionIdSchema = z.coerce
	.number({ error: 'Pick one of the times.' })
	.int({ error: 'Pick one of the times.' })
	.positive({ error: 'Pick one of the times.' })

export const ProposalSchema = z.object({
	topic: requiredText('Say what you would like to talk about.', 'The topic', schedulingLimits.topic),
	location: optionalText('The location', schedulingLimits.location),
	agenda: optionalText('The agenda', schedulingLimits.agenda),
	note: optionalText('The note', schedulingLimits.note),
	/** Absent: the organizer's own default meeting length. */
	durationMinutes: DurationSchema.optional(),
	options: OptionsSchema,
})
export type ProposalInput = z.output<typeof ProposalSchema>

export const CounterSchema = z.object({
	options: OptionsSchema,
	note: optionalText('The note', schedulingLimits.note),
})
export type CounterInput = z.output<typeof CounterSchema>

export const RescheduleSchema = z.object({
	options: OptionsSchema,
	reason: requiredText('Say why the time has to change.', 'The reason', schedulingLimits.note),
})
export type RescheduleInput = z.output<typeof RescheduleSchema>

export const DeclineSchema = z.object({
	note: optionalText('The note', schedulingLimits.note),
})
export type DeclineInput = z.output<typeof DeclineSchema>

export const CancelSchema = z.object({
	reason: requiredText('Say why you are cancelling.', 'The reason', schedulingLimits.note),
})
export type CancelInput = z.output<typeof CancelSchema>

export const AgendaSchema = z.object({
	agenda: optionalText('The agenda', schedulingLimits.agenda),
})
export type AgendaInput = z.output<typeof AgendaSchema>

export const ReflectionSchema = z
	.object({
		reflection: optionalText('Your note', schedulingLimits.reflection),
		wouldMeetAgain: z.enum(['yes', 'no', ''], { error: 'Answer yes, no, or leave it open.' }).default(''),
	})
	.transform(({ reflection, wouldMeetAgain }) => ({
		reflection,
		wouldMeetAgain: wouldMeetAgain === '' ? null : wouldMeetAgain === 'yes',
	}))
export type ReflectionInput = z.output<typeof ReflectionSchema>

/** Roundtable votes: every option (repeated `optionId`) that works for the voter. */
export const VoteSchema = z
	.object({
		optionId: z
			.array(OptionIdSchema, { error: 'Mark at least one time that works for you.' })
			.min(1, { error: 'Mark at least one time that works for you.' })
			.max(schedulingLimits.maxOptions, {
				error: `There are at most ${schedulingLimits.maxOptions} times to vote on.`,
			}),
	})
	.transform(({ optionId }) => ({ optionIds: [...new Set(optionId)] }))
export type VoteInput = z.output<typeof VoteSchema>

export const ChooseOptionSchema = z.object({ optionId: OptionIdSchema })
export type ChooseOptionInput = z.output<typeof ChooseOptionSchema>
