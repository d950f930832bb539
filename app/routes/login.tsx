import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	redirect,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { AuthLayout } from '#app/components/auth-layout.tsx'
import { Button } from '#app/components/button.tsx'
import { Field, FormAlert } from '#app/components/forms.tsx'
import { Notice } from '#app/components/page.tsx'
import { signIn } from '#app/features/accounts/accounts.server.ts'
import { LoginSchema } from '#app/features/accounts/schemas.ts'
import { safeRedirectTarget } from '#app/utils/redirect.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in · Crossroads' }]

// Remix drops action headers a route does not pass on; a 429 must keep its Retry-After.
export const headers: HeadersFunction = ({ actionHeaders }) => {
	const passed = new Headers()
	const retryAfter = actionHeaders.get('Retry-After')
	if (retryAfter) passed.set('Retry-After', retryAfter)
	return passed
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	if (context.auth) throw redirect(safeRedirectTarget(new URL(request.url).searchParams.get('redirectTo')))
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = parseWithZod(await readFormData(request), { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const outcome = await signIn(submission.value, context.client)
	if (!outcome.ok) {
		const rateLimited = outcome.reason === 'rate-limited'
		const message = rateLimited
			? `Too many sign-in attempts. Try again in ${outcome.retryAfterSeconds} s.`
			: 'That email and password do not match an account.'
		return data(
			{ result: submission.reply({ formErrors: [message], hideFields: ['password'] }) },
			{
				status: rateLimited ? 429 : 401,
				headers: rateLimited ? { 'Retry-After': String(outcome.retryAfterSeconds) } : undefined,
			},
		)
	}
	return redirect(safeRedirectTarget(submission.value.redirectTo), { headers: { 'Set-Cookie': outcome.setCookie } })
}

export default function LoginRoute() {
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'login',
		constraint: getZodConstraint(LoginSchema),
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
	})
	return (
		<AuthLayout title="Sign in to Crossroads" subtitle="Welcome back. Your peers are waiting.">
			{searchParams.get('applied') ? (
				<Notice>
					Thank you for applying. Our team reviews every application, usually within two business days; sign in any time
					to see its status.
				</Notice>
			) : null}
			<Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
				<FormAlert id={form.errorId} errors={form.errors} />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<Field
					label="Work email"
					autoComplete="email"
					errors={fields.email.errors}
					{...getInputProps(fields.email, { type: 'email' })}
				/>
				<Field
					label="Password"
					autoComplete="current-password"
					errors={fields.password.errors}
					{...getInputProps(fields.password, { type: 'password' })}
				/>
				<Button disabled={navigation.state === 'submitting'}>
					{navigation.state === 'submitting' ? 'Signing in…' : 'Sign in'}
				</Button>
			</Form>
			<p className="text-center text-sm text-ink-500">
				New to Crossroads?{' '}
				<Link to="/join" className="font-semibold text-brand-700 hover:underline">
					Apply for membership
				</Link>
			</p>
		</AuthLayout>
	)
}
