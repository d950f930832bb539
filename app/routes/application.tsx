import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { AuthLayout } from '#app/components/auth-layout.tsx'
import { Button } from '#app/components/button.tsx'
import { requireAuth } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your application · Crossroads' }]

const statusCopy = {
	applicant: {
		title: 'Your application is under review',
		body: 'Thank you for applying. Our membership team checks every applicant so that the network stays senior and trusted; you will have full access as soon as you are approved.',
	},
	rejected: {
		title: 'Your application was not approved',
		body: 'Crossroads is limited to senior marketing leaders, and we could not approve this application. If you think this is a mistake, reply to our email and we will take another look.',
	},
	suspended: {
		title: 'Your membership is suspended',
		body: 'Your access to the network is paused. Our team has written to you with the reason and the next steps.',
	},
} as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireAuth(context.auth, request)
	if (user.status === 'active') throw redirect('/')
	return { name: user.name, status: user.status }
}

export default function ApplicationRoute() {
	const { name, status } = useLoaderData<typeof loader>()
	const copy = statusCopy[status]
	return (
		<AuthLayout title={copy.title} subtitle={`Signed in as ${name}.`}>
			<p className="text-ink-700">{copy.body}</p>
			<Form method="post" action="/logout">
				<Button variant="secondary" className="w-full">
					Sign out
				</Button>
			</Form>
		</AuthLayout>
	)
}
