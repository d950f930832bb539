import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/button.tsx'
import { Field, FormAlert, SelectField, TextareaField } from '#app/components/forms.tsx'
import { ModerationNav } from '#app/components/moderation-nav.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { statusLabels } from '#app/features/case-studies/labels.ts'
import {
	addStudyToCollection,
	deleteCollection,
	getCollectionForEditing,
	moveStudyInCollection,
	removeStudyFromCollection,
	updateCollection,
} from '#app/features/moderation/curation.server.ts'
import { CollectionSchema, moderationLimits } from '#app/features/moderation/schemas.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.collection.title ?? 'Collection'} · Crossroads moderation` },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['moderator', 'admin'])
	const editing = getCollectionForEditing(params.collectionId ?? '')
	if (!editing) throw new Response('This collection does not exist.', { status: 404 })
	return editing
}

const ItemSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('add'), studyId: z.string().min(1) }),
	z.object({ intent: z.literal('remove'), studyId: z.string().min(1) }),
	z.object({ intent: z.literal('move'), studyId: z.string().min(1), direction: z.enum(['up', 'down']) }),
	z.object({ intent: z.literal('delete') }),
])

type ActionResult = {
	result?: SubmissionResult<string[]>
	notice: { tone: 'success' | 'warning'; message: string } | null
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	const collectionId = params.collectionId ?? ''
	const formData = await readFormData(request)
	if (formData.get('intent') === 'update') {
		const submission = parseWithZod(formData, { schema: CollectionSchema })
		if (submission.status !== 'success')
			return data<ActionResult>({ result: submission.reply(), notice: null }, { status: 400 })
		const updated = updateCollection(user.id, collectionId, submission.value)
		if (!updated.ok)
			return data<ActionResult>(
				{
					result: submission.reply({ formErrors: [updated.message], fieldErrors: updated.fieldErrors ?? {} }),
					notice: null,
				},
				{ status: updated.code === 'not-found' ? 404 : 400 },
			)
		return data<ActionResult>({ result: submission.reply(), notice: { tone: 'success', message: 'Saved.' } })
	}
	const parsed = ItemSchema.safeParse(Object.fromEntries(formData))
	if (!parsed.success)
		throw new Response('Choose a study and what to do with it (add, move up or down, remove).', { status: 400 })
	const step = parsed.data
	if (step.intent === 'delete') {
		const deleted = deleteCollection(user.id, collectionId)
		if (!deleted.ok) throw new Response(deleted.message, { status: 404 })
		throw redirect('/moderation/collections')
	}
	const outcome =
		step.intent === 'add'
			? addStudyToCollection(user.id, collectionId, step.studyId)
			: step.intent === 'remove'
				? removeStudyFromCollection(user.id, collectionId, step.studyId)
				: moveStudyInCollection(user.id, collectionId, step.studyId, step.direction)
	if (!outcome.ok)
		return data<ActionResult>(
			{ notice: { tone: 'warning', message: outcome.message } },
			{ status: outcome.code === 'not-found' ? 404 : 409 },
		)
	const messages = { add: 'Added at the end.', remove: 'Removed from the collection.', move: 'Moved.' }
	return data<ActionResult>({ notice: { tone: 'success', message: messages[step.intent] } })
}

export default function EditCollectionRoute() {
	const { collection, items, candidates } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const [form, fields] = useForm({
		id: 'edit-collection',
		constraint: getZodConstraint(CollectionSchema),
		defaultValue: { title: collection.title, intro: collection.intro },
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CollectionSchema }),
	})
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title={collection.title}
				description={
					<>
						{items.length} {items.length === 1 ? 'study' : 'studies'}
						{collection.createdByName ? ` · started by ${collection.createdByName}` : ''} ·{' '}
						<Link to={`/collections/${collection.slug}`} className="font-medium text-brand-700 hover:underline">
							/collections/{collection.slug}
						</Link>
					</>
				}
				actions={
					<Link to="/moderation/collections" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						← All collections
					</Link>
				}
			/>
			<ModerationNav />
			{actionData?.notice ? <Notice tone={actionData.notice.tone}>{actionData.notice.message}</Notice> : null}
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<Card className="min-w-0">
					<h2 className="text-lg font-semibold text-ink-950">Studies, in order</h2>
					{items.length === 0 ? (
						<p className="mt-2 text-sm text-ink-500">No studies yet: add published ones below.</p>
					) : (
						<ol className="mt-4 divide-y divide-ink-100">
							{items.map((item, index) => (
								<li key={item.studyId} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center">
									<span className="w-6 shrink-0 text-sm font-semibold text-ink-400 tabular-nums">{item.position}</span>
									<div className="min-w-0 flex-1">
										<Link
											to={`/moderation/studies/${item.studyId}`}
											className="font-medium text-ink-900 hover:underline"
										>
											{item.title}
										</Link>
										<p className="text-sm text-ink-500">
											{item.brand} · {item.authorName}
											{item.status !== 'published' ? ` · ${statusLabels[item.status]}: members do not see it` : ''}
											{item.hiddenAt ? ' · hidden: members do not see it' : ''}
										</p>
									</div>
									<div className="flex shrink-0 gap-1">
										{(['up', 'down'] as const).map((direction) => (
											<Form method="post" key={direction}>
												<input type="hidden" name="intent" value="move" />
												<input type="hidden" name="studyId" value={item.studyId} />
												<input type="hidden" name="direction" value={direction} />
												<Button
													variant="ghost"
													className="px-2.5 py-1.5"
													disabled={busy || (direction === 'up' ? index === 0 : index === items.length - 1)}
													aria-label={`Move “${item.title}” ${direction}`}
												>
													{direction === 'up' ? '↑' : '↓'}
												</Button>
											</Form>
										))}
										<Form method="post">
											<input type="hidden" name="intent" value="remove" />
											<input type="hidden" name="studyId" value={item.studyId} />
											<Button
												variant="ghost"
												className="px-2.5 py-1.5 text-red-700"
												disabled={busy}
												aria-label={`Remove “${item.title}”`}
											>
												Remove
											</Button>
										</Form>
									</div>
								</li>
							))}
						</ol>
					)}
					{candidates.length ? (
						<Form
							method="post"
							className="mt-6 flex flex-col gap-2 border-t border-ink-100 pt-6 sm:flex-row sm:items-end"
						>
							<input type="hidden" name="intent" value="add" />
							<SelectField
								label="Add a published study"
								name="studyId"
								required
								placeholder="Choose a study"
								className="min-w-0 flex-1"
								options={candidates.map((study) => ({ value: study.id, label: `${study.title} (${study.brand})` }))}
							/>
							<Button variant="secondary" disabled={busy}>
								Add
							</Button>
						</Form>
					) : null}
				</Card>
				<div className="flex flex-col gap-6">
					<Card>
						<h2 className="text-lg font-semibold text-ink-950">Title and intro</h2>
						<Form method="post" className="mt-4 flex flex-col gap-4" {...getFormProps(form)}>
							<input type="hidden" name="intent" value="update" />
							<FormAlert id={form.errorId} errors={form.errors} />
							<Field
								label="Title"
								hint="A new title gives the collection a new address."
								maxLength={moderationLimits.collectionTitle}
								errors={fields.title.errors}
								{...getInputProps(fields.title, { type: 'text' })}
							/>
							<TextareaField
								label="Intro"
								rows={5}
								maxLength={moderationLimits.collectionIntro}
								errors={fields.intro.errors}
								{...getTextareaProps(fields.intro)}
							/>
							<div>
								<Button disabled={busy}>Save</Button>
							</div>
						</Form>
					</Card>
					<Card>
						<h2 className="text-lg font-semibold text-ink-950">Delete</h2>
						<p className="mt-1 text-sm text-ink-500">
							The collection and its page go away; the studies stay published.
						</p>
						<Form method="post" className="mt-3">
							<input type="hidden" name="intent" value="delete" />
							<Button variant="danger" disabled={busy}>
								Delete collection
							</Button>
						</Form>
					</Card>
				</div>
			</div>
		</div>
	)
}
