import { getFormProps, getTextareaProps, useForm, type DefaultValue, type Submission } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { MemberAvatar } from '#app/components/avatar.tsx'
import { Button, buttonClass } from '#app/components/button.tsx'
import { ErrorList, FormAlert, TextareaField } from '#app/components/forms.tsx'
import { MeetingStatusBadge, PeopleStack } from '#app/components/meeting-card.tsx'
import { SlotPicker } from '#app/components/meeting-slot-picker.tsx'
import {
	firstNameOf,
	formatClock,
	formatDay,
	MeetingTime,
	zoneCity,
	zoneOffset,
} from '#app/components/meeting-time.tsx'
import { Notice } from '#app/components/page.tsx'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { slotsBetween } from '#app/features/scheduling/availability.server.ts'
import { statusOfSchedulingRefusal } from '#app/features/scheduling/http-status.ts'
import {
	AgendaSchema,
	CancelSchema,
	ChooseOptionSchema,
	CounterSchema,
	DeclineSchema,
	ReflectionSchema,
	RescheduleSchema,
	VoteSchema,
} from '#app/features/scheduling/meeting-schemas.ts'
import type { MeetingOptionItem, SchedulingOutcome } from '#app/features/scheduling/meeting-types.ts'
import {
	acceptOption,
	cancelMeeting,
	confirmOption,
	counterPropose,
	declineMeeting,
	meetingDetails,
	rescheduleMeeting,
	saveReflection,
	updateAgenda,
	voteOnOptions,
} from '#app/features/scheduling/meetings.server.ts'
import { schedulingLimits } from '#app/features/scheduling/options.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.details.topic ?? 'Meeting'} · Meetings · Crossroads` },
]

const intents = [
	'accept',
	'decline',
	'counter',
	'vote',
	'confirm',
	'reschedule',
	'cancel',
	'agenda',
	'reflect',
] as const
type MeetingIntent = (typeof intents)[number]

/** What the page says after each action succeeded (the redirect carries the key). */
const notices: Record<MeetingIntent | 'proposed', string> = {
	proposed: 'Proposal sent. You will be notified when they answer.',
	accept: 'Confirmed. Everyone is notified, and you can add it to your calendar.',
	decline: 'You declined. They have been told, with your note.',
	counter: 'Your suggested times are on their way.',
	vote: 'Your votes are saved. The host confirms the time that suits the group.',
	confirm: 'Time confirmed. Everyone is notified.',
	reschedule: 'New times are on their way; the meeting is pending until they choose one.',
	cancel: 'The meeting is cancelled. Everyone is notified, with your reason.',
	agenda: 'Agenda saved.',
	reflect: 'Saved. Only you can see this note.',
}

const Query = z.object({
	notice: z
		.enum([...intents, 'proposed'])
		.optional()
		.catch(undefined),
	'confirm-cancel': z.literal('1').optional().catch(undefined),
})

const dayMs = 24 * 60 * 60 * 1000
const notFound = () => new Response('This meeting does not exist or you are not part of it.', { status: 404 })

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const now = Date.now()
	const details = meetingDetails(user.id, params.meetingId ?? '', now)
	if (!details) throw notFound()
	const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
	const viewerZone =
		details.participants.find((person) => person.userId === user.id)?.timeZone ?? getMemberTimeZone(user.id)
	// New times for a counter-proposal or a reschedule: when everyone is free, this meeting's own time aside.
	const slots =
		details.can.counter || details.can.reschedule
			? slotsBetween(
					// The viewer first: slots step on their own clock.
					[user.id, ...details.participants.map((person) => person.userId).filter((id) => id !== user.id)],
					{
						durationMinutes: details.durationMinutes,
						from: now,
						to: now + schedulingLimits.horizonDays * dayMs,
						exceptMeetingId: details.id,
						now,
					},
				)
			: []
	return {
		viewerId: user.id,
		viewerZone,
		details,
		slots,
		now,
		notice: query.notice ? notices[query.notice] : null,
		confirmingCancel: details.can.cancel && query['confirm-cancel'] === '1',
	}
}

type ActionResult = {
	intent: MeetingIntent | null
	result: ReturnType<Submission<unknown>['reply']> | null
	message: string | null
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const meetingId = params.meetingId ?? ''
	const formData = await readFormData(request)
	const intent = z.enum(intents).safeParse(formData.get('intent'))
	if (!intent.success)
		return data<ActionResult>({ intent: null, result: null, message: 'Unknown action.' }, { status: 400 })
	const name = intent.data

	/** Field errors back to the form; a refusal of the whole action as the page's alert. */
	function respond<Schema extends z.ZodType>(
		schema: Schema,
		run: (value: z.output<Schema>) => SchedulingOutcome<{ meetingId: string }>,
	) {
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success')
			return data<ActionResult>({ intent: name, result: submission.reply(), message: null }, { status: 400 })
		const outcome = run(submission.value)
		if (!outcome.ok) {
			if (outcome.code === 'not-found') throw notFound()
			// The accept and confirm buttons have no field to show an error under: the page's alert says it.
			const field = name === 'accept' || name === 'confirm' ? undefined : outcome.field
			return data<ActionResult>(
				field
					? {
							intent: name,
							result: submission.reply({ fieldErrors: { [field]: [outcome.message] } }),
							message: null,
						}
					: { intent: name, result: submission.reply(), message: outcome.message },
				{ status: statusOfSchedulingRefusal(outcome.code) },
			)
		}
		throw redirect(`/meetings/${meetingId}?notice=${name}`)
	}

	switch (name) {
		case 'accept':
			return respond(ChooseOptionSchema, (value) => acceptOption(user.id, meetingId, value.optionId))
		case 'confirm':
			return respond(ChooseOptionSchema, (value) => confirmOption(user.id, meetingId, value.optionId))
		case 'decline':
			return respond(DeclineSchema, (value) => declineMeeting(user.id, meetingId, value))
		case 'counter':
			return respond(CounterSchema, (value) => counterPropose(user.id, meetingId, value))
		case 'vote':
			return respond(VoteSchema, (value) => voteOnOptions(user.id, meetingId, value.optionIds))
		case 'reschedule':
			return respond(RescheduleSchema, (value) => rescheduleMeeting(user.id, meetingId, value))
		case 'cancel':
			return respond(CancelSchema, (value) => cancelMeeting(user.id, meetingId, value))
		case 'agenda':
			return respond(AgendaSchema, (value) => updateAgenda(user.id, meetingId, value))
		case 'reflect':
			return respond(ReflectionSchema, (value) => saveReflection(user.id, meetingId, value))
	}
}

type View = ReturnType<typeof useLoaderData<typeof loader>>

/** conform's useForm for one intent's form: its own id, and the last result only when it was this form's. */
function useIntentForm<Schema extends z.ZodType<unknown, Record<string, unknown>>>(
	intent: MeetingIntent,
	schema: Schema,
	defaultValue?: DefaultValue<z.input<Schema>>,
) {
	const actionData = useActionData<typeof action>()
	return useForm<z.input<Schema>, z.output<Schema>>({
		id: intent,
		defaultValue,
		lastResult: actionData?.intent === intent ? actionData.result : undefined,
		// conform reads constraints from an object schema; a root .transform() (votes, reflection) would throw.
		constraint: getZodConstraint(schema instanceof z.ZodPipe ? schema.in : schema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
}

export default function MeetingRoute() {
	const view = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { details, viewerZone, now } = view
	const pending = details.status === 'pending'
	const hasTime = details.startsAt !== null && details.endsAt !== null
	return (
		<div className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-8 sm:px-6 sm:py-10">
			<Link to="/meetings" className="text-sm font-medium text-ink-500 hover:text-ink-800">
				← Meetings
			</Link>
			<header className="rounded-2xl border border-ink-100 bg-white p-5 shadow-sm sm:p-6">
				<div className="flex flex-wrap items-center gap-2">
					<MeetingStatusBadge meeting={details} now={now} />
					<span className="text-xs font-medium text-ink-500">
						{details.kind === 'roundtable'
							? `Roundtable${details.roundtableTitle ? ` · ${details.roundtableTitle}` : ''}`
							: 'One-to-one'}{' '}
						· {details.durationMinutes} minutes
					</span>
				</div>
				<h1 className="mt-3 text-2xl font-semibold tracking-tight break-words text-ink-950 sm:text-3xl">
					{details.topic}
				</h1>
				<div className="mt-3 flex items-center gap-3">
					<PeopleStack people={details.others} size="h-8 w-8 text-xs" />
					<p className="min-w-0 text-sm text-ink-700">
						with {details.others.map((person) => person.name).join(', ') || 'a former member'}
					</p>
				</div>
				{hasTime ? (
					<MeetingTime
						startsAt={details.startsAt!}
						endsAt={details.endsAt!}
						viewerZone={viewerZone}
						others={details.others}
						className={`mt-4 text-base ${details.status === 'cancelled' ? 'line-through decoration-ink-400' : ''}`}
					/>
				) : pending ? (
					<p className="mt-4 text-sm text-ink-500">
						{details.options.length} proposed {details.options.length === 1 ? 'time' : 'times'}, below.
					</p>
				) : null}
				{details.location ? <Location location={details.location} /> : null}
				<div className="mt-5 flex flex-wrap gap-3">
					{details.conversationId ? (
						<Link to={`/messages/${details.conversationId}`} className={buttonClass('secondary', 'px-3 py-2')}>
							Open the conversation
						</Link>
					) : null}
					{details.status === 'confirmed' || details.status === 'cancelled' ? (
						<a
							href={`/meetings/${details.id}/invite.ics`}
							download
							className={buttonClass('secondary', 'px-3 py-2')}
							data-testid="ics-link"
						>
							{/* A cancelled meeting's file is a CANCEL that takes it out of the calendar it was added to. */}
							{details.status === 'cancelled' ? 'Remove from calendar (.ics)' : 'Add to calendar (.ics)'}
						</a>
					) : null}
				</div>
			</header>

			{view.notice && !actionData ? <Notice>{view.notice}</Notice> : null}
			{actionData?.message ? (
				<div
					role="alert"
					id="meeting-alert"
					className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
				>
					{actionData.message}
				</div>
			) : null}

			<div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<div className="flex min-w-0 flex-col gap-6">
					{details.can.accept || details.can.decline || details.can.counter ? <Respond view={view} /> : null}
					{details.can.vote ? <Vote view={view} /> : null}
					{details.can.confirm ? <Confirm view={view} /> : null}
					{pending && !details.can.accept && !details.can.vote && !details.can.confirm ? <Waiting view={view} /> : null}
					{details.can.reschedule ? (
						<NewTimes view={view} intent="reschedule" summary="Reschedule" textField="reason" />
					) : null}
					{details.can.reflect ? <Reflect view={view} /> : null}
					<Agenda view={view} />
					<Timeline view={view} />
				</div>
				<aside className="flex min-w-0 flex-col gap-6">
					<People view={view} />
					{/* Whoever is asked to answer declines; offering "cancel" beside it would be two names for one thing. */}
					{details.can.cancel && !details.can.decline ? <Cancel view={view} /> : null}
				</aside>
			</div>
		</div>
	)
}

function Panel({
	id,
	title,
	children,
	tone = 'plain',
}: {
	id: string
	title: string
	children: ReactNode
	tone?: 'plain' | 'action'
}) {
	return (
		<section
			aria-labelledby={id}
			className={`rounded-2xl border bg-white p-5 shadow-sm sm:p-6 ${tone === 'action' ? 'border-accent-400/60 ring-1 ring-accent-400/30' : 'border-ink-100'}`}
		>
			<h2 id={id} className="text-lg font-semibold text-ink-950">
				{title}
			</h2>
			{children}
		</section>
	)
}

/** A URL is a link (opened safely in a new tab); anything else is a place, shown as text. */
function Location({ location }: { location: string }) {
	const url = /^https?:\/\//i.test(location) && URL.canParse(location) ? location : null
	return (
		<p className="mt-2 flex min-w-0 items-center gap-1.5 text-sm text-ink-700">
			<span className="shrink-0 text-ink-500">{url ? 'Video link:' : 'Where:'}</span>
			{url ? (
				<a
					href={url}
					target="_blank"
					rel="noopener noreferrer nofollow"
					className="truncate font-medium text-brand-700 hover:underline"
				>
					{location}
				</a>
			) : (
				<span className="truncate font-medium">{location}</span>
			)}
		</p>
	)
}

function OptionTime({ option, view }: { option: MeetingOptionItem; view: View }) {
	return (
		<MeetingTime
			startsAt={option.startsAt}
			endsAt={option.endsAt}
			viewerZone={view.viewerZone}
			others={view.details.others}
			className="text-sm"
		/>
	)
}

function Respond({ view }: { view: View }) {
	const { details } = view
	const actionData = useActionData<typeof action>()
	// Answering is one-to-one: the current times are the other person's, organizer or counter-proposer alike.
	const suggestedBy = details.others[0]?.name
	return (
		<Panel id="respond-heading" title="Choose a time" tone="action">
			<p className="mt-1 text-sm text-ink-500">
				{suggestedBy ? `${firstNameOf(suggestedBy)} suggested` : 'Suggested'}{' '}
				{details.options.length === 1 ? 'this time' : 'these times'}. Accept one, suggest others, or decline.
			</p>
			{details.can.accept ? (
				<ul className="mt-4 flex flex-col gap-2" aria-label="Proposed times">
					{details.options.map((option) => (
						<li
							key={option.id}
							className="flex flex-col gap-3 rounded-xl border border-ink-100 p-3 sm:flex-row sm:items-center sm:justify-between"
						>
							<OptionTime option={option} view={view} />
							<ChooseOptionForm intent="accept" label="Accept" option={option} view={view} />
						</li>
					))}
				</ul>
			) : null}
			<div className="mt-4 flex flex-col gap-3">
				{details.can.counter ? (
					<NewTimes view={view} intent="counter" summary="Suggest other times" textField="note" nested />
				) : null}
				{details.can.decline ? <Decline open={actionData?.intent === 'decline'} /> : null}
			</div>
		</Panel>
	)
}

function Decline({ open }: { open: boolean }) {
	const navigation = useNavigation()
	const [form, fields] = useIntentForm('decline', DeclineSchema)
	return (
		<details open={open} className="group rounded-xl border border-ink-100 p-3">
			<summary className="cursor-pointer text-sm font-semibold text-ink-800">Decline</summary>
			<Form method="post" {...getFormProps(form)} className="mt-3 flex flex-col gap-3">
				<input type="hidden" name="intent" value="decline" />
				<FormAlert id={form.errorId} errors={form.errors} />
				<TextareaField
					label="A note with your answer (optional)"
					rows={3}
					maxLength={schedulingLimits.note}
					errors={fields.note.errors}
					{...getTextareaProps(fields.note)}
				/>
				<Button variant="danger" className="self-start" disabled={navigation.state === 'submitting'}>
					Decline the meeting
				</Button>
			</Form>
		</details>
	)
}

/** New options for the meeting: a counter-proposal (with a note) or a reschedule (with a reason). */
function NewTimes({
	view,
	intent,
	summary,
	textField,
	nested = false,
}: {
	view: View
	intent: 'counter' | 'reschedule'
	summary: string
	textField: 'note' | 'reason'
	nested?: boolean
}) {
	const navigation = useNavigation()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useIntentForm(intent, intent === 'counter' ? CounterSchema : RescheduleSchema)
	const optionsField = fields.options
	const text = fields[textField]
	const picked = [optionsField.initialValue ?? []].flat().filter((value): value is string => typeof value === 'string')
	const content = (
		<Form method="post" {...getFormProps(form)} className="mt-3 flex flex-col gap-4">
			<input type="hidden" name="intent" value={intent} />
			<FormAlert id={form.errorId} errors={form.errors} />
			{view.slots.length ? (
				<SlotPicker
					id={`${intent}-slots`}
					slots={view.slots}
					viewerZone={view.viewerZone}
					others={view.details.others}
					max={schedulingLimits.maxOptions}
					selected={picked}
					errors={optionsField.errors}
					errorId={optionsField.errorId}
					legend="Pick up to three new times"
				/>
			) : (
				<div role="status" className="text-ink-600 rounded-xl border border-dashed border-ink-200 px-4 py-5 text-sm">
					<p className="font-semibold text-ink-900">No common free time in the next three weeks.</p>
					<p className="mt-1">
						Widen your{' '}
						<Link to="/meetings/availability" className="font-semibold text-brand-700 hover:underline">
							availability
						</Link>
						, or agree on a time in the conversation.
					</p>
					<ErrorList id={optionsField.errorId} errors={optionsField.errors} />
				</div>
			)}
			<TextareaField
				label={textField === 'reason' ? 'Reason (shared with everyone)' : 'A note with your suggestion (optional)'}
				rows={3}
				maxLength={schedulingLimits.note}
				errors={text.errors}
				{...getTextareaProps(text)}
			/>
			<Button className="self-start" disabled={navigation.state === 'submitting' || view.slots.length === 0}>
				{intent === 'counter' ? 'Send these times' : 'Propose new times'}
			</Button>
		</Form>
	)
	const open = actionData?.intent === intent
	if (nested)
		return (
			<details open={open} className="rounded-xl border border-ink-100 p-3">
				<summary className="cursor-pointer text-sm font-semibold text-ink-800">{summary}</summary>
				{content}
			</details>
		)
	return (
		<details open={open} className="rounded-2xl border border-ink-100 bg-white p-5 shadow-sm sm:p-6">
			<summary className="cursor-pointer text-lg font-semibold text-ink-950">{summary}</summary>
			<p className="mt-1 text-sm text-ink-500">
				The meeting goes back to pending until{' '}
				{view.details.others.length === 1 ? 'they choose' : 'the group agrees on'} a new time.
			</p>
			{content}
		</details>
	)
}

function Vote({ view }: { view: View }) {
	const { details, viewerId } = view
	const navigation = useNavigation()
	const [form, fields] = useIntentForm('vote', VoteSchema)
	return (
		<Panel id="vote-heading" title="Which times work for you?" tone="action">
			<Form method="post" {...getFormProps(form)} className="mt-3 flex flex-col gap-4">
				<input type="hidden" name="intent" value="vote" />
				<FormAlert id={form.errorId} errors={form.errors} />
				<fieldset>
					<legend className="text-sm text-ink-500">Tick every time you can make; the host confirms one.</legend>
					<ul className="mt-3 flex flex-col gap-2">
						{details.options.map((option) => (
							<li key={option.id}>
								<label className="flex cursor-pointer items-start gap-3 rounded-xl border border-ink-100 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
									<input
										type="checkbox"
										name="optionId"
										value={option.id}
										defaultChecked={option.voterIds.includes(viewerId)}
										className="mt-1 h-4 w-4 accent-brand-600"
									/>
									<span className="min-w-0 flex-1">
										<OptionTime option={option} view={view} />
										<span className="mt-0.5 block text-xs text-ink-500">
											{option.voterIds.length} of {details.participants.length - 1} can make it
										</span>
									</span>
								</label>
							</li>
						))}
					</ul>
				</fieldset>
				<ErrorList id={fields.optionId.errorId} errors={fields.optionId.errors} />
				<Button className="self-start" disabled={navigation.state === 'submitting'}>
					Save my votes
				</Button>
			</Form>
		</Panel>
	)
}

function Confirm({ view }: { view: View }) {
	const { details } = view
	const invitees = details.participants.filter((person) => person.role === 'invitee')
	const byId = new Map(details.participants.map((person) => [person.userId, person]))
	const ranked = [...details.options].sort((a, b) => b.voterIds.length - a.voterIds.length || a.startsAt - b.startsAt)
	return (
		<Panel id="confirm-heading" title="Confirm a time" tone="action">
			<p className="mt-1 text-sm text-ink-500">
				The group’s votes so far, most popular first. Confirm one and everyone is notified.
			</p>
			<ul className="mt-4 flex flex-col gap-2" aria-label="Proposed times with votes">
				{ranked.map((option) => (
					<li
						key={option.id}
						className="flex flex-col gap-3 rounded-xl border border-ink-100 p-3 sm:flex-row sm:items-center sm:justify-between"
					>
						<div className="min-w-0">
							<OptionTime option={option} view={view} />
							<p className="mt-1 text-xs text-ink-500">
								<span className="font-semibold text-ink-800" data-testid="vote-count">
									{option.voterIds.length} of {invitees.length}
								</span>{' '}
								can make it
								{option.voterIds.length
									? `: ${option.voterIds.map((id) => firstNameOf(byId.get(id)?.name ?? 'Former member')).join(', ')}`
									: ''}
							</p>
						</div>
						<ChooseOptionForm intent="confirm" label="Confirm" option={option} view={view} />
					</li>
				))}
			</ul>
		</Panel>
	)
}

/** Pending, and the next move is someone else's. */
function Waiting({ view }: { view: View }) {
	const { details } = view
	const waitingFor =
		details.kind === 'roundtable'
			? 'the host to confirm a time'
			: `${firstNameOf(details.others[0]?.name ?? 'them')} to answer`
	return (
		<Panel id="options-heading" title="Proposed times">
			<p className="mt-1 text-sm text-ink-500">Waiting for {waitingFor}.</p>
			<ul className="mt-4 flex flex-col gap-2">
				{details.options.map((option) => (
					<li key={option.id} className="rounded-xl border border-dashed border-ink-200 p-3">
						<OptionTime option={option} view={view} />
					</li>
				))}
			</ul>
		</Panel>
	)
}

function Agenda({ view }: { view: View }) {
	const { details } = view
	const navigation = useNavigation()
	const [form, fields] = useIntentForm('agenda', AgendaSchema, { agenda: details.agenda })
	if (!details.can.editAgenda)
		return (
			<Panel id="agenda-heading" title="Agenda">
				{details.agenda ? (
					<p className="mt-3 text-sm leading-6 break-words whitespace-pre-line text-ink-700">{details.agenda}</p>
				) : (
					<p className="mt-2 text-sm text-ink-500">No agenda was set.</p>
				)}
			</Panel>
		)
	return (
		<Panel id="agenda-heading" title="Agenda">
			<Form method="post" {...getFormProps(form)} className="mt-3 flex flex-col gap-3">
				<input type="hidden" name="intent" value="agenda" />
				<FormAlert id={form.errorId} errors={form.errors} />
				<TextareaField
					label="What to cover (everyone in the meeting can edit this)"
					rows={5}
					maxLength={schedulingLimits.agenda}
					errors={fields.agenda.errors}
					{...getTextareaProps(fields.agenda)}
				/>
				<Button variant="secondary" className="self-start" disabled={navigation.state === 'submitting'}>
					Save agenda
				</Button>
			</Form>
		</Panel>
	)
}

function Reflect({ view }: { view: View }) {
	const { details } = view
	const navigation = useNavigation()
	const saved = details.reflection
	const [form, fields] = useIntentForm('reflect', ReflectionSchema, {
		reflection: saved.text,
		wouldMeetAgain: saved.wouldMeetAgain === null ? '' : saved.wouldMeetAgain ? 'yes' : 'no',
	})
	const again = fields.wouldMeetAgain.initialValue ?? ''
	return (
		<Panel id="reflect-heading" title="After the meeting">
			<p className="mt-1 text-sm text-ink-500">Private to you. It helps us suggest the peers worth meeting next.</p>
			<Form method="post" {...getFormProps(form)} className="mt-4 flex flex-col gap-4">
				<input type="hidden" name="intent" value="reflect" />
				<FormAlert id={form.errorId} errors={form.errors} />
				<TextareaField
					label="What I learned"
					rows={4}
					maxLength={schedulingLimits.reflection}
					errors={fields.reflection.errors}
					{...getTextareaProps(fields.reflection)}
				/>
				<fieldset>
					<legend className="text-sm font-medium text-ink-800">Would you meet again?</legend>
					<div className="mt-2 flex flex-wrap gap-2">
						{[
							{ value: 'yes', label: 'Yes' },
							{ value: 'no', label: 'No' },
							{ value: '', label: 'Not sure' },
						].map((choice) => (
							<label
								key={choice.value}
								className="flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ring-ink-200 ring-inset has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500"
							>
								<input
									type="radio"
									name="wouldMeetAgain"
									value={choice.value}
									defaultChecked={again === choice.value}
									className="accent-brand-600"
								/>
								{choice.label}
							</label>
						))}
					</div>
					<ErrorList id={fields.wouldMeetAgain.errorId} errors={fields.wouldMeetAgain.errors} />
				</fieldset>
				<Button className="self-start" disabled={navigation.state === 'submitting'}>
					Save note
				</Button>
			</Form>
		</Panel>
	)
}

function Cancel({ view }: { view: View }) {
	const navigation = useNavigation()
	const [form, fields] = useIntentForm('cancel', CancelSchema)
	const actionData = useActionData<typeof action>()
	if (!view.confirmingCancel && actionData?.intent !== 'cancel')
		return (
			<Link
				to="?confirm-cancel=1"
				preventScrollReset
				className={buttonClass('danger', 'w-full')}
				data-testid="cancel-meeting"
			>
				Cancel the meeting…
			</Link>
		)
	return (
		<section aria-labelledby="cancel-heading" className="rounded-2xl border border-red-200 bg-white p-5 shadow-sm">
			<h2 id="cancel-heading" className="font-semibold text-ink-950">
				Cancel this meeting?
			</h2>
			<p className="mt-1 text-sm text-ink-500">Everyone is notified with your reason; calendars get a cancellation.</p>
			<Form method="post" {...getFormProps(form)} className="mt-4 flex flex-col gap-3">
				<input type="hidden" name="intent" value="cancel" />
				<FormAlert id={form.errorId} errors={form.errors} />
				<TextareaField
					label="Reason"
					rows={3}
					maxLength={schedulingLimits.note}
					errors={fields.reason.errors}
					{...getTextareaProps(fields.reason)}
				/>
				<div className="flex flex-wrap gap-2">
					<Button variant="danger" disabled={navigation.state === 'submitting'}>
						Cancel meeting
					</Button>
					<Link to="." preventScrollReset className={buttonClass('ghost')}>
						Keep it
					</Link>
				</div>
			</Form>
		</section>
	)
}

function People({ view }: { view: View }) {
	const { details, viewerId } = view
	return (
		<section aria-labelledby="people-heading" className="rounded-2xl border border-ink-100 bg-white p-5 shadow-sm">
			<h2 id="people-heading" className="font-semibold text-ink-950">
				People
			</h2>
			<ul className="mt-4 flex flex-col gap-4">
				{details.participants.map((person) => (
					<li key={person.userId} className="flex min-w-0 items-start gap-3" data-testid="participant">
						<MemberAvatar member={{ id: person.userId, name: person.name, photoVersion: person.photoVersion }} />
						<div className="min-w-0 text-sm">
							<p className="truncate font-semibold text-ink-900">
								{person.userId === viewerId ? (
									`${person.name} (you)`
								) : (
									<Link to={`/members/${person.userId}`} className="hover:underline">
										{person.name}
									</Link>
								)}
							</p>
							<p className="text-xs break-words text-ink-500">
								{[person.title, person.companyName].filter(Boolean).join(' at ')}
								{person.role === 'organizer' ? ` · ${details.kind === 'roundtable' ? 'host' : 'proposed it'}` : ''}
							</p>
							<p className="mt-0.5 text-xs text-ink-500">
								{details.startsAt !== null && details.endsAt !== null ? (
									<>
										<span className="font-medium text-ink-800 tabular-nums">
											{formatClock(details.startsAt, person.timeZone)}–{formatClock(details.endsAt, person.timeZone)}
										</span>{' '}
										{formatDay(details.startsAt, person.timeZone)} ·{' '}
									</>
								) : null}
								{zoneCity(person.timeZone)} ({zoneOffset(details.startsAt ?? view.now, person.timeZone)})
							</p>
						</div>
					</li>
				))}
			</ul>
		</section>
	)
}

const actionLabels: Record<string, string> = {
	proposed: 'proposed the meeting',
	countered: 'suggested other times',
	accepted: 'accepted',
	declined: 'declined',
	rescheduled: 'asked to reschedule',
	cancelled: 'cancelled',
	voted: 'voted',
	confirmed: 'confirmed the time',
	'agenda-updated': 'updated the agenda',
}

function Timeline({ view }: { view: View }) {
	const { details, viewerId, viewerZone } = view
	return (
		<Panel id="timeline-heading" title="History">
			<ol className="mt-4 flex flex-col gap-4 border-l border-ink-100 pl-5">
				{details.events.map((event) => (
					<li key={event.id} className="relative text-sm" data-testid="meeting-event">
						<span
							aria-hidden="true"
							className="absolute top-1.5 -left-[1.6rem] h-2.5 w-2.5 rounded-full bg-brand-500 ring-4 ring-white"
						/>
						<p className="text-ink-800">
							<span className="font-semibold">{event.actorId === viewerId ? 'You' : event.actorName}</span>{' '}
							{actionLabels[event.action] ?? event.action.replaceAll('-', ' ')}
							<span className="text-ink-400">
								{' · '}
								<time dateTime={new Date(event.createdAt).toISOString()}>
									{formatDay(event.createdAt, viewerZone)}, {formatClock(event.createdAt, viewerZone)}
								</time>
							</span>
						</p>
						{event.note ? (
							<p className="mt-1 rounded-lg bg-ink-50 px-3 py-2 break-words whitespace-pre-line text-ink-700">
								{event.note}
							</p>
						) : null}
					</li>
				))}
			</ol>
		</Panel>
	)
}

/** One option's Accept (invitee) or Confirm (roundtable host) button; its accessible name says which time. */
function ChooseOptionForm({
	intent,
	label,
	option,
	view,
}: {
	intent: 'accept' | 'confirm'
	label: string
	option: View['details']['options'][number]
	view: View
}) {
	const navigation = useNavigation()
	return (
		<Form method="post" className="shrink-0">
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="optionId" value={option.id} />
			<Button className="w-full px-3 py-2 sm:w-auto" disabled={navigation.state === 'submitting'}>
				{label}
				<span className="sr-only">
					{' '}
					{formatDay(option.startsAt, view.viewerZone)} {formatClock(option.startsAt, view.viewerZone)}
				</span>
			</Button>
		</Form>
	)
}
