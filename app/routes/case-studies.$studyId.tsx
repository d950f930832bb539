import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { MemberAvatar } from '#app/components/avatar.tsx'
import { Button, buttonClass } from '#app/components/button.tsx'
import { StudyCover, studyImageUrl } from '#app/components/case-study-card.tsx'
import { Markdown } from '#app/components/markdown.tsx'
import { formatMetricValue, MetricsChart, relativeChange, type Metric } from '#app/components/metrics-chart.tsx'
import { Card } from '#app/components/page.tsx'
import {
	budgetBandLabels,
	channelLabels,
	formatTimeline,
	objectiveLabels,
	statusLabels,
	statusTones,
	tagLabel,
} from '#app/features/case-studies/labels.ts'
import { studyNotFound } from '#app/features/case-studies/read-policy.server.ts'
import { CommentSchema, studyLimits } from '#app/features/case-studies/schemas.ts'
import {
	addComment,
	deleteComment,
	editComment,
	getStudyPage,
	setBookmark,
	setUseful,
	type StudyComment,
} from '#app/features/case-studies/study.server.ts'
import { getMemberTimeZone } from '#app/features/members/profile.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.study.title ?? 'Case study'} · Crossroads` },
	...(data?.study.summary ? [{ name: 'description', content: data.study.summary }] : []),
]

type DatedComment = Omit<StudyComment, 'replies'> & { when: string; replies: DatedComment[] }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const page = getStudyPage({ id: user.id, role: user.role }, params.studyId ?? '')
	if (!page) throw studyNotFound()
	const timeZone = getMemberTimeZone(user.id)
	const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone })
	const moment = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone })
	const withDates = (comment: StudyComment): DatedComment => ({
		...comment,
		when: moment.format(comment.createdAt),
		replies: comment.replies.map(withDates),
	})
	return {
		...page,
		comments: page.comments.map(withDates),
		publishedOn: page.study.publishedAt ? day.format(page.study.publishedAt) : null,
	}
}

const StudyIntent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('useful'), value: z.enum(['on', 'off']) }),
	z.object({ intent: z.literal('bookmark'), value: z.enum(['on', 'off']) }),
	CommentSchema.extend({ intent: z.literal('comment') }),
	z.object({
		intent: z.literal('edit-comment'),
		commentId: z.string().min(1).max(64),
		body: CommentSchema.shape.body,
	}),
	z.object({ intent: z.literal('delete-comment'), commentId: z.string().min(1).max(64) }),
])

type ActionResult = { intent: string; ok: boolean; message: string | null; target: string | null }

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const viewer = { id: user.id, role: user.role }
	const studyId = params.studyId ?? ''
	const formData = await readFormData(request)
	const intent = String(formData.get('intent') ?? '')
	const target = String(formData.get('commentId') ?? formData.get('parentId') ?? '') || null
	const parsed = StudyIntent.safeParse(Object.fromEntries(formData))
	if (!parsed.success)
		return data(
			{
				intent,
				ok: false,
				message: parsed.error.issues[0]?.message ?? 'Unknown action.',
				target,
			} satisfies ActionResult,
			{ status: 400 },
		)
	const input = parsed.data
	const outcome =
		input.intent === 'useful'
			? setUseful(viewer, studyId, input.value === 'on')
			: input.intent === 'bookmark'
				? setBookmark(viewer, studyId, input.value === 'on')
				: input.intent === 'comment'
					? await addComment(viewer, studyId, { body: input.body, parentId: input.parentId || undefined })
					: input.intent === 'edit-comment'
						? editComment(viewer, input.commentId, input.body)
						: deleteComment(viewer, input.commentId)
	if (!outcome.ok) {
		const status = outcome.code === 'not-found' ? 404 : outcome.code === 'rate-limited' ? 429 : 409
		return data({ intent, ok: false, message: outcome.message, target } satisfies ActionResult, { status })
	}
	return { intent, ok: true, message: null, target } satisfies ActionResult
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>

export default function CaseStudyRoute() {
	const page = useLoaderData<typeof loader>()
	const { study, author, metrics, channels, tags, images, viewerState } = page
	const cover = images.find((image) => image.isCover) ?? null
	const gallery = images.filter((image) => image !== cover)
	return (
		<article className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6 sm:py-10">
			<nav aria-label="Breadcrumb" className="text-sm">
				<Link to="/case-studies" className="font-medium text-brand-700 hover:underline">
					← Case studies
				</Link>
			</nav>
			{study.status !== 'published' || study.hiddenAt !== null ? <AccessNotice page={page} /> : null}
			<header className="grid grid-cols-1 gap-8 lg:grid-cols-[3fr_2fr] lg:items-center">
				<div>
					<div className="flex flex-wrap gap-2 text-xs font-medium">
						<span className="rounded-full bg-brand-50 px-2.5 py-1 text-brand-800">
							{objectiveLabels[study.objective]}
						</span>
						{study.sectorTitle ? (
							<span className="rounded-full bg-ink-100 px-2.5 py-1 text-ink-700">{study.sectorTitle}</span>
						) : null}
						{study.featuredAt ? (
							<span className="rounded-full bg-accent-400/20 px-2.5 py-1 text-amber-900">Featured</span>
						) : null}
					</div>
					<h1 className="mt-4 text-3xl leading-tight font-semibold tracking-tight text-balance text-ink-950 sm:text-4xl">
						{study.title}
					</h1>
					<p className="mt-3 text-ink-500">
						{study.brand}
						{page.publishedOn ? ` · Published ${page.publishedOn}` : ''}
					</p>
					{study.summary ? <p className="mt-5 text-lg leading-8 text-ink-700">{study.summary}</p> : null}
				</div>
				{cover || metrics.length === 0 ? (
					<StudyCover
						studyId={study.id}
						brand={study.brand}
						imageId={cover?.id ?? null}
						alt={cover?.alt ?? null}
						className="aspect-[16/10] rounded-2xl shadow-sm"
					/>
				) : (
					<HeadlineResult metric={metrics[0]!} brand={study.brand} />
				)}
			</header>

			<dl className="grid grid-cols-2 gap-px overflow-hidden rounded-2xl border border-ink-100 bg-ink-100 text-sm sm:grid-cols-4">
				{[
					['Timeline', formatTimeline(study.startedOn, study.endedOn)],
					['Budget', budgetBandLabels[study.budgetBand]],
					['Channels', channels.map((channel) => channelLabels[channel]).join(', ')],
					['Audience', study.targetAudience || '—'],
				].map(([term, detail]) => (
					<div key={term} className="bg-white px-4 py-3">
						<dt className="text-xs font-medium text-ink-500">{term}</dt>
						<dd className="mt-1 font-medium text-ink-900">{detail}</dd>
					</div>
				))}
			</dl>

			<div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
				<div className="flex min-w-0 flex-col gap-8">
					{metrics.length ? (
						<Card>
							<h2 className="text-lg font-semibold text-ink-950">Results</h2>
							<div className="mt-5">
								<MetricsChart metrics={metrics} />
							</div>
						</Card>
					) : null}
					<Card>
						<h2 className="text-lg font-semibold text-ink-950">The story</h2>
						<Markdown className="mt-4">{study.body}</Markdown>
					</Card>
					{study.learnings ? (
						<Card className="border-accent-400/40 bg-amber-50/40">
							<h2 className="text-lg font-semibold text-ink-950">What I would do differently</h2>
							<Markdown className="mt-4">{study.learnings}</Markdown>
						</Card>
					) : null}
					{gallery.length ? (
						<section aria-labelledby="gallery-title">
							<h2 id="gallery-title" className="text-lg font-semibold text-ink-950">
								From the campaign
							</h2>
							<ul className="mt-4 grid gap-4 sm:grid-cols-2">
								{gallery.map((image) => (
									<li key={image.id}>
										<figure className="overflow-hidden rounded-2xl border border-ink-100 bg-white">
											<img
												src={studyImageUrl(study.id, image.id)}
												alt={image.alt}
												width={image.width}
												height={image.height}
												loading="lazy"
												className="h-auto w-full bg-ink-100"
											/>
											<figcaption className="px-4 py-3 text-sm text-ink-500">{image.alt}</figcaption>
										</figure>
									</li>
								))}
							</ul>
						</section>
					) : null}
					{tags.length ? (
						<ul className="flex flex-wrap gap-2" aria-label="Tags">
							{tags.map((tag) => (
								<li key={tag}>
									<Link
										to={`/case-studies?tag=${encodeURIComponent(tag)}`}
										className="inline-block rounded-full bg-white px-3 py-1 text-sm text-ink-700 ring-1 ring-ink-200 hover:ring-brand-600"
									>
										#{tagLabel(tag)}
									</Link>
								</li>
							))}
						</ul>
					) : null}
					<Comments page={page} />
				</div>

				<aside className="order-first flex flex-col gap-6 lg:sticky lg:top-6 lg:order-none lg:self-start">
					<Card>
						<h2 className="text-xs font-semibold tracking-wide text-ink-500 uppercase">Written by</h2>
						<Link to={`/members/${author.id}`} className="mt-4 flex items-center gap-3 hover:opacity-90">
							<MemberAvatar member={author} size="h-12 w-12 text-base" />
							<span className="min-w-0">
								<span className="block font-semibold text-ink-950">{author.name}</span>
								{author.title ? (
									<span className="block text-sm text-ink-500">
										{author.title} · {author.company}
									</span>
								) : null}
							</span>
						</Link>
						{viewerState.isAuthor ? (
							<Link to={`/case-studies/${study.id}/edit`} className={buttonClass('secondary', 'mt-5 w-full')}>
								Edit your case study
							</Link>
						) : null}
					</Card>
					<Card>
						<div className="flex flex-col gap-3">
							{viewerState.canVote ? <UsefulButton useful={viewerState.useful} count={study.usefulCount} /> : null}
							{!viewerState.canVote ? (
								<p className="text-sm text-ink-700">
									<span className="font-semibold tabular-nums">{study.usefulCount}</span>{' '}
									{study.usefulCount === 1 ? 'member found' : 'members found'} this useful.
								</p>
							) : null}
							{viewerState.canComment ? <BookmarkButton bookmarked={viewerState.bookmarked} /> : null}
							<a
								href={`/case-studies/${study.id}/export.md`}
								download
								className="text-center text-sm font-semibold text-brand-700 hover:underline"
							>
								Download as Markdown
							</a>
						</div>
						<p className="mt-5 text-xs leading-5 text-ink-500">
							{study.readers === 'all'
								? 'The author shares this with all members.'
								: 'The author keeps this from members in conflict with them: competitors never see it.'}
						</p>
						{viewerState.isAuthor ? null : (
							<Link
								to={`/reports/new?type=case-study&id=${study.id}`}
								className="mt-3 inline-block text-xs text-ink-500 underline-offset-2 hover:text-ink-800 hover:underline"
							>
								Report this case study
							</Link>
						)}
					</Card>
				</aside>
			</div>
		</article>
	)
}

/** Without a cover image, the first result leads the page: the number a peer would ask about first. */
function HeadlineResult({ metric, brand }: { metric: Metric; brand: string }) {
	const change = relativeChange(metric.before, metric.after)
	return (
		<div className="flex flex-col justify-between gap-6 rounded-2xl bg-gradient-to-br from-brand-800 to-brand-600 p-6 text-white shadow-sm sm:p-8">
			<p className="text-sm font-medium text-brand-100">{brand} · headline result</p>
			<div>
				<p className="text-4xl font-semibold tracking-tight tabular-nums sm:text-5xl">
					{formatMetricValue(metric.after, metric.unit)}
				</p>
				<p className="mt-2 text-lg text-brand-50">{metric.label}</p>
			</div>
			<p className="text-sm text-brand-100 tabular-nums">
				from {formatMetricValue(metric.before, metric.unit)}
				{change !== null ? ` · ${change >= 0 ? '+' : ''}${Math.round(change)}%` : ''}
			</p>
		</div>
	)
}

function AccessNotice({ page }: { page: Page }) {
	const { study, viewerState } = page
	return (
		<div
			role="status"
			className="flex flex-wrap items-center gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
		>
			<span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${statusTones[study.status]}`}>
				{statusLabels[study.status]}
			</span>
			<span>
				{study.hiddenAt !== null
					? 'Hidden by a moderator: only the author and moderators can read it.'
					: viewerState.isAuthor
						? 'Not in the library: only you and moderators can read this page.'
						: 'Not in the library: you can read it because you review case studies.'}
			</span>
			{viewerState.isAuthor ? (
				<Link to={`/case-studies/${study.id}/edit`} className="font-semibold underline">
					Open the editor
				</Link>
			) : null}
		</div>
	)
}

function UsefulButton({ useful, count }: { useful: boolean; count: number }) {
	const fetcher = useFetcher<typeof action>()
	const pending = fetcher.formData?.get('intent') === 'useful' ? fetcher.formData.get('value') === 'on' : null
	const shown = pending ?? useful
	const shownCount = pending === null ? count : count + (pending === useful ? 0 : pending ? 1 : -1)
	return (
		<fetcher.Form method="post" preventScrollReset>
			<input type="hidden" name="intent" value="useful" />
			<input type="hidden" name="value" value={shown ? 'off' : 'on'} />
			<button
				type="submit"
				aria-pressed={shown}
				className={buttonClass(shown ? 'primary' : 'secondary', 'w-full justify-between')}
			>
				<span>{shown ? 'Marked useful' : 'Mark as useful'}</span>
				<span
					className="tabular-nums"
					aria-label={`${shownCount} ${shownCount === 1 ? 'member' : 'members'} found it useful`}
				>
					{shownCount}
				</span>
			</button>
			{fetcher.data && !fetcher.data.ok ? <p className="mt-2 text-sm text-red-700">{fetcher.data.message}</p> : null}
		</fetcher.Form>
	)
}

function BookmarkButton({ bookmarked }: { bookmarked: boolean }) {
	const fetcher = useFetcher<typeof action>()
	const pending = fetcher.formData?.get('intent') === 'bookmark' ? fetcher.formData.get('value') === 'on' : null
	const shown = pending ?? bookmarked
	return (
		<fetcher.Form method="post" preventScrollReset>
			<input type="hidden" name="intent" value="bookmark" />
			<input type="hidden" name="value" value={shown ? 'off' : 'on'} />
			<button type="submit" aria-pressed={shown} className={buttonClass('secondary', 'w-full')}>
				{shown ? 'Saved to bookmarks' : 'Bookmark'}
			</button>
		</fetcher.Form>
	)
}

function Comments({ page }: { page: Page }) {
	const { comments, viewerState } = page
	const count = comments.reduce((sum, comment) => sum + (comment.body !== null ? 1 : 0) + comment.replies.length, 0)
	return (
		<section aria-labelledby="comments" className="flex flex-col gap-5">
			<h2 id="comments" className="scroll-mt-24 text-lg font-semibold text-ink-950">
				Comments <span className="font-normal text-ink-500 tabular-nums">({count})</span>
			</h2>
			{viewerState.canComment ? (
				<CommentForm intent="comment" label="Add a comment" submitLabel="Post comment" />
			) : (
				<p className="text-sm text-ink-500">Comments open once the case study is in the library.</p>
			)}
			{comments.length ? (
				<ol className="flex flex-col gap-4">
					{comments.map((comment) => (
						<li key={comment.id} className="rounded-2xl border border-ink-100 bg-white p-5 shadow-sm">
							<CommentView comment={comment} />
							{comment.replies.length ? (
								<ol className="mt-4 flex flex-col gap-4 border-l-2 border-ink-100 pl-4 sm:pl-5">
									{comment.replies.map((reply) => (
										<li key={reply.id}>
											<CommentView comment={reply} />
										</li>
									))}
								</ol>
							) : null}
							{viewerState.canComment && comment.state !== 'deleted' ? (
								<details className="group mt-3">
									<summary className="cursor-pointer text-sm font-semibold text-brand-700 hover:underline">
										Reply
									</summary>
									<div className="mt-3">
										<CommentForm intent="comment" parentId={comment.id} label="Your reply" submitLabel="Post reply" />
									</div>
								</details>
							) : null}
						</li>
					))}
				</ol>
			) : (
				<p className="text-sm text-ink-500">No comments yet. Ask the author what you would want to know.</p>
			)}
		</section>
	)
}

function CommentView({ comment }: { comment: DatedComment }) {
	if (comment.body === null)
		return (
			<p className="text-sm text-ink-400 italic">
				{comment.state === 'hidden' ? 'Comment hidden by a moderator.' : 'Comment deleted.'}
			</p>
		)
	return (
		<div id={`comment-${comment.id}`}>
			<div className="flex flex-wrap items-baseline gap-x-2 text-sm">
				{comment.author ? (
					<Link to={`/members/${comment.author.id}`} className="font-semibold text-ink-950 hover:underline">
						{comment.author.name}
					</Link>
				) : null}
				{comment.author?.company ? <span className="text-ink-500">{comment.author.company}</span> : null}
				<span className="text-xs text-ink-400">
					{comment.when}
					{comment.edited ? ' · edited' : ''}
				</span>
				{comment.state === 'hidden' ? (
					<span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800">Hidden</span>
				) : null}
			</div>
			<p className="mt-2 text-sm leading-6 break-words whitespace-pre-line text-ink-800">{comment.body}</p>
			<div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
				{comment.mine && comment.state === 'visible' ? (
					<>
						<details>
							<summary className="cursor-pointer font-medium text-ink-500 hover:text-ink-800">Edit</summary>
							<div className="mt-2">
								<CommentForm
									intent="edit-comment"
									commentId={comment.id}
									label="Edit your comment"
									submitLabel="Save"
									defaultValue={comment.body}
								/>
							</div>
						</details>
						<Form method="post" preventScrollReset>
							<input type="hidden" name="intent" value="delete-comment" />
							<input type="hidden" name="commentId" value={comment.id} />
							<button type="submit" className="font-medium text-ink-500 hover:text-red-700">
								Delete
							</button>
						</Form>
					</>
				) : null}
				{comment.mine ? null : (
					<Link
						to={`/reports/new?type=comment&id=${comment.id}`}
						className="font-medium text-ink-400 hover:text-ink-800"
						aria-label={`Report the comment by ${comment.author?.name ?? 'a member'}`}
					>
						Report
					</Link>
				)}
			</div>
		</div>
	)
}

function CommentForm({
	intent,
	parentId,
	commentId,
	label,
	submitLabel,
	defaultValue = '',
}: {
	intent: 'comment' | 'edit-comment'
	parentId?: string
	commentId?: string
	label: string
	submitLabel: string
	defaultValue?: string
}) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const formRef = useRef<HTMLFormElement>(null)
	const target = commentId ?? parentId ?? null
	const mine = actionData && actionData.intent === intent && actionData.target === target ? actionData : null
	const busy =
		navigation.state === 'submitting' &&
		navigation.formData?.get('intent') === intent &&
		(navigation.formData.get('commentId') ?? navigation.formData.get('parentId') ?? null) === target
	useEffect(() => {
		if (mine?.ok && intent === 'comment') formRef.current?.reset()
	}, [mine, intent])
	const fieldId = `comment-${intent}-${target ?? 'new'}`
	return (
		<Form method="post" preventScrollReset ref={formRef} className="flex flex-col gap-2">
			<input type="hidden" name="intent" value={intent} />
			{parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
			{commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
			<label htmlFor={fieldId} className="sr-only">
				{label}
			</label>
			<textarea
				id={fieldId}
				name="body"
				required
				rows={intent === 'comment' && !parentId ? 3 : 2}
				maxLength={studyLimits.comment}
				defaultValue={defaultValue}
				placeholder={parentId ? 'Write a reply…' : 'What would you ask or add? Plain text.'}
				aria-invalid={mine && !mine.ok ? true : undefined}
				aria-describedby={mine && !mine.ok ? `${fieldId}-error` : undefined}
				className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset placeholder:text-ink-400 focus:ring-2 focus:ring-brand-600 focus:ring-inset"
			/>
			{mine && !mine.ok ? (
				<p id={`${fieldId}-error`} role="alert" className="text-sm text-red-700">
					{mine.message}
				</p>
			) : null}
			<div>
				<Button className="px-3 py-2" disabled={busy}>
					{busy ? 'Posting…' : submitLabel}
				</Button>
			</div>
		</Form>
	)
}
