import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { MemberAvatar } from '#app/components/avatar.tsx'
import { Button } from '#app/components/button.tsx'
import { FormAlert } from '#app/components/forms.tsx'
import { InviteePicker } from '#app/components/invitee-picker.tsx'
import { PresenceDot, PresenceLabel } from '#app/components/presence.tsx'
import { statusOfRefusal } from '#app/features/messaging/http-status.ts'
import { publishConversationChanged } from '#app/features/messaging/live.server.ts'
import { conversationDetails } from '#app/features/messaging/messaging.server.ts'
import { messagingLimits } from '#app/features/messaging/options.ts'
import {
	invitableConnections,
	inviteToRoundtable,
	leaveRoundtable,
	removeFromRoundtable,
} from '#app/features/messaging/roundtables.server.ts'
import { usePresence } from '#app/features/messaging/use-presence.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `People · ${data?.details.title ?? 'Roundtable'} · Crossroads` },
]

const notFound = () => new Response('This roundtable does not exist or you are not part of it.', { status: 404 })

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const details = conversationDetails(user.id, params.conversationId ?? '')
	if (!details || details.kind !== 'roundtable') throw notFound()
	const isHost = details.members.some((member) => member.userId === user.id && member.role === 'host')
	return {
		viewerId: user.id,
		details,
		isHost,
		invitable: isHost ? invitableConnections(user.id, details.id) : [],
	}
}

const InviteSchema = z.object({
	inviteeIds: z
		.array(z.string().min(1), { error: 'Choose someone to invite.' })
		.min(1, { error: 'Choose someone to invite.' }),
})
const PeopleIntent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('invite') }),
	z.object({ intent: z.literal('remove'), memberId: z.string().min(1) }),
	z.object({ intent: z.literal('leave') }),
])

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const conversationId = params.conversationId ?? ''
	const formData = await readFormData(request)
	const intent = PeopleIntent.safeParse(Object.fromEntries(formData))
	if (!intent.success) return data({ intent: null, result: null, message: 'Unknown action.' }, { status: 400 })
	if (intent.data.intent === 'invite') {
		const submission = parseWithZod(formData, { schema: InviteSchema })
		if (submission.status !== 'success')
			return data({ intent: 'invite' as const, result: submission.reply(), message: null }, { status: 400 })
		const outcome = inviteToRoundtable(user.id, conversationId, submission.value.inviteeIds)
		if (!outcome.ok) {
			if (outcome.code === 'not-found') throw notFound()
			return data(
				{
					intent: 'invite' as const,
					result: outcome.field
						? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
						: submission.reply({ formErrors: [outcome.message] }),
					message: outcome.message,
				},
				{ status: statusOfRefusal(outcome.code) },
			)
		}
		publishConversationChanged(conversationId, outcome.data.memberIds)
		throw redirect(`/messages/${conversationId}/people`)
	}
	const outcome =
		intent.data.intent === 'remove'
			? removeFromRoundtable(user.id, conversationId, intent.data.memberId)
			: leaveRoundtable(user.id, conversationId)
	if (!outcome.ok) {
		if (outcome.code === 'not-found' && intent.data.intent === 'leave') throw notFound()
		return data(
			{ intent: intent.data.intent, result: null, message: outcome.message },
			{ status: statusOfRefusal(outcome.code) },
		)
	}
	const audience =
		intent.data.intent === 'remove' ? [...outcome.data.memberIds, intent.data.memberId] : outcome.data.memberIds
	publishConversationChanged(conversationId, audience)
	throw redirect(intent.data.intent === 'leave' ? '/messages' : `/messages/${conversationId}/people`)
}

const statusLabel = { joined: null, invited: 'Invited' } as const

export default function RoundtablePeopleRoute() {
	const { details, viewerId, isHost, invitable } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle'
	const others = details.members.filter((member) => member.userId !== viewerId)
	const presence = usePresence(
		others.map((member) => member.userId),
		Object.fromEntries(
			others.map((member) => [member.userId, { state: 'offline' as const, lastSeenAt: member.lastSeenAt }]),
		),
	)
	const [form, fields] = useForm({
		id: 'invite',
		lastResult: actionData?.intent === 'invite' ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
	})
	const seatsLeft = messagingLimits.roundtableSize - details.members.length
	const inviteFormShown = isHost && seatsLeft > 0 && invitable.length > 0
	return (
		<div className="min-h-0 flex-1 overflow-y-auto">
			<div className="mx-auto flex max-w-2xl flex-col gap-8 px-4 py-6 sm:px-8 sm:py-8">
				<div>
					<Link to={`/messages/${details.id}`} className="text-sm font-medium text-ink-500 hover:text-ink-800">
						← Back to the conversation
					</Link>
					<h1 className="mt-3 text-2xl font-semibold tracking-tight text-ink-950">{details.title ?? 'Roundtable'}</h1>
					<p className="mt-1 text-sm text-ink-500">
						{details.members.length} of {messagingLimits.roundtableSize} seats taken or invited.
					</p>
				</div>
				{/* A refused invitation shows on the invite form, or here when there is no form (a non-host's post). */}
				{actionData?.message && (actionData.intent !== 'invite' || !inviteFormShown) ? (
					<p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
						{actionData.message}
					</p>
				) : null}
				<section aria-labelledby="members-heading">
					<h2 id="members-heading" className="text-sm font-semibold text-ink-900">
						People
					</h2>
					<ul className="mt-3 divide-y divide-ink-100 rounded-xl ring-1 ring-ink-100">
						{details.members.map((member) => (
							<li key={member.userId} className="flex items-center gap-3 px-4 py-3">
								<div className="relative">
									<MemberAvatar member={{ id: member.userId, ...member }} />
									{member.userId !== viewerId && member.status === 'joined' ? (
										<PresenceDot info={presence[member.userId]} className="absolute -right-0.5 -bottom-0.5" />
									) : null}
								</div>
								<div className="min-w-0 flex-1 text-sm leading-tight">
									<p className="truncate font-medium text-ink-900">
										{member.userId === viewerId ? (
											`${member.name} (you)`
										) : (
											<Link to={`/members/${member.userId}`} className="hover:underline">
												{member.name}
											</Link>
										)}
										{member.role === 'host' ? (
											<span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
												Host
											</span>
										) : null}
										{statusLabel[member.status] ? (
											<span className="ml-2 rounded-full bg-accent-400/20 px-2 py-0.5 text-xs font-medium text-ink-800">
												{statusLabel[member.status]}
											</span>
										) : null}
									</p>
									<p className="mt-0.5 truncate text-xs text-ink-500">
										{member.title ? `${member.title}${member.company ? `, ${member.company}` : ''}` : null}
										{member.userId !== viewerId && member.status === 'joined' ? (
											<>
												{member.title ? ' · ' : ''}
												<PresenceLabel info={presence[member.userId]} />
											</>
										) : null}
									</p>
								</div>
								{isHost && member.userId !== viewerId ? (
									<Form method="post">
										<input type="hidden" name="intent" value="remove" />
										<input type="hidden" name="memberId" value={member.userId} />
										<Button variant="ghost" className="px-3 py-1.5 text-xs text-red-700" disabled={busy}>
											{member.status === 'invited' ? 'Withdraw invite' : 'Remove'}
											<span className="sr-only"> {member.name}</span>
										</Button>
									</Form>
								) : null}
							</li>
						))}
					</ul>
				</section>
				{isHost ? (
					<section aria-labelledby="invite-heading">
						<h2 id="invite-heading" className="text-sm font-semibold text-ink-900">
							Invite more connections
						</h2>
						{seatsLeft <= 0 ? (
							<p className="mt-2 text-sm text-ink-500">The roundtable is full.</p>
						) : invitable.length === 0 ? (
							<p className="mt-2 text-sm text-ink-500">
								None of your connections can join: they are already here, or the competitor policy keeps them apart from
								someone in the room.
							</p>
						) : (
							<Form method="post" {...getFormProps(form)} className="mt-3 flex flex-col gap-4">
								<input type="hidden" name="intent" value="invite" />
								<FormAlert id={form.errorId} errors={form.errors} />
								<InviteePicker
									name={fields.inviteeIds.name}
									errorId={fields.inviteeIds.errorId}
									errors={fields.inviteeIds.errors}
									people={invitable}
									selected={[]}
									legend="Connections who may join"
									hint={`${seatsLeft} ${seatsLeft === 1 ? 'seat' : 'seats'} left.`}
								/>
								<div>
									<Button disabled={busy}>Send invitations</Button>
								</div>
							</Form>
						)}
					</section>
				) : null}
				<section aria-labelledby="leave-heading" className="rounded-xl border border-ink-100 p-4">
					<h2 id="leave-heading" className="text-sm font-semibold text-ink-900">
						Leave the roundtable
					</h2>
					<p className="mt-1 text-sm text-ink-500">
						You will no longer see its messages.{isHost ? ' The host role passes to the longest-standing member.' : ''}
					</p>
					<Form method="post" className="mt-3">
						<input type="hidden" name="intent" value="leave" />
						<Button variant="danger" disabled={busy}>
							Leave roundtable
						</Button>
					</Form>
				</section>
			</div>
		</div>
	)
}
