import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHeader } from '#app/components/page.tsx'
import { adminOverview } from '#app/features/admin/overview.server.ts'
import { sectorLevelNames } from '#app/features/conflicts/policy.ts'
import { auditLogSummary } from '#app/features/moderation/audit.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Admin · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['admin'])
	return { ...adminOverview(), audit: auditLogSummary() }
}

export default function AdminRoute() {
	const overview = useLoaderData<typeof loader>()
	const areas = [
		{
			to: '/admin/applications',
			title: 'Applications',
			figure: `${overview.applications} waiting`,
			text: 'Vet applicants before they meet anyone.',
		},
		{
			to: '/admin/policy',
			title: 'Conflict policy',
			figure: `Matched at ${sectorLevelNames[overview.policy.sectorLevel]} level · ${overview.policy.coolingOffMonths} months cooling-off`,
			text: 'The sector level and cooling-off period every match, message and meeting is checked against.',
		},
		{
			to: '/admin/conflicts',
			title: 'Conflict log',
			figure: `${overview.refusals} ${overview.refusals === 1 ? 'refusal' : 'refusals'} in the last 7 days`,
			text: 'Every refusal: who, whom, which rule and where.',
		},
		{
			to: '/admin/companies',
			title: 'Companies',
			figure: `${overview.companies} companies · ${overview.members} active members`,
			text: 'Rename companies and keep corporate families (parents, subsidiaries) right.',
		},
		{
			to: '/admin/audit',
			title: 'Moderation audit log',
			figure: overview.audit.latestAt
				? `${overview.audit.total} ${overview.audit.total === 1 ? 'entry' : 'entries'} · latest ${overview.audit.latestAt.toISOString().slice(0, 10)}`
				: 'No moderator actions yet',
			text: 'Every review, curation and report decision: who, what, when and why. Append-only.',
		},
	]
	return (
		<div className="mx-auto flex max-w-5xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader title="Admin" description="Membership vetting and the competitor-conflict policy." />
			<ul className="grid grid-cols-1 gap-4 sm:grid-cols-2">
				{areas.map((area) => (
					<li key={area.to}>
						<Link
							to={area.to}
							className="hover:border-brand-300 block h-full rounded-2xl border border-ink-100 bg-white p-6 shadow-sm transition-colors focus-visible:border-brand-500"
						>
							<h2 className="text-lg font-semibold text-ink-950">{area.title}</h2>
							<p className="mt-1 text-sm font-medium text-brand-700">{area.figure}</p>
							<p className="mt-3 text-sm text-ink-500">{area.text}</p>
						</Link>
					</li>
				))}
			</ul>
		</div>
	)
}
