import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Button } from '#app/components/button.tsx'
import { ErrorList, FormAlert } from '#app/components/forms.tsx'
import { ModerationNav } from '#app/components/moderation-nav.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { ModerationSettingsSchema } from '#app/features/moderation/schemas.ts'
import { getModerationSettings, updateModerationSettings } from '#app/features/moderation/settings.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Settings · Crossroads moderation' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	return { settings: getModerationSettings(), timeZone: getMemberTimeZone(user.id) }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	const submission = parseWithZod(await readFormData(request), { schema: ModerationSettingsSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), notice: null }, { status: 400 })
	const change = updateModerationSettings(user.id, submission.value)
	const notice =
		change.previous === change.current
			? 'Saved: nothing changed.'
			: change.current
				? 'Saved: edits of published studies now wait for review.'
				: 'Saved: edits of published studies now go live at once.'
	return { result: submission.reply(), notice }
}

const choices = [
	{
		value: 'on',
		title: 'Review edits of published studies (recommended)',
		detail: 'An author’s edit waits for a moderator; readers keep seeing the published text until it is approved.',
	},
	{
		value: 'off',
		title: 'Publish edits at once',
		detail: 'Edits of published studies go live without review. Reports still reach the queue.',
	},
] as const

export default function ModerationSettingsRoute() {
	const { settings, timeZone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'moderation-settings',
		constraint: getZodConstraint(ModerationSettingsSchema),
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ModerationSettingsSchema }),
	})
	const updated = settings.updatedAt
		? new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
				new Date(settings.updatedAt),
			)
		: null
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader title="Moderation settings" description="Every change is written to the audit log." />
			<ModerationNav />
			{actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
			<Card className="max-w-2xl">
				<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
					<FormAlert id={form.errorId} errors={form.errors} />
					<fieldset>
						<legend className="text-lg font-semibold text-ink-950">Edits of published case studies</legend>
						<div className="mt-4 flex flex-col gap-3">
							{choices.map((choice) => (
								<label
									key={choice.value}
									className="flex cursor-pointer gap-3 rounded-lg border border-ink-100 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
								>
									<input
										type="radio"
										name={fields.reviewPublishedEdits.name}
										value={choice.value}
										defaultChecked={(choice.value === 'on') === settings.reviewPublishedEdits}
										className="mt-1 accent-brand-600"
									/>
									<span>
										<span className="block font-medium text-ink-900">{choice.title}</span>
										<span className="block text-sm text-ink-500">{choice.detail}</span>
									</span>
								</label>
							))}
						</div>
						<ErrorList id={fields.reviewPublishedEdits.errorId} errors={fields.reviewPublishedEdits.errors} />
					</fieldset>
					<p className="text-sm text-ink-500">
						{updated ? `Last changed ${updated} by ${settings.updatedByName}.` : 'Never changed: the default applies.'}
					</p>
					<div>
						<Button disabled={navigation.state === 'submitting'}>Save</Button>
					</div>
				</Form>
			</Card>
		</div>
	)
}
