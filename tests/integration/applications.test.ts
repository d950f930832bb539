import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { users } from '#db/schema.ts'
import { listPendingApplications, reviewApplication } from '#app/features/accounts/applications.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createUser } from '#tests/support/factories.ts'

test('lists only pending applicants, oldest first, with their profile', async () => {
	const admin = await createUser({ role: 'admin' })
	const first = await createUser({ status: 'applicant', name: 'First Applicant' })
	const second = await createUser({ status: 'applicant', name: 'Second Applicant' })
	db.update(users)
		.set({ createdAt: new Date('2026-01-01T00:00:00Z') })
		.where(eq(users.id, second.id))
		.run()
	const pending = listPendingApplications()
	expect(pending.map((row) => row.id)).toEqual([second.id, first.id])
	expect(pending.map((row) => row.id)).not.toContain(admin.id)
	expect(pending[0]).toMatchObject({
		name: 'Second Applicant',
		title: 'Chief Marketing Officer',
		sectorTitle: 'Supermarkets and Other Grocery Retailers (except Convenience Retailers)',
	})
})

test('approval activates the applicant and records who reviewed it', async () => {
	const admin = await createUser({ role: 'admin' })
	const applicant = await createUser({ status: 'applicant' })
	expect(reviewApplication(admin.id, applicant.id, 'approve')).toEqual({ ok: true, name: applicant.name })
	const row = db.select().from(users).where(eq(users.id, applicant.id)).get()
	expect(row).toMatchObject({ status: 'active', reviewedBy: admin.id })
	expect(row!.reviewedAt).toBeInstanceOf(Date)
})

test('rejection marks the applicant rejected', async () => {
	const admin = await createUser({ role: 'admin' })
	const applicant = await createUser({ status: 'applicant' })
	expect(reviewApplication(admin.id, applicant.id, 'reject').ok).toBe(true)
	expect(db.select({ status: users.status }).from(users).where(eq(users.id, applicant.id)).get()).toEqual({
		status: 'rejected',
	})
})

test('a second decision, or one about a non-applicant, is refused and changes nothing', async () => {
	const admin = await createUser({ role: 'admin' })
	const applicant = await createUser({ status: 'applicant' })
	reviewApplication(admin.id, applicant.id, 'approve')
	const refused = {
		ok: false,
		code: 'not-pending',
		message: 'This application has already been reviewed or no longer exists.',
	}
	expect(reviewApplication(admin.id, applicant.id, 'reject')).toEqual(refused)
	expect(db.select({ status: users.status }).from(users).where(eq(users.id, applicant.id)).get()).toEqual({
		status: 'active',
	})
	const suspended = await createUser({ status: 'suspended' })
	expect(reviewApplication(admin.id, suspended.id, 'approve')).toEqual(refused)
	expect(reviewApplication(admin.id, 'usr_missing', 'approve')).toEqual(refused)
})
