import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { InitialsAvatar } from '#app/components/avatar.tsx'
import { Button } from '#app/components/button.tsx'
import { TextareaField } from '#app/components/forms.tsx'
import { Card, Notice } from '#app/components/page.tsx'
import { checkPair, logConflictDecision } from '#app/features/conflicts/conflicts.server.ts'
import {
	connectionBetween,
	mutualConnections,
	removeConnection,
	requestConnection,
	respondToConnection,
	withdrawConnection,
} from '#app/features/connections/connections.server.ts'
import { getMemberProfile } from '#app/features/members/profile.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.member.name ?? 'Member'} · Crossroads` },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const memberId = params.memberId ?? ''
	if (memberId === user.id) throw redirect('/settings')
	const member = getMemberProfile(memberId)
	if (!member) throw new Response('This member does not exist or is no longer active.', { status: 404 })
	const check = checkPair(user.id, member.id)
	if (check.conflicted) {
		logConflictDecision(user.id, member.id, check.rules, 'profile')
		return {
			kind: 'conflicted' as const,
			member: {
				name: member.name,
				...(check.explanation.rule === 'not-available' ? {} : { title: member.title, company: member.company }),
			},
			reason: check.explanation,
		}
	}
	const connection = connectionBetween(user.id, member.id)
	return {
		kind: 'profile' as const,
		member,
		connection: connection
			? {
					id: connection.id,
					status: connection.status,
					suspended: connection.suspendedAt !== null,
					sentByViewer: connection.requesterId === user.id,
					note: connection.note,
				}
			: null,
		mutual: mutualConnections(user.id, member.id),
		localTime: new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: member.timeZone }).format(new Date()),
	}
}

const ConnectionIntent = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('request'),
		note: z.string().trim().max(300, { error: 'Keep the note under 300 characters.' }).default(''),
	}),
	z.object({ intent: z.enum(['accept', 'decline', 'withdraw', 'remove']), connectionId: z.string().min(1) }),
])

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const parsed = ConnectionIntent.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success)
		return data({ ok: false as const, message: parsed.error.issues[0]?.message ?? 'Unknown action.' }, { status: 400 })
	const input = parsed.data
	const outcome =
		input.intent === 'request'
			? requestConnection(user.id, params.memberId ?? '', input.note)
			: input.intent === 'withdraw'
				? withdrawConnection(user.id, input.connectionId)
				: input.intent === 'remove'
					? removeConnection(user.id, input.connectionId)
					: respondToConnection(user.id, input.connectionId, input.intent)
	if (!outcome.ok)
		return data({ ok: false as const, message: outcome.message }, { status: outcome.code === 'not-found' ? 404 : 409 })
	return { ok: true as const, message: null }
}

const businessModelLabels = { b2b: 'B2B', b2c: 'B2C', both: 'B2B and B2C' } as const

export default function MemberRoute() {
	const view = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (view.kind === 'conflicted') {
		return (
			<div className="mx-auto max-w-xl px-4 py-12 sm:px-6">
				<Card>
					<div className="flex items-center gap-4">
						<InitialsAvatar name={view.member.name} size="h-14 w-14 text-lg" />
						<div>
							<h1 className="text-xl font-semibold text-ink-950">{view.member.name}</h1>
							{'title' in view.member ? (
								<p className="text-sm text-ink-500">
									{view.member.title} · {view.member.company}
								</p>
							) : null}
						</div>
					</div>
					<div
						role="status"
						className="mt-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
					>
						<p className="font-semibold">
							{view.reason.rule === 'not-available'
								? 'Not available'
								: 'Not a peer match: our competitor policy keeps you apart'}
						</p>
						<p className="mt-1">{view.reason.message}</p>
					</div>
					<Link to="/" className="mt-6 inline-block text-sm font-semibold text-brand-700 hover:underline">
						Back to home
					</Link>
				</Card>
			</div>
		)
	}
	const { member, connection, mutual, localTime } = view
	return (
		<div className="mx-auto grid max-w-5xl gap-6 px-4 py-10 sm:px-6 lg:grid-cols-[2fr_1fr]">
			<div className="flex flex-col gap-6">
				<Card>
					<div className="flex flex-col gap-4 sm:flex-row sm:items-center">
						<InitialsAvatar name={member.name} size="h-16 w-16 text-xl" />
						<div className="min-w-0">
							<h1 className="text-2xl font-semibold tracking-tight text-ink-950">{member.name}</h1>
							<p className="text-ink-700">
								{member.title} · {member.company}
							</p>
							{member.headline ? <p className="mt-1 text-sm text-ink-500">{member.headline}</p> : null}
						</div>
					</div>
					{member.bio ? <p className="mt-6 leading-7 whitespace-pre-line text-ink-700">{member.bio}</p> : null}
					{member.tags.length ? (
						<ul className="mt-6 flex flex-wrap gap-2" aria-label="Expertise">
							{member.tags.map((tag) => (
								<li key={tag} className="rounded-full bg-brand-50 px-3 py-1 text-xs font-medium text-brand-800">
									{tag.replaceAll('-', ' ')}
								</li>
							))}
						</ul>
					) : null}
				</Card>
				<Card>
					<h2 className="text-lg font-semibold text-ink-950">Company</h2>
					<dl className="mt-4 grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
						<div>
							<dt className="text-ink-500">Industry (NAICS 2022)</dt>
							{member.sectors.map((sector) => (
								<dd key={sector.code} className="mt-1 font-medium">
									{sector.code} {sector.title}
									{sector.isPrimary ? '' : ' (secondary)'}
								</dd>
							))}
						</div>
						<div>
							<dt className="text-ink-500">Model and size</dt>
							<dd className="mt-1 font-medium">
								{businessModelLabels[member.businessModel]}
								{member.companySize ? ` · ${member.companySize} employees` : ''}
							</dd>
						</div>
						<div>
							<dt className="text-ink-500">Region</dt>
							<dd className="mt-1 font-medium">{member.region}</dd>
						</div>
						<div>
							<dt className="text-ink-500">Local time</dt>
							<dd className="mt-1 font-medium">
								{localTime} ({member.timeZone.replaceAll('_', ' ')})
							</dd>
						</div>
					</dl>
				</Card>
			</div>
			<aside className="flex flex-col gap-6">
				<Card>
					<h2 className="text-lg font-semibold text-ink-950">Connection</h2>
					<div className="mt-4 flex flex-col gap-3">
						{actionData?.message ? <Notice tone="warning">{actionData.message}</Notice> : null}
						<ConnectionPanel connection={connection} name={member.name} />
					</div>
				</Card>
				<Card>
					<h2 className="text-lg font-semibold text-ink-950">Mutual connections</h2>
					{mutual.length ? (
						<ul className="mt-3 flex flex-col gap-2">
							{mutual.map((peer) => (
								<li key={peer.id}>
									<Link
										to={`/members/${peer.id}`}
										className="flex items-center gap-2 text-sm font-medium text-ink-800 hover:underline"
									>
										<InitialsAvatar name={peer.name} size="h-7 w-7 text-xs" />
										{peer.name}
									</Link>
								</li>
							))}
						</ul>
					) : (
						<p className="mt-2 text-sm text-ink-500">None yet.</p>
					)}
				</Card>
			</aside>
		</div>
	)
}

function ConnectionPanel({
	connection,
	name,
}: {
	connection: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'profile' }>['connection']
	name: string
}) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const firstName = name.split(' ')[0]
	if (connection?.status === 'accepted') {
		return (
			<>
				{connection.suspended ? (
					<Notice tone="warning">
						Suspended: a profile change put you in conflict. Contact is paused until the conflict goes away.
					</Notice>
				) : (
					<p className="text-sm text-ink-700">You are connected with {firstName}.</p>
				)}
				<Form method="post">
					<input type="hidden" name="intent" value="remove" />
					<input type="hidden" name="connectionId" value={connection.id} />
					<Button variant="secondary" className="w-full" disabled={busy}>
						Remove connection
					</Button>
				</Form>
			</>
		)
	}
	if (connection?.status === 'pending' && connection.sentByViewer) {
		return (
			<>
				<p className="text-sm text-ink-700">Request sent. {firstName} has not answered yet.</p>
				<Form method="post">
					<input type="hidden" name="intent" value="withdraw" />
					<input type="hidden" name="connectionId" value={connection.id} />
					<Button variant="secondary" className="w-full" disabled={busy}>
						Withdraw request
					</Button>
				</Form>
			</>
		)
	}
	if (connection?.status === 'pending') {
		return (
			<>
				<p className="text-sm text-ink-700">
					{firstName} asked to connect{connection.note ? ':' : '.'}
				</p>
				{connection.note ? (
					<blockquote className="border-l-2 border-brand-200 pl-3 text-sm text-ink-700">{connection.note}</blockquote>
				) : null}
				<Form method="post" className="flex gap-2">
					<input type="hidden" name="connectionId" value={connection.id} />
					<Button name="intent" value="accept" className="flex-1" disabled={busy}>
						Accept
					</Button>
					<Button name="intent" value="decline" variant="secondary" className="flex-1" disabled={busy}>
						Decline
					</Button>
				</Form>
			</>
		)
	}
	return (
		<Form method="post" className="flex flex-col gap-3">
			<input type="hidden" name="intent" value="request" />
			<TextareaField label={`Note to ${firstName} (optional)`} name="note" rows={3} maxLength={300} />
			<Button disabled={busy}>Request to connect</Button>
		</Form>
	)
}
