import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Card, PageHeader } from '#app/components/page.tsx'
import { listCollectionsFor } from '#app/features/moderation/curation.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Collections · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	return { collections: listCollectionsFor({ id: user.id, role: user.role }) }
}

export default function CollectionsRoute() {
	const { collections } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Collections"
				description="Case studies our moderators put together around one question, in the order they are worth reading."
			/>
			{collections.length === 0 ? (
				<Card className="text-center text-ink-500">No collections to show yet.</Card>
			) : (
				<ul className="grid gap-4 md:grid-cols-2">
					{collections.map((collection) => (
						<li key={collection.id}>
							<Link
								to={`/collections/${collection.slug}`}
								className="block h-full rounded-2xl border border-ink-100 bg-white p-6 shadow-sm hover:border-brand-200"
							>
								<h2 className="text-lg font-semibold text-ink-950">{collection.title}</h2>
								<p className="mt-1 text-sm font-medium text-brand-700">
									{collection.studies} {collection.studies === 1 ? 'case study' : 'case studies'}
								</p>
								{collection.intro ? <p className="mt-3 line-clamp-3 text-sm text-ink-500">{collection.intro}</p> : null}
							</Link>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
