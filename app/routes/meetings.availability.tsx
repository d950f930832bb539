import {
	getFormProps,
	getInputProps,
	getSelectProps,
	useForm,
	type FieldMetadata,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { DateTime } from 'luxon'
import { Button } from '#app/components/button.tsx'
import { ErrorList, Field, FormAlert, SelectField } from '#app/components/forms.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import {
	OverrideFormSchema,
	OverrideSchema,
	RemoveOverrideSchema,
	WeeklyAvailabilityFormSchema,
	WeeklyAvailabilitySchema,
	overrideKindLabels,
	timeOfMinute,
} from '#app/features/scheduling/availability-schemas.ts'
import {
	addOverride,
	readAvailability,
	removeOverride,
	saveWeeklyAvailability,
	type AvailabilityView,
} from '#app/features/scheduling/availability.server.ts'
import {
	bufferLengths,
	meetingLengths,
	overrideKinds,
	reminderLeadTimes,
	schedulingLimits,
	weekdayNames,
	weekdays,
} from '#app/features/scheduling/options.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your availability · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const availability = readAvailability(user.id)
	return { availability, today: DateTime.now().setZone(availability.timeZone).toISODate()! }
}

type ActionResult = { intent: string; ok: boolean; result: SubmissionResult<string[]> | null; notice: string | null }

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'weekly') {
		const submission = parseWithZod(formData, { schema: WeeklyAvailabilitySchema })
		// Adding or removing a row without JavaScript is a submission too: it comes back with the new row, not an error.
		if (submission.status !== 'success')
			return data({ intent, ok: false, result: submission.reply(), notice: null } satisfies ActionResult, {
				status: submission.status === 'error' ? 400 : 200,
			})
		saveWeeklyAvailability(user.id, submission.value)
		return {
			intent,
			ok: true,
			result: submission.reply({ resetForm: true }),
			notice: 'Your weekly availability is saved.',
		} satisfies ActionResult
	}
	if (intent === 'add-override') {
		const submission = parseWithZod(formData, { schema: OverrideSchema })
		if (submission.status !== 'success')
			return data({ intent, ok: false, result: submission.reply(), notice: null } satisfies ActionResult, {
				status: 400,
			})
		const outcome = addOverride(user.id, submission.value)
		if (!outcome.ok)
			return data(
				{
					intent,
					ok: false,
					result: submission.reply({ fieldErrors: { [outcome.field ?? '']: [outcome.message] } }),
					notice: null,
				} satisfies ActionResult,
				{ status: 400 },
			)
		return {
			intent,
			ok: true,
			result: submission.reply({ resetForm: true }),
			notice: 'Date added.',
		} satisfies ActionResult
	}
	const removal = RemoveOverrideSchema.safeParse(Object.fromEntries(formData))
	if (!removal.success)
		return data({ intent, ok: false, result: null, notice: 'Unknown availability action.' } satisfies ActionResult, {
			status: 400,
		})
	const outcome = removeOverride(user.id, removal.data.overrideId)
	if (!outcome.ok)
		return data({ intent, ok: false, result: null, notice: outcome.message } satisfies ActionResult, { status: 404 })
	return { intent, ok: true, result: null, notice: 'Date removed.' } satisfies ActionResult
}

const minutesLabel = (minutes: number) => (minutes === 60 ? '1 hour' : `${minutes} minutes`)
const lengthOptions = meetingLengths.map((minutes) => ({ value: String(minutes), label: minutesLabel(minutes) }))
const bufferOptions = bufferLengths.map((minutes) => ({
	value: String(minutes),
	label: minutes === 0 ? 'No buffer' : minutesLabel(minutes),
}))
const reminderOptions = reminderLeadTimes.map((minutes) => ({
	value: String(minutes),
	label: minutes === 0 ? 'No reminder' : minutes === 1440 ? '1 day before' : `${minutesLabel(minutes)} before`,
}))

function weeklyDefaults(availability: AvailabilityView) {
	return {
		intent: 'weekly',
		meetingLengthMinutes: String(availability.meetingLengthMinutes),
		bufferMinutes: String(availability.bufferMinutes),
		reminderMinutes: String(availability.reminderMinutes),
		windows: availability.windows.map((window) => ({
			weekday: String(window.weekday),
			start: timeOfMinute(window.startMinute),
			end: timeOfMinute(window.endMinute),
		})),
	}
}

export default function AvailabilityRoute() {
	const { availability, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Your availability"
				description="When peers may propose a conversation: your working hours each week, dates that differ, and how you like meetings set up."
				actions={
					<Link to="/meetings" className="text-sm font-semibold text-brand-700 hover:underline">
						Your meetings
					</Link>
				}
			/>
			{actionData?.notice ? <Notice tone={actionData.ok ? 'success' : 'warning'}>{actionData.notice}</Notice> : null}
			<p className="text-sm text-ink-700">
				All times are in your time zone, <strong>{availability.timeZone.replaceAll('_', ' ')}</strong>; peers see them
				in theirs.{' '}
				<Link to="/profile" className="font-semibold text-brand-700 hover:underline">
					Change your time zone on your profile
				</Link>
				.
			</p>
			{availability.isDefault ? (
				<Notice tone="info">
					You have not set your availability yet, so peers see the default: weekdays 09:00 to 17:00.
				</Notice>
			) : null}
			<WeeklySection availability={availability} />
			<OverridesSection availability={availability} today={today} />
		</div>
	)
}

function WeeklySection({ availability }: { availability: AvailabilityView }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'weekly'
	const [form, fields] = useForm({
		id: 'weekly',
		defaultValue: weeklyDefaults(availability),
		constraint: getZodConstraint(WeeklyAvailabilityFormSchema),
		lastResult: actionData?.intent === 'weekly' ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: WeeklyAvailabilitySchema }),
	})
	const rows = fields.windows.getFieldList().map((row, index) => {
		const rowFields = row.getFieldset()
		return { index, key: row.key, fields: rowFields, weekday: Number(rowFields.weekday.initialValue) }
	})
	return (
		<Card>
			<h2 className="text-lg font-semibold text-ink-950">Every week</h2>
			<p className="mt-1 text-sm text-ink-500">
				Up to {schedulingLimits.windowsPerDay} windows a day. “Until 00:00” means until midnight. A day without windows
				is a day off.
			</p>
			<Form method="post" className="mt-6 flex flex-col gap-6" preventScrollReset {...getFormProps(form)}>
				<input type="hidden" name="intent" value="weekly" />
				<FormAlert id={form.errorId} errors={form.errors} />
				<ErrorList id={fields.windows.errorId} errors={fields.windows.errors} />
				<ul className="flex flex-col divide-y divide-ink-100" aria-label="Weekly windows">
					{weekdays.map((weekday) => {
						const dayRows = rows.filter((row) => row.weekday === weekday)
						const dayName = weekdayNames[weekday]
						return (
							<li key={weekday} className="flex flex-col gap-3 py-4 sm:flex-row sm:gap-6">
								<h3 className="w-28 shrink-0 pt-2 font-medium text-ink-900">{dayName}</h3>
								<div className="flex flex-1 flex-col gap-3">
									{dayRows.length === 0 ? <p className="pt-2 text-sm text-ink-500">Not available</p> : null}
									{dayRows.map((row, position) => {
										const prefix = position === 0 ? dayName : `${dayName} window ${position + 1}`
										return (
											<div key={row.key} className="flex flex-wrap items-start gap-3">
												<input {...getInputProps(row.fields.weekday, { type: 'hidden' })} />
												<TimeInput label="from" prefix={prefix} meta={row.fields.start} />
												<TimeInput label="until" prefix={prefix} meta={row.fields.end} />
												<Button
													variant="ghost"
													className="mt-6 px-2.5 py-1.5 text-red-700"
													aria-label={`Remove ${dayName} window ${position + 1}`}
													{...form.remove.getButtonProps({ name: fields.windows.name, index: row.index })}
												>
													Remove
												</Button>
											</div>
										)
									})}
									{dayRows.length < schedulingLimits.windowsPerDay ? (
										<div>
											<Button
												variant="secondary"
												className="px-3 py-1.5"
												aria-label={`Add a ${dayName} window`}
												{...form.insert.getButtonProps({
													name: fields.windows.name,
													defaultValue: { weekday: String(weekday), start: '', end: '' },
												})}
											>
												Add a window
											</Button>
										</div>
									) : null}
								</div>
							</li>
						)
					})}
				</ul>
				<div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
					<SelectField
						label="Meeting length"
						options={lengthOptions}
						errors={fields.meetingLengthMinutes.errors}
						{...getSelectProps(fields.meetingLengthMinutes)}
					/>
					<SelectField
						label="Buffer between meetings"
						hint="Kept free before and after each meeting."
						options={bufferOptions}
						errors={fields.bufferMinutes.errors}
						{...getSelectProps(fields.bufferMinutes)}
					/>
					<SelectField
						label="Reminder"
						options={reminderOptions}
						errors={fields.reminderMinutes.errors}
						{...getSelectProps(fields.reminderMinutes)}
					/>
				</div>
				<div>
					<Button disabled={saving}>{saving ? 'Saving…' : 'Save availability'}</Button>
				</div>
			</Form>
		</Card>
	)
}

/** A time input named for screen readers with its day ("Monday from"), shown as just "From". */
function TimeInput({ label, prefix, meta }: { label: 'from' | 'until'; prefix: string; meta: FieldMetadata<string> }) {
	const invalid = Boolean(meta.errors?.length)
	return (
		<div>
			<label htmlFor={meta.id} className="text-ink-600 block text-xs font-medium">
				<span className="sr-only">
					{prefix} {label}
				</span>
				<span aria-hidden="true">{label === 'from' ? 'From' : 'Until'}</span>
			</label>
			<input
				{...getInputProps(meta, { type: 'time' })}
				aria-invalid={invalid ? true : undefined}
				aria-describedby={invalid ? meta.errorId : undefined}
				className="mt-1 block w-36 rounded-lg border-0 bg-white px-3 py-2 text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset focus:ring-2 focus:ring-brand-600 focus:ring-inset aria-[invalid=true]:ring-red-400 sm:text-sm"
			/>
			<div className="max-w-48">
				<ErrorList id={meta.errorId} errors={meta.errors} />
			</div>
		</div>
	)
}

function describeOverride(override: AvailabilityView['overrides'][number]) {
	const date = new Intl.DateTimeFormat('en-GB', {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC',
	}).format(new Date(`${override.date}T00:00:00Z`))
	const hours =
		override.startMinute === null || override.endMinute === null
			? 'all day'
			: `${timeOfMinute(override.startMinute)}–${override.endMinute === 1440 ? '24:00' : timeOfMinute(override.endMinute)}`
	return { date, what: `${overrideKindLabels[override.kind]}, ${hours}` }
}

function OverridesSection({ availability, today }: { availability: AvailabilityView; today: string }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const adding = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add-override'
	const [form, fields] = useForm({
		id: 'override',
		defaultValue: { intent: 'add-override', kind: 'unavailable' },
		constraint: getZodConstraint(OverrideFormSchema),
		lastResult: actionData?.intent === 'add-override' ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: OverrideSchema }),
	})
	return (
		<Card>
			<h2 className="text-lg font-semibold text-ink-950">Dates that differ</h2>
			<p className="mt-1 text-sm text-ink-500">
				Out of office for a day or part of it, or extra time on a day you are not usually available.
			</p>
			{availability.overrides.length === 0 ? (
				<p className="mt-5 text-sm text-ink-500">No dates yet.</p>
			) : (
				<ul className="mt-5 divide-y divide-ink-100" aria-label="Dates that differ">
					{availability.overrides.map((override) => {
						const { date, what } = describeOverride(override)
						return (
							<li key={override.id} className="flex items-center justify-between gap-3 py-3">
								<p className="text-sm">
									<span className="font-medium text-ink-900">{date}</span>
									<span className="text-ink-600 block sm:ml-2 sm:inline">{what}</span>
								</p>
								<Form method="post" preventScrollReset>
									<input type="hidden" name="intent" value="remove-override" />
									<input type="hidden" name="overrideId" value={override.id} />
									<Button variant="ghost" className="px-2.5 py-1.5 text-red-700" aria-label={`Remove ${date}: ${what}`}>
										Remove
									</Button>
								</Form>
							</li>
						)
					})}
				</ul>
			)}
			<h3 className="mt-8 font-medium text-ink-900">Add a date</h3>
			<Form
				method="post"
				className="mt-4 grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-4"
				preventScrollReset
				{...getFormProps(form)}
			>
				<input type="hidden" name="intent" value="add-override" />
				<div className="sm:col-span-2 lg:col-span-4">
					<FormAlert id={form.errorId} errors={form.errors} />
				</div>
				<Field label="Date" min={today} errors={fields.date.errors} {...getInputProps(fields.date, { type: 'date' })} />
				<SelectField
					label="Kind"
					options={overrideKinds.map((kind) => ({ value: kind, label: overrideKindLabels[kind] }))}
					errors={fields.kind.errors}
					{...getSelectProps(fields.kind)}
				/>
				<Field
					label="From"
					hint="Optional when out of office: leave both times empty for the whole day."
					errors={fields.start.errors}
					{...getInputProps(fields.start, { type: 'time' })}
				/>
				<Field label="Until" errors={fields.end.errors} {...getInputProps(fields.end, { type: 'time' })} />
				<div className="sm:col-span-2 lg:col-span-4">
					<Button disabled={adding}>{adding ? 'Adding…' : 'Add date'}</Button>
				</div>
			</Form>
		</Card>
	)
}
