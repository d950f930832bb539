import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { buttonClass } from '#app/components/button.tsx'
import { SelectField } from '#app/components/forms.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { LogTable, ResultRange } from '#app/components/log-table.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { moderatorActionLabels, moderatorActions } from '#app/features/moderation/audit-actions.ts'
import { listAuditActors, listAuditLog } from '#app/features/moderation/audit.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Moderation audit log · Crossroads admin' }]

const FiltersSchema = z.object({
	page: z.coerce.number().int().min(1).default(1),
	actor: z.string().max(64).optional(),
	action: z.enum(moderatorActions).optional(),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['admin'])
	const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''))
	const filters = FiltersSchema.safeParse(params)
	if (!filters.success)
		throw new Response('Unknown filter: choose a moderator and an action from the lists, and a page from 1.', {
			status: 400,
		})
	const log = listAuditLog({ actorId: filters.data.actor, action: filters.data.action }, filters.data.page)
	return {
		...log,
		rows: log.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
		actors: listAuditActors(),
		filters: { actor: filters.data.actor ?? '', action: filters.data.action ?? '' },
	}
}

function utcDateTime(iso: string) {
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}

function targetLink(targetType: string, targetId: string, details: Record<string, unknown> | null) {
	if (targetType === 'case-study') return `/moderation/studies/${targetId}`
	if (targetType === 'revision' && typeof details?.studyId === 'string') return `/moderation/studies/${details.studyId}`
	if (targetType === 'collection') return `/moderation/collections/${targetId}`
	if (targetType === 'profile') return `/members/${targetId}`
	if (targetType === 'settings') return '/moderation/settings'
	return null
}

/** Details as short "key: value" pairs; nested values as compact JSON. */
function describeDetails(details: Record<string, unknown> | null) {
	if (!details) return []
	return Object.entries(details).map(
		([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
	)
}

export default function AdminAuditRoute() {
	const { rows, total, page, pageCount, pageSize, actors, filters } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Moderation audit log"
				description="Every moderator action, newest first: who, what, when and why. Entries cannot be changed or deleted: the database itself refuses."
				actions={
					<Link to="/moderation" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						Moderation →
					</Link>
				}
			/>
			<Card>
				<Form method="get" className="flex flex-col gap-4 sm:flex-row sm:items-end" aria-label="Filter the log">
					<SelectField
						label="Moderator"
						name="actor"
						defaultValue={filters.actor}
						placeholder="Anyone"
						options={actors.map((actor) => ({ value: actor.id, label: actor.name }))}
						className="sm:w-64"
					/>
					<SelectField
						label="Action"
						name="action"
						defaultValue={filters.action}
						placeholder="Any action"
						options={moderatorActions.map((action) => ({ value: action, label: moderatorActionLabels[action] }))}
						className="sm:w-72"
					/>
					<button type="submit" className={buttonClass('secondary')}>
						Filter
					</button>
				</Form>
			</Card>
			<ResultRange
				testId="audit-count"
				total={total}
				shown={rows.length}
				page={page}
				pageSize={pageSize}
				pageCount={pageCount}
				noun={{ one: 'entry', many: 'entries' }}
				empty="No entries match."
			/>
			{rows.length > 0 ? (
				<LogTable headings={['When (UTC)', 'Who', 'What', 'Why']}>
					{rows.map((row) => {
						const link = targetLink(row.targetType, row.targetId, row.details)
						const label =
							row.action in moderatorActionLabels
								? moderatorActionLabels[row.action as keyof typeof moderatorActionLabels]
								: row.action
						return (
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
									<span className="font-medium text-ink-900">{label}</span>
									<span className="block text-xs text-ink-500">
										{row.targetType}{' '}
										{link ? (
											<Link to={link} className="font-mono hover:underline">
												{row.targetId}
											</Link>
										) : (
											<span className="font-mono">{row.targetId}</span>
										)}
									</span>
									{describeDetails(row.details).map((line) => (
										<span key={line} className="block text-xs [overflow-wrap:anywhere] text-ink-400">
											{line}
										</span>
									))}
								</td>
								<td className="px-4 py-3 text-ink-700">{row.reason || <span className="text-ink-400">—</span>}</td>
							</tr>
						)
					})}
				</LogTable>
			) : null}
			<Pagination page={page} pageCount={pageCount} />
		</div>
	)
}
