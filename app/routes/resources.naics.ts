import type { LoaderFunctionArgs } from '@remix-run/node'
import { searchNaicsCodes } from '#app/features/sectors/naics.server.ts'

/** The searchable sector picker's data: public (the join form uses it) and cacheable. */
export async function loader({ request }: LoaderFunctionArgs) {
	const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100)
	return Response.json({ options: searchNaicsCodes(query) }, { headers: { 'Cache-Control': 'public, max-age=3600' } })
}
