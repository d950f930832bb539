import { faker } from '@faker-js/faker'
import { memberProfiles, users, type MembershipStatus, type Role } from '#db/schema.ts'
import { newUserId } from '#app/features/accounts/accounts.server.ts'
import { findOrCreateCompany } from '#app/features/companies/companies.server.ts'
import { db } from '#app/utils/db.server.ts'
import { hashPassword } from '#app/utils/password.server.ts'

export const testPassword = 'correct horse battery staple'
let testPasswordHash: Promise<string> | undefined

/** Inserts a user with a profile straight into the test database (argon2 runs once per file). */
export async function createUser(
	overrides: {
		status?: MembershipStatus
		role?: Role
		email?: string
		name?: string
		company?: string
		sectorCode?: string
	} = {},
) {
	testPasswordHash ??= hashPassword(testPassword)
	const user = {
		id: newUserId(),
		email: overrides.email ?? `${faker.string.alphanumeric(10).toLowerCase()}@example.test`,
		name: overrides.name ?? faker.person.fullName(),
		role: overrides.role ?? 'member',
		status: overrides.status ?? 'active',
		passwordHash: await testPasswordHash,
	}
	db.transaction((tx) => {
		tx.insert(users).values(user).run()
		tx.insert(memberProfiles)
			.values({
				userId: user.id,
				title: 'Chief Marketing Officer',
				companyId: findOrCreateCompany(
					tx,
					overrides.company ?? `${faker.company.name()} ${faker.string.alphanumeric(6)}`,
					overrides.sectorCode ?? '445110',
				),
				region: 'Europe',
				timeZone: 'Europe/Paris',
			})
			.run()
	})
	return { ...user, password: testPassword }
}

let ipCounter = 0
/** A distinct client per call, so rate limits of one test do not leak into another. */
export function uniqueClient() {
	ipCounter += 1
	return { ipAddress: `203.0.113.${ipCounter % 250}:${ipCounter}`, userAgent: 'vitest' }
}
