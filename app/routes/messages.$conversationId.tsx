import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	redirect,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { z } from 'zod'
import { MemberAvatar } from '#app/components/avatar.tsx'
import { Button, buttonClass } from '#app/components/button.tsx'
import { ConversationAvatar } from '#app/components/conversation-list.tsx'
import { ErrorList, FormAlert } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { MessageBubble, PendingBubble, type Author } from '#app/components/message-bubble.tsx'
import { PresenceDot, PresenceLabel } from '#app/components/presence.tsx'
import { seenReceipt, timelineOf } from '#app/features/messaging/conversation-state.ts'
import { messagesAround } from '#app/features/messaging/history.server.ts'
import { statusOfRefusal } from '#app/features/messaging/http-status.ts'
import {
	publishConversationChanged,
	publishMessage,
	publishMessageChange,
	publishReadReceipt,
} from '#app/features/messaging/live.server.ts'
import { ClientIdSchema, MessageBodySchema } from '#app/features/messaging/message-text.ts'
import {
	conversationDetails,
	currentChangeId,
	deleteMessage,
	editMessage,
	listConversations,
	markRead,
	messageHistory,
	sendMessage,
} from '#app/features/messaging/messaging.server.ts'
import { messagingLimits } from '#app/features/messaging/options.ts'
import { respondToInvite } from '#app/features/messaging/roundtables.server.ts'
import { messageRateMessage, takeMessageAllowance } from '#app/features/messaging/send-limits.server.ts'
import { useConversation } from '#app/features/messaging/use-conversation.ts'
import { usePresence } from '#app/features/messaging/use-presence.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.kind === 'conversation' ? data.label : 'Invitation'} · Messages · Crossroads` },
]

/** A rate-limited post says when to retry. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
	const retryAfter = actionHeaders.get('Retry-After')
	return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

const HistoryQuery = z.object({
	before: z.coerce.number().int().positive().optional().catch(undefined),
	around: z.coerce.number().int().positive().optional().catch(undefined),
	edit: z.coerce.number().int().positive().optional().catch(undefined),
	'confirm-delete': z.coerce.number().int().positive().optional().catch(undefined),
})

const notFound = () => new Response('This conversation does not exist or you are not part of it.', { status: 404 })

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const conversationId = params.conversationId ?? ''
	const timeZone = getMemberTimeZone(user.id)
	// Read first: anything committed after it reaches this page live or through 'messages:sync'.
	const lastChangeId = currentChangeId()
	const details = conversationDetails(user.id, conversationId)
	if (!details) {
		const invitation = listConversations(user.id).find(
			(conversation) => conversation.id === conversationId && conversation.status === 'invited',
		)
		if (!invitation) throw notFound()
		return { kind: 'invitation' as const, invitation, timeZone }
	}
	const query = HistoryQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	const around = query.around ? messagesAround(user.id, conversationId, query.around) : undefined
	const page =
		around?.ok && around.data.found
			? around.data
			: (() => {
					const history = messageHistory(user.id, conversationId, { beforeId: query.before })
					if (!history.ok) throw notFound()
					return {
						messages: history.data.messages,
						hasMoreBefore: history.data.hasMore,
						hasMoreAfter: query.before !== undefined,
					}
				})()
	// Without JavaScript, opening the conversation is what reads it.
	const newest = page.messages.at(-1)
	if (newest) {
		const read = markRead(user.id, conversationId, newest.id)
		if (read.ok && read.data.changed) publishReadReceipt(read.data)
	}
	const others = details.members.filter((member) => member.userId !== user.id)
	const label = details.kind === 'roundtable' ? (details.title ?? 'Roundtable') : (others[0]?.name ?? 'Former member')
	return {
		kind: 'conversation' as const,
		viewer: { id: user.id, name: user.name },
		details: {
			...details,
			members: details.members.map((member) =>
				member.userId === user.id && newest
					? { ...member, lastReadMessageId: Math.max(member.lastReadMessageId, newest.id) }
					: member,
			),
		},
		label,
		messages: page.messages,
		hasMoreBefore: page.hasMoreBefore,
		hasMoreAfter: page.hasMoreAfter,
		highlight: around?.ok && around.data.found ? query.around! : null,
		editing: query.edit ?? null,
		confirmingDelete: query['confirm-delete'] ?? null,
		lastChangeId,
		// The no-JS composer's client id: a double-submitted form stores one message.
		clientId: crypto.randomUUID(),
		timeZone,
		now: Date.now(),
	}
}

const SendSchema = z.object({ clientId: ClientIdSchema, body: MessageBodySchema })
const EditSchema = z.object({ messageId: z.coerce.number().int().positive(), body: MessageBodySchema })
const DeleteSchema = z.object({ messageId: z.coerce.number().int().positive() })
const Intent = z.enum(['send', 'edit', 'delete', 'accept', 'decline'])

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const conversationId = params.conversationId ?? ''
	const path = `/messages/${conversationId}`
	const formData = await readFormData(request)
	const intent = Intent.safeParse(formData.get('intent'))
	if (!intent.success) return data({ intent: null, result: null, message: 'Unknown action.' }, { status: 400 })

	if (intent.data === 'accept' || intent.data === 'decline') {
		const outcome = respondToInvite(user.id, conversationId, intent.data === 'accept')
		if (!outcome.ok)
			return data(
				{ intent: intent.data, result: null, message: outcome.message },
				{ status: statusOfRefusal(outcome.code) },
			)
		publishConversationChanged(conversationId, outcome.data.memberIds)
		throw redirect(intent.data === 'accept' ? path : '/messages')
	}

	if (intent.data === 'send') {
		const submission = parseWithZod(formData, { schema: SendSchema })
		if (submission.status !== 'success')
			return data({ intent: 'send' as const, result: submission.reply(), message: null }, { status: 400 })
		const allowance = await takeMessageAllowance(user.id)
		if (!allowance.allowed) {
			const message = messageRateMessage(allowance.retryAfterMs)
			return data(
				{ intent: 'send' as const, result: submission.reply({ formErrors: [message] }), message },
				{ status: 429, headers: { 'Retry-After': String(allowance.retryAfterSeconds) } },
			)
		}
		const outcome = sendMessage(user.id, { conversationId, ...submission.value })
		if (!outcome.ok) {
			if (outcome.code === 'not-found') throw notFound()
			const reply = outcome.field
				? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
				: submission.reply({ formErrors: [outcome.message] })
			return data(
				{ intent: 'send' as const, result: reply, message: outcome.message },
				{ status: statusOfRefusal(outcome.code) },
			)
		}
		if (!outcome.data.duplicate) publishMessage(outcome.data)
		throw redirect(`${path}#message-${outcome.data.message.id}`)
	}

	const submission = parseWithZod(formData, { schema: intent.data === 'edit' ? EditSchema : DeleteSchema })
	if (submission.status !== 'success')
		return data({ intent: intent.data, result: submission.reply(), message: null }, { status: 400 })
	const value = submission.value as z.infer<typeof EditSchema>
	const outcome =
		intent.data === 'edit' ? editMessage(user.id, value.messageId, value.body) : deleteMessage(user.id, value.messageId)
	if (!outcome.ok) {
		if (outcome.code === 'not-found') throw new Response(outcome.message, { status: 404 })
		return data(
			{ intent: intent.data, result: submission.reply({ formErrors: [outcome.message] }), message: outcome.message },
			{ status: statusOfRefusal(outcome.code) },
		)
	}
	publishMessageChange(outcome.data)
	throw redirect(`${path}#message-${value.messageId}`)
}

export default function ConversationRoute() {
	const view = useLoaderData<typeof loader>()
	if (view.kind === 'invitation') return <Invitation view={view} />
	return <Conversation key={view.details.id} view={view} />
}

type InvitationView = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'invitation' }>
type ConversationView = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'conversation' }>

function BackToList() {
	return (
		<Link
			to="/messages"
			className="-ml-2 inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-ink-500 hover:bg-ink-100 md:hidden"
		>
			<svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5">
				<path
					fillRule="evenodd"
					d="M11.78 5.22a.75.75 0 0 1 0 1.06L8.06 10l3.72 3.72a.75.75 0 1 1-1.06 1.06l-4.25-4.25a.75.75 0 0 1 0-1.06l4.25-4.25a.75.75 0 0 1 1.06 0Z"
					clipRule="evenodd"
				/>
			</svg>
			<span className="sr-only">All conversations</span>
		</Link>
	)
}

function Invitation({ view }: { view: InvitationView }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { invitation } = view
	const host = invitation.members[0]
	return (
		<div className="flex flex-1 flex-col">
			<div className="flex items-center gap-3 border-b border-ink-100 px-4 py-3 sm:px-6">
				<BackToList />
				<h1 className="truncate font-semibold text-ink-950">{invitation.title ?? 'Roundtable'}</h1>
			</div>
			<div className="flex flex-1 items-center justify-center bg-ink-50/60 p-6">
				<div className="w-full max-w-md rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-ink-100">
					<div className="flex justify-center">
						<ConversationAvatar conversation={invitation} size="h-14 w-14" />
					</div>
					<h2 className="mt-4 text-lg font-semibold text-ink-950">
						{host ? `${host.name} invited you to a roundtable` : 'You are invited to a roundtable'}
					</h2>
					<p className="mt-1 text-sm text-ink-500">“{invitation.title ?? 'Roundtable'}”</p>
					{invitation.members.length ? (
						<ul aria-label="Members" className="mt-5 flex flex-wrap justify-center gap-2">
							{invitation.members.map((member) => (
								<li
									key={member.userId}
									className="flex items-center gap-1.5 rounded-full bg-ink-50 py-1 pr-3 pl-1 text-xs"
								>
									<MemberAvatar member={{ id: member.userId, ...member }} size="h-6 w-6 text-[0.625rem]" />
									{member.name}
								</li>
							))}
						</ul>
					) : null}
					{actionData?.message ? (
						<p role="alert" className="mt-4 text-sm text-red-700">
							{actionData.message}
						</p>
					) : null}
					<Form method="post" className="mt-6 flex justify-center gap-3">
						<Button name="intent" value="accept" disabled={navigation.state !== 'idle'}>
							Accept and join
						</Button>
						<Button name="intent" value="decline" variant="secondary" disabled={navigation.state !== 'idle'}>
							Decline
						</Button>
					</Form>
					<p className="mt-4 text-xs text-ink-400">You will see the conversation’s history once you join.</p>
				</div>
			</div>
		</div>
	)
}

/** Same sender within this long: one group (avatar and name once). */
const groupWindowMs = 5 * 60 * 1000

function Conversation({ view }: { view: ConversationView }) {
	const { details, viewer, timeZone } = view
	const path = `/messages/${details.id}`
	const actionData = useActionData<typeof action>()
	const changeRefusal = actionData?.intent === 'edit' || actionData?.intent === 'delete' ? actionData.message : null
	const others = details.members.filter((member) => member.userId !== viewer.id && member.status === 'joined')
	const readPositions = useMemo(
		() => Object.fromEntries(details.members.map((member) => [member.userId, member.lastReadMessageId])),
		[details.members],
	)
	const conversation = useConversation({
		conversationId: details.id,
		viewerId: viewer.id,
		messages: view.messages,
		hasMoreBefore: view.hasMoreBefore,
		hasMoreAfter: view.hasMoreAfter,
		lastChangeId: view.lastChangeId,
		readPositions,
	})
	const { state } = conversation
	const presence = usePresence(
		others.map((member) => member.userId),
		Object.fromEntries(
			others.map((member) => [member.userId, { state: 'offline' as const, lastSeenAt: member.lastSeenAt }]),
		),
	)
	const authors = useMemo(() => {
		const map = new Map<string, Author>()
		for (const member of details.members)
			map.set(member.userId, { id: member.userId, name: member.name, photoVersion: member.photoVersion })
		return map
	}, [details.members])
	const timeline = timelineOf(state)
	const receipt = seenReceipt(state)
	const [now, setNow] = useState(view.now)
	useEffect(() => {
		setNow(Date.now())
		const timer = setInterval(() => setNow(Date.now()), 30_000)
		return () => clearInterval(timer)
	}, [])

	// Scrolling: start at the bottom (or the linked message), keep the view steady when earlier
	// messages are added on top, follow new messages only when already at the bottom.
	const scroller = useRef<HTMLDivElement>(null)
	const atBottom = useRef(true)
	const [unseenBelow, setUnseenBelow] = useState(false)
	const previous = useRef({ oldest: state.ids[0], count: timeline.length, height: 0 })
	useLayoutEffect(() => {
		const element = scroller.current
		if (!element) return
		const target = view.highlight ? document.getElementById(`message-${view.highlight}`) : null
		if (target) target.scrollIntoView({ block: 'center' })
		else element.scrollTop = element.scrollHeight
	}, [])
	useLayoutEffect(() => {
		const element = scroller.current
		if (!element) return
		const before = previous.current
		if (before.oldest !== undefined && state.ids[0] !== undefined && state.ids[0] < before.oldest)
			element.scrollTop += element.scrollHeight - before.height
		else if (timeline.length > before.count) {
			const ownSend = timeline.at(-1)?.kind === 'pending'
			if (atBottom.current || ownSend) element.scrollTop = element.scrollHeight
			else setUnseenBelow(true)
		}
		previous.current = { oldest: state.ids[0], count: timeline.length, height: element.scrollHeight }
	})
	const onScroll = () => {
		const element = scroller.current
		if (!element) return
		atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80
		previous.current.height = element.scrollHeight
		if (atBottom.current) setUnseenBelow(false)
	}

	// Infinite scroll: the top sentinel coming into view loads the page before the oldest message.
	const sentinel = useRef<HTMLDivElement>(null)
	const { loadEarlier } = conversation
	useEffect(() => {
		const element = sentinel.current
		if (!element || !state.hasMoreBefore) return
		const observer = new IntersectionObserver(
			(entries) => {
				if (entries.some((entry) => entry.isIntersecting)) loadEarlier()
			},
			{ root: scroller.current, rootMargin: '200px 0px 0px 0px' },
		)
		observer.observe(element)
		return () => observer.disconnect()
	}, [state.hasMoreBefore, loadEarlier])

	const live = conversation.live
		? {
				edit: async (messageId: number, body: string) => {
					const result = await conversation.edit(messageId, body)
					return result.ok ? { ok: true as const } : { ok: false as const, message: result.message }
				},
				remove: async (messageId: number) => {
					const result = await conversation.remove(messageId)
					return result.ok ? { ok: true as const } : { ok: false as const, message: result.message }
				},
			}
		: null

	const peer = details.kind === 'direct' ? others[0] : undefined
	// Only a roundtable's host proposes times to it; the meetings page checks again.
	const isHost = details.members.some((member) => member.userId === viewer.id && member.role === 'host')
	const scheduleLink = !details.writable
		? null
		: peer
			? `/meetings/new?with=${peer.userId}`
			: details.kind === 'roundtable' && isHost
				? `/meetings/new?roundtable=${details.id}`
				: null
	const onlineCount = others.filter((member) => presence[member.userId]?.state === 'online').length
	let previousEntry: { senderId: string; createdAt: number; day: string } | null = null
	const dayOf = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at)

	return (
		<div className="flex min-h-0 flex-1 flex-col">
			<header className="flex items-center gap-3 border-b border-ink-100 px-4 py-3 sm:px-6">
				<BackToList />
				<div className="relative shrink-0">
					{peer ? (
						<MemberAvatar
							member={{ id: peer.userId, name: peer.name, photoVersion: peer.photoVersion }}
							size="h-10 w-10"
						/>
					) : (
						<ConversationAvatar
							conversation={{
								kind: details.kind,
								title: details.title,
								members: others.map((member) => ({ ...member })),
							}}
							size="h-10 w-10"
						/>
					)}
					{peer ? <PresenceDot info={presence[peer.userId]} className="absolute -right-0.5 -bottom-0.5" /> : null}
				</div>
				<div className="min-w-0 flex-1">
					<h1 className="truncate font-semibold text-ink-950">
						{peer ? (
							<Link to={`/members/${peer.userId}`} className="hover:underline">
								{view.label}
							</Link>
						) : (
							view.label
						)}
					</h1>
					<p className="truncate text-xs text-ink-500">
						{peer ? (
							<>
								<PresenceLabel info={presence[peer.userId]} />
								{peer.title ? ` · ${peer.title}${peer.company ? `, ${peer.company}` : ''}` : ''}
							</>
						) : (
							<>
								{others.length + 1} members
								{onlineCount > 0 ? ` · ${onlineCount} online` : ''}
								{' · '}
								{[viewer.name, ...others.map((member) => member.name)].map((name) => name.split(' ')[0]).join(', ')}
							</>
						)}
					</p>
				</div>
				{scheduleLink ? (
					<Link to={scheduleLink} className={buttonClass('secondary', 'px-3 py-1.5 text-xs')}>
						Schedule
					</Link>
				) : null}
				{details.kind === 'roundtable' ? (
					<Link to={`${path}/people`} className={buttonClass('secondary', 'px-3 py-1.5 text-xs')}>
						People
					</Link>
				) : null}
			</header>
			{details.readOnly ? (
				<div
					role="status"
					className="border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 sm:px-6"
					data-testid="read-only"
				>
					{details.readOnly.message}
				</div>
			) : null}
			{changeRefusal ? (
				<p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-800 sm:px-6">
					{changeRefusal}
				</p>
			) : null}
			<div
				ref={scroller}
				onScroll={onScroll}
				className="relative min-h-0 flex-1 overflow-y-auto bg-ink-50/40 pb-4"
				aria-label={`Messages with ${view.label}`}
				role="log"
				data-testid="message-log"
			>
				<div ref={sentinel} className="flex justify-center pt-4 pb-2">
					{state.hasMoreBefore ? (
						<Link
							to={`${path}?before=${state.ids[0] ?? ''}`}
							onClick={(event) => {
								if (conversation.loadEarlier()) event.preventDefault()
							}}
							className="text-ink-600 rounded-full bg-white px-3 py-1 text-xs font-medium shadow-sm ring-1 ring-ink-100 hover:bg-ink-50"
						>
							{conversation.loadingEarlier ? 'Loading…' : 'Load earlier messages'}
						</Link>
					) : timeline.length ? (
						<p className="text-xs text-ink-400">
							{details.kind === 'direct'
								? 'This is the start of your conversation.'
								: 'This is the start of the roundtable.'}
						</p>
					) : null}
				</div>
				{timeline.length === 0 ? (
					<div className="flex flex-col items-center px-6 py-16 text-center">
						<p className="font-medium text-ink-900">No messages yet</p>
						<p className="mt-1 text-sm text-ink-500">
							{details.writable ? 'Say hello — your first message starts the conversation.' : 'Nothing was said here.'}
						</p>
					</div>
				) : null}
				<ol className="flex flex-col" aria-label="Messages">
					{timeline.map((entry) => {
						if (entry.kind === 'pending')
							return (
								<li key={entry.key}>
									<PendingBubble send={entry.send} onRetry={conversation.retry} />
								</li>
							)
						const message = entry.message
						const day = dayOf(message.createdAt)
						const newDay = previousEntry?.day !== day
						const showAuthor =
							newDay ||
							previousEntry?.senderId !== message.senderId ||
							message.createdAt - (previousEntry?.createdAt ?? 0) > groupWindowMs
						previousEntry = { senderId: message.senderId, createdAt: message.createdAt, day }
						const own = message.senderId === viewer.id
						const author = authors.get(message.senderId) ?? {
							id: message.senderId,
							name: message.senderName,
							photoVersion: null,
						}
						return (
							<Fragment key={entry.key}>
								{newDay ? (
									<li className="my-4 flex items-center gap-3 px-6" aria-hidden="true">
										<span className="h-px flex-1 bg-ink-100" />
										<LocalTime
											at={message.createdAt}
											style="day"
											timeZone={timeZone}
											className="text-xs font-medium text-ink-400"
										/>
										<span className="h-px flex-1 bg-ink-100" />
									</li>
								) : null}
								<li>
									<MessageBubble
										message={message}
										own={own}
										author={author}
										showAuthor={showAuthor}
										showName={details.kind === 'roundtable'}
										timeZone={timeZone}
										highlighted={view.highlight === message.id}
										editing={view.editing === message.id}
										confirmingDelete={view.confirmingDelete === message.id}
										conversationPath={path}
										live={live}
										editable={details.writable}
										now={now}
										footer={
											receipt?.messageId === message.id ? (
												<span className="font-medium text-ink-500" data-testid="seen">
													{details.kind === 'direct'
														? 'Seen'
														: receipt.readers >= others.length
															? 'Seen by everyone'
															: `Seen by ${receipt.readers}`}
												</span>
											) : null
										}
									/>
								</li>
							</Fragment>
						)
					})}
				</ol>
				{state.hasMoreAfter ? (
					<div className="mt-4 flex justify-center">
						<Link to={path} className={buttonClass('secondary', 'px-3 py-1.5 text-xs')}>
							Jump to the latest messages
						</Link>
					</div>
				) : null}
			</div>
			<div className="relative border-t border-ink-100 bg-white">
				{unseenBelow ? (
					<button
						type="button"
						onClick={() => {
							const element = scroller.current
							if (element) element.scrollTop = element.scrollHeight
							setUnseenBelow(false)
						}}
						className="absolute -top-12 left-1/2 -translate-x-1/2 rounded-full bg-ink-900 px-3 py-1.5 text-xs font-semibold text-white shadow-lg"
					>
						New messages ↓
					</button>
				) : null}
				<p aria-live="polite" className="h-5 px-4 pt-1 text-xs text-ink-500 italic sm:px-6" data-testid="typing">
					{typingText(conversation.typing)}
				</p>
				{state.hasMoreAfter ? (
					<p className="px-4 pb-4 text-sm text-ink-500 sm:px-6">
						<Link to={path} className="font-semibold text-brand-700 hover:underline">
							Jump to the latest messages
						</Link>{' '}
						to reply.
					</p>
				) : (
					<Composer
						clientId={view.clientId}
						writable={details.writable}
						readOnlyReason={details.readOnly?.message ?? null}
						label={view.label}
						onSend={conversation.live ? conversation.send : null}
						onTyping={conversation.notifyTyping}
					/>
				)}
			</div>
		</div>
	)
}

function typingText(names: string[]) {
	if (names.length === 0) return ''
	const first = names.map((name) => name.split(' ')[0])
	if (first.length === 1) return `${first[0]} is typing…`
	if (first.length === 2) return `${first[0]} and ${first[1]} are typing…`
	return 'Several people are typing…'
}

function Composer({
	clientId,
	writable,
	readOnlyReason,
	label,
	onSend,
	onTyping,
}: {
	clientId: string
	writable: boolean
	readOnlyReason: string | null
	label: string
	onSend: ((body: string) => void) | null
	onTyping: () => void
}) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [length, setLength] = useState(0)
	const textarea = useRef<HTMLTextAreaElement>(null)
	const [form, fields] = useForm({
		id: 'composer',
		lastResult: actionData?.intent === 'send' ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SendSchema }),
		onSubmit(event, { formData, submission }) {
			if (!onSend || submission?.status !== 'success') return
			event.preventDefault()
			onSend(String(formData.get('body') ?? ''))
			if (textarea.current) textarea.current.value = ''
			setLength(0)
		},
	})
	const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
		if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && onSend) {
			event.preventDefault()
			event.currentTarget.form?.requestSubmit()
		}
	}
	const limit = messagingLimits.messageLength
	const disabled = !writable
	return (
		<Form method="post" {...getFormProps(form)} className="px-4 pb-4 sm:px-6">
			<input type="hidden" name="intent" value="send" />
			<input type="hidden" name="clientId" value={clientId} />
			<FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(fields.clientId.errors ?? [])]} />
			<div
				className={`mt-1 flex items-end gap-2 rounded-2xl bg-white p-1.5 ring-1 ring-ink-200 ring-inset focus-within:ring-2 focus-within:ring-brand-600 ${disabled ? 'bg-ink-50' : ''}`}
			>
				<label htmlFor={fields.body.id} className="sr-only">
					Message {label}
				</label>
				<textarea
					{...getTextareaProps(fields.body)}
					ref={textarea}
					rows={1}
					disabled={disabled}
					placeholder={disabled ? 'This conversation is read-only' : `Message ${label}`}
					onKeyDown={onKeyDown}
					onInput={(event) => {
						setLength(Array.from(event.currentTarget.value).length)
						onTyping()
					}}
					className="block field-sizing-content max-h-40 min-h-10 w-full flex-1 resize-none border-0 bg-transparent px-2.5 py-2 text-[0.9375rem] text-ink-900 placeholder:text-ink-400 focus:ring-0 focus:outline-none disabled:cursor-not-allowed"
				/>
				<button
					type="submit"
					disabled={disabled || navigation.state === 'submitting'}
					className="inline-flex h-10 shrink-0 items-center gap-1.5 rounded-xl bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-ink-200 disabled:text-ink-500"
				>
					Send
					<svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
						<path d="M3.105 2.288a.75.75 0 0 0-.826.95l1.414 4.926A1.5 1.5 0 0 0 5.135 9.25h6.115a.75.75 0 0 1 0 1.5H5.135a1.5 1.5 0 0 0-1.442 1.086l-1.414 4.926a.75.75 0 0 0 .826.95 28.897 28.897 0 0 0 15.293-7.155.75.75 0 0 0 0-1.114A28.897 28.897 0 0 0 3.105 2.288Z" />
					</svg>
				</button>
			</div>
			<div className="mt-1 flex justify-between gap-3 px-1 text-xs text-ink-400">
				<ErrorList id={fields.body.errorId} errors={fields.body.errors} />
				{disabled ? (
					<span className="sr-only">{readOnlyReason}</span>
				) : (
					<span className="hidden sm:inline">Enter to send · Shift + Enter for a new line</span>
				)}
				{length > limit * 0.9 ? (
					<span className={`ml-auto tabular-nums ${length > limit ? 'font-semibold text-red-700' : ''}`}>
						{length.toLocaleString()} / {limit.toLocaleString()}
					</span>
				) : null}
			</div>
		</Form>
	)
}
