import type { LoaderFunctionArgs } from '@remix-run/node'
import { meetingInvite, publicOrigin } from '#app/features/scheduling/calendar.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

/** A meeting as an .ics file, for its participants only (404 to anyone else, 409 while no time is agreed). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const invite = meetingInvite(user.id, params.meetingId ?? '', publicOrigin(request))
	if (!invite.ok)
		throw new Response(invite.message, {
			status: invite.code === 'not-found' ? 404 : 409,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
		})
	return new Response(invite.data.body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="${invite.data.filename}"`,
			'Cache-Control': 'private, no-store',
		},
	})
}
