import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	conflictKeysOf,
	defaultPolicySettings,
	evaluateConflict,
	explainConflict,
	forbiddenKeysFor,
	matchSectors,
	rulesOf,
	sectorLevels,
	type CompanyRef,
	type ConflictVerdict,
	type MemberSnapshot,
	type PolicySettings,
} from '#app/features/conflicts/policy.ts'

const now = Date.UTC(2026, 10, 23)
const monthsAgo = (months: number) => Date.UTC(2026, 10 - months, 23)
const settings = defaultPolicySettings

const company = (id: string, sectorCodes: string[], familyId = id): CompanyRef => ({
	id,
	familyId,
	name: `Company ${id}`,
	sectorCodes,
})
const grocer = company('grocer', ['445110'])
const otherGrocer = company('other-grocer', ['445131'])
const bank = company('bank', ['522110'])
const software = company('software', ['513210'])
const brewery = company('brewery', ['312120'])

function member(userId: string, current: CompanyRef, extra: Partial<MemberSnapshot> = {}): MemberSnapshot {
	return {
		userId,
		company: current,
		pastRoles: [],
		declaredCompetitorFamilyIds: [],
		blockedUserIds: [],
		blockedCompanyIds: [],
		...extra,
	}
}

function rules(verdict: ConflictVerdict) {
	return verdict.conflicted ? rulesOf(verdict) : []
}

describe('each rule alone', () => {
	test('no rule: a grocer and a bank may meet', () => {
		expect(evaluateConflict(member('a', grocer), member('b', bank), settings, now)).toEqual({ conflicted: false })
	})

	test('1. same industry group (4 digits by default)', () => {
		const verdict = evaluateConflict(member('a', grocer), member('b', otherGrocer), settings, now)
		expect(verdict).toEqual({ conflicted: true, reasons: [{ rule: 'same-sector', match: { level: 4, code: '4451' } }] })
	})

	test('1. secondary codes count: a diversified company conflicts through any of its codes', () => {
		const conglomerate = company('conglomerate', ['336111', '522130'])
		expect(rules(evaluateConflict(member('a', conglomerate), member('b', bank), settings, now))).toEqual([
			'same-sector',
		])
	})

	test('1. a code known only to its sector is compared at the sector: when in doubt, apart', () => {
		const retailer = company('retailer', ['44'])
		expect(evaluateConflict(member('a', retailer), member('b', grocer), settings, now)).toEqual({
			conflicted: true,
			reasons: [{ rule: 'same-sector', match: { level: 2, code: '44-45' } }],
		})
	})

	test('1. 31, 32 and 33 are one sector (Manufacturing)', () => {
		const sectorOnly: PolicySettings = { ...settings, sectorLevel: 2 }
		const match = matchSectors(['311811'], ['336111'], sectorOnly)
		expect(match).toEqual({ level: 2, code: '31-33' })
	})

	test('2. same corporate family, across sectors', () => {
		const bankInsurer = company('bank-insurer', ['524126'], 'bank')
		expect(evaluateConflict(member('a', bank), member('b', bankInsurer), settings, now)).toEqual({
			conflicted: true,
			reasons: [{ rule: 'same-company', companyName: 'Company bank-insurer' }],
		})
	})

	test('3. a declared competitor, whichever side declared it', () => {
		const a = member('a', software, { declaredCompetitorFamilyIds: ['bank'] })
		const verdict = evaluateConflict(a, member('b', bank), settings, now)
		expect(verdict).toEqual({
			conflicted: true,
			reasons: [{ rule: 'declared-competitor', declaredBy: 'a', companyName: 'Company bank' }],
		})
		expect(rules(evaluateConflict(member('b', bank), a, settings, now))).toEqual(['declared-competitor'])
	})

	test('4. a recent employer in the other’s industry conflicts until the cooling-off ends', () => {
		const recent = member('a', software, { pastRoles: [{ company: otherGrocer, endedAt: monthsAgo(3) }] })
		expect(evaluateConflict(recent, member('b', grocer), settings, now)).toEqual({
			conflicted: true,
			reasons: [
				{
					rule: 'recent-employer',
					formerEmployee: 'a',
					formerEmployer: 'Company other-grocer',
					because: { rule: 'same-sector', match: { level: 4, code: '4451' } },
				},
			],
		})
		const longAgo = member('a', software, { pastRoles: [{ company: otherGrocer, endedAt: monthsAgo(13) }] })
		expect(evaluateConflict(longAgo, member('b', grocer), settings, now)).toEqual({ conflicted: false })
		expect(rules(evaluateConflict(longAgo, member('b', grocer), { ...settings, coolingOffMonths: 24 }, now))).toEqual([
			'recent-employer',
		])
	})

	test('4. a recent employer in the same family, or declared by the other, conflicts too', () => {
		const formerBanker = member('a', software, {
			pastRoles: [{ company: company('bank-sub', ['551111'], 'bank'), endedAt: monthsAgo(1) }],
		})
		expect(evaluateConflict(formerBanker, member('b', bank), settings, now)).toMatchObject({
			reasons: [{ rule: 'recent-employer', because: { rule: 'same-company' } }],
		})
		const formerBrewer = member('a', software, { pastRoles: [{ company: brewery, endedAt: monthsAgo(1) }] })
		const declarer = member('b', bank, { declaredCompetitorFamilyIds: ['brewery'] })
		expect(evaluateConflict(formerBrewer, declarer, settings, now)).toMatchObject({
			reasons: [{ rule: 'recent-employer', because: { rule: 'declared-competitor' } }],
		})
	})

	test('5. the private list, by person or by company, and it stays private', () => {
		const lister = member('a', software, { blockedUserIds: ['b'] })
		const verdict = evaluateConflict(lister, member('b', bank), settings, now)
		expect(verdict).toEqual({ conflicted: true, reasons: [{ rule: 'do-not-introduce', listedBy: 'a' }] })
		const byCompany = member('a', software, { blockedCompanyIds: ['bank'] })
		expect(rules(evaluateConflict(member('b', bank), byCompany, settings, now))).toEqual(['do-not-introduce'])
		if (!verdict.conflicted) throw new Error('expected a conflict')
		expect(explainConflict(verdict, 'b', () => undefined)).toEqual({
			rule: 'not-available',
			message: 'This member is not available.',
		})
		expect(explainConflict(verdict, 'a', () => undefined).message).toBe('On your “don’t introduce me” list')
	})

	test('a member never conflicts with themselves', () => {
		expect(evaluateConflict(member('a', grocer), member('a', grocer), settings, now)).toEqual({ conflicted: false })
	})
})

describe('settings', () => {
	test('the sector level decides how close codes must be', () => {
		const conv = company('convenience', ['445131'])
		const a = member('a', grocer)
		const b = member('b', conv)
		const atLevel = (sectorLevel: PolicySettings['sectorLevel']) =>
			evaluateConflict(a, b, { ...settings, sectorLevel }, now).conflicted
		expect([2, 3, 4, 5, 6].map((level) => atLevel(level as PolicySettings['sectorLevel']))).toEqual([
			true,
			true,
			true,
			false,
			false,
		])
	})
})

describe('explanations', () => {
	test('say which rule, with the NAICS title', () => {
		const verdict = evaluateConflict(member('a', grocer), member('b', otherGrocer), settings, now)
		if (!verdict.conflicted) throw new Error('expected a conflict')
		const titles: Record<string, string> = { '4451': 'Grocery and Convenience Retailers' }
		expect(explainConflict(verdict, 'a', (code) => titles[code])).toEqual({
			rule: 'same-sector',
			message: 'Same industry group: 4451 Grocery and Convenience Retailers',
		})
	})

	test('a public reason is shown even when the private list also applies', () => {
		const lister = member('a', grocer, { blockedUserIds: ['b'] })
		const verdict = evaluateConflict(lister, member('b', otherGrocer), settings, now)
		if (!verdict.conflicted) throw new Error('expected a conflict')
		expect(explainConflict(verdict, 'b', () => undefined).rule).toBe('same-sector')
	})
})

// ——— Properties over random members ———

const codePool = [
	'445110',
	'445131',
	'4451',
	'44',
	'455110',
	'311811',
	'31',
	'336111',
	'522110',
	'5221',
	'52',
	'522320',
	'513210',
	'5132',
	'541810',
	'72',
	'722511',
]
const companyPool: CompanyRef[] = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id, index) => ({
	id,
	familyId: `f${index % 4}`,
	name: id,
	sectorCodes: [],
}))

const companyArb = fc
	.record({
		base: fc.constantFrom(...companyPool),
		codes: fc.uniqueArray(fc.constantFrom(...codePool), { minLength: 1, maxLength: 3 }),
	})
	.map(({ base, codes }) => ({ ...base, sectorCodes: codes }))

const memberArb = (userId: string) =>
	fc.record({
		userId: fc.constant(userId),
		company: companyArb,
		pastRoles: fc.array(fc.record({ company: companyArb, endedAt: fc.integer({ min: monthsAgo(30), max: now }) }), {
			maxLength: 2,
		}),
		declaredCompetitorFamilyIds: fc.uniqueArray(fc.constantFrom('f0', 'f1', 'f2', 'f3'), { maxLength: 2 }),
		blockedUserIds: fc.uniqueArray(fc.constantFrom('a', 'b', 'z'), { maxLength: 1 }),
		blockedCompanyIds: fc.uniqueArray(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'), { maxLength: 1 }),
	})

const settingsArb = fc.record({
	sectorLevel: fc.constantFrom(...sectorLevels),
	coolingOffMonths: fc.integer({ min: 0, max: 36 }),
})

function keysConflict(viewer: MemberSnapshot, candidate: MemberSnapshot, policy: PolicySettings, at: number) {
	const forbidden = new Set(forbiddenKeysFor(viewer, policy, at))
	// Keys are computed at some earlier time and expire on their own, as they do in the database.
	return conflictKeysOf(candidate, policy, at).some(
		(entry) => (entry.expiresAt === null || entry.expiresAt > at) && forbidden.has(entry.key),
	)
}

describe('properties', () => {
	test('symmetry: a conflicts with b exactly when b conflicts with a, for the same rules', () => {
		fc.assert(
			fc.property(memberArb('a'), memberArb('b'), settingsArb, (a, b, policy) => {
				const ab = evaluateConflict(a, b, policy, now)
				const ba = evaluateConflict(b, a, policy, now)
				expect(ba.conflicted).toBe(ab.conflicted)
				expect(new Set(rules(ba))).toEqual(new Set(rules(ab)))
			}),
			{ numRuns: 2000 },
		)
	})

	test('the keys used by set-based queries decide exactly like evaluateConflict', () => {
		fc.assert(
			fc.property(memberArb('a'), memberArb('b'), settingsArb, (a, b, policy) => {
				const expected = evaluateConflict(a, b, policy, now).conflicted
				expect(keysConflict(a, b, policy, now)).toBe(expected)
				expect(keysConflict(b, a, policy, now)).toBe(expected)
			}),
			{ numRuns: 5000 },
		)
	})

	test('keys stored earlier expire with the cooling-off period, as the rule does', () => {
		fc.assert(
			fc.property(
				memberArb('a'),
				memberArb('b'),
				settingsArb,
				fc.integer({ min: 0, max: 400 }),
				(a, b, policy, daysLater) => {
					const later = now + daysLater * 24 * 3600 * 1000
					const forbidden = new Set(forbiddenKeysFor(a, policy, later))
					const stored = conflictKeysOf(b, policy, now)
					const viaStoredKeys = stored.some(
						(entry) => (entry.expiresAt === null || entry.expiresAt > later) && forbidden.has(entry.key),
					)
					expect(viaStoredKeys).toBe(evaluateConflict(a, b, policy, later).conflicted)
				},
			),
			{ numRuns: 3000 },
		)
	})

	test('adding a declared competitor or a blocked person never removes a conflict', () => {
		fc.assert(
			fc.property(
				memberArb('a'),
				memberArb('b'),
				settingsArb,
				fc.constantFrom('f0', 'f1', 'f2', 'f3'),
				(a, b, policy, familyId) => {
					const before = evaluateConflict(a, b, policy, now).conflicted
					const stricter = {
						...a,
						declaredCompetitorFamilyIds: [...a.declaredCompetitorFamilyIds, familyId],
						blockedUserIds: [...a.blockedUserIds, 'b'],
					}
					expect(evaluateConflict(stricter, b, policy, now).conflicted).toBe(true)
					if (before) expect(evaluateConflict(stricter, b, policy, now).conflicted).toBe(true)
				},
			),
		)
	})
})
