import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { buttonClass } from '#app/components/button.tsx'
import { statusOfRefusal } from '#app/features/messaging/http-status.ts'
import { openDirectConversation } from '#app/features/messaging/messaging.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

/** Only the form on a member's profile posts here; a visit just says so. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	requireActiveMember(context.auth, request)
	return null
}

const StartSchema = z.object({ memberId: z.string().trim().min(1, { error: 'Say whom to message.' }) })

/** Opens (or finds) the direct conversation with a connection and goes there. */
export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const parsed = StartSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success)
		return data({ message: parsed.error.issues[0]?.message ?? 'Say whom to message.', memberId: null }, { status: 400 })
	const outcome = openDirectConversation(user.id, parsed.data.memberId)
	if (!outcome.ok)
		return data({ message: outcome.message, memberId: parsed.data.memberId }, { status: statusOfRefusal(outcome.code) })
	throw redirect(`/messages/${outcome.data.conversationId}`)
}

export default function StartConversationRoute() {
	const refusal = useActionData<typeof action>()
	return (
		<div className="flex flex-1 items-center justify-center p-6">
			<div className="max-w-md text-center">
				<h1 className="text-lg font-semibold text-ink-950">
					{refusal ? 'You cannot message this member' : 'Start a conversation'}
				</h1>
				<p role="alert" className="text-ink-600 mt-2 text-sm">
					{refusal?.message ?? 'Start a conversation from a connection’s profile.'}
				</p>
				<Link
					to={refusal?.memberId ? `/members/${refusal.memberId}` : '/messages'}
					className={buttonClass('secondary', 'mt-6')}
				>
					{refusal?.memberId ? 'Back to the profile' : 'Back to messages'}
				</Link>
			</div>
		</div>
	)
}
