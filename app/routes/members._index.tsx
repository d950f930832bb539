import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from '@remix-run/react'
import { InitialsAvatar } from '#app/components/avatar.tsx'
import { Button } from '#app/components/button.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { directoryFilterOptions, searchDirectory } from '#app/features/directory/directory.server.ts'
import { parseDirectoryQuery } from '#app/features/directory/search-params.ts'
import { regions } from '#app/features/members/regions.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { businessModels, companySizes } from '#db/schema.ts'

export const meta: MetaFunction = () => [{ title: 'Members · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const query = parseDirectoryQuery(new URL(request.url).searchParams)
	return { query, result: searchDirectory(user.id, query), options: directoryFilterOptions() }
}

const modelLabels = { b2b: 'B2B', b2c: 'B2C', both: 'B2B and B2C' } as const
const selectClass =
	'block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset focus:ring-2 focus:ring-brand-600'

export default function MembersRoute() {
	const { query, result, options } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const submit = useSubmit()
	const filterSelect = (
		name: string,
		label: string,
		value: string | undefined,
		choices: ReadonlyArray<{ value: string; label: string }>,
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
				onChange={(event) => submit(event.currentTarget.form, { replace: false })}
			>
				<option value="">Any</option>
				{choices.map((choice) => (
					<option key={choice.value} value={choice.value}>
						{choice.label}
					</option>
				))}
			</select>
		</div>
	)
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Members"
				description="Marketing leaders you can meet. Members in conflict with you under our competitor policy never appear here."
			/>
			<Form
				method="get"
				role="search"
				aria-label="Search members"
				key={searchParams.toString()}
				className="flex flex-col gap-4"
			>
				<div className="flex gap-2">
					<label htmlFor="directory-q" className="sr-only">
						Search by name, title, company, bio or expertise
					</label>
					<input
						id="directory-q"
						type="search"
						name="q"
						defaultValue={query.q}
						placeholder="Search by name, company, expertise…"
						className={`${selectClass} flex-1 py-2.5`}
					/>
					<Button>Search</Button>
				</div>
				<div className="grid grid-cols-2 gap-3 md:grid-cols-6">
					{filterSelect(
						'sector',
						'Sector',
						query.sector,
						options.sectors.map((row) => ({ value: row.sector, label: row.title })),
					)}
					{filterSelect(
						'region',
						'Region',
						query.region,
						regions.map((region) => ({ value: region, label: region })),
					)}
					{filterSelect(
						'tag',
						'Expertise',
						query.tag,
						options.tags.map((tag) => ({ value: tag, label: tag.replaceAll('-', ' ') })),
					)}
					{filterSelect(
						'size',
						'Company size',
						query.size,
						companySizes.map((size) => ({ value: size, label: size })),
					)}
					{filterSelect(
						'model',
						'B2B / B2C',
						query.model,
						businessModels.map((model) => ({ value: model, label: modelLabels[model] })),
					)}
					{filterSelect('sort', 'Sort by', query.sort, [
						...(query.q ? [{ value: 'relevance', label: 'Relevance' }] : []),
						{ value: 'name', label: 'Name' },
						{ value: 'newest', label: 'Newest members' },
					])}
				</div>
				<noscript>
					<Button variant="secondary">Apply filters</Button>
				</noscript>
			</Form>
			<div className="flex items-center justify-between text-sm text-ink-500" aria-live="polite">
				<p>
					{result.total.toLocaleString('en')} {result.total === 1 ? 'member' : 'members'}
					{navigation.state === 'loading' ? ' · updating…' : ''}
				</p>
				{searchParams.size > 0 ? (
					<Link to="/members" className="font-semibold text-brand-700 hover:underline">
						Clear search
					</Link>
				) : null}
			</div>
			{result.members.length === 0 ? (
				<Card className="text-center text-ink-500">No members match. Try fewer filters or other words.</Card>
			) : (
				<ul className="grid gap-4 md:grid-cols-2" aria-label="Members">
					{result.members.map((member) => (
						<li key={member.id} className="min-w-0">
							<Link
								to={`/members/${member.id}`}
								className="block h-full rounded-2xl border border-ink-100 bg-white p-5 shadow-sm hover:border-brand-200"
							>
								<div className="flex gap-4">
									<InitialsAvatar name={member.name} size="h-11 w-11 text-sm" />
									<div className="min-w-0">
										<h2 className="font-semibold text-ink-950">{member.name}</h2>
										<p className="truncate text-sm text-ink-700">
											{member.title} · {member.company}
										</p>
										<p className="mt-1 truncate text-xs text-ink-500">
											{[member.sectorTitle, member.region].filter(Boolean).join(' · ')}
										</p>
										{member.headline ? <p className="text-ink-600 mt-2 text-sm">{member.headline}</p> : null}
									</div>
								</div>
							</Link>
						</li>
					))}
				</ul>
			)}
			<Pagination page={query.page} pageCount={result.pages} />
		</div>
	)
}
