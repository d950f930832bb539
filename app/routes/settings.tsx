import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/button.tsx'
import { Field, FormAlert } from '#app/components/forms.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { roleLabels } from '#app/components/site-header.tsx'
import { changePassword } from '#app/features/accounts/accounts.server.ts'
import { ChangePasswordSchema, passwordRules } from '#app/features/accounts/schemas.ts'
import { describeUserAgent } from '#app/features/accounts/user-agent.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { listUserSessions, requireAuth, revokeSession, revokeUserSessions } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Settings · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user, session } = requireAuth(context.auth, request)
	const sessions = listUserSessions(user.id).map((row) => ({
		id: row.id,
		device: describeUserAgent(row.userAgent),
		ipAddress: row.ipAddress,
		signedInAt: row.createdAt,
		isCurrent: row.id === session.id,
	}))
	return {
		account: { name: user.name, email: user.email, role: roleLabels[user.role] },
		sessions,
		timeZone: getMemberTimeZone(user.id),
	}
}

const SessionIntentSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('sign-out-session'), sessionId: z.string().min(1) }),
	z.object({ intent: z.literal('sign-out-others') }),
])

export async function action({ request, context }: ActionFunctionArgs) {
	const { user, session } = requireAuth(context.auth, request)
	const formData = await readFormData(request)
	if (formData.get('intent') === 'change-password') {
		const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
		if (submission.status !== 'success')
			return data(
				{ intent: 'change-password', result: submission.reply({ resetForm: false }), notice: null },
				{ status: 400 },
			)
		const outcome = await changePassword(user.id, session.id, submission.value)
		if (!outcome.ok) {
			return data(
				{
					intent: 'change-password',
					result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }),
					notice: null,
				},
				{ status: 400 },
			)
		}
		return {
			intent: 'change-password',
			result: submission.reply({ resetForm: true }),
			notice: passwordChangedNotice(outcome.signedOutSessions),
		}
	}
	const parsed = SessionIntentSchema.safeParse(Object.fromEntries(formData))
	if (!parsed.success) throw new Response('Unknown settings action.', { status: 400 })
	if (parsed.data.intent === 'sign-out-others') {
		const count = await revokeUserSessions(user.id, session.id)
		return {
			intent: parsed.data.intent,
			result: null,
			notice: `Signed out of ${count} other ${count === 1 ? 'session' : 'sessions'}.`,
		}
	}
	if (parsed.data.sessionId === session.id)
		throw new Response('Use “Sign out” to end the session you are using.', { status: 400 })
	const revoked = await revokeSession(user.id, parsed.data.sessionId)
	if (!revoked) throw new Response('That session does not exist or has already ended.', { status: 404 })
	return { intent: parsed.data.intent, result: null, notice: 'Signed out of that session.' }
}

function passwordChangedNotice(signedOut: number) {
	return signedOut > 0
		? `Password changed. We signed out your ${signedOut} other ${signedOut === 1 ? 'session' : 'sessions'}.`
		: 'Password changed.'
}

export default function SettingsRoute() {
	const { account, sessions, timeZone } = useLoaderData<typeof loader>()
	const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone })
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'change-password',
		constraint: getZodConstraint(ChangePasswordSchema),
		lastResult: actionData?.intent === 'change-password' ? actionData.result : undefined,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
	})
	const otherSessions = sessions.filter((session) => !session.isCurrent).length
	return (
		<div className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader title="Settings" description="Your account and the places you are signed in." />
			{actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">Account</h2>
				<dl className="mt-4 grid grid-cols-1 gap-4 text-sm sm:grid-cols-3">
					<div>
						<dt className="text-ink-500">Name</dt>
						<dd className="mt-1 font-medium">{account.name}</dd>
					</div>
					<div>
						<dt className="text-ink-500">Email</dt>
						<dd className="mt-1 font-medium break-all">{account.email}</dd>
					</div>
					<div>
						<dt className="text-ink-500">Role</dt>
						<dd className="mt-1 font-medium">{account.role}</dd>
					</div>
				</dl>
			</Card>
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">Change password</h2>
				<p className="mt-1 text-sm text-ink-500">Changing it signs you out everywhere else.</p>
				<Form method="post" className="mt-6 grid max-w-md gap-5" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="change-password" />
					<FormAlert id={form.errorId} errors={form.errors} />
					<Field
						label="Current password"
						autoComplete="current-password"
						errors={fields.currentPassword.errors}
						{...getInputProps(fields.currentPassword, { type: 'password' })}
					/>
					<Field
						label="New password"
						autoComplete="new-password"
						hint={`At least ${passwordRules.min} characters.`}
						errors={fields.newPassword.errors}
						{...getInputProps(fields.newPassword, { type: 'password' })}
					/>
					<Field
						label="Repeat new password"
						autoComplete="new-password"
						errors={fields.confirmPassword.errors}
						{...getInputProps(fields.confirmPassword, { type: 'password' })}
					/>
					<div>
						<Button disabled={navigation.state === 'submitting'}>Change password</Button>
					</div>
				</Form>
			</Card>
			<Card>
				<div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
					<div>
						<h2 className="text-lg font-semibold text-ink-950">Active sessions</h2>
						<p className="mt-1 text-sm text-ink-500">Times in your time zone ({timeZone.replaceAll('_', ' ')}).</p>
					</div>
					{otherSessions > 0 ? (
						<Form method="post">
							<input type="hidden" name="intent" value="sign-out-others" />
							<Button variant="danger">Sign out of all other sessions</Button>
						</Form>
					) : null}
				</div>
				<ul className="mt-4 divide-y divide-ink-100" aria-label="Active sessions">
					{sessions.map((session) => (
						<li key={session.id} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
							<div>
								<p className="font-medium text-ink-900">
									{session.device}
									{session.isCurrent ? (
										<span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-800">
											This device
										</span>
									) : null}
								</p>
								<p className="text-sm text-ink-500">
									Signed in {dateTime.format(session.signedInAt)}
									{session.ipAddress ? ` · ${session.ipAddress}` : ''}
								</p>
							</div>
							{session.isCurrent ? null : (
								<Form method="post">
									<input type="hidden" name="intent" value="sign-out-session" />
									<input type="hidden" name="sessionId" value={session.id} />
									<Button
										variant="secondary"
										aria-label={`Sign out of ${session.device}, signed in ${dateTime.format(session.signedInAt)}`}
									>
										Sign out
									</Button>
								</Form>
							)}
						</li>
					))}
				</ul>
			</Card>
		</div>
	)
}
