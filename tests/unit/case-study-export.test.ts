import { expect, test } from 'vitest'
import { studyToMarkdown, type ExportableStudy } from '#app/features/case-studies/export.ts'

const study: ExportableStudy = {
	title: 'From punch card to 4 million members',
	brand: 'Northwind Provisions',
	sectorCode: '445110',
	sectorTitle: 'Supermarkets',
	objective: 'retention',
	targetAudience: 'Weekly shoppers',
	startedOn: '2022-02',
	endedOn: null,
	budgetBand: '2m-10m',
	summary: 'We replaced a punch card.',
	body: '### What we did\n\n- Personal offers',
	learnings: 'Start with a holdout.',
	authorName: 'Maya Chen',
	authorCompany: 'Northwind Provisions',
	channels: ['email-crm', 'in-store'],
	tags: ['loyalty', 'retail-media'],
	metrics: [
		{ label: 'Loyalty | members', before: 300000, after: 4000000, unit: 'members' },
		{ label: 'New line\nlabel', before: 0, after: 5, unit: '' },
	],
}

test('a study exports as Markdown with its facts, a results table, story, learnings and a members-only link', () => {
	const markdown = studyToMarkdown(study, 'https://crossroads.test/case-studies/cst_1')
	expect(markdown.startsWith('# From punch card to 4 million members\n\nWe replaced a punch card.')).toBe(true)
	expect(markdown).toContain('- **Objective:** Retention and loyalty')
	expect(markdown).toContain('- **Timeline:** 2022-02 – ongoing')
	expect(markdown).toContain('- **Channels:** Email and CRM, In store')
	// Pipes and line breaks in members' text cannot break the table; a change from zero has no percentage.
	expect(markdown).toContain('| Loyalty \\| members | 300000 members | 4000000 members | +1233% |')
	expect(markdown).toContain('| New line label | 0 | 5 | – |')
	expect(markdown).toContain('## What I would do differently\n\nStart with a holdout.')
	expect(markdown).toContain('Tags: #loyalty #retail-media')
	expect(markdown.trimEnd().endsWith('members only: https://crossroads.test/case-studies/cst_1')).toBe(true)
})
