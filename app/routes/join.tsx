import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'
import { AuthLayout } from '#app/components/auth-layout.tsx'
import { Button } from '#app/components/button.tsx'
import { Field, FormAlert, SelectField, TextareaField } from '#app/components/forms.tsx'
import { NaicsPicker } from '#app/components/naics-picker.tsx'
import { applyForMembership } from '#app/features/accounts/accounts.server.ts'
import { JoinSchema, passwordRules } from '#app/features/accounts/schemas.ts'
import { regions } from '#app/features/members/regions.ts'
import { listTimeZones } from '#app/features/members/time-zones.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Apply to join · Crossroads' }]

export async function loader({ context }: LoaderFunctionArgs) {
	if (context.auth) throw redirect('/')
	return {
		timeZones: listTimeZones(),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await readFormData(request), { schema: JoinSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const outcome = await applyForMembership(submission.value)
	if (!outcome.ok) {
		return data(
			{ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] }, hideFields: ['password'] }) },
			{ status: 400 },
		)
	}
	return redirect('/login?applied=1')
}

export default function JoinRoute() {
	const { timeZones } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'join',
		constraint: getZodConstraint(JoinSchema),
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinSchema }),
	})
	const timeZoneId = fields.timeZone.id
	useEffect(() => {
		// Pre-select the browser's own zone; without JavaScript the member picks it.
		const select = document.getElementById(timeZoneId)
		if (select instanceof HTMLSelectElement && !select.value)
			select.value = Intl.DateTimeFormat().resolvedOptions().timeZone
	}, [timeZoneId])

	return (
		<AuthLayout
			wide
			title="Apply for membership"
			subtitle="Crossroads is a vetted network of senior marketing leaders. Tell us about you; our team reviews every application."
		>
			<Form method="post" className="grid grid-cols-1 gap-5 sm:grid-cols-2" {...getFormProps(form)}>
				<div className="sm:col-span-2">
					<FormAlert id={form.errorId} errors={form.errors} />
				</div>
				<Field
					label="Full name"
					autoComplete="name"
					errors={fields.name.errors}
					{...getInputProps(fields.name, { type: 'text' })}
				/>
				<Field
					label="Work email"
					autoComplete="email"
					errors={fields.email.errors}
					{...getInputProps(fields.email, { type: 'email' })}
				/>
				<Field
					label="Title"
					placeholder="Chief Marketing Officer"
					autoComplete="organization-title"
					errors={fields.title.errors}
					{...getInputProps(fields.title, { type: 'text' })}
				/>
				<Field
					label="Company"
					autoComplete="organization"
					errors={fields.company.errors}
					{...getInputProps(fields.company, { type: 'text' })}
				/>
				<div className="sm:col-span-2">
					<NaicsPicker
						id={fields.sector.id}
						errorId={fields.sector.errorId}
						name={fields.sector.name}
						label="Company industry"
						hint="NAICS 2022. Search by industry or type a code, e.g. “grocery” or 4451; a broad sector is fine."
						defaultValue={null}
						errors={fields.sector.errors}
						required
					/>
				</div>
				<SelectField
					label="Region"
					placeholder="Choose a region…"
					options={regions.map((region) => ({ value: region, label: region }))}
					errors={fields.region.errors}
					{...getSelectProps(fields.region)}
				/>
				<SelectField
					label="Time zone"
					placeholder="Choose a time zone…"
					options={timeZones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
					errors={fields.timeZone.errors}
					{...getSelectProps(fields.timeZone)}
				/>
				<TextareaField
					label="Why do you want to join? (optional)"
					rows={3}
					className="sm:col-span-2"
					errors={fields.applicationNote.errors}
					{...getTextareaProps(fields.applicationNote)}
				/>
				<Field
					label="Password"
					autoComplete="new-password"
					hint={`At least ${passwordRules.min} characters.`}
					className="sm:col-span-2"
					errors={fields.password.errors}
					{...getInputProps(fields.password, { type: 'password' })}
				/>
				<div className="flex flex-col gap-4 sm:col-span-2">
					<Button disabled={navigation.state === 'submitting'}>
						{navigation.state === 'submitting' ? 'Sending…' : 'Send application'}
					</Button>
					<p className="text-center text-sm text-ink-500">
						Already a member?{' '}
						<Link to="/login" className="font-semibold text-brand-700 hover:underline">
							Sign in
						</Link>
					</p>
				</div>
			</Form>
		</AuthLayout>
	)
}
