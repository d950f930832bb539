import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from '@remix-run/react'
import { Button, buttonClass } from '#app/components/button.tsx'
import { CaseStudyCard } from '#app/components/case-study-card.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { channelLabels, objectiveLabels, tagLabel } from '#app/features/case-studies/labels.ts'
import { searchLibrary } from '#app/features/case-studies/library.server.ts'
import { parseLibraryQuery } from '#app/features/case-studies/search-params.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Case studies · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const query = parseLibraryQuery(new URL(request.url).searchParams)
	return { query, result: searchLibrary({ id: user.id, role: user.role }, query) }
}

const selectClass =
	'block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset focus:ring-2 focus:ring-brand-600'

export default function CaseStudiesRoute() {
	const { query, result } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const submit = useSubmit()
	const { facets } = result
	const filterSelect = (
		name: string,
		label: string,
		value: string | undefined,
		choices: ReadonlyArray<{ value: string; label: string }>,
		any = 'Any',
	) => (
		<div>
			<label htmlFor={`filter-${name}`} className="block text-xs font-medium text-ink-700">
				{label}
			</label>
			<select
				id={`filter-${name}`}
				name={name}
				defaultValue={value ?? ''}
				className={`${selectClass} mt-1`}
				onChange={(event) => submit(event.currentTarget.form)}
			>
				{any ? <option value="">{any}</option> : null}
				{choices.map((choice) => (
					<option key={choice.value} value={choice.value}>
						{choice.label}
					</option>
				))}
			</select>
		</div>
	)
	const counted = (values: typeof facets.sectors, label: (value: string) => string) =>
		values.map((facet) => ({ value: facet.value, label: `${label(facet.value)} (${facet.total})` }))
	const sectorLabels = new Map(facets.sectors.map((facet) => [facet.value, facet.label]))
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Case studies"
				description="What worked, and what did not, in peers’ campaigns. Studies whose authors keep them from competitors never appear here for you."
				actions={
					<>
						<Link to="/case-studies/bookmarks" className={buttonClass('ghost', 'px-3')}>
							Bookmarks
						</Link>
						<Link to="/case-studies/mine" className={buttonClass('secondary', 'px-3')}>
							Yours
						</Link>
						<Link to="/case-studies/new" className={buttonClass('primary', 'px-3 sm:px-4')}>
							Write one
						</Link>
					</>
				}
			/>
			<Form
				method="get"
				role="search"
				aria-label="Search case studies"
				key={searchParams.toString()}
				className="flex flex-col gap-4"
			>
				<div className="flex gap-2">
					<label htmlFor="library-q" className="sr-only">
						Search titles, brands, stories and learnings
					</label>
					<input
						id="library-q"
						type="search"
						name="q"
						defaultValue={query.q}
						placeholder="Search “loyalty app”, “retail media”, a brand…"
						className={`${selectClass} flex-1 py-2.5`}
					/>
					<Button>Search</Button>
				</div>
				<div className="grid grid-cols-2 gap-3 md:grid-cols-5">
					{filterSelect(
						'sector',
						'Sector',
						query.sector,
						counted(facets.sectors, (value) => sectorLabels.get(value) ?? value),
					)}
					{filterSelect(
						'channel',
						'Channel',
						query.channel,
						counted(facets.channels, (value) => channelLabels[value as keyof typeof channelLabels] ?? value),
					)}
					{filterSelect(
						'objective',
						'Objective',
						query.objective,
						counted(facets.objectives, (value) => objectiveLabels[value as keyof typeof objectiveLabels] ?? value),
					)}
					{filterSelect('tag', 'Tag', query.tag, counted(facets.tags, tagLabel))}
					{/* Left at its default, the order follows the search: best match for a text search, else newest. */}
					{filterSelect(
						'sort',
						'Sort by',
						query.sort === 'newest' && !query.q ? undefined : query.sort,
						[...(query.q ? [{ value: 'newest', label: 'Newest' }] : []), { value: 'useful', label: 'Most useful' }],
						query.q ? 'Best match' : 'Newest',
					)}
				</div>
				<noscript>
					<Button variant="secondary">Apply filters</Button>
				</noscript>
			</Form>

			{result.featured.length ? (
				<section aria-labelledby="featured-title" className="flex flex-col gap-4">
					<h2 id="featured-title" className="text-sm font-semibold tracking-wide text-ink-500 uppercase">
						Featured by our editors
					</h2>
					<ul className="grid gap-5 md:grid-cols-3">
						{result.featured.map((study) => (
							<li key={study.id}>
								<CaseStudyCard study={study} />
							</li>
						))}
					</ul>
				</section>
			) : null}

			<div className="flex items-center justify-between text-sm text-ink-500" aria-live="polite">
				<h2 className="text-sm font-semibold tracking-wide uppercase">
					{result.featured.length
						? `All case studies · ${result.total.toLocaleString('en')}`
						: `${result.total.toLocaleString('en')} ${result.total === 1 ? 'case study' : 'case studies'}`}
					{navigation.state === 'loading' ? ' · updating…' : ''}
				</h2>
				{searchParams.size > 0 ? (
					<Link to="/case-studies" className="font-semibold text-brand-700 hover:underline">
						Clear search
					</Link>
				) : null}
			</div>
			{result.studies.length === 0 ? (
				<Card className="text-center text-ink-500">
					No case studies match. Try fewer filters or other words
					{query.q || query.sector || query.channel || query.objective || query.tag ? '' : ', or write the first one'}.
				</Card>
			) : (
				<ul className="grid gap-5 md:grid-cols-2 lg:grid-cols-3" aria-label="Case studies">
					{result.studies.map((study) => (
						<li key={study.id}>
							<CaseStudyCard study={study} />
						</li>
					))}
				</ul>
			)}
			<Pagination page={Math.min(query.page, result.pages)} pageCount={result.pages} />
		</div>
	)
}
