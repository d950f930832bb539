import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
	type SerializeFrom,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/button.tsx'
import { ErrorList, FormAlert, TextareaField } from '#app/components/forms.tsx'
import { ModerationNav } from '#app/components/moderation-nav.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { reportResolutions, reportTargets } from '#app/features/moderation/options.ts'
import {
	reportReasonLabels,
	reportStatusFilters,
	reportTargetLabels,
	resolutionLabels,
} from '#app/features/moderation/report-options.ts'
import {
	listHiddenContent,
	listReports,
	resolveReport,
	restoreContent,
} from '#app/features/moderation/reports.server.ts'
import { moderationLimits, ResolveReportSchema, RestoreContentSchema } from '#app/features/moderation/schemas.ts'
import type { Role } from '#db/schema.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reports · Crossroads moderation' }]

const ReportsQuerySchema = z.object({
	status: z.enum(reportStatusFilters).default('open'),
	type: z.enum(reportTargets).optional(),
	page: z.coerce.number().int().min(1).default(1),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''))
	const query = ReportsQuerySchema.safeParse(params)
	if (!query.success)
		throw new Response('Unknown filter: choose open, resolved or all, and a type of content from the list.', {
			status: 400,
		})
	const queue = listReports({ status: query.data.status, targetType: query.data.type, page: query.data.page })
	return {
		...queue,
		hidden: listHiddenContent(),
		filters: query.data,
		viewer: { id: user.id, role: user.role },
		timeZone: getMemberTimeZone(user.id),
	}
}

type ActionResult = {
	formId: string
	result: SubmissionResult<string[]>
	notice: { tone: 'success'; message: string } | null
}

const resolutionNotices = {
	dismiss: 'Dismissed',
	'hide-content': 'Content hidden',
	'warn-member': 'Member warned',
	'suspend-member': 'Member suspended and signed out everywhere',
} as const

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireRole(context.auth, request, ['moderator', 'admin'])
	const formData = await readFormData(request)
	if (formData.get('intent') === 'restore') return restore(formData, { id: user.id, role: user.role })
	const formId = `resolve-${String(formData.get('reportId') ?? '')}`
	const submission = parseWithZod(formData, { schema: ResolveReportSchema })
	if (submission.status !== 'success')
		return data<ActionResult>({ formId, result: submission.reply(), notice: null }, { status: 400 })
	const { reportId, resolution, note } = submission.value
	const outcome = await resolveReport({ id: user.id, role: user.role }, reportId, resolution, note)
	if (!outcome.ok) {
		const status = { 'not-found': 404, 'not-allowed': 403, 'note-required': 400 } as Record<string, number>
		return data<ActionResult>(
			{
				formId,
				result:
					outcome.code === 'note-required'
						? submission.reply({ fieldErrors: { note: [outcome.message] } })
						: submission.reply({ formErrors: [outcome.message] }),
				notice: null,
			},
			{ status: status[outcome.code] ?? 409 },
		)
	}
	const closed = outcome.closed === 1 ? '1 report closed' : `${outcome.closed} reports closed`
	return data<ActionResult>({
		formId,
		result: submission.reply({ resetForm: true }),
		notice: { tone: 'success', message: `${resolutionNotices[resolution]}: ${closed}.` },
	})
}

const restoreStatus = { 'not-found': 404, 'not-allowed': 403, 'not-hidden': 409, 'reason-required': 400 } as const

function restore(formData: FormData, moderator: { id: string; role: Role }) {
	const formId = `restore-${String(formData.get('targetType') ?? '')}-${String(formData.get('targetId') ?? '')}`
	const submission = parseWithZod(formData, { schema: RestoreContentSchema })
	if (submission.status !== 'success')
		return data<ActionResult>({ formId, result: submission.reply(), notice: null }, { status: 400 })
	const { targetType, targetId, reason } = submission.value
	const outcome = restoreContent(moderator, { targetType, targetId }, reason)
	if (!outcome.ok)
		return data<ActionResult>(
			{
				formId,
				result:
					outcome.code === 'reason-required'
						? submission.reply({ fieldErrors: { reason: [outcome.message] } })
						: submission.reply({ formErrors: [outcome.message] }),
				notice: null,
			},
			{ status: restoreStatus[outcome.code] },
		)
	return data<ActionResult>({
		formId,
		result: submission.reply({ resetForm: true }),
		notice: { tone: 'success', message: 'Content restored: members see it again.' },
	})
}

type LoadedReport = SerializeFrom<typeof loader>['reports'][number]

/** The resolutions that can apply to this content, for this moderator (the server checks again). */
function resolutionsFor(report: LoadedReport, viewer: { id: string; role: Role }) {
	const target = report.target
	return reportResolutions.filter((resolution) => {
		if (resolution === 'dismiss') return true
		if (!target?.authorId) return false
		if (resolution === 'hide-content') return !target.hidden
		if (resolution === 'suspend-member')
			return target.authorStatus !== 'suspended' && (target.authorRole !== 'admin' || viewer.role === 'admin')
		return true
	})
}

const resolutionHints = {
	dismiss: 'No violation. The reports close; nothing else changes.',
	'hide-content': 'Only the author and moderators can still see it; it can be restored later.',
	'warn-member': 'The author gets your note as a notification.',
	'suspend-member': 'The author is suspended and signed out everywhere.',
} as const

function ResolveForm({
	report,
	viewer,
	actionData,
}: {
	report: LoadedReport
	viewer: { id: string; role: Role }
	actionData: ActionResult | undefined
}) {
	const navigation = useNavigation()
	const formId = `resolve-${report.id}`
	const [form, fields] = useForm({
		id: formId,
		constraint: getZodConstraint(ResolveReportSchema),
		defaultValue: { reportId: String(report.id), resolution: 'dismiss' },
		lastResult: actionData?.formId === formId ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ResolveReportSchema }),
	})
	const choices = resolutionsFor(report, viewer)
	return (
		<Form method="post" className="flex flex-col gap-3" {...getFormProps(form)}>
			<input type="hidden" name="reportId" value={report.id} />
			<FormAlert id={form.errorId} errors={form.errors} />
			<fieldset>
				<legend className="text-sm font-medium text-ink-800">Resolve</legend>
				<div className="mt-2 grid gap-2 sm:grid-cols-2">
					{choices.map((resolution) => (
						<label
							key={resolution}
							className="flex cursor-pointer gap-2 rounded-lg border border-ink-100 p-2.5 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
						>
							<input
								type="radio"
								name={fields.resolution.name}
								value={resolution}
								defaultChecked={resolution === 'dismiss'}
								className="mt-0.5 accent-brand-600"
							/>
							<span>
								<span className="block font-medium text-ink-900">{resolutionLabels[resolution]}</span>
								<span className="block text-xs text-ink-500">{resolutionHints[resolution]}</span>
							</span>
						</label>
					))}
				</div>
				<ErrorList id={fields.resolution.errorId} errors={fields.resolution.errors} />
			</fieldset>
			<TextareaField
				label="Why (on record; a warning sends it to the member)"
				rows={2}
				maxLength={moderationLimits.note}
				errors={fields.note.errors}
				{...getTextareaProps(fields.note)}
			/>
			<div>
				<Button disabled={navigation.state === 'submitting'}>
					Resolve {report.openOnTarget > 1 ? `all ${report.openOnTarget} reports` : 'report'}
				</Button>
			</div>
		</Form>
	)
}

type LoadedHiddenItem = SerializeFrom<typeof loader>['hidden'][number]

function RestoreForm({ item, actionData }: { item: LoadedHiddenItem; actionData: ActionResult | undefined }) {
	const navigation = useNavigation()
	const formId = `restore-${item.targetType}-${item.targetId}`
	const [form, fields] = useForm({
		id: formId,
		constraint: getZodConstraint(RestoreContentSchema),
		lastResult: actionData?.formId === formId ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RestoreContentSchema }),
	})
	return (
		<Form method="post" className="flex flex-col gap-2" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="restore" />
			<input type="hidden" name="targetType" value={item.targetType} />
			<input type="hidden" name="targetId" value={item.targetId} />
			<FormAlert id={form.errorId} errors={form.errors} />
			<TextareaField
				label="Why restore it (on record)"
				rows={2}
				maxLength={moderationLimits.note}
				errors={fields.reason.errors}
				{...getTextareaProps(fields.reason)}
			/>
			<div>
				<Button variant="secondary" disabled={navigation.state === 'submitting'}>
					Restore
				</Button>
			</div>
		</Form>
	)
}

function HiddenContent({
	items,
	viewer,
	dateTime,
	actionData,
}: {
	items: LoadedHiddenItem[]
	viewer: { id: string }
	dateTime: Intl.DateTimeFormat
	actionData: ActionResult | undefined
}) {
	return (
		<section aria-labelledby="hidden-content" className="flex flex-col gap-4">
			<h2 id="hidden-content" className="text-lg font-semibold text-ink-950">
				Hidden content <span className="text-ink-500">{items.length}</span>
			</h2>
			{items.length === 0 ? (
				<Card className="text-center text-ink-500">Nothing is hidden.</Card>
			) : (
				<ul className="flex flex-col gap-4" aria-label="Hidden content">
					{items.map((item) => (
						<li key={`${item.targetType}:${item.targetId}`}>
							<Card>
								<article aria-label={item.label} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
									<div className="min-w-0">
										<h3 className="font-semibold text-ink-950">
											{item.link ? (
												<Link to={item.link} className="hover:underline">
													{item.label}
												</Link>
											) : (
												item.label
											)}
										</h3>
										<p className="text-sm text-ink-500">
											{item.targetType === 'profile' ? '' : `By ${item.authorName} · `}
											Hidden {dateTime.format(new Date(item.hiddenAt))}
										</p>
									</div>
									{item.authorId === viewer.id ? (
										<p className="text-sm text-ink-500">This is your own content: another moderator must restore it.</p>
									) : (
										<RestoreForm item={item} actionData={actionData} />
									)}
								</article>
							</Card>
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

export default function ModerationReportsRoute() {
	const { reports, counts, total, page, pageCount, filters, viewer, timeZone, hidden } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone })
	const linkWith = (changes: Record<string, string | null>) => {
		const params = new URLSearchParams(searchParams)
		params.delete('page')
		for (const [key, value] of Object.entries(changes)) {
			if (value) params.set(key, value)
			else params.delete(key)
		}
		return `?${params}`
	}
	const chip = (active: boolean) =>
		`rounded-full px-3.5 py-1.5 text-sm font-medium ring-1 ring-inset ${active ? 'bg-ink-900 text-white ring-ink-900' : 'bg-white text-ink-700 ring-ink-200 hover:bg-ink-50'}`
	const statusTabs = [
		{ value: 'open', label: 'Open', count: counts.open },
		{ value: 'resolved', label: 'Resolved', count: counts.resolved },
		{ value: 'all', label: 'All', count: counts.open + counts.resolved },
	] as const
	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Reports"
				description="What members reported, open reports first and oldest first. A resolution closes every open report on the same content and is written to the audit log."
			/>
			<ModerationNav />
			{actionData?.notice ? <Notice>{actionData.notice.message}</Notice> : null}
			<div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
				<nav aria-label="Report status" className="flex flex-wrap gap-2">
					{statusTabs.map((tab) => (
						<Link
							key={tab.value}
							to={linkWith({ status: tab.value === 'open' ? null : tab.value })}
							aria-current={filters.status === tab.value ? 'page' : undefined}
							className={chip(filters.status === tab.value)}
						>
							{tab.label} <span className="opacity-70">{tab.count}</span>
						</Link>
					))}
				</nav>
				<nav aria-label="Type of content" className="flex flex-wrap gap-2">
					<Link to={linkWith({ type: null })} className={chip(!filters.type)}>
						Any
					</Link>
					{reportTargets.map((type) => (
						<Link key={type} to={linkWith({ type })} className={chip(filters.type === type)}>
							{reportTargetLabels[type]} <span className="opacity-70">{counts.byTarget[type]}</span>
						</Link>
					))}
				</nav>
			</div>
			{total === 0 ? (
				<Card className="text-center text-ink-500">
					{filters.status === 'open' ? 'No open reports. All quiet.' : 'No reports match.'}
				</Card>
			) : (
				<ul className="flex flex-col gap-4" aria-label="Reports">
					{reports.map((report) => {
						const own = report.target?.authorId === viewer.id
						return (
							<li key={report.id}>
								<Card>
									<article aria-label={`Report ${report.id}`} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
										<div className="min-w-0">
											<div className="flex flex-wrap items-center gap-2 text-xs font-semibold">
												<span className="rounded-full bg-red-50 px-2 py-0.5 text-red-800">
													{reportReasonLabels[report.reason]}
												</span>
												<span className="rounded-full bg-ink-100 px-2 py-0.5 text-ink-700">
													{reportTargetLabels[report.targetType]}
												</span>
												{report.openOnTarget > 1 ? (
													<span className="rounded-full bg-amber-50 px-2 py-0.5 text-amber-900">
														{report.openOnTarget} open reports on this
													</span>
												) : null}
												{report.target?.hidden ? (
													<span className="rounded-full bg-ink-100 px-2 py-0.5 text-ink-500">Hidden</span>
												) : null}
											</div>
											<h2 className="mt-2 font-semibold text-ink-950">
												{report.target?.link ? (
													<Link to={report.target.link} className="hover:underline">
														{report.target.label}
													</Link>
												) : (
													(report.target?.label ?? 'Content that no longer exists')
												)}
											</h2>
											{report.target?.authorName && report.targetType !== 'profile' ? (
												<p className="text-sm text-ink-500">
													By {report.target.authorName}
													{report.target.authorStatus === 'suspended' ? ' (suspended)' : ''}
												</p>
											) : null}
											{report.target?.excerpt ? (
												<blockquote className="mt-3 line-clamp-4 border-l-2 border-ink-200 pl-3 text-sm text-ink-700">
													{report.target.excerpt}
												</blockquote>
											) : null}
											<p className="mt-3 text-sm text-ink-700">
												<span className="font-medium">{report.reporterName}</span> reported it{' '}
												{dateTime.format(new Date(report.createdAt))}
												{report.note ? `: “${report.note}”` : '.'}
											</p>
										</div>
										<div>
											{report.status !== 'open' ? (
												<p className="text-sm text-ink-700">
													<span className="font-medium">
														{report.resolution ? resolutionLabels[report.resolution] : 'Closed'}
													</span>{' '}
													by {report.resolvedByName ?? 'a former moderator'}
													{report.resolvedAt ? `, ${dateTime.format(new Date(report.resolvedAt))}` : ''}.
												</p>
											) : own ? (
												<p className="text-sm text-ink-500">
													This report is about your own content: another moderator must resolve it.
												</p>
											) : (
												<ResolveForm report={report} viewer={viewer} actionData={actionData} />
											)}
										</div>
									</article>
								</Card>
							</li>
						)
					})}
				</ul>
			)}
			<Pagination page={page} pageCount={pageCount} />
			<HiddenContent items={hidden} viewer={viewer} dateTime={dateTime} actionData={actionData} />
		</div>
	)
}
