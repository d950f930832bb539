import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Button } from '#app/components/button.tsx'
import { Field, FormAlert, TextareaField } from '#app/components/forms.tsx'
import { ModerationNav } from '#app/components/moderation-nav.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { createCollection, listCollectionsForModeration } from '#app/features/moderation/curation.server.ts'
import { CollectionSchema, moderationLimits } from '#app/features/moderation/schemas.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Collections · Crossroads moderation' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['moderator', 'admin'])
	return { collections: listCollectionsForModeration() }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	const submission = parseWithZod(await readFormData(request), { schema: CollectionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const created = createCollection(user.id, submission.value)
	if (!created.ok)
		return data({ result: submission.reply({ fieldErrors: created.fieldErrors ?? {} }) }, { status: 400 })
	throw redirect(`/moderation/collections/${created.id}`)
}

export default function ModerationCollectionsRoute() {
	const { collections } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'new-collection',
		constraint: getZodConstraint(CollectionSchema),
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CollectionSchema }),
	})
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Collections"
				description="Ordered sets of published case studies with an intro, each with its own page. Members see only the studies they may read."
				actions={
					<Link to="/collections" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						As members see them →
					</Link>
				}
			/>
			<ModerationNav />
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<section aria-label="All collections">
					{collections.length === 0 ? (
						<Card className="text-center text-ink-500">No collections yet: start one with the form.</Card>
					) : (
						<ul className="flex flex-col gap-3">
							{collections.map((collection) => (
								<li key={collection.id}>
									<Link
										to={`/moderation/collections/${collection.id}`}
										className="block rounded-2xl border border-ink-100 bg-white p-5 shadow-sm hover:border-brand-200"
									>
										<div className="flex flex-wrap items-baseline justify-between gap-2">
											<h2 className="font-semibold text-ink-950">{collection.title}</h2>
											<span className="text-sm text-ink-500">
												{collection.studies} {collection.studies === 1 ? 'study' : 'studies'}
											</span>
										</div>
										<p className="mt-1 text-xs text-ink-400">/collections/{collection.slug}</p>
										{collection.intro ? (
											<p className="mt-2 line-clamp-2 text-sm text-ink-500">{collection.intro}</p>
										) : null}
									</Link>
								</li>
							))}
						</ul>
					)}
				</section>
				<Card>
					<h2 className="text-lg font-semibold text-ink-950">New collection</h2>
					<Form method="post" className="mt-4 flex flex-col gap-4" {...getFormProps(form)}>
						<FormAlert id={form.errorId} errors={form.errors} />
						<Field
							label="Title"
							hint="Its address is made from the title, e.g. /collections/loyalty-loops-that-worked."
							maxLength={moderationLimits.collectionTitle}
							errors={fields.title.errors}
							{...getInputProps(fields.title, { type: 'text' })}
						/>
						<TextareaField
							label="Intro"
							hint="Why these studies belong together. Shown at the top of the collection page."
							rows={4}
							maxLength={moderationLimits.collectionIntro}
							errors={fields.intro.errors}
							{...getTextareaProps(fields.intro)}
						/>
						<div>
							<Button disabled={navigation.state === 'submitting'}>Create collection</Button>
						</div>
					</Form>
				</Card>
			</div>
		</div>
	)
}
