import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CuratedStudyCard } from '#app/components/curated-study-card.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { getCollectionPage } from '#app/features/moderation/curation.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.collection.title ?? 'Collection'} · Crossroads` },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const page = getCollectionPage(params.slug ?? '', { id: user.id, role: user.role })
	if (!page) throw new Response('This collection does not exist.', { status: 404 })
	return page
}

export default function CollectionRoute() {
	const { collection, studies } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title={collection.title}
				description={collection.intro ? <span className="whitespace-pre-line">{collection.intro}</span> : undefined}
				actions={
					<Link to="/collections" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						All collections →
					</Link>
				}
			/>
			{studies.length === 0 ? (
				<Card className="text-center text-ink-500">No case study in this collection is open to you yet.</Card>
			) : (
				<ol className="flex flex-col gap-4" aria-label="Case studies, in reading order">
					{studies.map((study, index) => (
						<li key={study.id}>
							<CuratedStudyCard study={study} position={index + 1} />
						</li>
					))}
				</ol>
			)}
		</div>
	)
}
