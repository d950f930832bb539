import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { blankSessionCookie, revokeSession } from '#app/utils/auth.server.ts'

export async function loader() {
	return redirect('/')
}

export async function action({ context }: ActionFunctionArgs) {
	if (context.auth) await revokeSession(context.auth.user.id, context.auth.session.id)
	return redirect('/', { headers: { 'Set-Cookie': blankSessionCookie() } })
}
