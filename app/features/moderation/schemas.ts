/** The moderation forms (safe for the browser: the pages validate with the same schemas). */
import { z } from 'zod'
import { hideableTargets, reportResolutions } from './options.ts'
import { reviewDecisions } from './review-options.ts'

export const moderationLimits = { note: 2000, collectionTitle: 80, collectionIntro: 1500 } as const

const noteMessages = {
	'request-changes': 'Tell the author what to change: they see this note.',
	reject: 'Give the reason for rejecting: the author sees it.',
} as const

/** Approve, request changes or reject; the last two need a note, which the author sees. */
export const ReviewDecisionSchema = z
	.object({
		intent: z.enum(reviewDecisions, { error: 'Choose approve, request changes or reject.' }),
		note: z
			.string()
			.trim()
			.max(moderationLimits.note, { error: `Keep it to ${moderationLimits.note.toLocaleString('en')} characters.` })
			.default(''),
	})
	.superRefine((input, context) => {
		if (input.intent !== 'approve' && input.note === '')
			context.addIssue({ code: 'custom', path: ['note'], message: noteMessages[input.intent] })
	})

export const CollectionSchema = z.object({
	title: z
		.string({ error: 'Give the collection a title.' })
		.trim()
		.min(3, { error: 'Use at least 3 characters.' })
		.max(moderationLimits.collectionTitle, { error: `Use at most ${moderationLimits.collectionTitle} characters.` }),
	intro: z
		.string()
		.trim()
		.max(moderationLimits.collectionIntro, {
			error: `Keep the intro to ${moderationLimits.collectionIntro.toLocaleString('en')} characters.`,
		})
		.default(''),
})
export type CollectionInput = z.output<typeof CollectionSchema>

export const ResolveReportSchema = z
	.object({
		reportId: z.coerce.number({ error: 'Choose a report.' }).int().positive(),
		resolution: z.enum(reportResolutions, { error: 'Choose what to do.' }),
		note: z
			.string()
			.trim()
			.max(moderationLimits.note, { error: `Keep it to ${moderationLimits.note.toLocaleString('en')} characters.` })
			.default(''),
	})
	.refine((input) => input.resolution === 'dismiss' || input.resolution === 'hide-content' || input.note !== '', {
		path: ['note'],
		error: 'Say why: a warning is sent to the member, and a suspension needs a reason on record.',
	})

/** Restores hidden content; the reason goes on record. */
export const RestoreContentSchema = z.object({
	intent: z.literal('restore'),
	targetType: z.enum(hideableTargets, { error: 'Choose what to restore.' }),
	targetId: z.string({ error: 'Choose what to restore.' }).min(1),
	reason: z
		.string({ error: 'Say why you restore it: the reason goes on record.' })
		.trim()
		.min(1, { error: 'Say why you restore it: the reason goes on record.' })
		.max(moderationLimits.note, { error: `Keep it to ${moderationLimits.note.toLocaleString('en')} characters.` }),
})

export const ModerationSettingsSchema = z.object({
	reviewPublishedEdits: z
		.enum(['on', 'off'], { error: 'Choose whether edits wait for review.' })
		.transform((value) => value === 'on'),
})
