import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CaseStudyCard } from '#app/components/case-study-card.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { listBookmarks } from '#app/features/case-studies/library.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Bookmarked case studies · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	return { studies: listBookmarks({ id: user.id, role: user.role }) }
}

export default function BookmarksRoute() {
	const { studies } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Bookmarks"
				description="Case studies you saved for later. A study its author withdraws, or one you may no longer read, drops out."
				actions={
					<Link to="/case-studies" className="text-sm font-semibold text-brand-700 hover:underline">
						Browse the library
					</Link>
				}
			/>
			{studies.length === 0 ? (
				<Card className="text-center text-ink-500">Nothing saved yet. Bookmark a case study from its page.</Card>
			) : (
				<ul className="grid gap-5 md:grid-cols-2 lg:grid-cols-3" aria-label="Bookmarked case studies">
					{studies.map((study) => (
						<li key={study.id}>
							<CaseStudyCard study={study} />
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
