import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button, buttonClass } from '#app/components/button.tsx'
import { Field, FormAlert } from '#app/components/forms.tsx'
import { InviteePicker } from '#app/components/invitee-picker.tsx'
import { statusOfRefusal } from '#app/features/messaging/http-status.ts'
import { publishConversationChanged } from '#app/features/messaging/live.server.ts'
import { messagingLimits } from '#app/features/messaging/options.ts'
import { maxInvitees, RoundtableTitleSchema } from '#app/features/messaging/roundtable-schemas.ts'
import { createRoundtable, invitableConnections } from '#app/features/messaging/roundtables.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'New roundtable · Messages · Crossroads' }]

const RoundtableSchema = z.object({
	title: RoundtableTitleSchema,
	inviteeIds: z
		.array(z.string().min(1), { error: 'Invite at least one of your connections.' })
		.min(1, { error: 'Invite at least one of your connections.' })
		.max(maxInvitees, {
			error: `Invite at most ${maxInvitees}: a roundtable holds ${messagingLimits.roundtableSize} people.`,
		}),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	return { invitable: invitableConnections(user.id) }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const submission = parseWithZod(await readFormData(request), { schema: RoundtableSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const outcome = createRoundtable(user.id, submission.value)
	if (!outcome.ok)
		return data(
			{
				result: outcome.field
					? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
					: submission.reply({ formErrors: [outcome.message] }),
			},
			{ status: statusOfRefusal(outcome.code) },
		)
	publishConversationChanged(outcome.data.conversationId, outcome.data.memberIds)
	throw redirect(`/messages/${outcome.data.conversationId}`)
}

export default function NewRoundtableRoute() {
	const { invitable } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'roundtable',
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RoundtableSchema }),
	})
	const selected = (fields.inviteeIds.initialValue as string[] | string | undefined) ?? []
	return (
		<div className="min-h-0 flex-1 overflow-y-auto">
			<div className="mx-auto max-w-2xl px-4 py-6 sm:px-8 sm:py-8">
				<Link to="/messages" className="text-sm font-medium text-ink-500 hover:text-ink-800 md:hidden">
					← Messages
				</Link>
				<h1 className="mt-3 text-2xl font-semibold tracking-tight text-ink-950 md:mt-0">Start a roundtable</h1>
				<p className="mt-1 text-sm text-ink-500">
					A private, invite-only conversation for up to {messagingLimits.roundtableSize} people, you included. Only your
					connections can be invited, and never two people our competitor policy keeps apart.
				</p>
				{invitable.length === 0 ? (
					<div className="mt-8 rounded-2xl border border-dashed border-ink-200 p-8 text-center">
						<p className="font-medium text-ink-900">No connections to invite yet</p>
						<p className="mt-1 text-sm text-ink-500">Connect with peers first; then bring them together here.</p>
						<Link to="/members/suggestions" className={buttonClass('secondary', 'mt-4')}>
							Find peers to meet
						</Link>
					</div>
				) : (
					<Form method="post" {...getFormProps(form)} className="mt-8 flex flex-col gap-6">
						<FormAlert id={form.errorId} errors={form.errors} />
						<Field
							label="Title"
							hint="What the group is about, e.g. “Retention marketing in 2025”."
							errors={fields.title.errors}
							maxLength={messagingLimits.roundtableTitle}
							{...getInputProps(fields.title, { type: 'text' })}
						/>
						<InviteePicker
							name={fields.inviteeIds.name}
							errorId={fields.inviteeIds.errorId}
							errors={fields.inviteeIds.errors}
							people={invitable}
							selected={Array.isArray(selected) ? selected : [selected]}
							legend="Invite connections"
							hint={`Choose 1 to ${maxInvitees}. They can accept or decline.`}
						/>
						<div className="flex items-center gap-3">
							<Button disabled={navigation.state === 'submitting'}>Create roundtable</Button>
							<Link to="/messages" className={buttonClass('ghost')}>
								Cancel
							</Link>
						</div>
					</Form>
				)}
			</div>
		</div>
	)
}
