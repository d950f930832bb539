import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { z } from 'zod'
import { Button } from '#app/components/button.tsx'
import { Card, Notice, PageHeader } from '#app/components/page.tsx'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { createFeed, feedPath, hasFeed, publicOrigin, revokeFeed } from '#app/features/scheduling/calendar.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

export const meta: MetaFunction = () => [{ title: 'Calendar feed · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	return { feed: hasFeed(user.id), timeZone: getMemberTimeZone(user.id) }
}

const FeedIntentSchema = z.object({ intent: z.enum(['create', 'regenerate', 'revoke']) })

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const parsed = FeedIntentSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return data({ feedUrl: null, notice: 'Unknown calendar feed action.' }, { status: 400 })
	if (parsed.data.intent === 'revoke') {
		revokeFeed(user.id)
		return { feedUrl: null, notice: 'Feed revoked. Calendars subscribed to it stop receiving your meetings.' }
	}
	// The URL is shown in this response only: the server keeps nothing but the token's hash.
	const feedUrl = `${publicOrigin(request)}${feedPath(createFeed(user.id))}`
	return {
		feedUrl,
		notice:
			parsed.data.intent === 'regenerate'
				? 'New feed URL created. The previous URL no longer works: update your calendar apps.'
				: 'Feed URL created. Copy it now: it is shown only once.',
	}
}

export default function CalendarFeedRoute() {
	const { feed, timeZone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const submitting = useNavigation().state === 'submitting'
	const createdAt = feed
		? new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(feed.createdAt)
		: null
	return (
		<div className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-10 sm:px-6">
			<PageHeader
				title="Calendar feed"
				description="Subscribe to your Crossroads meetings from Google Calendar, Apple Calendar or Outlook. Confirmed meetings appear there and update when a time changes or a meeting is cancelled."
				actions={
					<Link to="/meetings" className="text-sm font-semibold text-brand-700 hover:underline">
						Back to meetings
					</Link>
				}
			/>
			{actionData?.notice ? (
				<Notice tone={actionData.feedUrl || feed ? 'success' : 'info'}>{actionData.notice}</Notice>
			) : null}
			{actionData?.feedUrl ? <FeedUrl url={actionData.feedUrl} /> : null}
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">Your private feed URL</h2>
				<p className="text-ink-600 mt-2 text-sm">
					Anyone with the URL can read your meeting times, topics and the names of the people you meet, so keep it to
					yourself. We store only a fingerprint of it, which is why it is shown once, right after you create it.
				</p>
				{feed ? (
					<>
						<p className="mt-4 text-sm text-ink-800">A feed URL is active, created {createdAt}.</p>
						<div className="mt-4 flex flex-col gap-4 sm:flex-row">
							<Form method="post" className="flex flex-col gap-1">
								<input type="hidden" name="intent" value="regenerate" />
								<Button variant="secondary" disabled={submitting}>
									Regenerate feed URL
								</Button>
								<span className="text-xs text-ink-500">The current URL stops working at once.</span>
							</Form>
							<Form method="post" className="flex flex-col gap-1">
								<input type="hidden" name="intent" value="revoke" />
								<Button variant="danger" disabled={submitting}>
									Revoke feed
								</Button>
								<span className="text-xs text-ink-500">Subscribed calendars stop updating.</span>
							</Form>
						</div>
					</>
				) : (
					<Form method="post" className="mt-4">
						<input type="hidden" name="intent" value="create" />
						<Button disabled={submitting}>Create feed URL</Button>
					</Form>
				)}
			</Card>
			<Card>
				<h2 className="text-lg font-semibold text-ink-950">Adding the feed to your calendar</h2>
				<dl className="mt-4 grid gap-4 text-sm">
					<div>
						<dt className="font-semibold text-ink-900">Google Calendar</dt>
						<dd className="text-ink-600 mt-1">
							On the web, next to “Other calendars” choose “+”, then “From URL”, paste the feed URL and choose “Add
							calendar”. Google refreshes subscribed calendars every few hours.
						</dd>
					</div>
					<div>
						<dt className="font-semibold text-ink-900">Apple Calendar</dt>
						<dd className="text-ink-600 mt-1">
							On a Mac choose File › New Calendar Subscription; on an iPhone go to Settings › Calendar › Accounts › Add
							Account › Other › Add Subscribed Calendar. Paste the feed URL.
						</dd>
					</div>
					<div>
						<dt className="font-semibold text-ink-900">Outlook</dt>
						<dd className="text-ink-600 mt-1">
							In Outlook on the web or the new Outlook, choose Add calendar › Subscribe from web, paste the feed URL and
							choose Import.
						</dd>
					</div>
				</dl>
				<p className="text-ink-600 mt-4 text-sm">
					The feed holds your confirmed meetings from the last 90 days onwards, and meetings cancelled in the last 30
					days, so they disappear from your calendar too. Each meeting page also offers a one-off .ics download.
				</p>
			</Card>
		</div>
	)
}

function FeedUrl({ url }: { url: string }) {
	const hydrated = useHydrated()
	const [copied, setCopied] = useState(false)
	return (
		<Card className="border-brand-200">
			<label htmlFor="feed-url" className="block text-sm font-semibold text-ink-900">
				Feed URL (shown once)
			</label>
			<div className="mt-2 flex flex-col gap-2 sm:flex-row">
				<input
					id="feed-url"
					readOnly
					value={url}
					aria-describedby="feed-url-hint"
					onFocus={(event) => event.currentTarget.select()}
					className="w-full min-w-0 rounded-lg border border-ink-200 bg-ink-50 px-3 py-2 font-mono text-sm text-ink-900"
				/>
				{hydrated ? (
					<Button
						type="button"
						variant="secondary"
						onClick={() => {
							void navigator.clipboard.writeText(url).then(() => setCopied(true))
						}}
					>
						{copied ? 'Copied' : 'Copy'}
					</Button>
				) : null}
			</div>
			<p id="feed-url-hint" className="mt-2 text-xs text-ink-500">
				Copy it into your calendar app now. If you lose it, regenerate the feed URL: the old one then stops working.
			</p>
			<p className="mt-3 text-sm">
				<a href={url.replace(/^https?:/, 'webcal:')} className="font-semibold text-brand-700 hover:underline">
					Open in your calendar app
				</a>
			</p>
		</Card>
	)
}
