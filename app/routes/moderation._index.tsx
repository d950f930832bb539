import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { buttonClass } from '#app/components/button.tsx'
import { SelectField } from '#app/components/forms.tsx'
import { ModerationNav } from '#app/components/moderation-nav.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { objectiveLabels } from '#app/features/case-studies/labels.ts'
import { caseStudyObjectives } from '#app/features/case-studies/options.ts'
import { countOpenReports } from '#app/features/moderation/reports.server.ts'
import { listReviewQueue, listSectors } from '#app/features/moderation/review.server.ts'
import {
	ageBucketLabels,
	ageBuckets,
	queueKindLabels,
	queueKinds,
	type QueueKind,
} from '#app/features/moderation/review-options.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Review queue · Crossroads moderation' }]

const QueueQuerySchema = z.object({
	kind: z.enum(queueKinds).optional(),
	sector: z
		.string()
		.regex(/^\d{2}(-\d{2})?$/)
		.optional(),
	objective: z.enum(caseStudyObjectives).optional(),
	age: z.enum(ageBuckets).optional(),
	page: z.coerce.number().int().min(1).default(1),
})

const day = 24 * 60 * 60 * 1000

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['moderator', 'admin'])
	const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''))
	const query = QueueQuerySchema.safeParse(params)
	if (!query.success)
		throw new Response('Unknown filter: choose the kind, sector, objective and age from the lists.', { status: 400 })
	const now = Date.now()
	const queue = listReviewQueue(query.data, now)
	return {
		...queue,
		items: queue.items.map((item) => ({ ...item, daysWaiting: Math.floor((now - item.waitingSince) / day) })),
		filters: query.data,
		sectors: listSectors(),
		openReports: countOpenReports(),
	}
}

function waited(days: number) {
	if (days < 1) return 'Waiting since today'
	return `Waiting ${days} ${days === 1 ? 'day' : 'days'}`
}

export default function ModerationQueueRoute() {
	const { items, counts, total, page, pageCount, filters, sectors, openReports } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const kindLink = (kind: QueueKind | null) => {
		const params = new URLSearchParams(searchParams)
		params.delete('page')
		if (kind) params.set('kind', kind)
		else params.delete('kind')
		return `?${params}`
	}
	const tabs = [
		{ kind: null, label: 'All', count: counts.all },
		...queueKinds.map((kind) => ({ kind, label: queueKindLabels[kind], count: counts[kind] })),
	]
	const filtered = Boolean(filters.sector || filters.objective || filters.age)
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Moderation"
				description="Case studies and edits of published ones waiting for a decision, oldest first. You cannot review your own."
				actions={
					<Link to="/moderation/reports" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						{openReports} open {openReports === 1 ? 'report' : 'reports'} →
					</Link>
				}
			/>
			<ModerationNav />
			<nav aria-label="Kind of submission" className="flex flex-wrap gap-2">
				{tabs.map((tab) => {
					const active = (filters.kind ?? null) === tab.kind
					return (
						<Link
							key={tab.label}
							to={kindLink(tab.kind)}
							aria-current={active ? 'page' : undefined}
							className={`rounded-full px-3.5 py-1.5 text-sm font-medium ring-1 ring-inset ${active ? 'bg-ink-900 text-white ring-ink-900' : 'bg-white text-ink-700 ring-ink-200 hover:bg-ink-50'}`}
						>
							{tab.label} <span className={active ? 'text-ink-200' : 'text-ink-400'}>{tab.count}</span>
						</Link>
					)
				})}
			</nav>
			<Card>
				<Form
					method="get"
					className="grid gap-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
					aria-label="Filter the queue"
					key={searchParams.toString()}
				>
					{filters.kind ? <input type="hidden" name="kind" value={filters.kind} /> : null}
					<SelectField
						label="Sector"
						name="sector"
						defaultValue={filters.sector ?? ''}
						placeholder="Any sector"
						options={sectors.map((sector) => ({ value: sector.sector, label: `${sector.sector} ${sector.title}` }))}
					/>
					<SelectField
						label="Objective"
						name="objective"
						defaultValue={filters.objective ?? ''}
						placeholder="Any objective"
						options={caseStudyObjectives.map((objective) => ({ value: objective, label: objectiveLabels[objective] }))}
					/>
					<SelectField
						label="Waiting"
						name="age"
						defaultValue={filters.age ?? ''}
						placeholder="Any time"
						options={ageBuckets.map((age) => ({ value: age, label: `${ageBucketLabels[age]} (${counts.ages[age]})` }))}
					/>
					<button type="submit" className={buttonClass('secondary')}>
						Filter
					</button>
				</Form>
			</Card>
			<p className="text-sm text-ink-500" data-testid="queue-count">
				{total === 0
					? filtered
						? 'Nothing waiting matches these filters.'
						: 'Nothing is waiting for review. Nice work.'
					: `${total} waiting${filtered ? ' with these filters' : ''}.`}
				{filtered ? (
					<>
						{' '}
						<Link to={filters.kind ? `?kind=${filters.kind}` : '/moderation'} className="font-semibold text-brand-700">
							Clear filters
						</Link>
					</>
				) : null}
			</p>
			{items.length > 0 ? (
				<ul className="flex flex-col gap-3" aria-label="Waiting for review">
					{items.map((item) => (
						<li key={item.revisionId ?? item.studyId}>
							<Link
								to={`/moderation/studies/${item.studyId}`}
								className="flex flex-col gap-3 rounded-2xl border border-ink-100 bg-white p-5 shadow-sm hover:border-brand-200 sm:flex-row sm:items-center sm:justify-between"
							>
								<div className="min-w-0">
									<div className="flex flex-wrap items-center gap-2">
										<span
											className={`rounded-full px-2 py-0.5 text-xs font-semibold ${item.kind === 'new' ? 'bg-sky-50 text-sky-800' : 'bg-violet-50 text-violet-800'}`}
										>
											{item.kind === 'new' ? 'New study' : 'Edit'}
										</span>
										<h2 className="font-semibold text-ink-950">{item.title}</h2>
									</div>
									<p className="mt-1 text-sm text-ink-500">
										{[
											item.brand,
											`by ${item.authorName}`,
											item.sectorTitle ?? item.sectorCode,
											objectiveLabels[item.objective],
										].join(' · ')}
									</p>
								</div>
								<span
									className={`shrink-0 text-sm font-medium ${item.age === 'over-7-days' ? 'text-amber-800' : 'text-ink-500'}`}
								>
									{waited(item.daysWaiting)}
								</span>
							</Link>
						</li>
					))}
				</ul>
			) : null}
			<Pagination page={page} pageCount={pageCount} />
		</div>
	)
}
