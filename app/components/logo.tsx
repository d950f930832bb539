/** Two paths crossing: the mark of a network where different industries meet. */
export function LogoMark({ className = 'h-8 w-8' }: { className?: string }) {
	return (
		<svg viewBox="0 0 32 32" className={className} aria-hidden="true">
			<rect width="32" height="32" rx="8" className="fill-ink-900" />
			<path d="M8 24 24 8" className="stroke-brand-500" strokeWidth="3.5" strokeLinecap="round" />
			<path d="M8 8l6.5 6.5M17.5 17.5 24 24" className="stroke-accent-400" strokeWidth="3.5" strokeLinecap="round" />
		</svg>
	)
}

export function Logo() {
	return (
		<span className="flex items-center gap-2.5">
			<LogoMark />
			<span className="text-lg font-semibold tracking-tight text-ink-900">Crossroads</span>
		</span>
	)
}
