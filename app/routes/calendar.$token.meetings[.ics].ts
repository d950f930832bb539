import type { LoaderFunctionArgs } from '@remix-run/node'
import { calendarFeed, publicOrigin } from '#app/features/scheduling/calendar.server.ts'

/**
 * A member's private calendar feed. Calendar apps send no cookie, so the secret token in the URL
 * is the credential: unknown, revoked or a member no longer active all read as 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const feed = calendarFeed(params.token ?? '', publicOrigin(request))
	if (feed === undefined)
		throw new Response('No calendar feed at this address. It may have been revoked or replaced.', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' },
		})
	return new Response(feed, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="crossroads-meetings.ics"',
			'Cache-Control': 'private, max-age=300',
			'X-Robots-Tag': 'noindex',
			'Referrer-Policy': 'no-referrer',
		},
	})
}
