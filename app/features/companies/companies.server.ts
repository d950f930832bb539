import { eq } from 'drizzle-orm'
import { companies, companySectorCodes } from '#db/schema.ts'
import type { AppDatabase } from '#db/client.ts'

type Writer = Pick<AppDatabase, 'select' | 'insert'>

/** How two spellings of one company compare: case and spacing do not matter. */
export function companyNameKey(name: string) {
	return tidyCompanyName(name).toLowerCase()
}

function tidyCompanyName(name: string) {
	return name.trim().replace(/\s+/g, ' ')
}

export function newCompanyId() {
	return `cmp_${crypto.randomUUID().replaceAll('-', '')}`
}

/**
 * The company with this name, created (as its own corporate family, with `primaryCode`) when
 * nobody named it before. Runs inside the caller's transaction.
 */
export function findOrCreateCompany(tx: Writer, name: string, primaryCode: string) {
	const nameKey = companyNameKey(name)
	const existing = tx.select({ id: companies.id }).from(companies).where(eq(companies.nameKey, nameKey)).get()
	if (existing) return existing.id
	const id = newCompanyId()
	tx.insert(companies)
		.values({ id, name: tidyCompanyName(name), nameKey, familyId: id })
		.run()
	tx.insert(companySectorCodes).values({ companyId: id, code: primaryCode, isPrimary: true }).run()
	return id
}
