import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button, buttonClass } from '#app/components/button.tsx'
import { ErrorList, FormAlert, TextareaField } from '#app/components/forms.tsx'
import { Card } from '#app/components/page.tsx'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { reportReasons, reportTargets } from '#app/features/moderation/options.ts'
import {
	findReportTarget,
	openReportBy,
	reportNoteLimit,
	ReportSchema,
	submitReport,
	type ReportTarget,
} from '#app/features/moderation/report-submission.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Report · Crossroads' }]

const reasonOptions: Record<(typeof reportReasons)[number], { label: string; hint: string }> = {
	spam: { label: 'Spam or self-promotion', hint: 'Selling, recruiting, or the same post again and again.' },
	confidential: { label: 'Confidential information', hint: 'Non-public figures, plans or client details.' },
	offensive: { label: 'Offensive or harassing', hint: 'Insults, harassment or discriminatory content.' },
	misleading: { label: 'Misleading or false', hint: 'Results, credentials or claims that are not true.' },
	'conflict-of-interest': {
		label: 'Conflict of interest',
		hint: 'A competitor, or someone with a stake they did not disclose.',
	},
	other: { label: 'Something else', hint: 'Tell the moderators in the note.' },
}

const TargetQuery = z.object({
	type: z.enum(reportTargets),
	id: z.string().trim().min(1).max(100),
	sent: z.literal('1').optional(),
})

const reportPath = (target: Pick<ReportTarget, 'type' | 'id'>) =>
	`/reports/new?${new URLSearchParams({ type: target.type, id: target.id })}`

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const query = TargetQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!query.success)
		throw new Response('Say what you want to report, e.g. /reports/new?type=profile&id=….', { status: 400 })
	const found = findReportTarget(user, query.data.type, query.data.id)
	if (!found.ok) {
		if (found.code === 'not-found') throw new Response(found.message, { status: 404 })
		return data({ state: 'refused' as const, message: found.message }, { status: 400 })
	}
	const existing = openReportBy(user.id, found.target.type, found.target.id)
	if (existing) {
		const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: getMemberTimeZone(user.id) })
		return {
			state: query.data.sent ? ('sent' as const) : ('already' as const),
			target: found.target,
			reportedOn: date.format(existing.createdAt),
		}
	}
	return { state: 'form' as const, target: found.target, noteLimit: reportNoteLimit }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const submission = parseWithZod(await readFormData(request), { schema: ReportSchema })
	if (submission.status !== 'success') {
		if (submission.error?.targetType || submission.error?.targetId)
			throw new Response('Say what you want to report.', { status: 400 })
		return data({ result: submission.reply() }, { status: 400 })
	}
	const outcome = await submitReport(user, submission.value)
	if (outcome.ok) throw redirect(`${reportPath(outcome.target)}&sent=1`)
	if (outcome.code === 'duplicate')
		throw redirect(reportPath({ type: submission.value.targetType, id: submission.value.targetId }))
	if (outcome.code === 'not-found') throw new Response(outcome.message, { status: 404 })
	return data(
		{ result: submission.reply({ formErrors: [outcome.message] }) },
		{
			status: outcome.code === 'rate-limited' ? 429 : 400,
			headers: outcome.retryAfterSeconds ? { 'Retry-After': String(outcome.retryAfterSeconds) } : undefined,
		},
	)
}

export default function ReportRoute() {
	const view = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto max-w-xl px-4 py-10 sm:px-6">
			{view.state === 'refused' ? (
				<Card>
					<h1 className="text-xl font-semibold text-ink-950">This cannot be reported</h1>
					<p className="mt-2 text-sm text-ink-700">{view.message}</p>
					<Link to="/" className={buttonClass('secondary', 'mt-6')}>
						Back to home
					</Link>
				</Card>
			) : view.state === 'form' ? (
				<ReportForm target={view.target} noteLimit={view.noteLimit} />
			) : (
				<Card>
					<div role="status">
						<h1 className="text-xl font-semibold text-ink-950">
							{view.state === 'sent' ? 'Thanks — a moderator will review it' : 'You already reported this'}
						</h1>
						<p className="mt-2 text-sm text-ink-700">
							{view.state === 'sent'
								? `We received your report of ${view.target.label}. `
								: `You reported ${view.target.label} on ${view.reportedOn}, and a moderator will review it. `}
							Moderators look at every report; the member is not told who reported them.
						</p>
					</div>
					<Link to={view.target.link} className={buttonClass('secondary', 'mt-6')}>
						Back
					</Link>
				</Card>
			)}
		</div>
	)
}

function ReportForm({ target, noteLimit }: { target: ReportTarget; noteLimit: number }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm<z.input<typeof ReportSchema>>({
		id: 'report',
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
	})
	const reasonErrorId = fields.reason.errors?.length ? fields.reason.errorId : undefined
	return (
		<Card>
			<h1 className="text-xl font-semibold text-ink-950">Report {target.label}</h1>
			{target.excerpt ? (
				<blockquote className="mt-3 border-l-2 border-ink-200 pl-3 text-sm text-ink-700">{target.excerpt}</blockquote>
			) : null}
			<p className="mt-2 text-sm text-ink-500">
				Moderators review every report. The member is not told who reported them.
			</p>
			<Form method="post" className="mt-6 flex flex-col gap-6" {...getFormProps(form)}>
				<input type="hidden" name="targetType" value={target.type} />
				<input type="hidden" name="targetId" value={target.id} />
				<FormAlert id={form.errorId} errors={form.errors} />
				<fieldset aria-describedby={reasonErrorId} aria-invalid={reasonErrorId ? true : undefined}>
					<legend className="text-sm font-medium text-ink-800">Why are you reporting it?</legend>
					<div className="mt-3 flex flex-col gap-3">
						{reportReasons.map((reason) => (
							<label key={reason} className="flex items-start gap-3 text-sm">
								<input
									type="radio"
									name={fields.reason.name}
									value={reason}
									required
									defaultChecked={fields.reason.initialValue === reason}
									aria-describedby={`${fields.reason.id}-${reason}-hint`}
									className="border-ink-300 mt-0.5 h-4 w-4 shrink-0 text-brand-600 focus:ring-brand-600"
								/>
								<span>
									<span className="font-medium text-ink-900">{reasonOptions[reason].label}</span>
									<span id={`${fields.reason.id}-${reason}-hint`} className="block text-ink-500">
										{reasonOptions[reason].hint}
									</span>
								</span>
							</label>
						))}
					</div>
					<ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
				</fieldset>
				<TextareaField
					label="Note for the moderators (optional)"
					hint={`What should they look at? Needed for “Something else”. Up to ${noteLimit.toLocaleString('en')} characters.`}
					rows={4}
					maxLength={noteLimit}
					errors={fields.note.errors}
					{...getTextareaProps(fields.note)}
				/>
				<div className="flex flex-wrap items-center gap-3">
					<Button disabled={navigation.state === 'submitting'}>Send report</Button>
					<Link to={target.link} className={buttonClass('ghost')}>
						Cancel
					</Link>
				</div>
			</Form>
		</Card>
	)
}
