import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { buttonClass } from '#app/components/button.tsx'
import { Card } from '#app/components/page.tsx'
import { listConnections } from '#app/features/connections/connections.server.ts'
import { getNetworkStats } from '#app/features/members/network-stats.server.ts'
import { suggestPeers } from '#app/features/suggestions/suggestions.server.ts'
import { InitialsAvatar } from '#app/components/avatar.tsx'
import { CuratedStudyCard, type CuratedStudyCardData } from '#app/components/curated-study-card.tsx'
import { listFeaturedStudies } from '#app/features/moderation/curation.server.ts'

export async function loader({ context }: LoaderFunctionArgs) {
	const user = context.auth?.user
	if (user && user.status !== 'active') throw redirect('/application')
	return {
		stats: getNetworkStats(),
		memberName: user?.name ?? null,
		network: user ? listConnections(user.id) : null,
		suggestions: user ? suggestPeers(user.id, { limit: 3 }) : null,
		featured: user ? listFeaturedStudies({ id: user.id, role: user.role }, 3) : null,
	}
}

const promises = [
	{
		title: 'Peers, not competitors',
		body: 'Our conflict policy keeps you apart from members in your industry, their corporate families, declared competitors and recent employers. Enforced on every introduction, message and meeting.',
	},
	{
		title: 'Vetted senior leaders',
		body: 'Every member is a CMO or senior marketing leader, approved by our team. No recruiters, no vendors pitching.',
	},
	{
		title: 'Conversations that lead somewhere',
		body: 'Meet one-to-one or in small roundtables, trade campaign case studies, and schedule calls across time zones without email ping-pong.',
	},
]

export default function Index() {
	const { stats, memberName, network, suggestions, featured } = useLoaderData<typeof loader>()
	const figures = [
		{ label: 'vetted members', value: stats.members },
		{ label: 'industries (NAICS sectors)', value: stats.sectors },
		{ label: 'regions', value: stats.regions },
	]
	if (memberName) {
		return (
			<div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6">
				<div>
					<p className="text-sm font-semibold text-brand-700">Welcome back</p>
					<h1 className="mt-1 text-3xl font-semibold tracking-tight text-ink-950">
						Good to see you, {memberName.split(' ')[0]}.
					</h1>
					<p className="mt-2 max-w-2xl text-ink-500">
						The network today: {stats.members} members across {stats.sectors} industries. The directory, messaging, case
						studies and scheduling open here as they launch.
					</p>
				</div>
				<StatsRow figures={figures} />
				{featured?.length ? <FeaturedStudies studies={featured} /> : null}
				{suggestions?.length ? <PeersToMeetTeaser suggestions={suggestions} /> : null}
				{network ? (
					<div className="grid gap-6 md:grid-cols-2">
						<PeopleCard title="Requests waiting for you" empty="No requests right now." people={network.waiting} />
						<PeopleCard title="Your connections" empty="No connections yet." people={network.connected} />
					</div>
				) : null}
				<Card>
					<h2 className="text-lg font-semibold text-ink-950">Your account</h2>
					<p className="mt-1 text-sm text-ink-500">Review where you are signed in and keep your password fresh.</p>
					<Link to="/settings" className={buttonClass('secondary', 'mt-4')}>
						Open settings
					</Link>
				</Card>
			</div>
		)
	}
	return (
		<div>
			<section className="relative overflow-hidden bg-ink-950">
				<div className="mx-auto grid max-w-6xl gap-10 px-4 py-20 sm:px-6 lg:grid-cols-[1.2fr_1fr] lg:py-28">
					<div>
						<p className="inline-flex rounded-full bg-white/10 px-3 py-1 text-xs font-semibold tracking-wide text-brand-200 uppercase">
							The cross-industry network for CMOs
						</p>
						<h1 className="mt-6 text-4xl font-semibold tracking-tight text-white sm:text-5xl">
							Learn from marketing leaders who will never be your competitors.
						</h1>
						<p className="mt-6 max-w-xl text-lg text-ink-200">
							Crossroads introduces you to CMOs in other industries: a grocery chain’s loyalty lead next to a B2B
							software brand builder, a bank next to a beverage maker. Candid peers, because nobody across the table
							competes with you.
						</p>
						<div className="mt-10 flex flex-wrap gap-3">
							<Link to="/join" className={buttonClass('primary', 'px-5 py-3 text-base')}>
								Apply for membership
							</Link>
							<Link to="/login" className={buttonClass('secondary', 'px-5 py-3 text-base')}>
								Sign in
							</Link>
						</div>
					</div>
					<div className="self-center rounded-2xl border border-white/10 bg-white/5 p-6 text-white">
						<p className="text-sm font-semibold text-brand-200">How the conflict policy works</p>
						<ul className="mt-4 flex flex-col gap-3 text-sm text-ink-100">
							<li>✓ Same industry group: never matched</li>
							<li>✓ Same company or corporate family: never matched</li>
							<li>✓ Declared competitors and recent employers: never matched</li>
							<li>✓ Your private “don’t introduce me” list: respected silently</li>
						</ul>
					</div>
				</div>
			</section>
			<div className="mx-auto flex max-w-6xl flex-col gap-12 px-4 py-16 sm:px-6">
				<StatsRow figures={figures} />
				<section aria-labelledby="why-heading">
					<h2 id="why-heading" className="text-2xl font-semibold tracking-tight text-ink-950">
						Why marketing leaders join
					</h2>
					<div className="mt-6 grid gap-6 md:grid-cols-3">
						{promises.map((promise) => (
							<Card key={promise.title}>
								<h3 className="font-semibold text-ink-950">{promise.title}</h3>
								<p className="mt-2 text-sm leading-6 text-ink-500">{promise.body}</p>
							</Card>
						))}
					</div>
				</section>
			</div>
		</div>
	)
}

function StatsRow({ figures }: { figures: Array<{ label: string; value: number }> }) {
	return (
		<dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
			{figures.map((figure) => (
				<div key={figure.label} className="rounded-2xl border border-ink-100 bg-white p-6 shadow-sm">
					<dt className="text-sm text-ink-500">{figure.label}</dt>
					<dd className="mt-2 text-3xl font-semibold tracking-tight text-ink-950">
						{figure.value.toLocaleString('en')}
					</dd>
				</div>
			))}
		</dl>
	)
}

type Person = { id: string; partnerId: string; name: string; title: string; company: string; suspended: boolean }

function PeopleCard({ title, empty, people }: { title: string; empty: string; people: Person[] }) {
	return (
		<Card className="min-w-0">
			<h2 className="text-lg font-semibold text-ink-950">
				{title} <span className="text-ink-400">({people.length})</span>
			</h2>
			{people.length ? (
				<ul className="mt-4 divide-y divide-ink-100">
					{people.map((person) => (
						<li key={person.id}>
							<Link to={`/members/${person.partnerId}`} className="flex items-center gap-3 py-3 hover:bg-ink-50">
								<InitialsAvatar name={person.name} />
								<span className="min-w-0">
									<span className="block font-medium text-ink-900">{person.name}</span>
									<span className="block truncate text-sm text-ink-500">
										{person.title} · {person.company}
										{person.suspended ? ' · suspended (conflict)' : ''}
									</span>
								</span>
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="mt-2 text-sm text-ink-500">{empty}</p>
			)}
		</Card>
	)
}

type SuggestedPeer = { id: string; name: string; title: string; company: string; why: string }

function PeersToMeetTeaser({ suggestions }: { suggestions: SuggestedPeer[] }) {
	return (
		<Card>
			<div className="flex flex-wrap items-baseline justify-between gap-2">
				<h2 className="text-lg font-semibold text-ink-950">Peers to meet</h2>
				<Link to="/members/suggestions" className="text-sm font-semibold text-brand-700 hover:underline">
					See all suggestions
				</Link>
			</div>
			<ul className="mt-4 grid gap-4 md:grid-cols-3">
				{suggestions.map((peer) => (
					<li key={peer.id} className="min-w-0">
						<Link
							to={`/members/${peer.id}`}
							className="flex h-full gap-3 rounded-xl border border-ink-100 p-4 hover:border-brand-200"
						>
							<InitialsAvatar name={peer.name} />
							<span className="min-w-0">
								<span className="block font-medium text-ink-900">{peer.name}</span>
								<span className="block truncate text-sm text-ink-500">
									{peer.title} · {peer.company}
								</span>
								<span className="mt-2 block text-sm text-brand-800">{peer.why}</span>
							</span>
						</Link>
					</li>
				))}
			</ul>
		</Card>
	)
}

function FeaturedStudies({ studies }: { studies: CuratedStudyCardData[] }) {
	return (
		<section aria-labelledby="featured-heading">
			<div className="flex flex-wrap items-baseline justify-between gap-2">
				<h2 id="featured-heading" className="text-lg font-semibold text-ink-950">
					Featured case studies
				</h2>
				<Link to="/collections" className="text-sm font-semibold text-brand-700 hover:underline">
					Browse collections
				</Link>
			</div>
			<ul className="mt-4 grid gap-4 md:grid-cols-3">
				{studies.map((study) => (
					<li key={study.id} className="min-w-0">
						<CuratedStudyCard study={study} />
					</li>
				))}
			</ul>
		</section>
	)
}
