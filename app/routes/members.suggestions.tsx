import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useFetcher, useLoaderData } from '@remix-run/react'
import { useRef, useState, type RefObject } from 'react'
import { z } from 'zod'
import { InitialsAvatar } from '#app/components/avatar.tsx'
import { Button, buttonClass } from '#app/components/button.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { dismissSuggestion, restoreSuggestion, suggestPeers } from '#app/features/suggestions/suggestions.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Peers to meet · Crossroads' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	return { suggestions: suggestPeers(user.id) }
}

const SuggestionIntent = z.object({
	intent: z.enum(['dismiss', 'undo'], { error: 'Choose “Not now” or “Undo”.' }),
	memberId: z
		.string({ error: 'Say which member you mean.' })
		.regex(/^usr_[A-Za-z0-9]{1,64}$/, { error: 'That is not a member id.' }),
})

export async function action({ request, context }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const parsed = SuggestionIntent.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success)
		return data({ ok: false as const, message: parsed.error.issues[0]?.message ?? 'Unknown action.' }, { status: 400 })
	const { intent, memberId } = parsed.data
	const outcome = intent === 'dismiss' ? dismissSuggestion(user.id, memberId) : restoreSuggestion(user.id, memberId)
	if (!outcome.ok)
		return data({ ok: false as const, message: outcome.message }, { status: outcome.code === 'self' ? 400 : 404 })
	return { ok: true as const, intent, member: outcome.member }
}

type Member = { id: string; name: string }
type Suggestion = ReturnType<typeof useLoaderData<typeof loader>>['suggestions'][number]
type Outcome = { kind: 'dismissed' | 'restored'; member: Member } | { kind: 'failed'; message: string }

/** What a form post without JavaScript did, read from the action's answer. */
function outcomeOf(actionData: ReturnType<typeof useActionData<typeof action>>): Outcome | null {
	if (!actionData) return null
	if (!actionData.ok) return { kind: 'failed', message: actionData.message }
	return { kind: actionData.intent === 'dismiss' ? 'dismissed' : 'restored', member: actionData.member }
}

export default function SuggestionsRoute() {
	const { suggestions } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	// With JavaScript, dismissals hide their card at once and the notice offers Undo.
	const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
	const [outcome, setOutcome] = useState<Outcome | null>(null)
	const noticeRef = useRef<HTMLDivElement>(null)
	const shown = outcome ?? outcomeOf(actionData)
	const visible = suggestions.filter((suggestion) => !hidden.has(suggestion.id))

	const announce = (next: Outcome) => {
		setOutcome(next)
		// The pressed button is gone with its card: keep keyboard focus on the page, at the notice.
		noticeRef.current?.focus()
	}
	const onDismiss = (member: Member) => {
		setHidden((current) => new Set(current).add(member.id))
		announce({ kind: 'dismissed', member })
	}
	const onUndo = (member: Member) => {
		setHidden((current) => new Set([...current].filter((id) => id !== member.id)))
		announce({ kind: 'restored', member })
	}

	return (
		<div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6">
			<PageHeader
				title="Peers to meet"
				description="Suggested from shared expertise, complementary business models, working hours and mutual connections. Members in conflict with you under our competitor policy are never suggested."
				actions={
					<Link to="/members" className={buttonClass('secondary')}>
						Browse all members
					</Link>
				}
			/>
			<div>
				<OutcomeNotice outcome={shown} noticeRef={noticeRef} onUndo={onUndo} />
				{visible.length === 0 ? (
					<Card className="text-center">
						<h2 className="font-semibold text-ink-950">No suggestions left for now</h2>
						<p className="mt-2 text-sm text-ink-500">
							New members join every week, and suggestions change as your network grows. Meanwhile, search the directory
							for peers by expertise, sector or region.
						</p>
						<Link to="/members" className={buttonClass('primary', 'mt-4')}>
							Search the directory
						</Link>
					</Card>
				) : (
					<ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3" aria-label="Suggested peers">
						{suggestions.map((suggestion) => (
							<SuggestionCard
								key={suggestion.id}
								suggestion={suggestion}
								hidden={hidden.has(suggestion.id)}
								onDismiss={onDismiss}
							/>
						))}
					</ul>
				)}
			</div>
		</div>
	)
}

function OutcomeNotice({
	outcome,
	noticeRef,
	onUndo,
}: {
	outcome: Outcome | null
	noticeRef: RefObject<HTMLDivElement>
	onUndo: (member: Member) => void
}) {
	const undo = useFetcher<typeof action>({ key: 'suggestion-undo' })
	const failed =
		outcome?.kind === 'failed'
			? outcome.message
			: outcome?.kind === 'restored' && undo.data?.ok === false
				? undo.data.message
				: null
	// Always in the page (empty when there is nothing to say), so screen readers announce what appears in it.
	return (
		<div role="status" ref={noticeRef} tabIndex={-1} className="focus:outline-none [&:not(:empty)]:mb-4">
			{failed ? (
				<p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">{failed}</p>
			) : outcome?.kind === 'dismissed' ? (
				<div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-ink-200 bg-white px-4 py-3 text-sm text-ink-800 shadow-sm">
					<p>{outcome.member.name} won’t be suggested to you.</p>
					<undo.Form method="post" onSubmit={() => onUndo(outcome.member)}>
						<input type="hidden" name="intent" value="undo" />
						<input type="hidden" name="memberId" value={outcome.member.id} />
						<Button
							variant="secondary"
							className="px-3 py-1.5"
							aria-label={`Undo: suggest ${outcome.member.name} again`}
						>
							Undo
						</Button>
					</undo.Form>
				</div>
			) : outcome?.kind === 'restored' ? (
				<p className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-brand-800">
					{outcome.member.name} can be suggested to you again.
				</p>
			) : null}
		</div>
	)
}

function SuggestionCard({
	suggestion,
	hidden,
	onDismiss,
}: {
	suggestion: Suggestion
	hidden: boolean
	onDismiss: (member: Member) => void
}) {
	// A fetcher per card: several quick dismissals never cancel one another.
	const fetcher = useFetcher<typeof action>()
	const failed = fetcher.data?.ok === false ? fetcher.data.message : null
	const { id, name } = suggestion
	const profile = `/members/${id}`
	return (
		<li className="min-w-0" hidden={hidden && !failed}>
			<article
				aria-labelledby={`suggestion-${id}`}
				className="flex h-full flex-col rounded-2xl border border-ink-100 bg-white p-5 shadow-sm"
			>
				<div className="flex gap-4">
					<InitialsAvatar name={name} size="h-11 w-11 text-sm" />
					<div className="min-w-0">
						<h2 id={`suggestion-${id}`} className="font-semibold text-ink-950">
							<Link to={profile} className="hover:underline">
								{name}
							</Link>
						</h2>
						<p className="text-sm text-ink-700">
							{suggestion.title} · {suggestion.company}
						</p>
						{suggestion.sectorTitle ? <p className="mt-1 text-xs text-ink-500">{suggestion.sectorTitle}</p> : null}
					</div>
				</div>
				<p className="mt-4 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-800">
					<span className="sr-only">Why you might meet: </span>
					{suggestion.why}
				</p>
				{failed ? (
					<p role="alert" className="mt-3 text-sm text-red-700">
						{failed}
					</p>
				) : null}
				<div className="mt-auto flex gap-2 pt-4">
					<Link to={profile} className={buttonClass('primary', 'flex-1')}>
						Connect<span className="sr-only"> with {name}</span>
					</Link>
					<fetcher.Form method="post" className="flex flex-1" onSubmit={() => onDismiss({ id, name })}>
						<input type="hidden" name="intent" value="dismiss" />
						<input type="hidden" name="memberId" value={id} />
						<Button variant="secondary" className="flex-1" aria-label={`Not now: don’t suggest ${name}`}>
							Not now
						</Button>
					</fetcher.Form>
				</div>
			</article>
		</li>
	)
}
