import { z } from 'zod'
import { naicsCodeField, toNaicsCode } from '../sectors/naics-schema.ts'
import { expertiseTags, maxExpertiseTags } from './expertise.ts'
import { businessModels, companySizes, openToOptions, profileVisibilities } from './profile-options.ts'
import { regions } from './regions.ts'
import { isTimeZone } from './time-zones.ts'

const requiredText = (label: string, max: number) =>
	z
		.string({ error: `${label} is required.` })
		.trim()
		.min(1, { error: `${label} is required.` })
		.max(max, { error: `${label} is at most ${max} characters.` })

const optionalText = (label: string, max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: `${label} is at most ${max} characters.` })
		.default('')

const naicsCode = naicsCodeField

/** A month input ("2024-03"), as the first day of that month in UTC. */
const month = (label: string) =>
	z
		.string({ error: `${label} is required.` })
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: `${label} must be a month, like 2024-03.` })
		.transform((value) => new Date(`${value}-01T00:00:00Z`))

export const labels = {
	openTo: { 'peer-exchange': 'Peer exchange', mentoring: 'Mentoring', speaking: 'Speaking' },
	visibility: {
		members: 'All members (listed in the directory and suggestions)',
		connections: 'My connections only (hidden from the directory and suggestions)',
	},
	businessModel: { b2b: 'B2B', b2c: 'B2C', both: 'B2B and B2C' },
} as const

export const ProfileDetailsSchema = z.object({
	intent: z.literal('details'),
	name: requiredText('Your name', 100).min(2, { error: 'Your name needs at least 2 characters.' }),
	title: requiredText('Your title', 100),
	headline: optionalText('The headline', 160),
	bio: optionalText('The bio', 2000),
	region: z.enum(regions, { error: 'Choose your region.' }),
	timeZone: z
		.string({ error: 'Choose your time zone.' })
		.refine(isTimeZone, { error: 'Choose a time zone from the list.' }),
	openTo: z.array(z.enum(openToOptions, { error: 'Choose from the listed options.' })).default([]),
	visibility: z.enum(profileVisibilities, { error: 'Choose who can see your profile.' }),
})

export const CompanySchema = z.object({
	intent: z.literal('company'),
	company: requiredText('Your company', 120),
	primarySector: naicsCode,
	companySize: z.enum(companySizes, { error: 'Choose a company size from the list.' }).optional(),
	businessModel: z.enum(businessModels, { error: 'Choose B2B, B2C or both.' }),
})

export const maxSecondarySectors = 5

export const AddSectorSchema = z.object({ intent: z.literal('add-sector'), sector: naicsCode })

export const ExpertiseSchema = z.object({
	intent: z.literal('expertise'),
	tags: z
		.array(z.enum(expertiseTags, { error: 'Choose expertise from the list.' }))
		.max(maxExpertiseTags, { error: `Pick at most ${maxExpertiseTags} areas, the ones peers should ask you about.` })
		.default([]),
})

export const PastRoleSchema = z
	.object({
		intent: z.literal('add-past-role'),
		company: requiredText('The company', 120),
		title: requiredText('Your title there', 100),
		startedAt: month('The start month'),
		endedAt: month('The end month'),
		/** Only needed when the company is new to Crossroads. */
		sector: z
			.string()
			.trim()
			.optional()
			.transform((text, context) => (text ? toNaicsCode(text, context) : null)),
	})
	.refine((role) => role.endedAt >= role.startedAt, {
		path: ['endedAt'],
		error: 'The end month cannot be before the start month.',
	})
	.refine((role) => role.endedAt.getTime() <= Date.now(), {
		path: ['endedAt'],
		error: 'A past role ends this month or earlier; your current role is your profile’s company.',
	})

export const CompetitorSchema = z.object({
	intent: z.literal('add-competitor'),
	company: requiredText('The company', 120),
})

export const BlockCompanySchema = z.object({
	intent: z.literal('block-company'),
	company: requiredText('The company', 120),
})

/** The list-editing buttons: each removes one row by its id. */
export const RemoveSchema = z.object({
	intent: z.enum(['remove-sector', 'remove-past-role', 'remove-competitor', 'remove-block', 'remove-photo']),
	id: z.string().trim().max(100).default(''),
})
