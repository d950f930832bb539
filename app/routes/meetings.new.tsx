import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { z } from 'zod'
import { MemberAvatar } from '#app/components/avatar.tsx'
import { Button, buttonClass } from '#app/components/button.tsx'
import { Field, FormAlert, TextareaField } from '#app/components/forms.tsx'
import { SlotPicker } from '#app/components/meeting-slot-picker.tsx'
import { firstNameOf, zoneCity, zoneOffset } from '#app/components/meeting-time.tsx'
import { Card } from '#app/components/page.tsx'
import { statusOfSchedulingRefusal } from '#app/features/scheduling/http-status.ts'
import { ProposalSchema } from '#app/features/scheduling/meeting-schemas.ts'
import { proposalContext, proposeMeeting } from '#app/features/scheduling/meetings.server.ts'
import { meetingLengths, schedulingLimits } from '#app/features/scheduling/options.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

export const meta: MetaFunction = () => [{ title: 'Propose a time · Meetings · Crossroads' }]

const Query = z.object({
	with: z.string().min(1).optional().catch(undefined),
	roundtable: z.string().min(1).optional().catch(undefined),
	duration: z.coerce
		.number()
		.refine((value) => (meetingLengths as readonly number[]).includes(value))
		.optional()
		.catch(undefined),
})

/** Who the proposal is for: a member (direct) or a roundtable's joined members. */
const TargetSchema = z.union([
	z.object({ inviteeId: z.string().min(1) }),
	z.object({ roundtableId: z.string().min(1) }),
])

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
	const target = query.with ? { inviteeId: query.with } : query.roundtable ? { roundtableId: query.roundtable } : null
	if (!target) return data({ kind: 'no-target' as const }, { status: 400 })
	const outcome = proposalContext(user.id, target, { durationMinutes: query.duration })
	if (!outcome.ok) {
		if (outcome.code === 'not-found') throw new Response(outcome.message, { status: 404 })
		return data(
			{ kind: 'refused' as const, code: outcome.code, message: outcome.message },
			{ status: statusOfSchedulingRefusal(outcome.code) },
		)
	}
	return { kind: 'ready' as const, target, now: Date.now(), ...outcome.data }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const formData = await readFormData(request)
	const target = TargetSchema.safeParse(Object.fromEntries(formData))
	const submission = parseWithZod(formData, { schema: ProposalSchema })
	if (!target.success)
		return data({ result: submission.reply({ formErrors: ['Choose who to meet first.'] }) }, { status: 400 })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const outcome = proposeMeeting(user.id, target.data, submission.value)
	if (!outcome.ok) {
		if (outcome.code === 'not-found') throw new Response(outcome.message, { status: 404 })
		return data(
			{
				result: outcome.field
					? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
					: submission.reply({ formErrors: [outcome.message] }),
			},
			{ status: statusOfSchedulingRefusal(outcome.code) },
		)
	}
	throw redirect(`/meetings/${outcome.data.meetingId}?notice=proposed`)
}

export default function NewMeetingRoute() {
	const view = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-8 sm:px-6 sm:py-10">
			<Link to="/meetings" className="text-sm font-medium text-ink-500 hover:text-ink-800">
				← Meetings
			</Link>
			{view.kind === 'ready' ? <Proposal view={view} /> : <Refusal view={view} />}
		</div>
	)
}

type ReadyView = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'ready' }>
type RefusedView = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { kind: 'ready' }>

function Refusal({ view }: { view: RefusedView }) {
	const title =
		view.kind === 'no-target'
			? 'Who would you like to meet?'
			: view.code === 'conflict'
				? 'Not a peer match'
				: view.code === 'not-connected'
					? 'Connect first'
					: 'You cannot propose a time here'
	return (
		<Card className="mx-auto w-full max-w-xl">
			<h1 className="text-2xl font-semibold tracking-tight text-ink-950">{title}</h1>
			{view.kind === 'no-target' ? (
				<p className="mt-3 text-ink-700">
					Propose a time from a member’s page or from a conversation: Crossroads then shows when you are both free.
				</p>
			) : (
				<div
					role="alert"
					className="mt-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
					data-testid="proposal-refusal"
				>
					{view.message}
				</div>
			)}
			<div className="mt-6 flex flex-wrap gap-3">
				<Link to="/members" className={buttonClass('primary')}>
					Find a member
				</Link>
				<Link to="/meetings" className={buttonClass('secondary')}>
					Your meetings
				</Link>
			</div>
		</Card>
	)
}

const formId = 'proposal'

function Proposal({ view }: { view: ReadyView }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const submit = useSubmit()
	const hydrated = useHydrated()
	const [form, fields] = useForm({
		id: formId,
		lastResult: actionData?.result,
		constraint: getZodConstraint(ProposalSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ProposalSchema }),
	})
	const others = view.people.filter((person) => person.role !== 'organizer')
	const heading =
		view.roundtableTitle !== null
			? `Propose a time to “${view.roundtableTitle}”`
			: `Propose a time to ${others[0] ? firstNameOf(others[0].name) : 'meet'}`
	const picked = [fields.options.initialValue ?? []]
		.flat()
		.filter((value): value is string => typeof value === 'string')
	const targetField =
		'inviteeId' in view.target
			? { name: 'inviteeId', value: view.target.inviteeId, param: 'with' }
			: { name: 'roundtableId', value: view.target.roundtableId, param: 'roundtable' }
	return (
		<>
			<header>
				<h1 className="text-2xl font-semibold tracking-tight text-ink-950 sm:text-3xl">{heading}</h1>
				<p className="mt-2 max-w-2xl text-ink-500">
					These are the times when {others.length === 1 ? 'you are both' : 'everyone is'} free over the next{' '}
					{schedulingLimits.horizonDays / 7} weeks, in your zone ({zoneCity(view.viewerTimeZone)}). Pick up to{' '}
					{schedulingLimits.maxOptions}; {others.length === 1 ? 'they choose one' : 'the group votes and you confirm'}.
				</p>
			</header>

			<section
				aria-labelledby="people-heading"
				className="rounded-2xl border border-ink-100 bg-white p-4 shadow-sm sm:p-5"
			>
				<h2 id="people-heading" className="text-sm font-semibold text-ink-500">
					{others.length === 1 ? 'Meeting with' : `Meeting with ${others.length} people`}
				</h2>
				<ul className="mt-3 grid gap-3 sm:grid-cols-2">
					{others.map((person) => (
						<li key={person.userId} className="flex min-w-0 items-center gap-3">
							<MemberAvatar member={{ id: person.userId, name: person.name, photoVersion: person.photoVersion }} />
							<div className="min-w-0">
								<p className="truncate text-sm font-semibold text-ink-900">{person.name}</p>
								<p className="truncate text-xs text-ink-500">
									{[person.title, person.companyName].filter(Boolean).join(' at ')}
								</p>
								<p className="text-xs text-ink-500" data-testid="person-zone">
									{zoneCity(person.timeZone)} · {zoneOffset(view.now, person.timeZone)}
								</p>
							</div>
						</li>
					))}
				</ul>
			</section>

			<Form method="get" className="flex flex-wrap items-end gap-3" data-testid="length-form">
				<input type="hidden" name={targetField.param} value={targetField.value} />
				<div>
					<label htmlFor="duration" className="block text-sm font-medium text-ink-800">
						Meeting length
					</label>
					<select
						id="duration"
						name="duration"
						defaultValue={view.durationMinutes}
						onChange={(event) => submit(event.currentTarget.form, { preventScrollReset: true, replace: true })}
						className="mt-1.5 block rounded-lg border-0 bg-white py-2.5 pr-8 pl-3 text-sm text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset focus:ring-2 focus:ring-brand-600"
					>
						{meetingLengths.map((length) => (
							<option key={length} value={length}>
								{length} minutes
							</option>
						))}
					</select>
				</div>
				{hydrated ? null : (
					<Button variant="secondary" className="py-2">
						Show free times
					</Button>
				)}
			</Form>

			<Form method="post" {...getFormProps(form)} className="flex flex-col gap-6">
				<input type="hidden" name={targetField.name} value={targetField.value} />
				<input type="hidden" name="durationMinutes" value={view.durationMinutes} />
				<FormAlert id={form.errorId} errors={form.errors} />
				{/* The text fields come first: on a phone the slot list below them runs to thousands of pixels. */}
				<fieldset className="grid gap-5 rounded-2xl border border-ink-100 bg-white p-4 shadow-sm sm:grid-cols-2 sm:p-6">
					<legend className="sr-only">About the meeting</legend>
					<Field
						className="sm:col-span-2"
						label="Topic"
						hint="What you would like to talk about, e.g. “Pricing pages that convert in B2B”."
						errors={fields.topic.errors}
						maxLength={schedulingLimits.topic}
						{...getInputProps(fields.topic, { type: 'text' })}
					/>
					<Field
						className="sm:col-span-2"
						label="Video link or location (optional)"
						hint="A meeting link (https://…) or a place."
						errors={fields.location.errors}
						maxLength={schedulingLimits.location}
						{...getInputProps(fields.location, { type: 'text' })}
					/>
					<TextareaField
						label="Agenda (optional)"
						hint="Both of you can edit it later."
						rows={4}
						errors={fields.agenda.errors}
						maxLength={schedulingLimits.agenda}
						{...getTextareaProps(fields.agenda)}
					/>
					<TextareaField
						label={
							others.length === 1
								? `Note to ${firstNameOf(others[0]!.name)} (optional)`
								: 'Note to the group (optional)'
						}
						hint="Sent with the invitation."
						rows={4}
						errors={fields.note.errors}
						maxLength={schedulingLimits.note}
						{...getTextareaProps(fields.note)}
					/>
				</fieldset>
				{view.slots.length ? (
					<SlotPicker
						key={view.durationMinutes}
						id="proposal-slots"
						slots={view.slots}
						viewerZone={view.viewerTimeZone}
						others={others}
						max={schedulingLimits.maxOptions}
						selected={picked}
						errors={fields.options.errors}
						errorId={fields.options.errorId}
						legend="Pick up to three times"
					/>
				) : (
					<div role="status" className="rounded-2xl border border-dashed border-ink-200 bg-white px-6 py-8 text-center">
						<p className="font-semibold text-ink-900">No common free time in the next three weeks</p>
						<p className="mx-auto mt-1 max-w-md text-sm text-ink-500">
							Proposals look {schedulingLimits.horizonDays} days ahead at most. Try a shorter meeting, widen your own
							working hours, or send a message to find a time together.
						</p>
						<div className="mt-4 flex flex-wrap justify-center gap-3">
							<Link to="/meetings/availability" className={buttonClass('secondary')}>
								Edit your availability
							</Link>
						</div>
						{fields.options.errors ? (
							<p id={fields.options.errorId} className="mt-3 text-sm text-red-700">
								{fields.options.errors.join(' ')}
							</p>
						) : null}
					</div>
				)}
				<div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
					<Link to="/meetings" className={buttonClass('ghost')}>
						Cancel
					</Link>
					<Button disabled={navigation.state === 'submitting' || view.slots.length === 0}>Send proposal</Button>
				</div>
			</Form>
		</>
	)
}
