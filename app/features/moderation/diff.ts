/**
 * The side-by-side view of a proposed edit: for each field of a case study, the live text on the
 * left with removed words marked and the proposed text on the right with added words marked.
 * Pure: the loader computes it, the page only renders the segments.
 */
import { diffWordsWithSpace } from 'diff'
import { formatMetricValue } from '#app/components/metrics-chart.tsx'
import {
	budgetBandLabels,
	channelLabels,
	formatMonth,
	objectiveLabels,
	readerLabels,
	tagLabel,
} from '#app/features/case-studies/labels.ts'
import type { StudyContent } from '#app/features/case-studies/schemas.ts'

type StudyMetric = StudyContent['metrics'][number]

export type StudyField = keyof StudyContent

const studyFieldLabels: Record<StudyField, string> = {
	title: 'Title',
	brand: 'Brand',
	sectorCode: 'Sector (NAICS)',
	objective: 'Objective',
	targetAudience: 'Target audience',
	startedOn: 'Started',
	endedOn: 'Ended',
	budgetBand: 'Budget',
	summary: 'Summary',
	body: 'Story',
	learnings: 'Learnings',
	readers: 'Readers',
	metrics: 'Metrics',
	channels: 'Channels',
	tags: 'Tags',
}

export type Segment = { text: string; change: 'same' | 'removed' | 'added' }

export type FieldDiff = {
	field: StudyField
	label: string
	changed: boolean
	/** The live text: unchanged and removed segments. */
	left: Segment[]
	/** The proposed text: unchanged and added segments. */
	right: Segment[]
}

function formatMetric(metric: StudyMetric) {
	return `${metric.label}: ${formatMetricValue(metric.before, metric.unit)} → ${formatMetricValue(metric.after, metric.unit)}`
}

/** A field as the reader sees it in text, e.g. metrics one per line, channels as a sorted list. */
export function fieldText(content: StudyContent, field: StudyField, sectorTitles: Record<string, string> = {}): string {
	switch (field) {
		case 'metrics':
			return content.metrics.map(formatMetric).join('\n')
		case 'channels':
			return content.channels
				.map((channel) => channelLabels[channel] ?? channel)
				.sort()
				.join(', ')
		case 'tags':
			return content.tags.map(tagLabel).sort().join(', ')
		case 'objective':
			return objectiveLabels[content.objective] ?? content.objective
		case 'budgetBand':
			return budgetBandLabels[content.budgetBand] ?? content.budgetBand
		case 'readers':
			return readerLabels[content.readers]?.title ?? content.readers
		case 'startedOn':
			return formatMonth(content.startedOn)
		case 'endedOn':
			return content.endedOn ? formatMonth(content.endedOn) : 'Ongoing'
		case 'sectorCode': {
			const title = sectorTitles[content.sectorCode]
			return title ? `${content.sectorCode} ${title}` : content.sectorCode
		}
		default:
			return content[field]
	}
}

/** A word diff of two texts as two columns; joining a column's segments gives back its text exactly. */
export function sideBySide(before: string, after: string): Pick<FieldDiff, 'changed' | 'left' | 'right'> {
	if (before === after) {
		const same: Segment[] = before ? [{ text: before, change: 'same' }] : []
		return { changed: false, left: same, right: same }
	}
	const left: Segment[] = []
	const right: Segment[] = []
	for (const change of diffWordsWithSpace(before, after)) {
		if (change.added) right.push({ text: change.value, change: 'added' })
		else if (change.removed) left.push({ text: change.value, change: 'removed' })
		else {
			left.push({ text: change.value, change: 'same' })
			right.push({ text: change.value, change: 'same' })
		}
	}
	return { changed: true, left, right }
}

/** Every field, in reading order, live against proposed. */
export function diffStudyContent(
	live: StudyContent,
	proposed: StudyContent,
	sectorTitles: Record<string, string> = {},
): FieldDiff[] {
	return (Object.keys(studyFieldLabels) as StudyField[]).map((field) => ({
		field,
		label: studyFieldLabels[field],
		...sideBySide(fieldText(live, field, sectorTitles), fieldText(proposed, field, sectorTitles)),
	}))
}
