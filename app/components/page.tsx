import type { ReactNode } from 'react'

export function PageHeader({
	title,
	description,
	actions,
}: {
	title: string
	description?: ReactNode
	actions?: ReactNode
}) {
	return (
		<div className="flex flex-col gap-4 border-b border-ink-100 pb-6 sm:flex-row sm:items-end sm:justify-between">
			<div>
				<h1 className="text-2xl font-semibold tracking-tight text-ink-950 sm:text-3xl">{title}</h1>
				{description ? <p className="mt-2 max-w-2xl text-ink-500">{description}</p> : null}
			</div>
			{actions ? <div className="flex shrink-0 gap-3">{actions}</div> : null}
		</div>
	)
}

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
	return (
		<section className={`rounded-2xl border border-ink-100 bg-white p-6 shadow-sm ${className}`}>{children}</section>
	)
}

export function Notice({ tone = 'success', children }: { tone?: 'success' | 'info' | 'warning'; children: ReactNode }) {
	const tones = {
		success: 'border-brand-200 bg-brand-50 text-brand-800',
		info: 'border-ink-200 bg-white text-ink-800',
		warning: 'border-amber-200 bg-amber-50 text-amber-900',
	}
	return (
		<div role="status" className={`rounded-lg border px-4 py-3 text-sm ${tones[tone]}`}>
			{children}
		</div>
	)
}
