import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { InitialsAvatar } from '#app/components/avatar.tsx'
import { Button } from '#app/components/button.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { listPendingApplications, reviewApplication } from '#app/features/accounts/applications.server.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Applications · Crossroads admin' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['admin'])
	return { applications: listPendingApplications(), timeZone: getMemberTimeZone(user.id) }
}

const ReviewSchema = z.object({
	applicantId: z.string().min(1),
	decision: z.enum(['approve', 'reject']),
})

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['admin'])
	const parsed = ReviewSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) throw new Response('Choose an applicant and a decision (approve or reject).', { status: 400 })
	const outcome = reviewApplication(user.id, parsed.data.applicantId, parsed.data.decision)
	if (!outcome.ok) return data({ tone: 'warning' as const, message: outcome.message }, { status: 409 })
	return {
		tone: 'success' as const,
		message: `${outcome.name} was ${parsed.data.decision === 'approve' ? 'approved and can now use the network' : 'rejected'}.`,
	}
}

export default function ApplicationsRoute() {
	const { applications, timeZone } = useLoaderData<typeof loader>()
	const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone })
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	return (
		<div className="mx-auto flex max-w-5xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Membership applications"
				description={`${applications.length} waiting for review, oldest first. Approve senior marketing leaders; everyone else is declined.`}
			/>
			{actionData ? <Notice tone={actionData.tone}>{actionData.message}</Notice> : null}
			{applications.length === 0 ? (
				<Card className="text-center text-ink-500">No applications are waiting. Nice work.</Card>
			) : (
				<ul className="flex flex-col gap-4" aria-label="Pending applications">
					{applications.map((application) => (
						<li key={application.id}>
							<Card>
								<article
									aria-label={application.name}
									className="flex flex-col gap-5 sm:flex-row sm:items-start sm:justify-between"
								>
									<div className="flex min-w-0 gap-4">
										<InitialsAvatar name={application.name} size="h-12 w-12 text-base" />
										<div className="min-w-0">
											<h2 className="font-semibold text-ink-950">{application.name}</h2>
											<p className="text-sm text-ink-700">
												{[application.title, application.company].filter(Boolean).join(' · ')}
											</p>
											<p className="mt-1 text-sm [overflow-wrap:anywhere] text-ink-500">
												{[application.sectorTitle, application.region, application.email].filter(Boolean).join(' · ')}
											</p>
											{application.applicationNote ? (
												<blockquote className="mt-3 border-l-2 border-brand-200 pl-3 text-sm text-ink-700">
													{application.applicationNote}
												</blockquote>
											) : null}
											<p className="mt-3 text-xs text-ink-400">Applied {day.format(application.appliedAt)}</p>
										</div>
									</div>
									<Form method="post" className="flex shrink-0 gap-2">
										<input type="hidden" name="applicantId" value={application.id} />
										<Button
											name="decision"
											value="approve"
											disabled={navigation.state === 'submitting'}
											aria-label={`Approve ${application.name}`}
										>
											Approve
										</Button>
										<Button
											name="decision"
											value="reject"
											variant="danger"
											disabled={navigation.state === 'submitting'}
											aria-label={`Reject ${application.name}`}
										>
											Reject
										</Button>
									</Form>
								</article>
							</Card>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
