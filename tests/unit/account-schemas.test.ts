import { describe, expect, test } from 'vitest'
import { ChangePasswordSchema, JoinSchema, LoginSchema } from '#app/features/accounts/schemas.ts'

const application = {
	name: 'Nadia Osei',
	email: '  Nadia.Osei@Example.COM ',
	password: 'a long enough password',
	title: 'CMO',
	company: 'Kestrel Foods',
	sector: '44',
	region: 'Europe',
	timeZone: 'Europe/London',
}

function fieldErrors(result: {
	success: boolean
	error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
}) {
	return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))
}

describe('JoinSchema', () => {
	test('normalises the email and accepts a complete application', () => {
		const result = JoinSchema.safeParse(application)
		expect(result.success).toBe(true)
		expect(result.data?.email).toBe('nadia.osei@example.com')
		expect(result.data?.applicationNote).toBe('')
	})

	test('names every wrong field with a specific message', () => {
		const result = JoinSchema.safeParse({
			...application,
			email: 'nadia',
			password: 'short',
			sector: 'groceries',
			region: 'Mars',
			timeZone: 'Mars/Olympus',
		})
		expect(fieldErrors(result)).toEqual({
			email: 'Enter a valid email address, like name@company.com.',
			password: 'Use at least 10 characters.',
			sector: 'Pick an industry from the list, or type its NAICS code.',
			region: 'Choose your region.',
			timeZone: 'Choose a time zone from the list.',
		})
	})

	test('requires name, title and company (blank after trimming counts as missing)', () => {
		const result = JoinSchema.safeParse({ ...application, name: ' ', title: '', company: undefined })
		expect(fieldErrors(result)).toMatchObject({
			title: 'Your title is required.',
			company: 'Your company is required.',
		})
		expect(fieldErrors(result).name).toMatch(/Your name/)
	})
})

describe('LoginSchema', () => {
	test('asks for the password when it is empty', () => {
		expect(fieldErrors(LoginSchema.safeParse({ email: 'a@b.co', password: '' }))).toEqual({
			password: 'Enter your password.',
		})
	})
})

describe('ChangePasswordSchema', () => {
	test('requires the repeat to match and the new password to differ', () => {
		expect(
			fieldErrors(
				ChangePasswordSchema.safeParse({
					currentPassword: 'old password 1',
					newPassword: 'new password 1',
					confirmPassword: 'new password 2',
				}),
			),
		).toEqual({
			confirmPassword: 'The passwords do not match.',
		})
		expect(
			fieldErrors(
				ChangePasswordSchema.safeParse({
					currentPassword: 'same password',
					newPassword: 'same password',
					confirmPassword: 'same password',
				}),
			),
		).toEqual({
			newPassword: 'Choose a password different from the current one.',
		})
	})
})
