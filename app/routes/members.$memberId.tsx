import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { InitialsAvatar, MemberAvatar } from '#app/components/avatar.tsx'
import { Button, buttonClass } from '#app/components/button.tsx'
import { TextareaField } from '#app/components/forms.tsx'
import { MemberCaseStudies } from '#app/components/case-study-card.tsx'
import { Card, Notice } from '#app/components/page.tsx'
import { listMemberStudies } from '#app/features/case-studies/library.server.ts'
import { checkPair, logConflictDecision } from '#app/features/conflicts/conflicts.server.ts'
import {
	connectionBetween,
	mutualConnections,
	removeConnection,
	requestConnection,
	respondToConnection,
	withdrawConnection,
} from '#app/features/connections/connections.server.ts'
import { blockMember } from '#app/features/members/profile-editing.server.ts'
import { canSeeHiddenProfile, getMemberProfile } from '#app/features/members/profile.server.ts'
import { expertiseLabel } from '#app/features/members/expertise.ts'
import { labels } from '#app/features/members/profile-schemas.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.member.name ?? 'Member'} · Crossroads` },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const memberId = params.memberId ?? ''
	const member = getMemberProfile(memberId)
	if (!member) throw new Response('This member does not exist or is no longer active.', { status: 404 })
	const hidden = member.hiddenAt !== null
	if (hidden && !canSeeHiddenProfile(user, memberId))
		throw new Response('This member is not available.', { status: 404 })
	const localTime = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: member.timeZone }).format(new Date())
	// Only what the case-study read policy lets this viewer read (an "all members" study crosses a conflict).
	const caseStudies = listMemberStudies({ id: user.id, role: user.role }, memberId)
	if (memberId === user.id) return { kind: 'self' as const, member, localTime, caseStudies, hidden }
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
			caseStudies,
			hidden,
		}
	}
	const connection = connectionBetween(user.id, member.id)
	if (member.visibility === 'connections' && connection?.status !== 'accepted')
		return {
			kind: 'limited' as const,
			member: { id: member.id, name: member.name, title: member.title, company: member.company },
			connection: describeConnection(connection, user.id),
			caseStudies,
			hidden,
		}
	return {
		kind: 'profile' as const,
		member,
		connection: describeConnection(connection, user.id),
		mutual: mutualConnections(user.id, member.id),
		localTime,
		caseStudies,
		hidden,
	}
}

function describeConnection(connection: ReturnType<typeof connectionBetween>, viewerId: string) {
	return connection
		? {
				id: connection.id,
				status: connection.status,
				suspended: connection.suspendedAt !== null,
				sentByViewer: connection.requesterId === viewerId,
				note: connection.note,
			}
		: null
}

const ConnectionIntent = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('request'),
		note: z.string().trim().max(300, { error: 'Keep the note under 300 characters.' }).default(''),
	}),
	z.object({ intent: z.enum(['accept', 'decline', 'withdraw', 'remove']), connectionId: z.string().min(1) }),
	z.object({ intent: z.literal('do-not-introduce') }),
])

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const parsed = ConnectionIntent.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success)
		return data({ ok: false as const, message: parsed.error.issues[0]?.message ?? 'Unknown action.' }, { status: 400 })
	const input = parsed.data
	if (input.intent === 'do-not-introduce') {
		const outcome = blockMember(user.id, params.memberId ?? '')
		if (!outcome.ok) return data({ ok: false as const, message: outcome.message }, { status: 400 })
		return { ok: true as const, message: null }
	}
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

export default function MemberRoute() {
	const view = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (view.kind === 'conflicted') {
		return (
			<div className="mx-auto flex max-w-xl flex-col gap-6 px-4 py-12 sm:px-6">
				{view.hidden ? <HiddenNotice self={false} /> : null}
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
						{view.reason.rule === 'do-not-introduce' ? (
							<p className="mt-2">
								<Link to="/profile#private-list" className="font-semibold underline">
									Manage your private list
								</Link>
							</p>
						) : null}
					</div>
					<Link to="/" className="mt-6 inline-block text-sm font-semibold text-brand-700 hover:underline">
						Back to home
					</Link>
				</Card>
				<MemberCaseStudies studies={view.caseStudies} firstName={view.member.name.split(' ')[0]!} />
			</div>
		)
	}
	if (view.kind === 'limited') {
		return (
			<div className="mx-auto flex max-w-xl flex-col gap-6 px-4 py-12 sm:px-6">
				{view.hidden ? <HiddenNotice self={false} /> : null}
				<Card>
					<div className="flex items-center gap-4">
						<InitialsAvatar name={view.member.name} size="h-14 w-14 text-lg" />
						<div>
							<h1 className="text-xl font-semibold text-ink-950">{view.member.name}</h1>
							<p className="text-sm text-ink-500">
								{view.member.title} · {view.member.company}
							</p>
						</div>
					</div>
					<p className="mt-6 text-sm text-ink-700">
						{view.member.name.split(' ')[0]} shares their full profile with their connections only.
					</p>
					<div className="mt-4 flex flex-col gap-3">
						{actionData?.message ? <Notice tone="warning">{actionData.message}</Notice> : null}
						<ConnectionPanel connection={view.connection} name={view.member.name} memberId={view.member.id} />
					</div>
				</Card>
				<MemberCaseStudies studies={view.caseStudies} firstName={view.member.name.split(' ')[0]!} />
			</div>
		)
	}
	const { member, localTime } = view
	const isSelf = view.kind === 'self'
	return (
		<div className="mx-auto grid max-w-5xl gap-6 px-4 py-10 sm:px-6 lg:grid-cols-[2fr_1fr]">
			<div className="flex flex-col gap-6">
				{view.hidden ? <HiddenNotice self={isSelf} /> : null}
				<Card>
					<div className="flex flex-col gap-4 sm:flex-row sm:items-center">
						<MemberAvatar member={member} size="h-20 w-20 text-2xl" />
						<div className="min-w-0">
							<h1 className="text-2xl font-semibold tracking-tight text-ink-950">{member.name}</h1>
							<p className="text-ink-700">
								{member.title} · {member.company}
							</p>
							{member.headline ? <p className="mt-1 text-sm text-ink-500">{member.headline}</p> : null}
						</div>
					</div>
					{member.bio ? <p className="mt-6 leading-7 whitespace-pre-line text-ink-700">{member.bio}</p> : null}
					{member.openTo.length ? (
						<p className="mt-6 text-sm text-ink-700">
							<span className="font-medium text-ink-900">Open to: </span>
							{member.openTo.map((option) => labels.openTo[option]).join(', ')}
						</p>
					) : null}
					{member.tags.length ? (
						<ul className="mt-6 flex flex-wrap gap-2" aria-label="Expertise">
							{member.tags.map((tag) => (
								<li key={tag} className="rounded-full bg-brand-50 px-3 py-1 text-xs font-medium text-brand-800">
									{expertiseLabel(tag)}
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
								{labels.businessModel[member.businessModel]}
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
				<MemberCaseStudies studies={view.caseStudies} firstName={member.name.split(' ')[0]!} />
			</div>
			<aside className="flex flex-col gap-6">
				{isSelf ? (
					<Card>
						<h2 className="text-lg font-semibold text-ink-950">Your profile</h2>
						<p className="mt-2 text-sm text-ink-500">
							This is how peers see you
							{member.visibility === 'connections' ? ' once you are connected' : ''}.
						</p>
						<Link to="/profile" className={buttonClass('primary', 'mt-4 w-full')}>
							Edit profile
						</Link>
					</Card>
				) : (
					<ConnectionSidebar view={view} actionMessage={actionData?.message ?? null} />
				)}
			</aside>
		</div>
	)
}

/** Shown only to those who still see a hidden profile: the member and moderators. */
function HiddenNotice({ self }: { self: boolean }) {
	return (
		<Notice tone="warning">
			<span className="font-semibold">Hidden by a moderator.</span>{' '}
			{self
				? 'Other members cannot open your profile, and it is left out of the directory and suggestions.'
				: 'Other members cannot open this profile; moderators can restore it from the reports page.'}
		</Notice>
	)
}

type ProfileView = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'profile' }>

function ConnectionSidebar({ view, actionMessage }: { view: ProfileView; actionMessage: string | null }) {
	const { member, connection, mutual } = view
	const navigation = useNavigation()
	return (
		<>
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">Connection</h2>
				<div className="mt-4 flex flex-col gap-3">
					{actionMessage ? <Notice tone="warning">{actionMessage}</Notice> : null}
					<ConnectionPanel connection={connection} name={member.name} memberId={member.id} />
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
			<Form method="post" className="px-1">
				<input type="hidden" name="intent" value="do-not-introduce" />
				<button
					type="submit"
					disabled={navigation.state === 'submitting'}
					className="text-sm text-ink-500 underline-offset-2 hover:text-ink-800 hover:underline"
				>
					Don’t introduce me to {member.name.split(' ')[0]}
				</button>
				<p className="mt-1 text-xs text-ink-400">Private: {member.name.split(' ')[0]} is never told.</p>
			</Form>
			<Link
				to={`/reports/new?type=profile&id=${member.id}`}
				className="self-start px-1 text-sm text-ink-500 underline-offset-2 hover:text-ink-800 hover:underline"
			>
				Report profile
			</Link>
		</>
	)
}

function ConnectionPanel({
	connection,
	name,
	memberId,
}: {
	connection: ProfileView['connection']
	name: string
	memberId: string
}) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const firstName = name.split(' ')[0]
	if (connection?.status === 'accepted') {
		return (
			<>
				{connection.suspended ? (
					<Notice tone="warning">
						Suspended: a profile change put you in conflict. Contact and messaging are paused until the conflict goes
						away.
					</Notice>
				) : (
					<>
						<p className="text-sm text-ink-700">You are connected with {firstName}.</p>
						<Form method="post" action="/messages/new">
							<input type="hidden" name="memberId" value={memberId} />
							<Button className="w-full" disabled={busy}>
								Message {firstName}
							</Button>
						</Form>
						<Link to={`/meetings/new?with=${memberId}`} className={buttonClass('secondary', 'w-full')}>
							Propose a time
						</Link>
					</>
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
