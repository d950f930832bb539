import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useState, type ReactNode } from 'react'
import { budgetBandLabels, channelLabels, objectiveLabels, readerLabels } from '#app/features/case-studies/labels.ts'
import {
	budgetBands,
	caseStudyAudiences,
	caseStudyChannels,
	caseStudyObjectives,
} from '#app/features/case-studies/options.ts'
import { CaseStudySchema, studyLimits, type StudyContent } from '#app/features/case-studies/schemas.ts'
import { parseNaicsInput } from '#app/features/sectors/naics.ts'
import { ErrorList, Field, FormAlert, SelectField, TextareaField } from './forms.tsx'
import { Markdown } from './markdown.tsx'
import { NaicsPicker } from './naics-picker.tsx'
import { Card } from './page.tsx'

export const studyFormId = 'study'

/** What the form starts with: a study's content as the fields hold it (numbers as typed text). */
export function studyFormValues(content: StudyContent, sectorTitle: string | null) {
	return {
		title: content.title,
		brand: content.brand,
		sector: sectorTitle ? `${content.sectorCode} ${sectorTitle}` : content.sectorCode,
		objective: content.objective,
		targetAudience: content.targetAudience,
		channels: content.channels,
		startedOn: content.startedOn,
		endedOn: content.endedOn ?? '',
		budgetBand: content.budgetBand,
		summary: content.summary,
		body: content.body,
		learnings: content.learnings,
		tags: content.tags.join(', '),
		metrics: content.metrics.map((metric) => ({
			label: metric.label,
			before: String(metric.before),
			after: String(metric.after),
			unit: metric.unit,
		})),
		readers: content.readers,
	}
}

export type StudyFormValues = ReturnType<typeof studyFormValues>

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
	return (
		<fieldset className="rounded-2xl border border-ink-100 bg-white p-6 shadow-sm">
			<legend className="sr-only">{title}</legend>
			<h2 className="text-lg font-semibold text-ink-950" aria-hidden="true">
				{title}
			</h2>
			{description ? <p className="mt-1 text-sm text-ink-500">{description}</p> : null}
			<div className="mt-5 grid grid-cols-1 gap-5 sm:grid-cols-2">{children}</div>
		</fieldset>
	)
}

const inputClass =
	'block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset placeholder:text-ink-400 focus:ring-2 focus:ring-brand-600 focus:ring-inset aria-[invalid=true]:ring-red-400'

/**
 * The structured case-study form, shared by /case-studies/new and the editor. Validated in the
 * browser and again on the server with the same schema; the buttons (save, preview, submit…)
 * come from the page, each sending its own `intent`.
 */
export function CaseStudyForm({
	lastResult,
	defaultValue,
	actions,
	readOnly = false,
}: {
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: Partial<StudyFormValues>
	actions: ReactNode
	readOnly?: boolean
}) {
	const [form, fields] = useForm({
		id: studyFormId,
		constraint: getZodConstraint(CaseStudySchema),
		lastResult: lastResult ?? undefined,
		defaultValue,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CaseStudySchema }),
	})
	const initial = (form.initialValue ?? {}) as Partial<
		Omit<StudyFormValues, 'metrics' | 'channels'> & {
			metrics: Array<Partial<StudyFormValues['metrics'][number]> | undefined>
			channels: string[] | string
		}
	>
	const initialChannels = new Set([initial.channels ?? []].flat())
	const initialMetrics = initial.metrics ?? []
	const [metricRows, setMetricRows] = useState(Math.min(studyLimits.metrics, Math.max(2, initialMetrics.length + 1)))
	const sectorText = typeof initial.sector === 'string' ? initial.sector : ''
	const sectorCode = parseNaicsInput(sectorText)
	const errorsOf = (name: string) => form.allErrors[name]
	return (
		<Form method="post" className="flex flex-col gap-6" {...getFormProps(form)}>
			<FormAlert id={form.errorId} errors={form.errors} />
			<fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-6">
				<Section title="The campaign" description="What readers see first, and what the library filters by.">
					<Field
						className="sm:col-span-2"
						label="Title"
						hint="What happened, in a line: “Turning a punch card into 4 million loyalty members”."
						errors={fields.title.errors}
						{...getInputProps(fields.title, { type: 'text' })}
					/>
					<Field label="Brand" errors={fields.brand.errors} {...getInputProps(fields.brand, { type: 'text' })} />
					<div>
						<NaicsPicker
							id={fields.sector.id}
							errorId={fields.sector.errorId}
							name={fields.sector.name}
							label="Sector (NAICS)"
							required
							defaultValue={sectorCode ? { code: sectorCode, title: sectorText.replace(/^\s*\d+\s*/, '') } : null}
							errors={fields.sector.errors}
						/>
					</div>
					<SelectField
						label="Objective"
						placeholder="Choose…"
						errors={fields.objective.errors}
						options={caseStudyObjectives.map((value) => ({ value, label: objectiveLabels[value] }))}
						{...getSelectProps(fields.objective)}
					/>
					<SelectField
						label="Budget"
						placeholder="Choose…"
						hint="Working media and production, in US dollars."
						errors={fields.budgetBand.errors}
						options={budgetBands.map((value) => ({ value, label: budgetBandLabels[value] }))}
						{...getSelectProps(fields.budgetBand)}
					/>
					<Field
						label="Started"
						placeholder="2025-03"
						errors={fields.startedOn.errors}
						{...getInputProps(fields.startedOn, { type: 'month' })}
					/>
					<Field
						label="Ended"
						placeholder="2025-09"
						hint="Leave empty while it runs."
						errors={fields.endedOn.errors}
						{...getInputProps(fields.endedOn, { type: 'month' })}
					/>
				</Section>

				<Section title="Audience and channels">
					<TextareaField
						className="sm:col-span-2"
						label="Audience"
						rows={2}
						hint="Who the campaign spoke to: “Lapsed shoppers aged 25–40 in the Midwest”."
						errors={fields.targetAudience.errors}
						{...getTextareaProps(fields.targetAudience)}
					/>
					<div className="sm:col-span-2">
						<p id={`${form.id}-channels-label`} className="text-sm font-medium text-ink-800">
							Channels
						</p>
						<p className="mt-1 text-xs text-ink-500">The ones that mattered: 1 to {studyLimits.channels}.</p>
						<div
							role="group"
							aria-labelledby={`${form.id}-channels-label`}
							className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4"
						>
							{caseStudyChannels.map((channel) => (
								<label key={channel} className="flex items-center gap-2 text-sm text-ink-800">
									<input
										type="checkbox"
										name={fields.channels.name}
										value={channel}
										defaultChecked={initialChannels.has(channel)}
										className="h-4 w-4 rounded border-ink-200 text-brand-600 focus:ring-brand-600"
									/>
									{channelLabels[channel]}
								</label>
							))}
						</div>
						<ErrorList id={`${form.id}-channels-error`} errors={fields.channels.errors} />
					</div>
				</Section>

				<Section
					title="Results"
					description="Before and after, with units (%, $, pts, members…). Up to 8; leave a row empty to skip it."
				>
					<div className="flex flex-col gap-4 sm:col-span-2">
						{Array.from({ length: metricRows }, (_, index) => {
							const row = initialMetrics[index]
							const name = (part: string) => `${fields.metrics.name}[${index}].${part}`
							const rowErrors = ['label', 'before', 'after', 'unit'].flatMap((part) => errorsOf(name(part)) ?? [])
							return (
								<div key={index} className="rounded-xl bg-ink-50 p-3">
									<div className="grid grid-cols-2 gap-3 sm:grid-cols-[2fr_1fr_1fr_1fr]">
										<label className="col-span-2 text-xs font-medium text-ink-700 sm:col-span-1">
											Metric {index + 1}
											<input
												name={name('label')}
												defaultValue={row?.label ?? ''}
												placeholder="Loyalty members"
												maxLength={studyLimits.metricLabel}
												aria-invalid={errorsOf(name('label')) ? true : undefined}
												className={`${inputClass} mt-1`}
											/>
										</label>
										<label className="text-xs font-medium text-ink-700">
											Before
											<input
												name={name('before')}
												defaultValue={row?.before ?? ''}
												inputMode="decimal"
												placeholder="1.2"
												aria-invalid={errorsOf(name('before')) ? true : undefined}
												className={`${inputClass} mt-1`}
											/>
										</label>
										<label className="text-xs font-medium text-ink-700">
											After
											<input
												name={name('after')}
												defaultValue={row?.after ?? ''}
												inputMode="decimal"
												placeholder="4.1"
												aria-invalid={errorsOf(name('after')) ? true : undefined}
												className={`${inputClass} mt-1`}
											/>
										</label>
										<label className="col-span-2 text-xs font-medium text-ink-700 sm:col-span-1">
											Unit
											<input
												name={name('unit')}
												defaultValue={row?.unit ?? ''}
												placeholder="M members"
												maxLength={studyLimits.metricUnit}
												aria-invalid={errorsOf(name('unit')) ? true : undefined}
												className={`${inputClass} mt-1`}
											/>
										</label>
									</div>
									<ErrorList errors={rowErrors} />
								</div>
							)
						})}
						<ErrorList id={`${form.id}-metrics-error`} errors={fields.metrics.errors} />
						{metricRows < studyLimits.metrics && !readOnly ? (
							<button
								type="button"
								onClick={() => setMetricRows((rows) => Math.min(studyLimits.metrics, rows + 1))}
								className="self-start text-sm font-semibold text-brand-700 hover:underline"
							>
								+ Add a metric
							</button>
						) : null}
					</div>
				</Section>

				<Section
					title="The story"
					description="Markdown: ## headings, - lists, **bold**, [links](https://…). HTML shows as text."
				>
					<TextareaField
						className="sm:col-span-2"
						label="Summary"
						rows={3}
						hint={`The library shows it under the title. At most ${studyLimits.summary} characters.`}
						errors={fields.summary.errors}
						{...getTextareaProps(fields.summary)}
					/>
					<TextareaField
						className="sm:col-span-2"
						label="What you did and what happened"
						rows={16}
						hint="The challenge, the idea, the plan, the results. What did not work belongs here too."
						errors={fields.body.errors}
						{...getTextareaProps(fields.body)}
					/>
					<TextareaField
						className="sm:col-span-2"
						label="What you would do differently"
						rows={6}
						errors={fields.learnings.errors}
						{...getTextareaProps(fields.learnings)}
					/>
					<Field
						className="sm:col-span-2"
						label="Tags"
						hint={`Comma-separated, up to ${studyLimits.tags}: “loyalty, first-party data, app”.`}
						errors={fields.tags.errors}
						{...getInputProps(fields.tags, { type: 'text' })}
					/>
				</Section>

				<fieldset className="rounded-2xl border border-ink-100 bg-white p-6 shadow-sm">
					<legend className="sr-only">Who may read it</legend>
					<h2 className="text-lg font-semibold text-ink-950" aria-hidden="true">
						Who may read it
					</h2>
					<p className="mt-1 text-sm text-ink-500">
						The conflict policy decides on every page, search and image, whatever you choose here.
					</p>
					<div className="mt-4 grid gap-3 sm:grid-cols-2">
						{caseStudyAudiences.map((readers) => (
							<label
								key={readers}
								className="flex cursor-pointer gap-3 rounded-xl p-4 ring-1 ring-ink-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600"
							>
								<input
									type="radio"
									name={fields.readers.name}
									value={readers}
									defaultChecked={(initial.readers ?? 'non-conflicted') === readers}
									className="mt-0.5 h-4 w-4 border-ink-200 text-brand-600 focus:ring-brand-600"
								/>
								<span>
									<span className="block text-sm font-semibold text-ink-900">{readerLabels[readers].title}</span>
									<span className="mt-1 block text-xs leading-5 text-ink-500">{readerLabels[readers].detail}</span>
								</span>
							</label>
						))}
					</div>
					<ErrorList id={`${form.id}-readers-error`} errors={fields.readers.errors} />
				</fieldset>
			</fieldset>
			{actions}
		</Form>
	)
}

/** The story as readers will see it, rendered by the same Markdown component as the study page. */
export function StudyPreview({ summary, body, learnings }: { summary: string; body: string; learnings: string }) {
	return (
		<Card className="ring-2 ring-brand-200">
			<h2 id="preview" className="text-sm font-semibold tracking-wide text-brand-700 uppercase">
				Preview
			</h2>
			{summary ? <p className="mt-4 text-lg leading-8 text-ink-700">{summary}</p> : null}
			<div className="mt-6">
				<Markdown>{body || '_Nothing written yet._'}</Markdown>
			</div>
			{learnings ? (
				<>
					<h3 className="mt-8 text-lg font-semibold text-ink-950">What I would do differently</h3>
					<Markdown className="mt-3">{learnings}</Markdown>
				</>
			) : null}
		</Card>
	)
}
