import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { openNotification } from '#app/features/notifications/notifications.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { safeRedirectTarget } from '#app/utils/redirect.ts'

const NotificationId = z.coerce.number().int().positive()

/** Opening a notification marks it read and follows its link; only the member's own. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const id = NotificationId.safeParse(params.id)
	const link = id.success ? openNotification(user.id, id.data) : null
	if (link === null) throw new Response('This notification does not exist.', { status: 404 })
	return redirect(safeRedirectTarget(link, '/notifications'))
}
