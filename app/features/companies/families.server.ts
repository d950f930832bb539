/**
 * Admin editing of companies and corporate families. A family is a tree of companies linked by
 * `parent_id`; every company carries its root's id in `family_id`, which the conflict policy
 * compares (rule 2, and through declared competitors and past roles rules 3 and 4). Moving a
 * company therefore recompiles the conflict keys of everyone tied to the families involved and
 * re-checks their connections, in the same transaction as the move.
 */
import { desc, eq, sql } from 'drizzle-orm'
import { companies, companySectorCodes, naicsCodes } from '#db/schema.ts'
import { groupBy } from '#app/utils/collections.ts'
import { db } from '#app/utils/db.server.ts'
import { rebuildConflictKeys } from '../conflicts/conflict-keys.server.ts'
import { syncConnectionSuspensions } from '../conflicts/conflicts.server.ts'
import { companyNameKey, tidyCompanyName } from './companies.server.ts'
import { companiesPerPage, CompanyNameSchema, type CompanyListQuery } from './company-schemas.ts'

export type CompanyListRow = {
	id: string
	name: string
	parentId: string | null
	familyId: string
	/** The family root's name (the company's own name when it is a root). */
	familyName: string | null
	/** Companies in the family, this one included. */
	familySize: number
	/** People with a profile at this company. */
	members: number
	sectorCode: string | null
	sectorTitle: string | null
}

// The primary NAICS code (one per company; min() keeps a row per company even if data says otherwise).
const primaryCodeJoin = sql`left join company_sector_codes pc on pc.company_id = c.id
		and pc.code = (select min(code) from company_sector_codes where company_id = c.id and is_primary = 1)
	left join naics_codes pn on pn.code = pc.code`
const membersAt = sql`(select count(*) from member_profiles p where p.company_id = c.id)`

/** Matches as the name key does; names that start with the text come first. */
function nameMatch(text: string) {
	const key = companyNameKey(text)
	return key
		? { where: sql`instr(c.name_key, ${key}) > 0`, order: sql`instr(c.name_key, ${key}) = 1 desc, c.name_key` }
		: { where: sql`1 = 1`, order: sql`c.name_key` }
}

/** One page of companies for admins, by name, with family, member count and primary code. Two queries. */
export function listCompanies(query: CompanyListQuery) {
	const page = Math.max(1, Math.trunc(query.page))
	const match = nameMatch(query.q)
	const rows = db.all<CompanyListRow>(sql`select c.id, c.name, c.parent_id as parentId, c.family_id as familyId,
			root.name as familyName,
			(select count(*) from companies f where f.family_id = c.family_id) as familySize,
			${membersAt} as members, pc.code as sectorCode, pn.title as sectorTitle
		from companies c
		left join companies root on root.id = c.family_id
		${primaryCodeJoin}
		where ${match.where}
		order by ${match.order}
		limit ${companiesPerPage} offset ${(page - 1) * companiesPerPage}`)
	const total =
		db.get<{ total: number }>(sql`select count(*) as total from companies c where ${match.where}`)?.total ?? 0
	return {
		rows,
		total,
		page,
		pageSize: companiesPerPage,
		pageCount: Math.max(1, Math.ceil(total / companiesPerPage)),
	}
}

type FamilyRow = {
	id: string
	name: string
	parentId: string | null
	members: number
	sectorCode: string | null
	sectorTitle: string | null
}

export type FamilyNode = FamilyRow & { children: FamilyNode[] }

/** Nests a family's rows under their parents; a row whose parent is missing becomes a top node. */
function nestFamily(rows: readonly FamilyRow[]) {
	const ids = new Set(rows.map((row) => row.id))
	const childrenOf = groupBy(
		rows.filter((row) => row.parentId !== null && ids.has(row.parentId)),
		(row) => row.parentId!,
	)
	const seen = new Set<string>()
	const nest = (row: FamilyRow): FamilyNode => {
		seen.add(row.id)
		const children = (childrenOf.get(row.id) ?? []).filter((child) => !seen.has(child.id))
		return { ...row, children: children.map(nest) }
	}
	return rows.filter((row) => row.parentId === null || !ids.has(row.parentId)).map(nest)
}

function subtreeIdsOf(tree: readonly FamilyNode[], companyId: string): string[] {
	for (const node of tree) {
		if (node.id === companyId) {
			const ids: string[] = []
			const collect = (current: FamilyNode) => {
				ids.push(current.id)
				current.children.forEach(collect)
			}
			collect(node)
			return ids
		}
		const found = subtreeIdsOf(node.children, companyId)
		if (found.length > 0) return found
	}
	return []
}

/** A company, its whole family as a tree (members per company) and its sector codes. Three queries. */
export function getCompanyDetail(companyId: string) {
	const company = db
		.select({
			id: companies.id,
			name: companies.name,
			parentId: companies.parentId,
			familyId: companies.familyId,
		})
		.from(companies)
		.where(eq(companies.id, companyId))
		.get()
	if (!company) return null
	const familyRows = db.all<FamilyRow>(sql`select c.id, c.name, c.parent_id as parentId, ${membersAt} as members,
			pc.code as sectorCode, pn.title as sectorTitle
		from companies c
		${primaryCodeJoin}
		where c.family_id = ${company.familyId}
		order by c.name_key`)
	const sectorCodes = db
		.select({ code: companySectorCodes.code, title: naicsCodes.title, isPrimary: companySectorCodes.isPrimary })
		.from(companySectorCodes)
		.innerJoin(naicsCodes, eq(naicsCodes.code, companySectorCodes.code))
		.where(eq(companySectorCodes.companyId, companyId))
		.orderBy(desc(companySectorCodes.isPrimary), companySectorCodes.code)
		.all()
	const byId = new Map(familyRows.map((row) => [row.id, row]))
	const tree = nestFamily(familyRows)
	const parent = company.parentId ? byId.get(company.parentId) : undefined
	return {
		company,
		parent: parent ? { id: parent.id, name: parent.name } : null,
		root: byId.get(company.familyId) ?? null,
		tree,
		familySize: familyRows.length,
		familyMembers: familyRows.reduce((sum, row) => sum + row.members, 0),
		/** The company and everything under it: what moves with it. */
		subtreeIds: subtreeIdsOf(tree, companyId),
		sectorCodes,
	}
}

export type ParentCandidate = { id: string; name: string; familyName: string | null; familySize: number }

/**
 * Companies whose name matches `text` that `companyId` could go under: never itself or one of
 * its descendants (that would be a cycle). One query.
 */
export function findParentCandidates(companyId: string, text: string, limit = 10) {
	if (!companyNameKey(text)) return []
	const match = nameMatch(text)
	return db.all<ParentCandidate>(sql`with recursive subtree(id) as (
			select ${companyId} union select c.id from companies c join subtree s on c.parent_id = s.id
		)
		select c.id, c.name, root.name as familyName,
			(select count(*) from companies f where f.family_id = c.family_id) as familySize
		from companies c
		left join companies root on root.id = c.family_id
		where ${match.where} and c.id not in (select id from subtree)
		order by ${match.order}
		limit ${limit}`)
}

// ——— Changes ———

type CompanyRef = { id: string; name: string }

export type FamilyChangeError = {
	ok: false
	code: 'unknown-company' | 'unknown-parent' | 'cycle'
	message: string
}

export type FamilyChange = {
	ok: true
	company: CompanyRef
	parent: CompanyRef | null
	previousParent: CompanyRef | null
	/** False when the company already sat where it was asked to go: nothing was rebuilt. */
	changed: boolean
	/** Companies that changed family: the company and everything under it. */
	movedCompanies: number
	familyId: string
	previousFamilyId: string
	/** Members whose conflict keys were rebuilt and whose connections were re-checked. */
	membersRechecked: number
	keys: { members: number; keys: number }
	connections: { suspended: number; restored: number }
}

function findCompany(id: string) {
	return db
		.select({ id: companies.id, name: companies.name, parentId: companies.parentId, familyId: companies.familyId })
		.from(companies)
		.where(eq(companies.id, id))
		.get()
}

/** Whether `ancestorId` is `companyId` itself or above it in its tree (walks up from `companyId`). */
function isAtOrAbove(ancestorId: string, companyId: string) {
	const row = db.get<{ found: number }>(sql`with recursive ancestors(id) as (
			select ${companyId} union select c.parent_id from companies c join ancestors a on c.id = a.id
			where c.parent_id is not null
		)
		select exists (select 1 from ancestors where id = ${ancestorId}) as found`)
	return row?.found === 1
}

/**
 * Everyone whose conflict keys carry a family id of these families: members at one of their
 * companies (`family:`), who worked at one (`past-family:`) or declared one a competitor
 * (`avoids-family:`). Any pair whose verdict a family change can flip has a member in this set.
 */
function membersTiedToFamilies(familyIds: readonly string[]) {
	const inFamilies = sql`(select id from companies where family_id in (${sql.join(
		familyIds.map((id) => sql`${id}`),
		sql`, `,
	)}))`
	return db
		.all<{ userId: string }>(
			sql`select user_id as userId from member_profiles where company_id in ${inFamilies}
			union select user_id from past_roles where company_id in ${inFamilies}
			union select user_id from declared_competitors where company_id in ${inFamilies}`,
		)
		.map((row) => row.userId)
}

/**
 * Puts a company (with everything under it) under `parentId`, or makes it the root of its own
 * family when `parentId` is null. Refuses unknown ids and cycles. In one transaction: the move,
 * the new `family_id` of the moved subtree, the conflict keys of everyone tied to the old or
 * new family, and the suspension or restoration of their accepted connections.
 */
export function setParentCompany(
	companyId: string,
	parentId: string | null,
	now = Date.now(),
): FamilyChange | FamilyChangeError {
	return db.transaction((): FamilyChange | FamilyChangeError => {
		const company = findCompany(companyId)
		if (!company) return { ok: false, code: 'unknown-company', message: 'That company does not exist.' }
		const parent = parentId === null ? null : findCompany(parentId)
		if (parentId !== null && !parent)
			return { ok: false, code: 'unknown-parent', message: 'That parent company does not exist. Search again.' }
		if (parent?.id === company.id)
			return { ok: false, code: 'cycle', message: `${company.name} cannot be its own parent.` }
		if (parent && isAtOrAbove(company.id, parent.id))
			return {
				ok: false,
				code: 'cycle',
				message: `${parent.name} is under ${company.name} in its family tree, so it cannot also be its parent. Move ${parent.name} out first.`,
			}
		const previousParentRow = company.parentId ? findCompany(company.parentId) : undefined
		const previousParent = previousParentRow ? { id: previousParentRow.id, name: previousParentRow.name } : null
		const familyId = parent ? parent.familyId : company.id
		const unchanged = {
			ok: true as const,
			company: { id: company.id, name: company.name },
			parent: parent ? { id: parent.id, name: parent.name } : null,
			previousParent,
			changed: false,
			movedCompanies: 0,
			familyId: company.familyId,
			previousFamilyId: company.familyId,
			membersRechecked: 0,
			keys: { members: 0, keys: 0 },
			connections: { suspended: 0, restored: 0 },
		}
		if ((company.parentId ?? null) === (parent?.id ?? null) && company.familyId === familyId) return unchanged

		db.update(companies)
			.set({ parentId: parent?.id ?? null })
			.where(eq(companies.id, company.id))
			.run()
		const moved = db.run(sql`with recursive subtree(id) as (
				select ${company.id} union select c.id from companies c join subtree s on c.parent_id = s.id
			)
			update companies set family_id = ${familyId} where id in (select id from subtree)`)
		// Only the moved subtree's family id changed, but the whole old and new families are cheap to re-check.
		const userIds = membersTiedToFamilies([...new Set([company.familyId, familyId])])
		const keys = rebuildConflictKeys(db, userIds, now)
		const connections = syncConnectionSuspensions({ userIds }, now)
		return {
			...unchanged,
			changed: true,
			movedCompanies: moved.changes,
			familyId,
			membersRechecked: userIds.length,
			keys,
			connections,
		}
	})
}

export type CompanyRename =
	| { ok: true; company: CompanyRef; previousName: string; changed: boolean }
	| { ok: false; code: 'unknown-company' | 'invalid-name'; message: string }
	| { ok: false; code: 'name-taken'; message: string; takenBy: CompanyRef }

/**
 * Renames a company, tidied as at sign-up. A name whose key another company already has is
 * refused: two records of one business belong in one family, not under one name. The
 * directory's search index follows through its trigger on `companies.name`.
 */
export function renameCompany(companyId: string, name: string): CompanyRename {
	const parsed = CompanyNameSchema.safeParse(name)
	if (!parsed.success)
		return { ok: false, code: 'invalid-name', message: parsed.error.issues[0]?.message ?? 'Enter the company name.' }
	const tidy = tidyCompanyName(parsed.data)
	const nameKey = companyNameKey(tidy)
	return db.transaction((): CompanyRename => {
		const company = findCompany(companyId)
		if (!company) return { ok: false, code: 'unknown-company', message: 'That company does not exist.' }
		const holder = db
			.select({ id: companies.id, name: companies.name })
			.from(companies)
			.where(eq(companies.nameKey, nameKey))
			.get()
		if (holder && holder.id !== company.id)
			return {
				ok: false,
				code: 'name-taken',
				message: `Another company is already called “${holder.name}”. If they are one business or sister companies, put them in one family instead.`,
				takenBy: holder,
			}
		if (company.name === tidy)
			return { ok: true, company: { id: company.id, name: tidy }, previousName: company.name, changed: false }
		db.update(companies).set({ name: tidy, nameKey }).where(eq(companies.id, company.id)).run()
		return { ok: true, company: { id: company.id, name: tidy }, previousName: company.name, changed: true }
	})
}
