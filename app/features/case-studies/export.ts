/** A case study as a Markdown document, for members who want to keep or forward what they may read. */
import { budgetBandLabels, channelLabels, objectiveLabels } from './labels.ts'
import type { budgetBands, caseStudyChannels, caseStudyObjectives } from './options.ts'

export type ExportableStudy = {
	title: string
	brand: string
	sectorCode: string
	sectorTitle: string | null
	objective: (typeof caseStudyObjectives)[number]
	targetAudience: string
	startedOn: string
	endedOn: string | null
	budgetBand: (typeof budgetBands)[number]
	summary: string
	body: string
	learnings: string
	authorName: string
	authorCompany: string | null
	channels: ReadonlyArray<(typeof caseStudyChannels)[number]>
	tags: readonly string[]
	metrics: ReadonlyArray<{ label: string; before: number; after: number; unit: string }>
}

/** One line of a Markdown table: pipes and line breaks in members' text must not break it. */
function cell(text: string) {
	return text.replaceAll('|', '\\|').replace(/\s+/g, ' ').trim()
}

function amount(value: number, unit: string) {
	return unit.trim() ? `${value} ${cell(unit)}` : String(value)
}

function change(before: number, after: number) {
	if (before === 0) return '–'
	const percent = Math.round(((after - before) / Math.abs(before)) * 100)
	return `${percent > 0 ? '+' : ''}${percent}%`
}

export function studyToMarkdown(study: ExportableStudy, url: string) {
	const metrics = study.metrics.length
		? [
				'| Result | Before | After | Change |',
				'| --- | --- | --- | --- |',
				...study.metrics.map(
					(metric) =>
						`| ${cell(metric.label)} | ${amount(metric.before, metric.unit)} | ${amount(metric.after, metric.unit)} | ${change(metric.before, metric.after)} |`,
				),
			].join('\n')
		: ''
	const facts = [
		`- **Brand:** ${study.brand}`,
		`- **Industry:** ${study.sectorCode}${study.sectorTitle ? ` ${study.sectorTitle}` : ''}`,
		`- **Objective:** ${objectiveLabels[study.objective]}`,
		`- **Timeline:** ${study.startedOn} – ${study.endedOn ?? 'ongoing'}`,
		`- **Budget:** ${budgetBandLabels[study.budgetBand]}`,
		`- **Channels:** ${study.channels.map((channel) => channelLabels[channel]).join(', ') || '–'}`,
		...(study.targetAudience ? [`- **Audience:** ${study.targetAudience}`] : []),
		`- **Author:** ${study.authorName}${study.authorCompany ? `, ${study.authorCompany}` : ''}`,
	]
	return [
		`# ${study.title}`,
		study.summary,
		facts.join('\n'),
		metrics && `## Results\n\n${metrics}`,
		study.body && `## The story\n\n${study.body}`,
		study.learnings && `## What I would do differently\n\n${study.learnings}`,
		study.tags.length ? `Tags: ${study.tags.map((tag) => `#${tag}`).join(' ')}` : '',
		`---\nShared on Crossroads for members only: ${url}`,
	]
		.filter(Boolean)
		.join('\n\n')
		.concat('\n')
}
