import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { StudyContent } from '#app/features/case-studies/schemas.ts'
import { diffStudyContent, fieldText, sideBySide, type Segment } from '#app/features/moderation/diff.ts'

const live: StudyContent = {
	title: 'Loyalty app relaunch',
	brand: 'Northwind',
	sectorCode: '445110',
	objective: 'retention',
	targetAudience: 'Weekly shoppers',
	channels: ['email-crm', 'social'],
	startedOn: '2024-03',
	endedOn: null,
	budgetBand: '100k-500k',
	summary: 'We rebuilt the loyalty app around weekly baskets.',
	body: 'First paragraph.\n\nSecond paragraph with numbers.',
	learnings: 'Start smaller.',
	tags: ['loyalty', 'app'],
	metrics: [{ label: 'Repeat rate', before: 31, after: 38.5, unit: '%' }],
	readers: 'non-conflicted',
}

const join = (segments: Segment[]) => segments.map((segment) => segment.text).join('')

describe('sideBySide', () => {
	test('marks removed words on the left and added words on the right', () => {
		const result = sideBySide('We rebuilt the loyalty app', 'We relaunched the loyalty app quickly')
		expect(result.changed).toBe(true)
		expect(result.left.filter((segment) => segment.change === 'removed').map((segment) => segment.text)).toEqual([
			'rebuilt',
		])
		expect(
			result.right
				.filter((segment) => segment.change === 'added')
				.map((segment) => segment.text.trim())
				.filter(Boolean),
		).toEqual(['relaunched', 'quickly'])
		expect(result.left.some((segment) => segment.change === 'added')).toBe(false)
		expect(result.right.some((segment) => segment.change === 'removed')).toBe(false)
	})

	test('an unchanged text is one plain segment on each side; an empty one has none', () => {
		expect(sideBySide('Same text', 'Same text')).toEqual({
			changed: false,
			left: [{ text: 'Same text', change: 'same' }],
			right: [{ text: 'Same text', change: 'same' }],
		})
		expect(sideBySide('', '')).toEqual({ changed: false, left: [], right: [] })
	})

	test('keeps line breaks, so Markdown paragraphs stay apart', () => {
		const result = sideBySide('One.\n\nTwo.', 'One.\n\nTwo and three.')
		expect(join(result.left)).toBe('One.\n\nTwo.')
		expect(join(result.right)).toBe('One.\n\nTwo and three.')
	})

	test('each column joins back to its text exactly, whatever the texts', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (before, after) => {
				const result = sideBySide(before, after)
				expect(join(result.left)).toBe(before)
				expect(join(result.right)).toBe(after)
				expect(result.changed).toBe(before !== after)
			}),
		)
	})
})

describe('diffStudyContent', () => {
	test('lists every field in reading order and flags only the changed ones', () => {
		const proposed: StudyContent = {
			...live,
			title: 'Loyalty app relaunch, year two',
			channels: ['social', 'email-crm', 'search'],
			metrics: [{ label: 'Repeat rate', before: 31, after: 41, unit: '%' }],
		}
		const diff = diffStudyContent(live, proposed, { '445110': 'Supermarkets' })
		expect(diff.map((field) => field.field)).toEqual([
			'title',
			'brand',
			'sectorCode',
			'objective',
			'targetAudience',
			'startedOn',
			'endedOn',
			'budgetBand',
			'summary',
			'body',
			'learnings',
			'readers',
			'metrics',
			'channels',
			'tags',
		])
		expect(diff.filter((field) => field.changed).map((field) => field.field)).toEqual(['title', 'metrics', 'channels'])
		const channels = diff.find((field) => field.field === 'channels')!
		expect(join(channels.left)).toBe('Email and CRM, Social')
		expect(join(channels.right)).toBe('Email and CRM, Search, Social')
		const metrics = diff.find((field) => field.field === 'metrics')!
		expect(join(metrics.left)).toBe('Repeat rate: 31% → 38.5%')
		expect(join(metrics.right)).toBe('Repeat rate: 31% → 41%')
		expect(join(diff.find((field) => field.field === 'sectorCode')!.left)).toBe('445110 Supermarkets')
	})

	test('reordering channels or tags is not a change', () => {
		const diff = diffStudyContent(live, { ...live, channels: ['social', 'email-crm'], tags: ['app', 'loyalty'] })
		expect(diff.some((field) => field.changed)).toBe(false)
	})

	test('shows fields as readers see them', () => {
		expect(fieldText(live, 'objective')).toBe('Retention and loyalty')
		expect(fieldText(live, 'budgetBand')).toBe('$100k–500k')
		expect(fieldText(live, 'startedOn')).toBe('Mar 2024')
		expect(fieldText(live, 'endedOn')).toBe('Ongoing')
		expect(fieldText({ ...live, endedOn: '2024-11' }, 'endedOn')).toBe('Nov 2024')
		expect(fieldText(live, 'readers')).toBe('Members not in conflict with me (recommended)')
		expect(fieldText(live, 'sectorCode')).toBe('445110')
	})
})
