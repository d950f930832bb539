import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	MaxPartSizeExceededError,
	redirect,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button, buttonClass } from '#app/components/button.tsx'
import { studyImageUrl } from '#app/components/case-study-card.tsx'
import { CaseStudyForm, StudyPreview, studyFormValues } from '#app/components/case-study-form.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import {
	getStudyForEditing,
	reopenStudy,
	submitStudy,
	updateStudy,
	withdrawStudy,
} from '#app/features/case-studies/authoring.server.ts'
import {
	acceptsNewImages,
	addStudyImage,
	imageLimits,
	removeStudyImage,
	setCoverImage,
} from '#app/features/case-studies/images.server.ts'
import { revisionStatusLabels, statusLabels, statusTones } from '#app/features/case-studies/labels.ts'
import { asFieldErrors, CaseStudySchema, ImageDetailsSchema, studyLimits } from '#app/features/case-studies/schemas.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { describeNaicsCodes } from '#app/features/sectors/naics.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `Edit: ${data?.content.title ?? 'case study'} · Crossroads` },
]

const doneNotices = {
	created: 'Draft saved. Keep writing, add images, and submit it when it is ready.',
	submitted: 'Submitted for review. A moderator will publish it or send it back with notes.',
} as const

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const editing = getStudyForEditing(user.id, params.studyId ?? '')
	if (!editing) throw new Response('This case study does not exist or is not yours to edit.', { status: 404 })
	const sector = describeNaicsCodes([editing.content.sectorCode]).get(editing.content.sectorCode)
	const done = new URL(request.url).searchParams.get('done')
	const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: getMemberTimeZone(user.id) })
	return {
		...editing,
		formValues: studyFormValues(editing.content, sector?.title ?? null),
		acceptsNewImages: acceptsNewImages(editing.study.status),
		dates: {
			submitted: editing.study.submittedAt ? dateFormat.format(editing.study.submittedAt) : null,
			published: editing.study.publishedAt ? dateFormat.format(editing.study.publishedAt) : null,
		},
		done: done === 'created' || done === 'submitted' ? doneNotices[done] : null,
	}
}

type ActionResult = {
	intent: string
	ok: boolean
	result: SubmissionResult<string[]> | null
	notice: string | null
	preview: { summary: string; body: string; learnings: string } | null
}

const SimpleIntent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('withdraw') }),
	z.object({ intent: z.literal('reopen') }),
	z.object({ intent: z.literal('remove-image'), imageId: z.string().min(1).max(64) }),
	z.object({ intent: z.literal('set-cover'), imageId: z.string().min(1).max(64) }),
])

const reply = (values: Partial<ActionResult> & { intent: string }, status = 200) =>
	data({ ok: status < 400, result: null, notice: null, preview: null, ...values } satisfies ActionResult, { status })

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const studyId = params.studyId ?? ''
	if (request.headers.get('Content-Type')?.startsWith('multipart/form-data'))
		return uploadImage(user.id, studyId, request)
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'save' || intent === 'submit' || intent === 'preview') {
		const submission = parseWithZod(formData, { schema: CaseStudySchema })
		const preview =
			intent === 'preview'
				? {
						summary: String(formData.get('summary') ?? ''),
						body: String(formData.get('body') ?? ''),
						learnings: String(formData.get('learnings') ?? ''),
					}
				: null
		if (submission.status !== 'success')
			return reply({ intent, result: submission.reply(), preview }, intent === 'preview' ? 200 : 400)
		if (intent === 'preview') return reply({ intent, result: submission.reply(), preview })
		const saved = updateStudy(user.id, studyId, submission.value)
		if (!saved.ok)
			return reply(
				{
					intent,
					result: submission.reply({
						formErrors: saved.fieldErrors ? [] : [saved.message],
						fieldErrors: asFieldErrors(saved.fieldErrors),
					}),
				},
				saved.code === 'not-found' ? 404 : 400,
			)
		if (intent === 'save')
			return reply({
				intent,
				result: submission.reply(),
				notice:
					saved.applied === 'revision'
						? 'Edits sent for review. Readers see the published version until a moderator approves them.'
						: 'Saved.',
			})
		const submitted = submitStudy(user.id, studyId)
		if (!submitted.ok)
			return reply(
				{
					intent,
					result: submission.reply({
						formErrors: [submitted.message],
						fieldErrors: asFieldErrors(submitted.fieldErrors),
					}),
				},
				submitted.code === 'not-found' ? 404 : 400,
			)
		// Redirect (post/redirect/get): the confirmation outlives the editing bar, which submitting removes.
		return redirect(`/case-studies/${studyId}/edit?done=submitted`)
	}
	const parsed = SimpleIntent.safeParse(Object.fromEntries(formData))
	if (!parsed.success) return reply({ intent, notice: 'Unknown action.' }, 400)
	const input = parsed.data
	const outcome =
		input.intent === 'withdraw'
			? withdrawStudy(user.id, studyId)
			: input.intent === 'reopen'
				? reopenStudy(user.id, studyId)
				: input.intent === 'remove-image'
					? removeStudyImage(user.id, studyId, input.imageId)
					: setCoverImage(user.id, studyId, input.imageId)
	if (!outcome.ok) return reply({ intent, notice: outcome.message }, outcome.code === 'not-found' ? 404 : 409)
	const notices = {
		withdraw: 'Withdrawn. Nobody else can read it now; reopen it as a draft to rework it.',
		reopen: 'Back to a draft: edit it and submit it again when it is ready.',
		'remove-image': 'Image removed.',
		'set-cover': 'Cover image changed.',
	}
	return reply({ intent, notice: notices[input.intent] })
}

async function uploadImage(userId: string, studyId: string, request: Request) {
	let formData: FormData
	try {
		formData = await unstable_parseMultipartFormData(
			request,
			unstable_createMemoryUploadHandler({ maxPartSize: imageLimits.maxBytes }),
		)
	} catch (error) {
		const message =
			error instanceof MaxPartSizeExceededError ? 'The image is larger than 5 MB.' : 'The upload did not arrive whole.'
		return reply({ intent: 'add-image', notice: message }, 400)
	}
	const details = ImageDetailsSchema.safeParse({
		alt: formData.get('alt') ?? undefined,
		cover: formData.get('cover') ?? undefined,
	})
	if (!details.success) return reply({ intent: 'add-image', notice: details.error.issues[0]!.message }, 400)
	const image = formData.get('image')
	const bytes = image instanceof Blob ? new Uint8Array(await image.arrayBuffer()) : new Uint8Array()
	const outcome = await addStudyImage(userId, studyId, bytes, details.data)
	if (!outcome.ok)
		return reply({ intent: 'add-image', notice: outcome.message }, outcome.code === 'not-found' ? 404 : 400)
	return reply({ intent: 'add-image', notice: 'Image added.' })
}

export default function EditCaseStudyRoute() {
	const { study, content, revision, images, reviewsPublishedEdits, formValues, dates, done, acceptsNewImages } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const formNotice = actionData && ['save', 'submit', 'preview'].includes(actionData.intent) ? actionData : null
	const statusNotice = actionData && ['withdraw', 'reopen'].includes(actionData.intent) ? actionData : null
	const editable = study.status !== 'submitted'
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title={content.title}
				description={
					<span className="flex flex-wrap items-center gap-2">
						<span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${statusTones[study.status]}`}>
							{statusLabels[study.status]}
						</span>
						{revision?.pending ? (
							<span className="rounded-full bg-sky-50 px-2.5 py-0.5 text-xs font-semibold text-sky-800 ring-1 ring-sky-200">
								{revisionStatusLabels[revision.status]}
							</span>
						) : null}
						<span className="text-sm">{content.brand}</span>
					</span>
				}
				actions={
					<>
						<Link to="/case-studies/mine" className={buttonClass('ghost')}>
							All yours
						</Link>
						<Link to={`/case-studies/${study.id}`} className={buttonClass('secondary')}>
							{study.status === 'published' ? 'View published' : 'View as page'}
						</Link>
					</>
				}
			/>
			{done && !actionData ? <Notice>{done}</Notice> : null}
			{statusNotice?.notice ? (
				<Notice tone={statusNotice.ok ? 'success' : 'warning'}>{statusNotice.notice}</Notice>
			) : null}
			<StatusPanel
				status={study.status}
				reviewNote={study.reviewNote}
				hidden={study.hiddenAt !== null}
				revision={revision}
				reviewsPublishedEdits={reviewsPublishedEdits}
				dates={dates}
				busy={busy}
			/>
			<CaseStudyForm
				key={`${study.status}:${revision?.status ?? ''}`}
				lastResult={formNotice?.result}
				defaultValue={formValues}
				readOnly={!editable}
				actions={
					editable ? (
						<div className="flex flex-col gap-3 rounded-2xl border border-ink-100 bg-white px-5 py-4 shadow-sm sm:flex-row sm:items-center sm:justify-between">
							<div aria-live="polite" className="text-sm">
								{formNotice?.notice ? (
									<p className={formNotice.ok ? 'font-medium text-brand-700' : 'text-amber-900'}>{formNotice.notice}</p>
								) : (
									<p className="text-ink-500">
										{study.status === 'published'
											? reviewsPublishedEdits
												? 'Edits wait for a moderator; readers see the published version meanwhile.'
												: 'Edits go live when you save.'
											: 'Only you can read it until a moderator publishes it.'}
									</p>
								)}
							</div>
							<div className="flex flex-col-reverse gap-3 sm:flex-row">
								<Button name="intent" value="preview" variant="ghost" formNoValidate disabled={busy}>
									Preview
								</Button>
								{study.status === 'published' ? (
									<Button name="intent" value="save" disabled={busy}>
										{reviewsPublishedEdits ? 'Send edits for review' : 'Save changes'}
									</Button>
								) : (
									<>
										<Button name="intent" value="save" variant="secondary" disabled={busy}>
											{study.status === 'draft' ? 'Save draft' : 'Save'}
										</Button>
										{study.status === 'draft' || study.status === 'changes-requested' ? (
											<Button name="intent" value="submit" disabled={busy}>
												{study.status === 'changes-requested' ? 'Submit again' : 'Submit for review'}
											</Button>
										) : null}
									</>
								)}
							</div>
						</div>
					) : null
				}
			/>
			{formNotice?.preview ? <StudyPreview {...formNotice.preview} /> : null}
			<ImagesSection
				studyId={study.id}
				images={images}
				accepting={acceptsNewImages}
				waitsForReview={study.status === 'published' && reviewsPublishedEdits}
			/>
		</div>
	)
}

type Editing = ReturnType<typeof useLoaderData<typeof loader>>

function StatusPanel({
	status,
	reviewNote,
	hidden,
	revision,
	reviewsPublishedEdits,
	dates,
	busy,
}: {
	status: Editing['study']['status']
	reviewNote: string | null
	hidden: boolean
	revision: Editing['revision']
	reviewsPublishedEdits: boolean
	dates: Editing['dates']
	busy: boolean
}) {
	const action = (intent: 'withdraw' | 'reopen', label: string, variant: 'secondary' | 'danger' | 'primary') => (
		<Form method="post">
			<input type="hidden" name="intent" value={intent} />
			<Button variant={variant} disabled={busy}>
				{label}
			</Button>
		</Form>
	)
	const feedback =
		status === 'changes-requested' || status === 'rejected'
			? reviewNote
			: status === 'published' && revision && ['changes-requested', 'rejected'].includes(revision.status)
				? revision.reviewNote
				: null
	const copy: Record<Editing['study']['status'], { title: string; text: string }> = {
		draft: {
			title: 'Draft',
			text: 'Only you can read it. Submit it when the story, the results and your learnings are in.',
		},
		submitted: {
			title: `In review${dates.submitted ? ` since ${dates.submitted}` : ''}`,
			text: 'A moderator will publish it or send it back with notes. To change it now, withdraw it and reopen it as a draft.',
		},
		'changes-requested': {
			title: 'A moderator asked for changes',
			text: 'Edit it below and submit it again.',
		},
		published: {
			title: `Published${dates.published ? ` ${dates.published}` : ''}`,
			text:
				revision?.status === 'submitted' && revision.pending
					? 'Your latest edits are waiting for a moderator. Readers see the published version until then.'
					: revision?.status === 'changes-requested'
						? 'A moderator asked for changes to your latest edits. Readers still see the published version.'
						: revision?.status === 'rejected'
							? 'Your latest edits were not accepted. Readers see the published version.'
							: reviewsPublishedEdits
								? 'Edits you make go to a moderator before readers see them.'
								: 'Edits you make go live when you save them.',
		},
		rejected: {
			title: 'Not accepted for the library',
			text: 'Reopen it as a draft to rework it, or leave it here for your records.',
		},
		withdrawn: {
			title: 'Withdrawn',
			text: 'Nobody else can read it. Reopen it as a draft to rework and submit it again.',
		},
	}
	const tone =
		status === 'changes-requested' || feedback
			? 'border-amber-200 bg-amber-50'
			: status === 'published'
				? 'border-brand-200 bg-brand-50'
				: 'border-ink-100 bg-white'
	return (
		<section aria-labelledby="status-title" className={`rounded-2xl border p-6 ${tone}`}>
			<div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
				<div className="max-w-2xl">
					<h2 id="status-title" className="text-lg font-semibold text-ink-950">
						{copy[status].title}
					</h2>
					<p className="mt-1 text-sm text-ink-700">{copy[status].text}</p>
				</div>
				<div className="flex shrink-0 gap-2">
					{status === 'submitted' || status === 'changes-requested' || status === 'published'
						? action('withdraw', status === 'published' ? 'Withdraw from library' : 'Withdraw', 'danger')
						: null}
					{status === 'withdrawn' || status === 'rejected' ? action('reopen', 'Reopen as draft', 'primary') : null}
				</div>
			</div>
			{feedback ? (
				<figure className="mt-5 rounded-xl border border-amber-200 bg-white p-4">
					<figcaption className="text-xs font-semibold tracking-wide text-amber-900 uppercase">
						Feedback from the moderator
					</figcaption>
					<blockquote className="mt-2 text-sm leading-6 whitespace-pre-line text-ink-900">{feedback}</blockquote>
				</figure>
			) : null}
			{hidden ? (
				<p className="mt-4 text-sm font-medium text-red-800">
					A moderator hid this case study after a report: only you and moderators can read it.
				</p>
			) : null}
		</section>
	)
}

function ImagesSection({
	studyId,
	images,
	accepting,
	waitsForReview,
}: {
	studyId: string
	images: Editing['images']
	accepting: boolean
	waitsForReview: boolean
}) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const uploading = navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data'
	const outcome =
		actionData && ['add-image', 'remove-image', 'set-cover'].includes(actionData.intent) ? actionData : null
	const canAdd = accepting && images.length < studyLimits.images
	return (
		<Card>
			<h2 id="images" className="text-lg font-semibold text-ink-950">
				Images
			</h2>
			<p className="mt-1 text-sm text-ink-500">
				Up to {studyLimits.images}: campaign creative, a results chart. The cover leads the page and the library card.
				JPEG, PNG, WebP, AVIF or GIF, up to 5 MB each.
				{waitsForReview ? ' New images wait with your edit until a moderator approves it; readers see them then.' : ''}
			</p>
			{outcome?.notice ? (
				<div className="mt-4">
					<Notice tone={outcome.ok ? 'success' : 'warning'}>{outcome.notice}</Notice>
				</div>
			) : null}
			{images.length ? (
				<ul className="mt-5 grid gap-4 sm:grid-cols-2">
					{images.map((image) => (
						<li key={image.id} className="overflow-hidden rounded-xl border border-ink-100">
							<img
								src={studyImageUrl(studyId, image.id)}
								alt={image.alt}
								width={image.width}
								height={image.height}
								className="aspect-[16/9] w-full bg-ink-100 object-cover"
							/>
							<div className="flex items-center justify-between gap-3 p-3">
								<p className="min-w-0 truncate text-sm text-ink-700">
									{image.pending ? (
										<span className="mr-2 rounded-full bg-accent-400/30 px-2 py-0.5 text-xs font-semibold text-ink-900">
											Waits for review
										</span>
									) : null}
									{image.isCover ? (
										<span className="mr-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
											{image.pending ? 'Cover once approved' : 'Cover'}
										</span>
									) : null}
									{image.alt}
								</p>
								<div className="flex shrink-0 gap-1">
									{image.isCover ? null : (
										<Form method="post" preventScrollReset>
											<input type="hidden" name="intent" value="set-cover" />
											<input type="hidden" name="imageId" value={image.id} />
											<Button variant="ghost" className="px-2.5 py-1.5">
												Make cover
											</Button>
										</Form>
									)}
									<Form method="post" preventScrollReset>
										<input type="hidden" name="intent" value="remove-image" />
										<input type="hidden" name="imageId" value={image.id} />
										<Button
											variant="ghost"
											className="px-2.5 py-1.5 text-red-700"
											aria-label={`Remove image: ${image.alt}`}
										>
											Remove
										</Button>
									</Form>
								</div>
							</div>
						</li>
					))}
				</ul>
			) : null}
			{canAdd ? (
				<Form
					method="post"
					encType="multipart/form-data"
					preventScrollReset
					className="mt-6 grid gap-4 rounded-xl bg-ink-50 p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
				>
					<div>
						<label htmlFor="image" className="block text-sm font-medium text-ink-800">
							Image
						</label>
						<input
							id="image"
							name="image"
							type="file"
							required
							accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
							className="mt-1.5 block w-full text-sm text-ink-700 file:mr-3 file:rounded-lg file:border-0 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold file:text-ink-900 file:shadow-sm hover:file:bg-ink-100"
						/>
					</div>
					<div>
						<label htmlFor="image-alt" className="block text-sm font-medium text-ink-800">
							What it shows
						</label>
						<input
							id="image-alt"
							name="alt"
							required
							maxLength={studyLimits.imageAlt}
							placeholder="The app's rewards screen"
							className="mt-1.5 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-ink-200 ring-inset focus:ring-2 focus:ring-brand-600"
						/>
					</div>
					<div className="flex items-center gap-4">
						<label className="flex items-center gap-2 text-sm text-ink-800">
							<input type="checkbox" name="cover" className="h-4 w-4 rounded border-ink-200 text-brand-600" />
							Cover
						</label>
						<Button disabled={uploading}>{uploading ? 'Uploading…' : 'Upload'}</Button>
					</div>
				</Form>
			) : images.length >= studyLimits.images ? (
				<p className="mt-5 text-sm text-ink-500">That is the most a case study takes: remove one to add another.</p>
			) : (
				<p className="mt-5 text-sm text-ink-500">Images can be added again once the review is over.</p>
			)}
		</Card>
	)
}
