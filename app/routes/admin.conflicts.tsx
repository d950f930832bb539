import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { buttonClass } from '#app/components/button.tsx'
import { LogTable, ResultRange } from '#app/components/log-table.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { SelectField } from '#app/components/forms.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import type { EntryPoint } from '#app/features/conflicts/conflicts.server.ts'
import type { ConflictRule } from '#app/features/conflicts/policy.ts'
import { listConflictDecisions } from '#app/features/conflicts/policy-settings.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Conflict decisions · Crossroads admin' }]

// 'no-profile' is logged by checkPair when a member has no profile to vet.
const ruleLabels: Record<ConflictRule | 'no-profile', string> = {
	'same-sector': 'Same sector',
	'same-company': 'Same company or family',
	'declared-competitor': 'Declared competitor',
	'recent-employer': 'Recent employer',
	'do-not-introduce': 'Don’t introduce me (private)',
	'no-profile': 'No profile',
}

const entryPointLabels: Record<EntryPoint, string> = {
	profile: 'Member page',
	'connection-request': 'Connection request',
	'connection-accept': 'Connection accept',
	message: 'Message',
	'meeting-proposal': 'Meeting proposal',
	'meeting-acceptance': 'Meeting acceptance',
	'group-invite': 'Group invite',
	'case-study': 'Case study',
}

const keysOf = <K extends string>(record: Record<K, string>) => Object.keys(record) as [K, ...K[]]

const FiltersSchema = z.object({
	page: z.coerce.number().int().min(1).default(1),
	rule: z.enum(keysOf(ruleLabels)).optional(),
	entryPoint: z.enum(keysOf(entryPointLabels)).optional(),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['admin'])
	const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''))
	const filters = FiltersSchema.safeParse(params)
	if (!filters.success)
		throw new Response('Unknown filter: choose a rule and an entry point from the lists, and a page from 1.', {
			status: 400,
		})
	const log = listConflictDecisions(filters.data)
	return {
		...log,
		filters: { rule: filters.data.rule ?? '', entryPoint: filters.data.entryPoint ?? '' },
		rows: log.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
	}
}

function utcDateTime(iso: string) {
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}

function labelOf<K extends string>(labels: Record<K, string>, key: string) {
	return key in labels ? labels[key as K] : key
}

export default function AdminConflictsRoute() {
	const { rows, total, page, pageCount, pageSize, filters } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Conflict decisions"
				description="Every time the competitor-conflict policy kept two members apart, newest first. The private “don’t introduce me” rule is shown here, to admins only."
				actions={
					<Link to="/admin/policy" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						Policy settings →
					</Link>
				}
			/>
			<Card>
				<Form method="get" className="flex flex-col gap-4 sm:flex-row sm:items-end" aria-label="Filter decisions">
					<SelectField
						label="Rule"
						name="rule"
						defaultValue={filters.rule}
						placeholder="Any rule"
						options={keysOf(ruleLabels).map((rule) => ({ value: rule, label: ruleLabels[rule] }))}
						className="sm:w-64"
					/>
					<SelectField
						label="Entry point"
						name="entryPoint"
						defaultValue={filters.entryPoint}
						placeholder="Any entry point"
						options={keysOf(entryPointLabels).map((entryPoint) => ({
							value: entryPoint,
							label: entryPointLabels[entryPoint],
						}))}
						className="sm:w-64"
					/>
					<button type="submit" className={buttonClass('secondary')}>
						Filter
					</button>
				</Form>
			</Card>
			<ResultRange
				testId="decision-count"
				total={total}
				shown={rows.length}
				page={page}
				pageSize={pageSize}
				pageCount={pageCount}
				noun={{ one: 'decision', many: 'decisions' }}
				empty="No decisions match."
			/>
			{rows.length > 0 ? (
				<LogTable headings={['When (UTC)', 'Actor', 'Target', 'Rules', 'Entry point']}>
					{rows.map((row) => (
						<tr key={row.id}>
							<td className="px-4 py-3 whitespace-nowrap text-ink-700">
								<time dateTime={row.createdAt}>{utcDateTime(row.createdAt)}</time>
							</td>
							<td className="px-4 py-3">
								<Link to={`/members/${row.actorId}`} className="font-medium text-ink-900 hover:underline">
									{row.actorName}
								</Link>
							</td>
							<td className="px-4 py-3">
								<Link to={`/members/${row.targetId}`} className="font-medium text-ink-900 hover:underline">
									{row.targetName}
								</Link>
							</td>
							<td className="px-4 py-3 text-ink-700">
								{row.rules.map((rule) => labelOf(ruleLabels, rule)).join(', ')}
							</td>
							<td className="px-4 py-3 text-ink-700">{labelOf(entryPointLabels, row.entryPoint)}</td>
						</tr>
					))}
				</LogTable>
			) : null}
			<Pagination page={page} pageCount={pageCount} labels={{ previous: '← Newer', next: 'Older →' }} />
		</div>
	)
}
