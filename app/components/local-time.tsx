import { useHydrated } from '#app/utils/use-hydrated.ts'

export type TimeStyle = 'time' | 'day' | 'full' | 'list'

const startOfDay = (at: number, timeZone: string) =>
	new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)

const yearOf = (at: number, timeZone: string) => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at)

function formatOptions(at: number, style: TimeStyle, timeZone: string, now: number): Intl.DateTimeFormatOptions {
	if (style === 'time') return { timeStyle: 'short', timeZone }
	const sameYear = yearOf(at, timeZone) === yearOf(now, timeZone)
	if (style === 'day')
		return { weekday: 'long', month: 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone }
	if (style === 'full') return { dateStyle: 'medium', timeStyle: 'short', timeZone }
	// The conversation list: today → time, this week → weekday, older → date (with the year if not this one).
	if (startOfDay(at, timeZone) === startOfDay(now, timeZone)) return { timeStyle: 'short', timeZone }
	if (now - at < 6 * 24 * 60 * 60 * 1000) return { weekday: 'short', timeZone }
	return { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone }
}

/**
 * A moment in the viewer's time zone. The server renders it in English with the member's saved
 * zone; once hydrated it switches to the browser's own locale and zone.
 */
export function LocalTime({
	at,
	style = 'time',
	timeZone,
	className,
}: {
	at: number
	style?: TimeStyle
	timeZone: string
	className?: string
}) {
	const hydrated = useHydrated()
	const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : timeZone
	const text = new Intl.DateTimeFormat(hydrated ? undefined : 'en', formatOptions(at, style, zone, Date.now())).format(
		at,
	)
	const title = new Intl.DateTimeFormat(hydrated ? undefined : 'en', {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: zone,
	}).format(at)
	return (
		<time dateTime={new Date(at).toISOString()} title={title} className={className} suppressHydrationWarning>
			{text}
		</time>
	)
}

/** "5 min ago", "2 h ago", "3 days ago" (browser locale once hydrated). */
export function timeAgo(at: number, now: number, locale?: string) {
	const format = new Intl.RelativeTimeFormat(locale ?? 'en', { numeric: 'auto', style: 'short' })
	const seconds = Math.round((at - now) / 1000)
	if (Math.abs(seconds) < 60) return 'just now'
	const minutes = Math.round(seconds / 60)
	if (Math.abs(minutes) < 60) return format.format(minutes, 'minute')
	const hours = Math.round(minutes / 60)
	if (Math.abs(hours) < 24) return format.format(hours, 'hour')
	return format.format(Math.round(hours / 24), 'day')
}
