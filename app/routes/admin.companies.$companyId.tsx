import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Button } from '#app/components/button.tsx'
import { ErrorList, Field, FormAlert } from '#app/components/forms.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import {
	AttachCompanySchema,
	DetachCompanySchema,
	ParentSearchQuery,
	RenameCompanySchema,
} from '#app/features/companies/company-schemas.ts'
import {
	findParentCandidates,
	getCompanyDetail,
	renameCompany,
	setParentCompany,
	type FamilyChange,
	type FamilyNode,
} from '#app/features/companies/families.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.company.name ?? 'Company'} · Crossroads admin` },
]

const unknownCompany = () => new Response('No company has this id.', { status: 404 })

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	requireRole(context.auth, request, ['admin'])
	const detail = getCompanyDetail(params.companyId ?? '')
	if (!detail) throw unknownCompany()
	const { find } = ParentSearchQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	return { ...detail, find, candidates: find ? findParentCandidates(detail.company.id, find) : [] }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	requireRole(context.auth, request, ['admin'])
	const companyId = params.companyId ?? ''
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'rename') {
		const submission = parseWithZod(formData, { schema: RenameCompanySchema })
		if (submission.status !== 'success')
			return data({ intent, result: submission.reply(), notice: null }, { status: 400 })
		const outcome = renameCompany(companyId, submission.value.name)
		if (!outcome.ok && outcome.code === 'unknown-company') throw unknownCompany()
		if (!outcome.ok)
			return data(
				{ intent, result: submission.reply({ fieldErrors: { name: [outcome.message] } }), notice: null },
				{ status: 400 },
			)
		const notice = outcome.changed
			? `Renamed ${outcome.previousName} to ${outcome.company.name}.`
			: `The name is already ${outcome.company.name}. Nothing changed.`
		return { intent, result: submission.reply({ resetForm: true }), notice }
	}
	if (intent === 'attach' || intent === 'detach') {
		const submission = parseWithZod(formData, {
			schema: intent === 'attach' ? AttachCompanySchema : DetachCompanySchema,
		})
		if (submission.status !== 'success')
			return data({ intent, result: submission.reply(), notice: null }, { status: 400 })
		const outcome = setParentCompany(companyId, submission.value.intent === 'attach' ? submission.value.parentId : null)
		if (!outcome.ok && outcome.code === 'unknown-company') throw unknownCompany()
		if (!outcome.ok)
			return data(
				{ intent, result: submission.reply({ fieldErrors: { parentId: [outcome.message] } }), notice: null },
				{ status: 400 },
			)
		return { intent, result: submission.reply({ resetForm: true }), notice: describeMove(outcome) }
	}
	throw new Response('Unknown company action: rename, attach or detach.', { status: 400 })
}

function plural(count: number, noun: string, nouns = `${noun}s`) {
	return `${count.toLocaleString('en')} ${count === 1 ? noun : nouns}`
}

function describeMove(change: FamilyChange) {
	const { company, parent } = change
	if (!change.changed)
		return parent
			? `${company.name} is already under ${parent.name}. Nothing changed.`
			: `${company.name} is already independent. Nothing changed.`
	const under = change.movedCompanies - 1
	const withSubtree = under > 0 ? ` (with the ${plural(under, 'company', 'companies')} under it)` : ''
	const what = parent
		? `Moved ${company.name}${withSubtree} under ${parent.name}`
		: `Made ${company.name}${withSubtree} independent`
	return `${what}: ${plural(change.membersRechecked, 'member')} re-checked, ${plural(change.connections.suspended, 'connection')} suspended, ${change.connections.restored.toLocaleString('en')} restored.`
}

export default function AdminCompanyRoute() {
	const { company, parent, root, tree, familySize, familyMembers, subtreeIds, sectorCodes, find, candidates } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const isRoot = company.familyId === company.id
	const description = !isRoot
		? `Part of the ${root?.name ?? 'unknown'} family: ${plural(familySize, 'company', 'companies')}, ${plural(familyMembers, 'member')}.`
		: familySize > 1
			? `Root of its family: ${plural(familySize, 'company', 'companies')}, ${plural(familyMembers, 'member')}.`
			: 'Independent: a family of its own.'
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title={company.name}
				description={description}
				actions={
					<Link to="/admin/companies" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
						← All companies
					</Link>
				}
			/>
			<div className="grid gap-8 md:grid-cols-5 md:items-start">
				<Card className="md:col-span-3">
					<h2 className="text-lg font-semibold text-ink-950">Family tree</h2>
					<p className="mt-1 text-sm text-ink-500">
						Members of any two companies here are kept apart (same company or corporate family).
					</p>
					<FamilyTree nodes={tree} currentId={company.id} />
				</Card>
				<Card className="md:col-span-2">
					<h2 className="text-lg font-semibold text-ink-950">Sector codes</h2>
					{sectorCodes.length === 0 ? (
						<p className="mt-3 text-sm text-ink-500">No NAICS code recorded.</p>
					) : (
						<ul className="mt-3 flex flex-col gap-2 text-sm">
							{sectorCodes.map((code) => (
								<li key={code.code}>
									<span className="font-mono text-xs text-ink-700">{code.code}</span> {code.title}
									{code.isPrimary ? (
										<span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
											primary
										</span>
									) : null}
								</li>
							))}
						</ul>
					)}
				</Card>
			</div>
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">Part of a family</h2>
				<p className="mt-1 text-sm text-ink-500">
					{parent ? (
						<>
							Now under{' '}
							<Link to={`/admin/companies/${parent.id}`} className="font-medium text-brand-700 hover:underline">
								{parent.name}
							</Link>
							.
						</>
					) : (
						'Now independent: the root of its own family.'
					)}{' '}
					{subtreeIds.length > 1
						? `The ${plural(subtreeIds.length - 1, 'company', 'companies')} under it move with it.`
						: null}{' '}
					Moving it re-checks the connections of everyone tied to the families involved.
				</p>
				{/* The forms keep the scroll position, so each outcome shows next to its form. */}
				{actionData?.notice && actionData.intent !== 'rename' ? (
					<div className="mt-4">
						<Notice>{actionData.notice}</Notice>
					</div>
				) : null}
				<Form
					method="get"
					role="search"
					aria-label="Find a parent company"
					preventScrollReset
					className="mt-6"
					key={find}
				>
					<label htmlFor="parent-find" className="block text-sm font-medium text-ink-800">
						Find the parent company
					</label>
					<div className="mt-1.5 flex gap-2">
						<input
							id="parent-find"
							type="search"
							name="find"
							defaultValue={find}
							maxLength={100}
							placeholder="Part of its name"
							className="block w-full min-w-0 flex-1 rounded-lg border-0 bg-white px-3 py-2.5 text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset placeholder:text-ink-400 focus:ring-2 focus:ring-brand-600 focus:ring-inset sm:text-sm"
						/>
						<Button variant="secondary">Search</Button>
					</div>
				</Form>
				<AttachForm key={`${company.id}:${parent?.id ?? ''}`} find={find} candidates={candidates} />
				{parent ? (
					<Form method="post" preventScrollReset className="mt-8 border-t border-ink-100 pt-6">
						<input type="hidden" name="intent" value="detach" />
						<p className="text-sm text-ink-700">
							Or take {company.name} out of the {root?.name ?? parent.name} family, as the root of a family of its own.
						</p>
						<DetachButton />
					</Form>
				) : null}
			</Card>
			<RenameForm key={company.name} name={company.name} />
		</div>
	)
}

function FamilyTree({ nodes, currentId }: { nodes: readonly FamilyNode[]; currentId: string }) {
	return (
		<ul className="mt-4 flex flex-col gap-1 text-sm" aria-label="Companies in the family">
			{nodes.map((node) => (
				<FamilyTreeNode key={node.id} node={node} currentId={currentId} />
			))}
		</ul>
	)
}

function FamilyTreeNode({ node, currentId }: { node: FamilyNode; currentId: string }) {
	const details = [
		plural(node.members, 'member'),
		node.sectorCode ? `${node.sectorCode} ${node.sectorTitle ?? ''}`.trim() : null,
	].filter(Boolean)
	return (
		<li>
			<div className="py-1">
				{node.id === currentId ? (
					<span aria-current="page" className="font-semibold text-ink-950">
						{node.name}{' '}
						<span className="rounded-full bg-accent-400 px-2 py-0.5 text-xs font-medium text-ink-950">
							this company
						</span>
					</span>
				) : (
					<Link to={`/admin/companies/${node.id}`} className="font-medium text-brand-700 hover:underline">
						{node.name}
					</Link>
				)}
				<span className="block text-xs text-ink-500">{details.join(' · ')}</span>
			</div>
			{node.children.length > 0 ? (
				<ul className="ml-2 flex flex-col gap-1 border-l border-ink-200 pl-4">
					{node.children.map((child) => (
						<FamilyTreeNode key={child.id} node={child} currentId={currentId} />
					))}
				</ul>
			) : null}
		</li>
	)
}

function useSubmittingIntent() {
	const navigation = useNavigation()
	return navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
}

function AttachForm({
	find,
	candidates,
}: {
	find: string
	candidates: ReadonlyArray<{ id: string; name: string; familyName: string | null; familySize: number }>
}) {
	const actionData = useActionData<typeof action>()
	const submitting = useSubmittingIntent()
	const [form, fields] = useForm({
		id: 'attach-company',
		constraint: getZodConstraint(AttachCompanySchema),
		lastResult: actionData?.intent === 'attach' ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AttachCompanySchema }),
	})
	const errorId = fields.parentId.errors?.length ? fields.parentId.errorId : undefined
	return (
		<Form method="post" preventScrollReset className="mt-6" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="attach" />
			<FormAlert id={form.errorId} errors={form.errors} />
			<fieldset aria-describedby={errorId}>
				<legend className="text-sm font-medium text-ink-800">Parent company</legend>
				{candidates.length > 0 ? (
					<ul className="mt-2 divide-y divide-ink-100 rounded-lg ring-1 ring-ink-200">
						{candidates.map((candidate) => (
							<li key={candidate.id}>
								<label className="flex cursor-pointer items-start gap-3 px-3 py-2.5 hover:bg-ink-50">
									<input
										type="radio"
										name={fields.parentId.name}
										value={candidate.id}
										required
										aria-invalid={errorId ? true : undefined}
										aria-labelledby={`candidate-${candidate.id}`}
										aria-describedby={`candidate-${candidate.id}-family`}
										className="mt-1 accent-brand-600"
									/>
									<span className="min-w-0 text-sm">
										<span id={`candidate-${candidate.id}`} className="font-medium text-ink-900">
											{candidate.name}
										</span>
										<span id={`candidate-${candidate.id}-family`} className="block text-xs text-ink-500">
											{candidate.familySize > 1
												? `${candidate.familyName ?? 'Unknown'} family · ${plural(candidate.familySize, 'company', 'companies')}`
												: 'Independent'}
										</span>
									</span>
								</label>
							</li>
						))}
					</ul>
				) : (
					<p className="mt-1.5 text-sm text-ink-500">
						{find
							? `No other company name contains “${find}” (this company and those under it are left out).`
							: 'Search above, then choose the parent here.'}
					</p>
				)}
			</fieldset>
			<ErrorList id={fields.parentId.errorId} errors={fields.parentId.errors} />
			{candidates.length > 0 ? (
				<Button className="mt-4" disabled={submitting === 'attach'}>
					Move under the chosen company
				</Button>
			) : null}
		</Form>
	)
}

function DetachButton() {
	const submitting = useSubmittingIntent()
	return (
		<Button variant="secondary" className="mt-3" disabled={submitting === 'detach'}>
			Make independent
		</Button>
	)
}

function RenameForm({ name }: { name: string }) {
	const actionData = useActionData<typeof action>()
	const submitting = useSubmittingIntent()
	const [form, fields] = useForm({
		id: 'rename-company',
		constraint: getZodConstraint(RenameCompanySchema),
		defaultValue: { name },
		lastResult: actionData?.intent === 'rename' ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RenameCompanySchema }),
	})
	return (
		<Card>
			<h2 className="text-lg font-semibold text-ink-950">Rename</h2>
			<p className="mt-1 text-sm text-ink-500">
				Members’ pages and the directory search show the new name at once. A name another company already has is
				refused: if they are the same business, put them in one family instead.
			</p>
			{actionData?.notice && actionData.intent === 'rename' ? (
				<div className="mt-4">
					<Notice>{actionData.notice}</Notice>
				</div>
			) : null}
			<Form method="post" preventScrollReset className="mt-6 grid max-w-md gap-5" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="rename" />
				<FormAlert id={form.errorId} errors={form.errors} />
				<Field
					label="Company name"
					autoComplete="off"
					errors={fields.name.errors}
					{...getInputProps(fields.name, { type: 'text' })}
				/>
				<div>
					<Button disabled={submitting === 'rename'}>Rename</Button>
				</div>
			</Form>
		</Card>
	)
}
