import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	MaxPartSizeExceededError,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { z } from 'zod'
import { MemberAvatar } from '#app/components/avatar.tsx'
import { Button } from '#app/components/button.tsx'
import { ErrorList, Field, FormAlert, SelectField, TextareaField } from '#app/components/forms.tsx'
import { NaicsPicker } from '#app/components/naics-picker.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { expertiseLabel, expertiseTags, maxExpertiseTags } from '#app/features/members/expertise.ts'
import { photoLimits, removeProfilePhoto, saveProfilePhoto } from '#app/features/members/photos.server.ts'
import {
	addCompetitor,
	addPastRole,
	addSecondarySector,
	blockCompany,
	getProfileForEditing,
	removeBlock,
	removeCompetitor,
	removePastRole,
	removeSecondarySector,
	setExpertise,
	updateCompany,
	updateProfileDetails,
	type EditOutcome,
} from '#app/features/members/profile-editing.server.ts'
import { companySizes, openToOptions, profileVisibilities } from '#app/features/members/profile-options.ts'
import {
	AddSectorSchema,
	BlockCompanySchema,
	CompanySchema,
	CompetitorSchema,
	ExpertiseSchema,
	PastRoleSchema,
	ProfileDetailsSchema,
	RemoveSchema,
	labels,
	maxSecondarySectors,
} from '#app/features/members/profile-schemas.ts'
import { regions } from '#app/features/members/regions.ts'
import { listTimeZones } from '#app/features/members/time-zones.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Edit your profile · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const profile = getProfileForEditing(user.id)
	if (!profile) throw new Response('Your profile is missing; contact an admin.', { status: 404 })
	return { memberId: user.id, profile, timeZones: listTimeZones() }
}

type ActionResult = {
	intent: string
	ok: boolean
	result: SubmissionResult<string[]> | null
	notice: string | null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) return uploadPhoto(user.id, request)
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? '')
	const userId = user.id
	switch (intent) {
		case 'details':
			return submit(formData, ProfileDetailsSchema, (value) => updateProfileDetails(userId, value), 'Profile saved.')
		case 'company':
			return submit(formData, CompanySchema, (value) => updateCompany(userId, value), 'Company saved.')
		case 'add-sector':
			return submit(formData, AddSectorSchema, (value) => addSecondarySector(userId, value.sector), 'Code added.', true)
		case 'expertise':
			return submit(formData, ExpertiseSchema, (value) => setExpertise(userId, value.tags), 'Expertise saved.')
		case 'add-past-role':
			return submit(formData, PastRoleSchema, (value) => addPastRole(userId, value), 'Past role added.', true)
		case 'add-competitor':
			return submit(formData, CompetitorSchema, (value) => addCompetitor(userId, value), 'Competitor added.', true)
		case 'block-company':
			return submit(formData, BlockCompanySchema, (value) => blockCompany(userId, value), 'Added to your list.', true)
	}
	const removal = RemoveSchema.safeParse(Object.fromEntries(formData))
	if (!removal.success)
		return data({ intent, ok: false, result: null, notice: 'Unknown profile action.' } satisfies ActionResult, {
			status: 400,
		})
	const { id } = removal.data
	const outcome: EditOutcome =
		removal.data.intent === 'remove-sector'
			? removeSecondarySector(userId, id)
			: removal.data.intent === 'remove-past-role'
				? removePastRole(userId, id)
				: removal.data.intent === 'remove-competitor'
					? removeCompetitor(userId, id)
					: removal.data.intent === 'remove-block'
						? removeBlock(userId, Number(id))
						: (removeProfilePhoto(userId), { ok: true })
	if (!outcome.ok)
		return data({ intent, ok: false, result: null, notice: outcome.message } satisfies ActionResult, { status: 404 })
	return { intent, ok: true, result: null, notice: savedNotice('Removed.', outcome) } satisfies ActionResult
}

/** Parses one section's form, applies it, and answers with field errors (400) or a notice. */
function submit<Schema extends z.ZodType>(
	formData: FormData,
	schema: Schema,
	apply: (value: z.output<Schema>) => EditOutcome,
	success: string,
	resetForm = false,
) {
	const intent = String(formData.get('intent'))
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success')
		return data({ intent, ok: false, result: submission.reply(), notice: null } satisfies ActionResult, {
			status: 400,
		})
	const outcome = apply(submission.value)
	if (!outcome.ok)
		return data(
			{
				intent,
				ok: false,
				result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }),
				notice: null,
			} satisfies ActionResult,
			{ status: 400 },
		)
	return {
		intent,
		ok: true,
		result: submission.reply({ resetForm }),
		notice: savedNotice(success, outcome),
	} satisfies ActionResult
}

function savedNotice(message: string, outcome: Extract<EditOutcome, { ok: true }>) {
	const { suspended = 0, restored = 0 } = outcome.recheck ?? {}
	const parts = [message]
	if (suspended)
		parts.push(
			`${suspended} ${suspended === 1 ? 'connection is' : 'connections are'} now suspended: the change puts you in conflict.`,
		)
	if (restored) parts.push(`${restored} suspended ${restored === 1 ? 'connection was' : 'connections were'} restored.`)
	return parts.join(' ')
}

async function uploadPhoto(userId: string, request: Request) {
	let formData: FormData
	try {
		formData = await unstable_parseMultipartFormData(
			request,
			unstable_createMemoryUploadHandler({ maxPartSize: photoLimits.maxBytes }),
		)
	} catch (error) {
		const message =
			error instanceof MaxPartSizeExceededError ? 'The photo is larger than 5 MB.' : 'The upload did not arrive whole.'
		return data({ intent: 'photo', ok: false, result: null, notice: message } satisfies ActionResult, { status: 400 })
	}
	const photo = formData.get('photo')
	const bytes = photo instanceof Blob ? new Uint8Array(await photo.arrayBuffer()) : new Uint8Array()
	const outcome = await saveProfilePhoto(userId, bytes)
	if (!outcome.ok)
		return data({ intent: 'photo', ok: false, result: null, notice: outcome.message } satisfies ActionResult, {
			status: 400,
		})
	return { intent: 'photo', ok: true, result: null, notice: 'Photo updated.' } satisfies ActionResult
}

type Profile = ReturnType<typeof useLoaderData<typeof loader>>['profile']

function useSectionForm<Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
	intent: string,
	schema: Schema,
) {
	const actionData = useActionData<typeof action>()
	return useForm<z.input<Schema>, z.output<Schema>>({
		id: intent,
		constraint: getZodConstraint(schema),
		lastResult: actionData?.intent === intent ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
}

export default function ProfileRoute() {
	const { memberId, profile, timeZones } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Your profile"
				description="What peers see, and what keeps you clear of competitors. Changes to your company, industry, past roles or competitors apply to matching at once."
				actions={
					<Link to={`/members/${memberId}`} className="text-sm font-semibold text-brand-700 hover:underline">
						See it as peers do
					</Link>
				}
			/>
			<PhotoSection memberId={memberId} profile={profile} />
			<DetailsSection profile={profile} timeZones={timeZones} />
			<CompanySection profile={profile} />
			<ExpertiseSection profile={profile} />
			<PastRolesSection profile={profile} />
			<CompetitorsSection profile={profile} />
			<PrivateListSection profile={profile} />
		</div>
	)
}

/** A card per topic; the outcome of a form sent from it is announced inside it, where the member is looking. */
function Section({
	id,
	title,
	description,
	intents,
	children,
}: {
	id?: string
	title: string
	description?: ReactNode
	intents: readonly string[]
	children: ReactNode
}) {
	const actionData = useActionData<typeof action>()
	const outcome = actionData && intents.includes(actionData.intent) ? actionData : null
	return (
		<Card>
			<h2 id={id} className="scroll-mt-24 text-lg font-semibold text-ink-950">
				{title}
			</h2>
			{description ? <p className="mt-1 text-sm text-ink-500">{description}</p> : null}
			{outcome?.notice ? (
				<div className="mt-4">
					<Notice tone={outcome.ok ? 'success' : 'warning'}>{outcome.notice}</Notice>
				</div>
			) : null}
			<div className="mt-5">{children}</div>
		</Card>
	)
}

function useBusy(intent: string) {
	const navigation = useNavigation()
	return navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
}

/** A small "remove" button for one row of a list, labelled with what it removes. */
function RemoveButton({ intent, id, label }: { intent: string; id: string | number; label: string }) {
	return (
		<Form method="post" preventScrollReset>
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="id" value={id} />
			<Button variant="ghost" className="px-2.5 py-1.5 text-red-700" aria-label={label}>
				Remove
			</Button>
		</Form>
	)
}

function PhotoSection({ memberId, profile }: { memberId: string; profile: Profile }) {
	const navigation = useNavigation()
	const uploading = navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data'
	return (
		<Section
			title="Photo"
			intents={['photo', 'remove-photo']}
			description="A square crop is made for you. JPEG, PNG, WebP, AVIF or GIF, up to 5 MB."
		>
			<div className="flex flex-col gap-5 sm:flex-row sm:items-center">
				<MemberAvatar
					member={{ id: memberId, name: profile.name, photoVersion: profile.photoVersion }}
					size="h-24 w-24 text-3xl"
				/>
				<Form
					method="post"
					encType="multipart/form-data"
					className="flex flex-col gap-3 sm:flex-row sm:items-end"
					preventScrollReset
				>
					<div>
						<label htmlFor="photo" className="block text-sm font-medium text-ink-800">
							{profile.photoVersion === null ? 'Upload a photo' : 'Replace your photo'}
						</label>
						<input
							id="photo"
							name="photo"
							type="file"
							required
							accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
							className="mt-1.5 block w-full text-sm text-ink-700 file:mr-3 file:rounded-lg file:border-0 file:bg-ink-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-ink-900 hover:file:bg-ink-200"
						/>
					</div>
					<Button disabled={uploading}>{uploading ? 'Uploading…' : 'Upload photo'}</Button>
				</Form>
				{profile.photoVersion === null ? (
					<p className="text-sm text-ink-500">Until then, peers see your initials.</p>
				) : (
					<Form method="post" preventScrollReset>
						<input type="hidden" name="intent" value="remove-photo" />
						<Button variant="secondary">Use initials instead</Button>
					</Form>
				)}
			</div>
		</Section>
	)
}

function DetailsSection({ profile, timeZones }: { profile: Profile; timeZones: string[] }) {
	const [form, fields] = useSectionForm('details', ProfileDetailsSchema)
	const busy = useBusy('details')
	return (
		<Section title="About you" intents={['details']}>
			<Form method="post" className="grid grid-cols-1 gap-5 sm:grid-cols-2" preventScrollReset {...getFormProps(form)}>
				<input type="hidden" name="intent" value="details" />
				<div className="sm:col-span-2">
					<FormAlert id={form.errorId} errors={form.errors} />
				</div>
				<Field
					label="Full name"
					autoComplete="name"
					errors={fields.name.errors}
					{...getInputProps(fields.name, { type: 'text' })}
					defaultValue={profile.name}
				/>
				<Field
					label="Title"
					autoComplete="organization-title"
					errors={fields.title.errors}
					{...getInputProps(fields.title, { type: 'text' })}
					defaultValue={profile.title}
				/>
				<Field
					className="sm:col-span-2"
					label="Headline"
					hint="One line on what you are working on, e.g. “Rebuilding loyalty around first-party data”."
					errors={fields.headline.errors}
					{...getInputProps(fields.headline, { type: 'text' })}
					defaultValue={profile.headline}
				/>
				<TextareaField
					className="sm:col-span-2"
					label="Bio"
					rows={5}
					errors={fields.bio.errors}
					{...getTextareaProps(fields.bio)}
					defaultValue={profile.bio}
				/>
				<SelectField
					label="Region"
					errors={fields.region.errors}
					options={regions.map((region) => ({ value: region, label: region }))}
					{...getSelectProps(fields.region)}
					defaultValue={profile.region}
				/>
				<SelectField
					label="Time zone"
					errors={fields.timeZone.errors}
					options={timeZones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
					{...getSelectProps(fields.timeZone)}
					defaultValue={profile.timeZone}
				/>
				<fieldset>
					<legend className="text-sm font-medium text-ink-800">Open to</legend>
					<div className="mt-2 flex flex-col gap-2">
						{openToOptions.map((option) => (
							<label key={option} className="flex items-center gap-2 text-sm text-ink-800">
								<input
									type="checkbox"
									name={fields.openTo.name}
									value={option}
									defaultChecked={profile.openTo.includes(option)}
									className="border-ink-300 h-4 w-4 rounded text-brand-600 focus:ring-brand-600"
								/>
								{labels.openTo[option]}
							</label>
						))}
					</div>
					<ErrorList errors={fields.openTo.errors} />
				</fieldset>
				<fieldset>
					<legend className="text-sm font-medium text-ink-800">Who can see your full profile</legend>
					<div className="mt-2 flex flex-col gap-2">
						{profileVisibilities.map((option) => (
							<label key={option} className="flex items-start gap-2 text-sm text-ink-800">
								<input
									type="radio"
									name={fields.visibility.name}
									value={option}
									defaultChecked={profile.visibility === option}
									className="border-ink-300 mt-0.5 h-4 w-4 text-brand-600 focus:ring-brand-600"
								/>
								{labels.visibility[option]}
							</label>
						))}
					</div>
					<ErrorList errors={fields.visibility.errors} />
				</fieldset>
				<div className="sm:col-span-2">
					<Button disabled={busy}>Save profile</Button>
				</div>
			</Form>
		</Section>
	)
}

function CompanySection({ profile }: { profile: Profile }) {
	const [form, fields] = useSectionForm('company', CompanySchema)
	const [sectorForm, sectorFields] = useSectionForm('add-sector', AddSectorSchema)
	const busy = useBusy('company')
	return (
		<Section
			title="Company and industry"
			intents={['company', 'add-sector', 'remove-sector']}
			description={
				profile.colleagues > 0
					? `Industry codes belong to ${profile.company} and apply to its ${profile.colleagues} other ${profile.colleagues === 1 ? 'member' : 'members'} too.`
					: 'Industry codes (NAICS 2022) decide who counts as a competitor.'
			}
		>
			<Form method="post" className="grid grid-cols-1 gap-5 sm:grid-cols-2" preventScrollReset {...getFormProps(form)}>
				<input type="hidden" name="intent" value="company" />
				<div className="sm:col-span-2">
					<FormAlert id={form.errorId} errors={form.errors} />
				</div>
				<Field
					label="Company"
					autoComplete="organization"
					hint="Moving to a new company? Add your old one under past roles."
					errors={fields.company.errors}
					{...getInputProps(fields.company, { type: 'text' })}
					defaultValue={profile.company}
				/>
				<NaicsPicker
					id={fields.primarySector.id}
					errorId={fields.primarySector.errorId}
					name={fields.primarySector.name}
					label="Primary industry"
					defaultValue={profile.primarySector}
					errors={fields.primarySector.errors}
					required
				/>
				<SelectField
					label="Company size"
					placeholder="Not stated"
					errors={fields.companySize.errors}
					options={companySizes.map((size) => ({ value: size, label: `${size} employees` }))}
					{...getSelectProps(fields.companySize)}
					defaultValue={profile.companySize ?? ''}
				/>
				<SelectField
					label="Business model"
					errors={fields.businessModel.errors}
					options={Object.entries(labels.businessModel).map(([value, label]) => ({ value, label }))}
					{...getSelectProps(fields.businessModel)}
					defaultValue={profile.businessModel}
				/>
				<div className="sm:col-span-2">
					<Button disabled={busy}>Save company</Button>
				</div>
			</Form>
			<div className="mt-8 border-t border-ink-100 pt-6">
				<h3 className="text-sm font-semibold text-ink-900">Secondary industries</h3>
				<p className="mt-1 text-sm text-ink-500">
					For diversified companies, up to {maxSecondarySectors}. Each one widens who counts as a competitor.
				</p>
				{profile.secondarySectors.length ? (
					<ul className="mt-3 divide-y divide-ink-100" aria-label="Secondary industries">
						{profile.secondarySectors.map((sector) => (
							<li key={sector.code} className="flex items-center justify-between gap-3 py-2 text-sm">
								<span>
									<span className="font-mono text-xs text-ink-500">{sector.code}</span> {sector.title}
								</span>
								<RemoveButton intent="remove-sector" id={sector.code} label={`Remove ${sector.code} ${sector.title}`} />
							</li>
						))}
					</ul>
				) : null}
				<Form
					method="post"
					className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start"
					preventScrollReset
					{...getFormProps(sectorForm)}
				>
					<input type="hidden" name="intent" value="add-sector" />
					<div className="flex-1">
						<NaicsPicker
							key={sectorForm.key}
							id={sectorFields.sector.id}
							errorId={sectorFields.sector.errorId}
							name={sectorFields.sector.name}
							label="Add an industry"
							errors={sectorFields.sector.errors}
						/>
					</div>
					<Button variant="secondary" className="sm:mt-7">
						Add
					</Button>
				</Form>
			</div>
		</Section>
	)
}

function ExpertiseSection({ profile }: { profile: Profile }) {
	const [form, fields] = useSectionForm('expertise', ExpertiseSchema)
	const busy = useBusy('expertise')
	return (
		<Section
			title="Expertise"
			intents={['expertise']}
			description={`Up to ${maxExpertiseTags} areas peers should ask you about.`}
		>
			<Form method="post" preventScrollReset {...getFormProps(form)}>
				<input type="hidden" name="intent" value="expertise" />
				<fieldset>
					<legend className="sr-only">Expertise areas</legend>
					<div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
						{expertiseTags.map((tag) => (
							<label key={tag} className="flex items-center gap-2 text-sm text-ink-800">
								<input
									type="checkbox"
									name={fields.tags.name}
									value={tag}
									defaultChecked={profile.tags.includes(tag)}
									className="border-ink-300 h-4 w-4 rounded text-brand-600 focus:ring-brand-600"
								/>
								{expertiseLabel(tag)}
							</label>
						))}
					</div>
				</fieldset>
				<ErrorList errors={fields.tags.errors} />
				<Button className="mt-5" disabled={busy}>
					Save expertise
				</Button>
			</Form>
		</Section>
	)
}

const monthFormat = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' })

function PastRolesSection({ profile }: { profile: Profile }) {
	const [form, fields] = useSectionForm('add-past-role', PastRoleSchema)
	return (
		<Section
			title="Past roles"
			intents={['add-past-role', 'remove-past-role']}
			description="Recent employers keep you apart from their competitors during the cooling-off period set by Crossroads."
		>
			{profile.pastRoles.length ? (
				<ul className="mb-6 divide-y divide-ink-100" aria-label="Past roles">
					{profile.pastRoles.map((role) => (
						<li key={role.id} className="flex items-center justify-between gap-3 py-3 text-sm">
							<div>
								<p className="font-medium text-ink-900">
									{role.title} · {role.company}
								</p>
								<p className="text-ink-500">
									{monthFormat.format(new Date(role.startedAt))} – {monthFormat.format(new Date(role.endedAt))}
								</p>
							</div>
							<RemoveButton intent="remove-past-role" id={role.id} label={`Remove ${role.title} at ${role.company}`} />
						</li>
					))}
				</ul>
			) : null}
			<Form method="post" className="grid grid-cols-1 gap-5 sm:grid-cols-2" preventScrollReset {...getFormProps(form)}>
				<input type="hidden" name="intent" value="add-past-role" />
				<Field label="Company" errors={fields.company.errors} {...getInputProps(fields.company, { type: 'text' })} />
				<Field
					label="Your title there"
					errors={fields.title.errors}
					{...getInputProps(fields.title, { type: 'text' })}
				/>
				<Field label="From" errors={fields.startedAt.errors} {...getInputProps(fields.startedAt, { type: 'month' })} />
				<Field label="To" errors={fields.endedAt.errors} {...getInputProps(fields.endedAt, { type: 'month' })} />
				<div className="sm:col-span-2">
					<NaicsPicker
						key={form.key}
						id={fields.sector.id}
						errorId={fields.sector.errorId}
						name={fields.sector.name}
						label="Its industry (only if the company is new to Crossroads)"
						errors={fields.sector.errors}
					/>
				</div>
				<div className="sm:col-span-2">
					<Button variant="secondary">Add past role</Button>
				</div>
			</Form>
		</Section>
	)
}

function CompetitorsSection({ profile }: { profile: Profile }) {
	return (
		<CompanyListSection
			title="Competitors"
			description="Companies you compete with beyond your industry. Their people are never suggested to you, and you to them."
			listLabel="Declared competitors"
			entries={profile.competitors.map((company) => ({ id: company.id, name: company.name }))}
			addIntent="add-competitor"
			removeIntent="remove-competitor"
			schema={CompetitorSchema}
			addLabel="Add competitor"
		/>
	)
}

function PrivateListSection({ profile }: { profile: Profile }) {
	return (
		<CompanyListSection
			id="private-list"
			title="Don’t introduce me (private)"
			description="People and companies you would rather not meet here. Nobody is told: they simply see you as not available. Add a person from their profile page."
			listLabel="Your private list"
			entries={profile.blocks.map((block) => ({
				id: block.id,
				name: block.kind === 'member' ? `${block.name} (person)` : block.name,
			}))}
			addIntent="block-company"
			removeIntent="remove-block"
			schema={BlockCompanySchema}
			addLabel="Add company"
		/>
	)
}

/** A list of companies with a remove button each, and a form adding one by name. */
function CompanyListSection({
	id,
	title,
	description,
	listLabel,
	entries,
	addIntent,
	removeIntent,
	schema,
	addLabel,
}: {
	id?: string
	title: string
	description: string
	listLabel: string
	entries: Array<{ id: string | number; name: string }>
	addIntent: 'add-competitor' | 'block-company'
	removeIntent: 'remove-competitor' | 'remove-block'
	schema: typeof CompetitorSchema | typeof BlockCompanySchema
	addLabel: string
}) {
	const [form, fields] = useSectionForm(addIntent, schema)
	return (
		<Section id={id} title={title} intents={[addIntent, removeIntent]} description={description}>
			<CompanyList label={listLabel} entries={entries} intent={removeIntent} />
			<Form
				method="post"
				className="flex flex-col gap-3 sm:flex-row sm:items-start"
				preventScrollReset
				{...getFormProps(form)}
			>
				<input type="hidden" name="intent" value={addIntent} />
				<Field
					className="flex-1"
					label="Company"
					errors={fields.company.errors}
					{...getInputProps(fields.company, { type: 'text' })}
				/>
				<Button variant="secondary" className="sm:mt-7">
					{addLabel}
				</Button>
			</Form>
		</Section>
	)
}

function CompanyList({
	label,
	entries,
	intent,
}: {
	label: string
	entries: Array<{ id: string | number; name: string }>
	intent: string
}) {
	if (entries.length === 0) return null
	return (
		<ul className="mb-5 divide-y divide-ink-100" aria-label={label}>
			{entries.map((entry) => (
				<li key={entry.id} className="flex items-center justify-between gap-3 py-2 text-sm font-medium text-ink-900">
					{entry.name}
					<RemoveButton intent={intent} id={entry.id} label={`Remove ${entry.name}`} />
				</li>
			))}
		</ul>
	)
}
