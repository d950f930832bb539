import { Link } from '@remix-run/react'
import type { StudyCard } from '#app/features/case-studies/library.server.ts'
import { objectiveLabels } from '#app/features/case-studies/labels.ts'
import { formatMetricValue, relativeChange, type Metric } from './metrics-chart.tsx'

export function studyImageUrl(studyId: string, imageId: string) {
	return `/case-studies/${studyId}/images/${imageId}`
}

const placeholderTones = [
	'from-brand-700 to-brand-500',
	'from-ink-800 to-ink-700',
	'from-sky-800 to-sky-600',
	'from-violet-800 to-violet-600',
	'from-amber-700 to-accent-500',
	'from-rose-800 to-rose-600',
]

/** The cover image, or a calm block with the brand's name when the author uploaded none. */
export function StudyCover({
	studyId,
	brand,
	imageId,
	alt,
	className = '',
}: {
	studyId: string
	brand: string
	imageId: string | null
	alt: string | null
	className?: string
}) {
	if (imageId)
		return (
			<img
				src={studyImageUrl(studyId, imageId)}
				alt={alt ?? ''}
				loading="lazy"
				decoding="async"
				className={`w-full bg-ink-100 object-cover ${className}`}
			/>
		)
	const tone = placeholderTones[[...brand].reduce((sum, char) => sum + char.charCodeAt(0), 0) % placeholderTones.length]
	return (
		<div aria-hidden="true" className={`flex w-full items-end bg-gradient-to-br p-5 text-white ${tone} ${className}`}>
			<span className="text-xl leading-tight font-semibold tracking-tight opacity-95">{brand}</span>
		</div>
	)
}

function HeadlineChip({ metric }: { metric: Metric }) {
	const change = relativeChange(metric.before, metric.after)
	return (
		<p className="mt-4 flex items-baseline gap-2 rounded-lg bg-ink-50 px-3 py-2 text-sm">
			<span className="font-semibold text-ink-950 tabular-nums">{formatMetricValue(metric.after, metric.unit)}</span>
			<span className="min-w-0 truncate text-ink-700">{metric.label}</span>
			{change !== null ? (
				<span className="ml-auto shrink-0 text-xs font-semibold text-brand-700 tabular-nums">
					{change >= 0 ? '+' : ''}
					{Math.round(change)}%
				</span>
			) : null}
		</p>
	)
}

function UsefulCount({ count }: { count: number }) {
	return (
		<span className="inline-flex items-center gap-1 text-ink-500 tabular-nums">
			<svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
				<path d="M2 10.5a1.5 1.5 0 1 1 3 0v6a1.5 1.5 0 0 1-3 0v-6ZM6 10.33v5.43a2 2 0 0 0 1.1 1.79l.05.02A4 4 0 0 0 8.94 18h5.42a2 2 0 0 0 1.96-1.61l1.2-6A2 2 0 0 0 15.56 8H12V4a2 2 0 0 0-2-2 1 1 0 0 0-1 1v.67a4 4 0 0 1-.8 2.4L6.8 7.93a4 4 0 0 0-.8 2.4Z" />
			</svg>
			{count}
			<span className="sr-only"> found it useful</span>
		</span>
	)
}

/** A study in a list: cover, title, brand and sector, summary, author and how useful peers found it. */
export function CaseStudyCard({ study, showAuthor = true }: { study: StudyCard; showAuthor?: boolean }) {
	return (
		<article className="group relative flex h-full flex-col overflow-hidden rounded-2xl border border-ink-100 bg-white shadow-sm transition hover:border-brand-200 hover:shadow-md">
			<StudyCover
				studyId={study.id}
				brand={study.brand}
				imageId={study.coverImageId}
				alt={study.coverAlt}
				className={study.coverImageId ? 'aspect-[16/9]' : 'h-24'}
			/>
			<div className="flex flex-1 flex-col p-5">
				<div className="flex flex-wrap items-center gap-2 text-xs font-medium">
					<span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-brand-800">
						{objectiveLabels[study.objective]}
					</span>
					{study.featured ? (
						<span className="rounded-full bg-accent-400/20 px-2.5 py-0.5 text-amber-900">Featured</span>
					) : null}
				</div>
				<h3 className="mt-3 text-lg leading-snug font-semibold text-ink-950">
					<Link to={`/case-studies/${study.id}`} className="after:absolute after:inset-0 focus:outline-none">
						{study.title}
					</Link>
				</h3>
				<p className="mt-1 text-sm text-ink-500">
					{study.brand}
					{study.sectorTitle ? ` · ${study.sectorTitle}` : ''}
				</p>
				{study.summary ? <p className="mt-3 line-clamp-3 text-sm leading-6 text-ink-700">{study.summary}</p> : null}
				{study.headline ? <HeadlineChip metric={study.headline} /> : null}
				<div className="mt-auto flex items-center justify-between gap-3 pt-5 text-sm">
					{showAuthor ? (
						<p className="min-w-0 truncate text-ink-700">
							<span className="font-medium text-ink-900">{study.authorName}</span>
							<span className="text-ink-500"> · {study.authorCompany}</span>
						</p>
					) : (
						<span />
					)}
					<UsefulCount count={study.usefulCount} />
				</div>
			</div>
		</article>
	)
}

/** The "Case studies" card of a member page: the member's studies the viewer may read. */
export function MemberCaseStudies({ studies, firstName }: { studies: readonly StudyCard[]; firstName: string }) {
	if (studies.length === 0) return null
	return (
		<section aria-labelledby="member-case-studies" className="rounded-2xl border border-ink-100 bg-white p-6 shadow-sm">
			<h2 id="member-case-studies" className="text-lg font-semibold text-ink-950">
				Case studies
			</h2>
			<p className="mt-1 text-sm text-ink-500">What {firstName} shared with peers.</p>
			<ul className="mt-4 flex flex-col divide-y divide-ink-100">
				{studies.map((study) => (
					<li key={study.id} className="flex items-start justify-between gap-4 py-3">
						<div className="min-w-0">
							<Link to={`/case-studies/${study.id}`} className="font-medium text-ink-950 hover:underline">
								{study.title}
							</Link>
							<p className="mt-0.5 text-sm text-ink-500">
								{study.brand} · {objectiveLabels[study.objective]}
							</p>
						</div>
						<UsefulCount count={study.usefulCount} />
					</li>
				))}
			</ul>
		</section>
	)
}
