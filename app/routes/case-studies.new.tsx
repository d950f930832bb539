import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { Button } from '#app/components/button.tsx'
import { CaseStudyForm, StudyPreview } from '#app/components/case-study-form.tsx'
import { PageHeader } from '#app/components/page.tsx'
import { createDraft, submitStudy } from '#app/features/case-studies/authoring.server.ts'
import { asFieldErrors, CaseStudySchema, missingForReview } from '#app/features/case-studies/schemas.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Write a case study · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	requireActiveMember(context.auth, request)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? 'save')
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
		return data({ result: submission.reply(), preview }, { status: intent === 'preview' ? 200 : 400 })
	if (intent === 'preview') return { result: submission.reply(), preview }
	if (intent === 'submit') {
		const { sector, ...rest } = submission.value
		const missing = missingForReview({ ...rest, sectorCode: sector })
		if (Object.keys(missing).length)
			return data(
				{
					result: submission.reply({ fieldErrors: asFieldErrors(missing) }),
					preview: null,
				},
				{ status: 400 },
			)
	}
	const created = createDraft(user.id, submission.value)
	if (!created.ok)
		return data(
			{
				result: submission.reply({
					formErrors: created.fieldErrors ? [] : [created.message],
					fieldErrors: asFieldErrors(created.fieldErrors),
				}),
				preview: null,
			},
			{ status: 400 },
		)
	// The content was checked for review above, so submitting only fails if something changed meanwhile.
	if (intent === 'submit' && submitStudy(user.id, created.studyId).ok)
		return redirect(`/case-studies/${created.studyId}/edit?done=submitted`)
	return redirect(`/case-studies/${created.studyId}/edit?done=created`)
}

export default function NewCaseStudyRoute() {
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Write a case study"
				description="Share what worked, and what did not. Save a draft any time; a moderator reviews it before peers can read it."
				actions={
					<Link to="/case-studies/mine" className="text-sm font-semibold text-brand-700 hover:underline">
						Your case studies
					</Link>
				}
			/>
			<CaseStudyForm
				lastResult={actionData?.result}
				actions={
					<div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
						<Button name="intent" value="preview" variant="ghost" formNoValidate>
							Preview
						</Button>
						<Button name="intent" value="save" variant="secondary">
							Save draft
						</Button>
						<Button name="intent" value="submit">
							Submit for review
						</Button>
					</div>
				}
			/>
			{actionData?.preview ? <StudyPreview {...actionData.preview} /> : null}
		</div>
	)
}
