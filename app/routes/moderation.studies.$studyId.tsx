import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/button.tsx'
import { studyImageUrl } from '#app/components/case-study-card.tsx'
import { FormAlert, SelectField, TextareaField } from '#app/components/forms.tsx'
import { Markdown } from '#app/components/markdown.tsx'
import { MetricsChart } from '#app/components/metrics-chart.tsx'
import { ModerationNav } from '#app/components/moderation-nav.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import {
	budgetBandLabels,
	channelLabels,
	formatTimeline,
	objectiveLabels,
	readerLabels,
	statusLabels,
	statusTones,
	tagLabel,
} from '#app/features/case-studies/labels.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { addStudyToCollection, featureStudy, unfeatureStudy } from '#app/features/moderation/curation.server.ts'
import type { FieldDiff, Segment } from '#app/features/moderation/diff.ts'
import { reviewDecisions, type ReviewDecision } from '#app/features/moderation/review-options.ts'
import { getStudyForReview, reviewRevision, reviewStudy } from '#app/features/moderation/review.server.ts'
import { moderationLimits, ReviewDecisionSchema } from '#app/features/moderation/schemas.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.content.title ?? 'Case study'} · Crossroads moderation` },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	const review = getStudyForReview(params.studyId ?? '', user.id)
	if (!review) throw new Response('This case study does not exist.', { status: 404 })
	return { ...review, timeZone: getMemberTimeZone(user.id) }
}

const CurationSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('feature') }),
	z.object({ intent: z.literal('unfeature') }),
	z.object({
		intent: z.literal('add-to-collection'),
		collectionId: z.string({ error: 'Choose a collection.' }).min(1, { error: 'Choose a collection.' }),
	}),
])

type Tone = 'success' | 'warning'
type ActionResult = {
	form: string
	result?: SubmissionResult<string[]>
	notice: { tone: Tone; message: string } | null
}

const refusalStatus = { 'not-found': 404, 'own-study': 403, 'not-allowed': 403 } as Record<string, number>

const decisionNotices: Record<ReviewDecision, { study: string; revision: string }> = {
	approve: { study: 'Approved: the case study is published.', revision: 'Approved: the edit is live.' },
	'request-changes': {
		study: 'Sent back to the author with your note.',
		revision: 'The edit went back to the author with your note.',
	},
	reject: { study: 'Rejected: the author sees your reason.', revision: 'Edit rejected: the published text stays.' },
}

function isDecision(intent: unknown): intent is ReviewDecision {
	return typeof intent === 'string' && (reviewDecisions as readonly string[]).includes(intent)
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	const studyId = params.studyId ?? ''
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (isDecision(intent)) {
		const submission = parseWithZod(formData, { schema: ReviewDecisionSchema })
		if (submission.status !== 'success')
			return data<ActionResult>({ form: intent, result: submission.reply(), notice: null }, { status: 400 })
		const { note } = submission.value
		const revisionId = formData.get('revisionId')
		const outcome =
			typeof revisionId === 'string' && revisionId
				? reviewRevision(user.id, revisionId, intent, note)
				: reviewStudy(user.id, studyId, intent, note)
		if (!outcome.ok)
			return data<ActionResult>(
				{
					form: intent,
					result:
						outcome.code === 'note-required' || outcome.code === 'note-too-long'
							? submission.reply({ fieldErrors: { note: [outcome.message] } })
							: submission.reply({ formErrors: [outcome.message] }),
					notice: null,
				},
				{ status: refusalStatus[outcome.code] ?? (outcome.code.startsWith('note') ? 400 : 409) },
			)
		const message = decisionNotices[intent][typeof revisionId === 'string' && revisionId ? 'revision' : 'study']
		return data<ActionResult>({
			form: intent,
			result: submission.reply({ resetForm: true }),
			notice: { tone: 'success', message },
		})
	}
	const parsed = CurationSchema.safeParse(Object.fromEntries(formData))
	if (!parsed.success)
		throw new Response('Choose a decision (approve, request changes, reject) or a curation action.', { status: 400 })
	const curation = parsed.data
	const outcome =
		curation.intent === 'feature'
			? featureStudy(user.id, studyId)
			: curation.intent === 'unfeature'
				? unfeatureStudy(user.id, studyId)
				: addStudyToCollection(user.id, curation.collectionId, studyId)
	if (!outcome.ok)
		return data<ActionResult>(
			{ form: curation.intent, notice: { tone: 'warning', message: outcome.message } },
			{ status: outcome.code === 'not-found' ? 404 : 409 },
		)
	const messages = {
		feature: 'Featured: members see it on their home page.',
		unfeature: 'No longer featured.',
		'add-to-collection': 'Added to the collection.',
	}
	return data<ActionResult>({ form: curation.intent, notice: { tone: 'success', message: messages[curation.intent] } })
}

function SegmentText({ segments, side }: { segments: Segment[]; side: 'left' | 'right' }) {
	if (segments.length === 0) return <span className="text-ink-400 italic">Empty</span>
	return (
		<>
			{segments.map((segment, index) =>
				segment.change === 'removed' ? (
					<del key={index} className="rounded-sm bg-red-100 text-red-900 decoration-red-400">
						{segment.text}
					</del>
				) : segment.change === 'added' ? (
					<ins key={index} className="rounded-sm bg-brand-100 text-brand-800 no-underline">
						{segment.text}
					</ins>
				) : (
					<span key={index} className={side === 'left' ? 'text-ink-700' : 'text-ink-900'}>
						{segment.text}
					</span>
				),
			)}
		</>
	)
}

type NewImage = { id: string; alt: string; isCover: boolean; width: number; height: number }

function RevisionDiff({
	studyId,
	diff,
	newImages,
	proposedAt,
}: {
	studyId: string
	diff: FieldDiff[]
	newImages: NewImage[]
	proposedAt: string
}) {
	const changed = diff.filter((field) => field.changed)
	const unchanged = diff.filter((field) => !field.changed)
	return (
		<Card>
			<h2 className="text-lg font-semibold text-ink-950">Proposed edit</h2>
			<p className="mt-1 text-sm text-ink-500">
				Sent {proposedAt}. Readers see the published version (left) until the edit is approved.{' '}
				{changed.length === 0
					? newImages.length
						? 'The edit only adds images.'
						: 'The edit changes nothing readers see.'
					: `${changed.length} ${changed.length === 1 ? 'field changes' : 'fields change'}.`}
			</p>
			<div className="mt-6 flex flex-col gap-6">
				{changed.map((field) => (
					<section key={field.field} aria-label={`${field.label}: published and proposed`}>
						<h3 className="text-sm font-semibold text-ink-900">{field.label}</h3>
						<div className="mt-2 grid gap-3 md:grid-cols-2">
							<div className="rounded-lg border border-ink-100 bg-ink-50 p-3">
								<p className="text-xs font-semibold tracking-wide text-ink-500 uppercase">Published</p>
								<p className="mt-1 text-sm leading-6 break-words whitespace-pre-wrap">
									<SegmentText segments={field.left} side="left" />
								</p>
							</div>
							<div className="rounded-lg border border-brand-100 bg-white p-3">
								<p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">Proposed</p>
								<p className="mt-1 text-sm leading-6 break-words whitespace-pre-wrap">
									<SegmentText segments={field.right} side="right" />
								</p>
							</div>
						</div>
					</section>
				))}
			</div>
			{newImages.length ? (
				<section className="mt-6" aria-label="New images in this edit">
					<h3 className="text-sm font-semibold text-ink-900">New images in this edit</h3>
					<ul className="mt-2 grid gap-3 sm:grid-cols-2">
						{newImages.map((image) => (
							<li key={image.id} className="overflow-hidden rounded-lg border border-brand-100">
								<img
									src={studyImageUrl(studyId, image.id)}
									alt={image.alt}
									width={image.width}
									height={image.height}
									className="aspect-[16/9] w-full bg-ink-100 object-cover"
								/>
								<p className="p-2 text-sm text-ink-700">
									{image.isCover ? (
										<span className="mr-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
											New cover
										</span>
									) : null}
									{image.alt}
								</p>
							</li>
						))}
					</ul>
				</section>
			) : null}
			{unchanged.length ? (
				<p className="mt-6 text-sm text-ink-500">Unchanged: {unchanged.map((field) => field.label).join(', ')}.</p>
			) : null}
		</Card>
	)
}

const decisionForms = {
	approve: { button: 'Approve and publish', variant: 'primary' },
	'request-changes': { button: 'Send back to the author', variant: 'secondary' },
	reject: { button: 'Reject', variant: 'danger' },
} as const

function DecisionForm({
	decision,
	revisionId,
	actionData,
}: {
	decision: ReviewDecision
	revisionId: string | null
	actionData: ActionResult | undefined
}) {
	const navigation = useNavigation()
	const config = decisionForms[decision]
	const [form, fields] = useForm({
		id: decision,
		constraint: getZodConstraint(ReviewDecisionSchema),
		lastResult: actionData?.form === decision ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewDecisionSchema }),
	})
	return (
		<Form method="post" className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0" {...getFormProps(form)}>
			<input type="hidden" name="intent" value={decision} />
			{revisionId ? <input type="hidden" name="revisionId" value={revisionId} /> : null}
			<FormAlert id={form.errorId} errors={form.errors} />
			{decision !== 'approve' ? (
				<TextareaField
					label={decision === 'reject' ? 'Reason (the author sees it)' : 'Note to the author'}
					rows={3}
					maxLength={moderationLimits.note}
					errors={fields.note.errors}
					{...getTextareaProps(fields.note)}
				/>
			) : null}
			<div>
				<Button variant={config.variant} disabled={navigation.state === 'submitting'}>
					{decision === 'approve' && revisionId ? 'Approve the edit' : config.button}
				</Button>
			</div>
		</Form>
	)
}

export default function ReviewStudyRoute() {
	const { study, content, isOwn, decisions, revision, diff, collections, timeZone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone })
	const formatDate = (value: Date | null) => (value ? dateTime.format(value) : null)
	const curatable = study.status === 'published' && !study.hiddenAt
	const available = collections.filter((collection) => !collection.contains)
	const facts = [
		{ label: 'Brand', value: content.brand },
		{ label: 'Sector', value: study.sectorTitle ? `${content.sectorCode} ${study.sectorTitle}` : content.sectorCode },
		{ label: 'Objective', value: objectiveLabels[content.objective] },
		{ label: 'When', value: formatTimeline(content.startedOn, content.endedOn) },
		{ label: 'Budget', value: budgetBandLabels[content.budgetBand] },
		{ label: 'Readers', value: readerLabels[content.readers].title },
		{ label: 'Channels', value: content.channels.map((channel) => channelLabels[channel]).join(', ') || 'None' },
		{ label: 'Tags', value: content.tags.map(tagLabel).join(', ') || 'None' },
	]
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title={content.title}
				description={
					<>
						<span className={`mr-2 rounded-full px-2 py-0.5 text-xs font-semibold ${statusTones[study.status]}`}>
							{statusLabels[study.status]}
						</span>
						{study.hiddenAt ? (
							<span className="mr-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800">Hidden</span>
						) : null}
						{study.featuredAt ? (
							<span className="mr-2 rounded-full bg-accent-400/30 px-2 py-0.5 text-xs font-semibold text-ink-900">
								Featured
							</span>
						) : null}
						by{' '}
						<Link to={`/members/${study.authorId}`} className="font-medium text-ink-800 hover:underline">
							{study.authorName}
						</Link>
						{study.submittedAt ? ` · submitted ${formatDate(study.submittedAt)}` : ''}
						{study.publishedAt ? ` · published ${formatDate(study.publishedAt)}` : ''}
					</>
				}
				actions={
					<Link to="/moderation" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						← Review queue
					</Link>
				}
			/>
			<ModerationNav />
			{actionData?.notice ? <Notice tone={actionData.notice.tone}>{actionData.notice.message}</Notice> : null}
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<div className="flex min-w-0 flex-col gap-6">
					{revision && diff ? (
						<RevisionDiff
							studyId={study.id}
							diff={diff}
							newImages={revision.newImages}
							proposedAt={formatDate(revision.createdAt) ?? ''}
						/>
					) : null}
					<Card>
						<h2 className="text-lg font-semibold text-ink-950">
							{revision ? 'Published version' : study.status === 'published' ? 'The study' : 'As submitted'}
						</h2>
						<dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
							{facts.map((fact) => (
								<div key={fact.label}>
									<dt className="text-ink-500">{fact.label}</dt>
									<dd className="mt-0.5 font-medium text-ink-900">{fact.value}</dd>
								</div>
							))}
						</dl>
						{content.targetAudience ? (
							<p className="mt-4 text-sm text-ink-700">
								<span className="font-medium text-ink-900">Audience:</span> {content.targetAudience}
							</p>
						) : null}
						{content.summary ? <p className="mt-6 text-lg leading-7 text-ink-800">{content.summary}</p> : null}
						{content.metrics.length ? (
							<div className="mt-8">
								<h3 className="text-base font-semibold text-ink-950">Results</h3>
								<div className="mt-4">
									<MetricsChart metrics={content.metrics} />
								</div>
							</div>
						) : null}
						<div className="mt-8">
							<h3 className="text-base font-semibold text-ink-950">The story</h3>
							<Markdown className="mt-3">{content.body || '_No story yet._'}</Markdown>
						</div>
						{content.learnings ? (
							<div className="mt-8">
								<h3 className="text-base font-semibold text-ink-950">What they would do differently</h3>
								<Markdown className="mt-3">{content.learnings}</Markdown>
							</div>
						) : null}
					</Card>
				</div>
				<aside className="flex flex-col gap-6" aria-label="Moderator actions">
					<Card>
						<h2 className="text-lg font-semibold text-ink-950">{revision ? 'Decide on the edit' : 'Decision'}</h2>
						{isOwn ? (
							<p className="mt-2 text-sm text-ink-500">You wrote this case study: another moderator must review it.</p>
						) : decisions.length === 0 ? (
							<p className="mt-2 text-sm text-ink-500">
								Nothing to decide: it is {statusLabels[study.status].toLowerCase()}
								{study.reviewNote ? ` (note to the author: “${study.reviewNote}”)` : ''}.
							</p>
						) : (
							<div className="mt-4 flex flex-col divide-y divide-ink-100">
								{decisions.map((decision) => (
									<DecisionForm
										key={decision}
										decision={decision}
										revisionId={revision?.id ?? null}
										actionData={actionData}
									/>
								))}
							</div>
						)}
					</Card>
					<Card>
						<h2 className="text-lg font-semibold text-ink-950">Curate</h2>
						{curatable ? (
							<div className="mt-4 flex flex-col gap-5">
								<Form method="post">
									<input type="hidden" name="intent" value={study.featuredAt ? 'unfeature' : 'feature'} />
									<p className="text-sm text-ink-500">
										{study.featuredAt
											? `Featured on the home page since ${formatDate(study.featuredAt)}.`
											: 'Feature it on every member’s home page.'}
									</p>
									<Button variant="secondary" className="mt-2" disabled={navigation.state === 'submitting'}>
										{study.featuredAt ? 'Stop featuring' : 'Feature on the home page'}
									</Button>
								</Form>
								{collections.some((collection) => collection.contains) ? (
									<div className="text-sm">
										<p className="text-ink-500">In collections:</p>
										<ul className="mt-1 flex flex-col gap-1">
											{collections
												.filter((collection) => collection.contains)
												.map((collection) => (
													<li key={collection.id}>
														<Link
															to={`/moderation/collections/${collection.id}`}
															className="font-medium text-brand-700 hover:underline"
														>
															{collection.title}
														</Link>
													</li>
												))}
										</ul>
									</div>
								) : null}
								{available.length ? (
									<Form method="post" className="flex flex-col gap-2">
										<input type="hidden" name="intent" value="add-to-collection" />
										<SelectField
											label="Add to a collection"
											name="collectionId"
											required
											placeholder="Choose a collection"
											options={available.map((collection) => ({ value: collection.id, label: collection.title }))}
										/>
										<div>
											<Button variant="secondary" disabled={navigation.state === 'submitting'}>
												Add
											</Button>
										</div>
									</Form>
								) : (
									<p className="text-sm text-ink-500">
										<Link to="/moderation/collections" className="font-medium text-brand-700 hover:underline">
											Create a collection
										</Link>{' '}
										to add it to one.
									</p>
								)}
							</div>
						) : (
							<p className="mt-2 text-sm text-ink-500">
								{study.hiddenAt
									? 'Hidden after a report: it cannot be featured or collected.'
									: 'Only published case studies can be featured or collected.'}
							</p>
						)}
					</Card>
				</aside>
			</div>
		</div>
	)
}
