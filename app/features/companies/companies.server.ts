import { eq } from 'drizzle-orm'
import { companies, companySectorCodes } from '#db/schema.ts'
import type { AppDatabase } from '#db/client.ts'

type Writer = Pick<AppDatabase, 'select' | 'insert'>

/** The company already known under this name (case and spacing do not matter), if any. */
export function findCompanyByName(tx: Pick<AppDatabase, 'select'>, name: string) {
	return tx
		.select({ id: companies.id, name: companies.name, familyId: companies.familyId })
		.from(companies)
		.where(eq(companies.nameKey, companyNameKey(name)))
		.get()
}

/** How two spellings of one company compare: case and spacing do not matter. */
export function companyNameKey(name: string) {
	return tidyCompanyName(name).toLowerCase()
}

/** A company name as stored: trimmed, with runs of whitespace made one space. */
export function tidyCompanyName(name: string) {
	return name.trim().replace(/\s+/g, ' ')
}

export function newCompanyId() {
	return `cmp_${crypto.randomUUID().replaceAll('-', '')}`
}

/**
 * The company with this name, created (as its own corporate family, with `primaryCode` when
 * known) when nobody named it before. Runs inside the caller's transaction.
 */
export function findOrCreateCompany(tx: Writer, name: string, primaryCode: string | null) {
	const nameKey = companyNameKey(name)
	const existing = tx.select({ id: companies.id }).from(companies).where(eq(companies.nameKey, nameKey)).get()
	if (existing) return existing.id
	const id = newCompanyId()
	tx.insert(companies)
		.values({ id, name: tidyCompanyName(name), nameKey, familyId: id })
		.run()
	if (primaryCode) tx.insert(companySectorCodes).values({ companyId: id, code: primaryCode, isPrimary: true }).run()
	return id
}
