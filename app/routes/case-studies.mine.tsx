import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { buttonClass } from '#app/components/button.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { listOwnStudies } from '#app/features/case-studies/authoring.server.ts'
import { revisionStatusLabels, statusLabels, statusTones } from '#app/features/case-studies/labels.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your case studies · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: getMemberTimeZone(user.id) })
	return {
		studies: listOwnStudies(user.id).map((study) => ({ ...study, updatedOn: day.format(study.updatedAt) })),
	}
}

export default function MyCaseStudiesRoute() {
	const { studies } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Your case studies"
				description="Drafts, studies in review, feedback from moderators and what peers read."
				actions={
					<Link to="/case-studies/new" className={buttonClass('primary')}>
						Write a case study
					</Link>
				}
			/>
			{studies.length === 0 ? (
				<Card className="text-center">
					<p className="text-ink-700">You have not written a case study yet.</p>
					<p className="mt-1 text-sm text-ink-500">
						Peers learn most from what did not work. Start a draft: only you see it until a moderator publishes it.
					</p>
				</Card>
			) : (
				<ul className="flex flex-col gap-4">
					{studies.map((study) => {
						const feedback =
							study.status === 'changes-requested' || study.status === 'rejected'
								? study.reviewNote
								: study.status === 'published' &&
									  (study.revisionStatus === 'changes-requested' || study.revisionStatus === 'rejected')
									? study.revisionNote
									: null
						const pendingEdit =
							study.status === 'published' &&
							(study.revisionStatus === 'submitted' || study.revisionStatus === 'changes-requested')
						return (
							<li key={study.id}>
								<Card>
									<div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
										<div className="min-w-0">
											<div className="flex flex-wrap items-center gap-2">
												<span
													className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${statusTones[study.status]}`}
												>
													{statusLabels[study.status]}
												</span>
												{pendingEdit && study.revisionStatus ? (
													<span className="rounded-full bg-sky-50 px-2.5 py-0.5 text-xs font-semibold text-sky-800 ring-1 ring-sky-200">
														{revisionStatusLabels[study.revisionStatus]}
													</span>
												) : null}
												{study.hiddenAt !== null ? (
													<span className="rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-800">
														Hidden by a moderator
													</span>
												) : null}
											</div>
											<h2 className="mt-3 text-lg font-semibold text-ink-950">
												<Link to={`/case-studies/${study.id}/edit`} className="hover:underline">
													{study.title}
												</Link>
											</h2>
											<p className="mt-1 text-sm text-ink-500">
												{study.brand} · updated {study.updatedOn}
												{study.status === 'published'
													? ` · ${study.usefulCount} found it useful · ${study.comments} ${study.comments === 1 ? 'comment' : 'comments'}`
													: ''}
												{study.readers === 'all' ? ' · all members' : ' · hidden from members in conflict'}
											</p>
										</div>
										<div className="flex shrink-0 gap-2">
											{study.status === 'published' ? (
												<Link to={`/case-studies/${study.id}`} className={buttonClass('ghost', 'px-3')}>
													View
												</Link>
											) : null}
											<Link to={`/case-studies/${study.id}/edit`} className={buttonClass('secondary', 'px-3')}>
												{study.status === 'submitted' ? 'Open' : 'Edit'}
											</Link>
										</div>
									</div>
									{feedback ? (
										<figure className="mt-4 rounded-xl border border-amber-200 bg-amber-50 p-4">
											<figcaption className="text-xs font-semibold tracking-wide text-amber-900 uppercase">
												Feedback from the moderator
											</figcaption>
											<blockquote className="mt-1 text-sm whitespace-pre-line text-ink-900">{feedback}</blockquote>
										</figure>
									) : null}
								</Card>
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}
