import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Button } from '#app/components/button.tsx'
import { Field, FormAlert, SelectField } from '#app/components/forms.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { sectorLevels, type PolicySettings, type SectorLevel } from '#app/features/conflicts/policy.ts'
import { PolicySettingsSchema } from '#app/features/conflicts/policy-settings-schema.ts'
import {
	describePolicySettings,
	updatePolicySettings,
	type PolicySettingsUpdate,
} from '#app/features/conflicts/policy-settings.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Conflict policy · Crossroads admin' }]

const sectorLevelOptions: Record<SectorLevel, string> = {
	2: 'Sector (2 digits)',
	3: 'Subsector (3)',
	4: 'Industry group (4, default)',
	5: 'Industry (5)',
	6: 'National industry (6)',
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['admin'])
	const settings = describePolicySettings()
	return { ...settings, updatedAt: settings.updatedAt?.toISOString() ?? null }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['admin'])
	const submission = parseWithZod(await readFormData(request), { schema: PolicySettingsSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), notice: null }, { status: 400 })
	const outcome = updatePolicySettings(user.id, submission.value)
	if (!outcome.ok)
		return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null }, { status: 400 })
	return { result: submission.reply(), notice: describeUpdate(outcome) }
}

function describeSettings(settings: PolicySettings) {
	return `${sectorLevelOptions[settings.sectorLevel]}, ${plural(settings.coolingOffMonths, 'month')} cooling-off`
}

function describeUpdate(update: Extract<PolicySettingsUpdate, { ok: true }>) {
	const unchanged =
		update.previous.sectorLevel === update.current.sectorLevel &&
		update.previous.coolingOffMonths === update.current.coolingOffMonths
	const settings = unchanged
		? `Settings unchanged (${describeSettings(update.current)}).`
		: `Settings changed from ${describeSettings(update.previous)} to ${describeSettings(update.current)}.`
	return [
		settings,
		`Rebuilt ${plural(update.keys.keys, 'conflict key')} for ${plural(update.keys.members, 'member')}.`,
		`${plural(update.connections.suspended, 'connection')} suspended, ${update.connections.restored} restored.`,
	].join(' ')
}

function plural(count: number, noun: string) {
	return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`
}

function utcDateTime(iso: string) {
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

export default function AdminPolicyRoute() {
	const current = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'policy-settings',
		constraint: getZodConstraint(PolicySettingsSchema),
		defaultValue: { sectorLevel: String(current.sectorLevel), coolingOffMonths: String(current.coolingOffMonths) },
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PolicySettingsSchema }),
	})
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Conflict policy"
				description="The two settings of the competitor-conflict policy. Saving recomputes every member's conflict keys and re-checks every connection."
				actions={
					<Link to="/admin/conflicts" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						Decision log →
					</Link>
				}
			/>
			{actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">In force</h2>
				<dl className="mt-4 grid grid-cols-1 gap-4 text-sm sm:grid-cols-3" aria-label="Current settings">
					<div>
						<dt className="text-ink-500">Sector level</dt>
						<dd className="mt-1 font-medium">{sectorLevelOptions[current.sectorLevel]}</dd>
					</div>
					<div>
						<dt className="text-ink-500">Cooling-off</dt>
						<dd className="mt-1 font-medium">{plural(current.coolingOffMonths, 'month')}</dd>
					</div>
					<div>
						<dt className="text-ink-500">Last changed</dt>
						<dd className="mt-1 font-medium">
							{current.updatedAt ? (
								<>
									<time dateTime={current.updatedAt}>{utcDateTime(current.updatedAt)}</time> by {current.updatedByName}
								</>
							) : (
								'Never: the defaults apply'
							)}
						</dd>
					</div>
				</dl>
			</Card>
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">Change the settings</h2>
				<Form method="post" className="mt-6 grid max-w-md gap-5" {...getFormProps(form)}>
					<FormAlert id={form.errorId} errors={form.errors} />
					<SelectField
						label="Sector level"
						hint="How many leading digits of two companies' NAICS codes must match for their members to count as competitors: fewer digits keep more members apart."
						options={sectorLevels.map((level) => ({ value: String(level), label: sectorLevelOptions[level] }))}
						errors={fields.sectorLevel.errors}
						{...getSelectProps(fields.sectorLevel)}
					/>
					<Field
						label="Cooling-off (months)"
						hint="How long after leaving a company a member is still kept apart from the members it would conflict with (0 to 60; 0 turns the recent-employer rule off)."
						errors={fields.coolingOffMonths.errors}
						{...getInputProps(fields.coolingOffMonths, { type: 'number' })}
					/>
					<div>
						<Button disabled={navigation.state === 'submitting'}>Save and re-check connections</Button>
					</div>
				</Form>
			</Card>
		</div>
	)
}
