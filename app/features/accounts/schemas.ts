import { z } from 'zod'
import { regions } from '../members/regions.ts'
import { isTimeZone } from '../members/time-zones.ts'
import { naicsCodeField } from '../sectors/naics-schema.ts'

const email = z
	.string({ error: 'Enter your email address.' })
	.trim()
	.toLowerCase()
	.max(254, { error: 'Email addresses are at most 254 characters.' })
	.pipe(z.email({ error: 'Enter a valid email address, like name@company.com.' }))

export const passwordRules = { min: 10, max: 200 } as const

const newPassword = z
	.string({ error: 'Choose a password.' })
	.min(passwordRules.min, { error: `Use at least ${passwordRules.min} characters.` })
	.max(passwordRules.max, { error: `Use at most ${passwordRules.max} characters.` })

const requiredText = (label: string, max: number) =>
	z
		.string({ error: `${label} is required.` })
		.trim()
		.min(1, { error: `${label} is required.` })
		.max(max, { error: `${label} is at most ${max} characters.` })

export const LoginSchema = z.object({
	email,
	password: z
		.string({ error: 'Enter your password.' })
		.min(1, { error: 'Enter your password.' })
		.max(passwordRules.max),
	redirectTo: z.string().optional(),
})

export const JoinSchema = z.object({
	name: requiredText('Your name', 100).min(2, { error: 'Your name needs at least 2 characters.' }),
	email,
	password: newPassword,
	title: requiredText('Your title', 100),
	company: requiredText('Your company', 120),
	sector: naicsCodeField,
	region: z.enum(regions, { error: 'Choose your region.' }),
	timeZone: z
		.string({ error: 'Choose your time zone.' })
		.refine(isTimeZone, { error: 'Choose a time zone from the list.' }),
	applicationNote: z.string().trim().max(1000, { error: 'Keep it under 1,000 characters.' }).default(''),
})

export const ChangePasswordSchema = z
	.object({
		currentPassword: z
			.string({ error: 'Enter your current password.' })
			.min(1, { error: 'Enter your current password.' }),
		newPassword,
		confirmPassword: z.string({ error: 'Repeat the new password.' }),
	})
	.refine((value) => value.newPassword === value.confirmPassword, {
		path: ['confirmPassword'],
		error: 'The passwords do not match.',
	})
	.refine((value) => value.newPassword !== value.currentPassword, {
		path: ['newPassword'],
		error: 'Choose a password different from the current one.',
	})
