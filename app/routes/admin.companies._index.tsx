import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Button } from '#app/components/button.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { CompanyListQuery } from '#app/features/companies/company-schemas.ts'
import { listCompanies } from '#app/features/companies/families.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Companies · Crossroads admin' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['admin'])
	const query = CompanyListQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	return { q: query.q, ...listCompanies(query) }
}

function plural(count: number, noun: string, nouns = `${noun}s`) {
	return `${count.toLocaleString('en')} ${count === 1 ? noun : nouns}`
}

const companies = (count: number) => plural(count, 'company', 'companies')

function FamilyOf({ row }: { row: { id: string; familyId: string; familyName: string | null; familySize: number } }) {
	if (row.familyId !== row.id)
		return (
			<>
				<Link to={`/admin/companies/${row.familyId}`} className="hover:underline">
					{row.familyName ?? 'Unknown family'}
				</Link>{' '}
				<span className="text-ink-500">· {companies(row.familySize)}</span>
			</>
		)
	return row.familySize > 1 ? (
		<>
			Family root <span className="text-ink-500">· {companies(row.familySize)}</span>
		</>
	) : (
		<span className="text-ink-500">Independent</span>
	)
}

export default function AdminCompaniesRoute() {
	const { q, rows, total, page, pageSize, pageCount } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const first = (page - 1) * pageSize + 1
	const last = first + rows.length - 1
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Companies"
				description="Every company members work or worked at, and its corporate family. Members of one family are kept apart by the conflict policy, so changing a family re-checks their connections."
				actions={
					<Link to="/admin/policy" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						Conflict policy →
					</Link>
				}
			/>
			<Card>
				<Form method="get" role="search" aria-label="Search companies" key={searchParams.toString()}>
					<label htmlFor="company-q" className="block text-sm font-medium text-ink-800">
						Company name
					</label>
					<div className="mt-1.5 flex gap-2">
						<input
							id="company-q"
							type="search"
							name="q"
							defaultValue={q}
							maxLength={100}
							placeholder="e.g. Northwind"
							className="block w-full min-w-0 flex-1 rounded-lg border-0 bg-white px-3 py-2.5 text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset placeholder:text-ink-400 focus:ring-2 focus:ring-brand-600 focus:ring-inset sm:text-sm"
						/>
						<Button>Search</Button>
					</div>
				</Form>
			</Card>
			<div className="flex items-center justify-between gap-4 text-sm text-ink-500">
				<p data-testid="company-count">
					{total === 0
						? q
							? `No company name contains “${q}”.`
							: 'No companies yet.'
						: rows.length === 0
							? `Page ${page} is past the end: ${companies(total)} fill ${plural(pageCount, 'page')}.`
							: `${first}–${last} of ${companies(total)}.`}
				</p>
				{q ? (
					<Link to="/admin/companies" className="font-semibold text-brand-700 hover:underline">
						Clear search
					</Link>
				) : null}
			</div>
			{rows.length > 0 ? (
				<div className="overflow-x-auto rounded-2xl border border-ink-100 bg-white shadow-sm">
					<table className="min-w-full divide-y divide-ink-100 text-sm">
						<thead className="bg-ink-50 text-left text-ink-500">
							<tr>
								<th scope="col" className="px-4 py-3 font-medium">
									Company
								</th>
								<th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">
									Family
								</th>
								<th scope="col" className="px-4 py-3 text-right font-medium">
									Members
								</th>
								<th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
									Primary NAICS code
								</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-ink-100">
							{rows.map((row) => (
								<tr key={row.id}>
									<th scope="row" className="px-4 py-3 text-left font-medium">
										<Link to={`/admin/companies/${row.id}`} className="text-ink-900 hover:underline">
											{row.name}
										</Link>
										{row.sectorCode ? (
											<span className="mt-0.5 block text-xs font-normal text-ink-500 md:hidden">
												{row.sectorCode} {row.sectorTitle}
											</span>
										) : null}
										<span className="mt-0.5 block text-xs font-normal text-ink-700 sm:hidden">
											<FamilyOf row={row} />
										</span>
									</th>
									<td className="hidden px-4 py-3 text-ink-700 sm:table-cell">
										<FamilyOf row={row} />
									</td>
									<td className="px-4 py-3 text-right text-ink-700 tabular-nums">{row.members.toLocaleString('en')}</td>
									<td className="hidden px-4 py-3 text-ink-700 md:table-cell">
										{row.sectorCode ? (
											<>
												<span className="font-mono text-xs">{row.sectorCode}</span> {row.sectorTitle}
											</>
										) : (
											<span className="text-ink-400">None</span>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : null}
			<Pagination page={page} pageCount={pageCount} />
		</div>
	)
}
