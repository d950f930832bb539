import { useEffect, useState } from 'react'
import type { PresenceInfo } from '#app/realtime/events.ts'
import { usePresenceReporter } from '#app/features/messaging/use-presence.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import { timeAgo } from './local-time.tsx'

const dotClass = { online: 'bg-brand-500', away: 'bg-accent-400', offline: 'bg-ink-200' } as const

/** A small status dot to put on an avatar's corner; its meaning is in the text next to it. */
export function PresenceDot({ info, className = '' }: { info: PresenceInfo | undefined; className?: string }) {
	return (
		<span
			aria-hidden="true"
			data-presence={info?.state ?? 'offline'}
			className={`block h-3 w-3 rounded-full ring-2 ring-white ${dotClass[info?.state ?? 'offline']} ${className}`}
		/>
	)
}

/** "Online", "Away", "Last seen 5 min ago" (refreshed every minute). */
export function PresenceLabel({ info }: { info: PresenceInfo | undefined }) {
	const hydrated = useHydrated()
	const [now, setNow] = useState(() => Date.now())
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 60_000)
		return () => clearInterval(timer)
	}, [])
	if (info?.state === 'online') return <span data-testid="presence">Online</span>
	if (info?.state === 'away') return <span data-testid="presence">Away</span>
	return (
		<span data-testid="presence" suppressHydrationWarning>
			{info?.lastSeenAt && hydrated ? `Last seen ${timeAgo(info.lastSeenAt, now)}` : 'Offline'}
		</span>
	)
}

/** Reports this tab as online or away; rendered once in the root layout for signed-in members. */
export function PresenceReporter() {
	usePresenceReporter()
	return null
}
