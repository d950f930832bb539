/** The case-study forms (safe for the browser: the editor validates with the same schemas). */
import { z } from 'zod'
import { naicsCodeField } from '../sectors/naics-schema.ts'
import { budgetBands, caseStudyAudiences, caseStudyChannels, caseStudyObjectives } from './options.ts'

export const studyLimits = {
	title: 120,
	brand: 80,
	targetAudience: 300,
	summary: 300,
	body: 20_000,
	learnings: 5_000,
	channels: 6,
	tags: 8,
	tagLength: 30,
	metrics: 8,
	metricLabel: 60,
	metricUnit: 20,
	comment: 2_000,
	imageAlt: 200,
	images: 5,
} as const

const requiredText = (label: string, max: number) =>
	z
		.string({ error: `${label} is required.` })
		.trim()
		.min(1, { error: `${label} is required.` })
		.max(max, { error: `${label} is at most ${max.toLocaleString('en')} characters.` })

const optionalText = (label: string, max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: `${label} is at most ${max.toLocaleString('en')} characters.` })
		.default('')

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/

/** A month as a month input sends it: "2024-03". */
const month = (label: string) =>
	z.string({ error: `${label} is required.` }).regex(monthPattern, { error: `${label} must be a month, like 2024-03.` })

/** "Retail Media, CRM; Loyalty " → "retail-media": lower case, words joined by hyphens. */
export function normalizeTag(text: string) {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
}

/** Tags as typed (comma-separated), normalized and without repeats, in the order given. */
export function parseTags(text: string) {
	return [
		...new Set(
			text
				.split(/[,;\n]/)
				.map(normalizeTag)
				.filter(Boolean),
		),
	]
}

const tagsField = z
	.string()
	.default('')
	.transform((text, context) => {
		const tags = parseTags(text)
		if (tags.length > studyLimits.tags)
			context.addIssue({ code: 'custom', message: `Use at most ${studyLimits.tags} tags; you have ${tags.length}.` })
		const long = tags.find((tag) => tag.length > studyLimits.tagLength)
		if (long)
			context.addIssue({
				code: 'custom',
				message: `Each tag is at most ${studyLimits.tagLength} characters: “${long}” is ${long.length}.`,
			})
		return tags
	})

/** A metric value as typed: "12.5", "-3", "1,200" or "1 200". */
const metricNumber = (label: string) =>
	z.string({ error: `Enter the ${label} value.` }).transform((text, context) => {
		const value = Number(text.trim().replace(/[,\s\u00a0]/g, ''))
		if (!/\d/.test(text) || !Number.isFinite(value) || Math.abs(value) > 1e12) {
			context.addIssue({ code: 'custom', message: `The ${label} value must be a number, like 12.5.` })
			return z.NEVER
		}
		return value
	})

export const MetricSchema = z.object({
	label: requiredText('The metric', studyLimits.metricLabel),
	before: metricNumber('before'),
	after: metricNumber('after'),
	unit: optionalText('The unit', studyLimits.metricUnit),
})
export type MetricInput = z.output<typeof MetricSchema>

/** Rows left entirely blank in the form are not metrics. */
function withoutBlankRows(rows: unknown) {
	if (rows === undefined || rows === null) return []
	if (!Array.isArray(rows)) return rows
	return rows.filter(
		(row) =>
			row !== undefined &&
			row !== null &&
			Object.values(row as Record<string, unknown>).some((value) => typeof value === 'string' && value.trim() !== ''),
	)
}

/**
 * Everything an author writes. Saving a draft needs the fields that place the study in the
 * library (title, brand, sector, objective, channels, start month, budget band); submitting it
 * also needs the story (see `missingForReview`).
 */
export const CaseStudySchema = z
	.object({
		title: requiredText('The title', studyLimits.title),
		brand: requiredText('The brand', studyLimits.brand),
		sector: naicsCodeField,
		objective: z.enum(caseStudyObjectives, { error: 'Choose the campaign objective.' }),
		targetAudience: optionalText('The audience', studyLimits.targetAudience),
		channels: z
			.array(z.enum(caseStudyChannels, { error: 'Choose channels from the list.' }), {
				error: 'Choose at least one channel.',
			})
			.min(1, { error: 'Choose at least one channel.' })
			.max(studyLimits.channels, { error: `Choose at most ${studyLimits.channels} channels, the ones that mattered.` }),
		startedOn: month('The start month'),
		endedOn: z
			.string()
			.optional()
			.refine((value) => value === undefined || monthPattern.test(value), {
				error: 'The end month must be a month, like 2024-09.',
			})
			.transform((value) => value ?? null),
		budgetBand: z.enum(budgetBands, { error: 'Choose a budget band.' }),
		summary: optionalText('The summary', studyLimits.summary),
		body: optionalText('The story', studyLimits.body),
		learnings: optionalText('What you would do differently', studyLimits.learnings),
		tags: tagsField,
		metrics: z.preprocess(
			withoutBlankRows,
			z.array(MetricSchema).max(studyLimits.metrics, {
				error: `Show at most ${studyLimits.metrics} metrics, the ones that tell the story.`,
			}),
		),
		readers: z.enum(caseStudyAudiences, { error: 'Choose who may read this case study.' }).default('non-conflicted'),
	})
	.refine((study) => study.endedOn === null || study.endedOn >= study.startedOn, {
		path: ['endedOn'],
		error: 'The end month cannot be before the start month.',
	})

export type CaseStudyInput = z.output<typeof CaseStudySchema>

/** The content of a study as stored (live columns, or a revision's JSON): the form's output with the sector as a code. */
export type StudyContent = Omit<CaseStudyInput, 'sector'> & { sectorCode: string }

/** What a study still lacks before a moderator can review it, as field messages. */
export function missingForReview(content: StudyContent): Record<string, string> {
	const missing: Record<string, string> = {}
	if (!content.summary) missing.summary = 'Add a summary before submitting: it is what readers see in the library.'
	if (!content.targetAudience) missing.targetAudience = 'Say who the campaign spoke to before submitting.'
	if (content.body.length < 200) missing.body = 'Tell the story in at least 200 characters before submitting.'
	if (!content.learnings) missing.learnings = 'Say what you would do differently before submitting.'
	if (content.metrics.length === 0) missing.metrics = 'Add at least one result with before and after values.'
	return missing
}

export const CommentSchema = z.object({
	body: requiredText('The comment', studyLimits.comment),
	parentId: z.string().trim().max(64).optional(),
})

export const ImageDetailsSchema = z.object({
	alt: requiredText('A description of the image', studyLimits.imageAlt),
	cover: z
		.string()
		.optional()
		.transform((value) => value === 'on' || value === 'true'),
})

/** One message per field, as conform's `submission.reply({ fieldErrors })` takes them. */
export function asFieldErrors(messages: Record<string, string> = {}) {
	return Object.fromEntries(Object.entries(messages).map(([field, message]) => [field, [message]]))
}
