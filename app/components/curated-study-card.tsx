import { Link } from '@remix-run/react'
import { objectiveLabels } from '#app/features/case-studies/labels.ts'
import type { caseStudyObjectives } from '#app/features/case-studies/options.ts'

export type CuratedStudyCardData = {
	id: string
	title: string
	brand: string
	summary: string
	objective: (typeof caseStudyObjectives)[number]
	sectorTitle: string | null
	authorName: string
	authorCompany: string
}

/** A picked case study (featured on the home page, or in a collection), linking to its page. */
export function CuratedStudyCard({ study, position }: { study: CuratedStudyCardData; position?: number }) {
	return (
		<Link
			to={`/case-studies/${study.id}`}
			className="flex h-full gap-4 rounded-2xl border border-ink-100 bg-white p-5 shadow-sm hover:border-brand-200"
		>
			{position ? (
				<span className="text-2xl font-semibold text-brand-600 tabular-nums" aria-hidden="true">
					{position}
				</span>
			) : null}
			<span className="flex min-w-0 flex-col">
				<span className="text-xs font-semibold tracking-wide text-brand-700 uppercase">
					{[study.sectorTitle, objectiveLabels[study.objective]].filter(Boolean).join(' · ')}
				</span>
				<span className="mt-1 font-semibold text-ink-950">{study.title}</span>
				<span className="mt-1 line-clamp-3 text-sm text-ink-500">{study.summary}</span>
				<span className="mt-3 text-xs text-ink-500">
					{study.brand !== study.authorCompany ? `${study.brand} · ` : ''}
					{study.authorName}, {study.authorCompany}
				</span>
			</span>
		</Link>
	)
}
