/**
 * The competitor-conflict policy: the product's core promise, in one pure module.
 *
 * `evaluateConflict` is the rule itself, over two member snapshots. Lists (directory, search,
 * suggestions) cannot call it once per row, so `conflictKeysOf` / `forbiddenKeysFor` compile the
 * same rule into keys that SQL can match in one set-based query: a candidate conflicts with a
 * viewer exactly when one of the candidate's active keys is among the viewer's forbidden keys.
 * A property test holds the two forms equal.
 */
import { sectorOf } from '../sectors/naics.ts'

export const sectorLevels = [2, 3, 4, 5, 6] as const
export type SectorLevel = (typeof sectorLevels)[number]

export const sectorLevelNames: Record<SectorLevel, string> = {
	2: 'sector',
	3: 'subsector',
	4: 'industry group',
	5: 'industry',
	6: 'national industry',
}

export type PolicySettings = {
	/** Digits of NAICS codes that must match for "same sector" (default 4, industry group). */
	sectorLevel: SectorLevel
	/** How long a past employer still counts after the member left (default 12 months). */
	coolingOffMonths: number
}

export const defaultPolicySettings: PolicySettings = { sectorLevel: 4, coolingOffMonths: 12 }

export type CompanyRef = {
	id: string
	/** The root of the company's corporate family (parent, subsidiaries and affiliates share it). */
	familyId: string
	name: string
	/** NAICS 2022 codes of 2 to 6 digits, primary first. */
	sectorCodes: readonly string[]
}

export type PastRole = { company: CompanyRef; endedAt: number }

export type MemberSnapshot = {
	userId: string
	company: CompanyRef
	pastRoles: readonly PastRole[]
	/** Corporate families of the companies this member declared as competitors. */
	declaredCompetitorFamilyIds: readonly string[]
	/** Private "don't introduce me" list: people and companies. */
	blockedUserIds: readonly string[]
	blockedCompanyIds: readonly string[]
}

export type ConflictRule =
	'same-sector' | 'same-company' | 'declared-competitor' | 'recent-employer' | 'do-not-introduce'

export type SectorMatch = { level: SectorLevel; code: string }

export type ConflictReason =
	| { rule: 'same-sector'; match: SectorMatch }
	| { rule: 'same-company'; companyName: string }
	| { rule: 'declared-competitor'; declaredBy: string; companyName: string }
	| {
			rule: 'recent-employer'
			formerEmployee: string
			formerEmployer: string
			because: { rule: 'same-sector'; match: SectorMatch } | { rule: 'same-company' } | { rule: 'declared-competitor' }
	  }
	| { rule: 'do-not-introduce'; listedBy: string }

export type ConflictVerdict = { conflicted: false } | { conflicted: true; reasons: ConflictReason[] }

/** The end of a past role's cooling-off period (calendar months, in UTC). */
export function coolingOffEndsAt(endedAt: number, months: number) {
	const end = new Date(endedAt)
	end.setUTCMonth(end.getUTCMonth() + months)
	return end.getTime()
}

function prefixAt(code: string, level: number) {
	return level === 2 ? sectorOf(code) : code.slice(0, level)
}

/** The level at which a code is compared: the configured level, or coarser if the code is shorter. */
function comparableLevel(code: string, settings: PolicySettings) {
	return Math.min(settings.sectorLevel, code.length) as SectorLevel
}

/**
 * Same sector when any pair of codes matches at the configured level. A code known only to
 * fewer digits is compared at its own precision: when in doubt, we keep people apart.
 */
export function matchSectors(a: readonly string[], b: readonly string[], settings: PolicySettings): SectorMatch | null {
	for (const codeA of a) {
		for (const codeB of b) {
			const level = Math.min(comparableLevel(codeA, settings), comparableLevel(codeB, settings)) as SectorLevel
			if (prefixAt(codeA, level) === prefixAt(codeB, level)) return { level, code: prefixAt(codeA, level) }
		}
	}
	return null
}

function activePastRoles(member: MemberSnapshot, settings: PolicySettings, now: number) {
	return member.pastRoles.filter((role) => coolingOffEndsAt(role.endedAt, settings.coolingOffMonths) > now)
}

/** Rules 1–3 between two companies, as seen from members who declared competitors. */
function companyConflict(
	companyA: CompanyRef,
	declaredByA: readonly string[],
	companyB: CompanyRef,
	declaredByB: readonly string[],
	settings: PolicySettings,
) {
	const match = matchSectors(companyA.sectorCodes, companyB.sectorCodes, settings)
	return {
		sector: match,
		family: companyA.familyId === companyB.familyId,
		declaredByA: declaredByA.includes(companyB.familyId),
		declaredByB: declaredByB.includes(companyA.familyId),
	}
}

function recentEmployerReasons(former: MemberSnapshot, other: MemberSnapshot, settings: PolicySettings, now: number) {
	const reasons: ConflictReason[] = []
	for (const role of activePastRoles(former, settings, now)) {
		// Rule 3 for a past employer: the other member declared it a competitor.
		const found = companyConflict(role.company, [], other.company, other.declaredCompetitorFamilyIds, settings)
		const because = found.family
			? ({ rule: 'same-company' } as const)
			: found.sector
				? ({ rule: 'same-sector', match: found.sector } as const)
				: found.declaredByB
					? ({ rule: 'declared-competitor' } as const)
					: null
		if (because)
			reasons.push({
				rule: 'recent-employer',
				formerEmployee: former.userId,
				formerEmployer: role.company.name,
				because,
			})
	}
	return reasons
}

function privateReasons(lister: MemberSnapshot, other: MemberSnapshot): ConflictReason[] {
	const listed = lister.blockedUserIds.includes(other.userId) || lister.blockedCompanyIds.includes(other.company.id)
	return listed ? [{ rule: 'do-not-introduce', listedBy: lister.userId }] : []
}

/** Whether two members may meet, and every reason they may not. Symmetric by construction. */
export function evaluateConflict(
	a: MemberSnapshot,
	b: MemberSnapshot,
	settings: PolicySettings,
	now: number,
): ConflictVerdict {
	if (a.userId === b.userId) return { conflicted: false }
	const reasons: ConflictReason[] = []
	const current = companyConflict(
		a.company,
		a.declaredCompetitorFamilyIds,
		b.company,
		b.declaredCompetitorFamilyIds,
		settings,
	)
	if (current.family) reasons.push({ rule: 'same-company', companyName: b.company.name })
	if (current.sector) reasons.push({ rule: 'same-sector', match: current.sector })
	if (current.declaredByA)
		reasons.push({ rule: 'declared-competitor', declaredBy: a.userId, companyName: b.company.name })
	if (current.declaredByB)
		reasons.push({ rule: 'declared-competitor', declaredBy: b.userId, companyName: a.company.name })
	reasons.push(...recentEmployerReasons(a, b, settings, now), ...recentEmployerReasons(b, a, settings, now))
	reasons.push(...privateReasons(a, b), ...privateReasons(b, a))
	return reasons.length > 0 ? { conflicted: true, reasons } : { conflicted: false }
}

// ——— The same rule as keys, for set-based queries ———

export type ConflictKey = { key: string; expiresAt: number | null }

function sectorKeys(prefix: string, codes: readonly string[], settings: PolicySettings) {
	const keys: string[] = []
	for (const code of codes) {
		const top = comparableLevel(code, settings)
		keys.push(`${prefix}top:${top}:${prefixAt(code, top)}`)
		for (let level = 2; level <= top; level++) keys.push(`${prefix}any:${level}:${prefixAt(code, level)}`)
	}
	return keys
}

/** Keys a candidate whose codes match `codes` would carry (see matchSectors). */
function sectorForbidden(prefix: string, codes: readonly string[], settings: PolicySettings) {
	const keys: string[] = []
	for (const code of codes) {
		const top = comparableLevel(code, settings)
		keys.push(`${prefix}any:${top}:${prefixAt(code, top)}`)
		for (let level = 2; level <= top; level++) keys.push(`${prefix}top:${level}:${prefixAt(code, level)}`)
	}
	return keys
}

/** What a member is, was and avoids, stored per member and matched against forbiddenKeysFor. */
export function conflictKeysOf(member: MemberSnapshot, settings: PolicySettings, now: number): ConflictKey[] {
	const permanent = [
		...sectorKeys('sector-', member.company.sectorCodes, settings),
		`family:${member.company.familyId}`,
		`user:${member.userId}`,
		`company:${member.company.id}`,
		...member.declaredCompetitorFamilyIds.map((familyId) => `avoids-family:${familyId}`),
		...member.blockedUserIds.map((userId) => `blocks-user:${userId}`),
		...member.blockedCompanyIds.map((companyId) => `blocks-company:${companyId}`),
	].map((key) => ({ key, expiresAt: null }))
	const expiring = activePastRoles(member, settings, now).flatMap((role) => {
		const expiresAt = coolingOffEndsAt(role.endedAt, settings.coolingOffMonths)
		return [
			...sectorKeys('past-sector-', role.company.sectorCodes, settings),
			`past-family:${role.company.familyId}`,
		].map((key) => ({
			key,
			expiresAt,
		}))
	})
	return dedupeKeys([...permanent, ...expiring])
}

/** Keys that, active on a candidate, mean the candidate conflicts with this viewer. */
export function forbiddenKeysFor(viewer: MemberSnapshot, settings: PolicySettings, now: number): string[] {
	const viewerPast = activePastRoles(viewer, settings, now)
	const keys = [
		// 1. same sector; 2. same family; 3. declared by either side
		...sectorForbidden('sector-', viewer.company.sectorCodes, settings),
		`family:${viewer.company.familyId}`,
		...viewer.declaredCompetitorFamilyIds.map((familyId) => `family:${familyId}`),
		`avoids-family:${viewer.company.familyId}`,
		// 4. the viewer's recent employers against the candidate's current company
		...viewerPast.flatMap((role) => [
			...sectorForbidden('sector-', role.company.sectorCodes, settings),
			`family:${role.company.familyId}`,
			`avoids-family:${role.company.familyId}`,
		]),
		// 4. the candidate's recent employers against the viewer's current company
		...sectorForbidden('past-sector-', viewer.company.sectorCodes, settings),
		`past-family:${viewer.company.familyId}`,
		...viewer.declaredCompetitorFamilyIds.map((familyId) => `past-family:${familyId}`),
		// 5. either side's private list
		...viewer.blockedUserIds.map((userId) => `user:${userId}`),
		...viewer.blockedCompanyIds.map((companyId) => `company:${companyId}`),
		`blocks-user:${viewer.userId}`,
		`blocks-company:${viewer.company.id}`,
	]
	return [...new Set(keys)]
}

function dedupeKeys(keys: ConflictKey[]) {
	const byKey = new Map<string, ConflictKey>()
	for (const entry of keys) {
		const known = byKey.get(entry.key)
		// A key carried both permanently and by a past role lives as long as the longest.
		if (!known || (known.expiresAt !== null && (entry.expiresAt === null || entry.expiresAt > known.expiresAt)))
			byKey.set(entry.key, entry)
	}
	return [...byKey.values()]
}

// ——— What each member is told ———

const ruleLabels: Record<Exclude<ConflictRule, 'do-not-introduce'>, string> = {
	'same-sector': 'Same',
	'same-company': 'Same company or corporate family',
	'declared-competitor': 'Declared competitor',
	'recent-employer': 'Recent employer',
}

export type ConflictExplanation = { rule: ConflictRule | 'not-available'; message: string }

/**
 * One sentence for the viewer. The private rule is never revealed to the member who was
 * listed: if it is the only reason, they see a neutral "not available".
 */
export function explainConflict(
	verdict: Extract<ConflictVerdict, { conflicted: true }>,
	viewerId: string,
	naicsTitle: (code: string) => string | undefined,
): ConflictExplanation {
	const sectorText = (match: SectorMatch) => {
		const title = naicsTitle(match.code)
		return `${sectorLevelNames[match.level]}: ${match.code}${title ? ` ${title}` : ''}`
	}
	for (const reason of verdict.reasons) {
		switch (reason.rule) {
			case 'same-sector':
				return { rule: reason.rule, message: `Same ${sectorText(reason.match)}` }
			case 'same-company':
				return { rule: reason.rule, message: `${ruleLabels[reason.rule]}: ${reason.companyName}` }
			case 'declared-competitor':
				return {
					rule: reason.rule,
					message:
						reason.declaredBy === viewerId
							? `${ruleLabels[reason.rule]}: you listed ${reason.companyName} as a competitor`
							: `${ruleLabels[reason.rule]}: ${reason.companyName} is listed as a competitor`,
				}
			case 'recent-employer': {
				const who = reason.formerEmployee === viewerId ? 'you recently worked at' : 'they recently worked at'
				const why =
					reason.because.rule === 'same-sector'
						? `same ${sectorText(reason.because.match)}`
						: reason.because.rule === 'same-company'
							? 'same corporate family'
							: 'a declared competitor'
				return { rule: reason.rule, message: `${ruleLabels[reason.rule]}: ${who} ${reason.formerEmployer} (${why})` }
			}
			case 'do-not-introduce':
				if (reason.listedBy === viewerId) return { rule: reason.rule, message: 'On your “don’t introduce me” list' }
		}
	}
	return { rule: 'not-available', message: 'This member is not available.' }
}

/** Rules as logged: the private rule is recorded, but only admins ever read the log. */
export function rulesOf(verdict: Extract<ConflictVerdict, { conflicted: true }>): ConflictRule[] {
	return [...new Set(verdict.reasons.map((reason) => reason.rule))]
}
