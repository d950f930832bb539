import type { ReactNode } from 'react'

export function AuthLayout({
	title,
	subtitle,
	children,
	wide = false,
}: {
	title: string
	subtitle: ReactNode
	children: ReactNode
	wide?: boolean
}) {
	return (
		<div className="px-4 py-12 sm:py-16">
			<div className={`mx-auto ${wide ? 'max-w-2xl' : 'max-w-md'}`}>
				<h1 className="text-center text-3xl font-semibold tracking-tight text-ink-950">{title}</h1>
				<p className="mt-3 text-center text-ink-500">{subtitle}</p>
				<div className="mt-8 flex flex-col gap-6 rounded-2xl border border-ink-100 bg-white p-6 shadow-sm sm:p-8">
					{children}
				</div>
			</div>
		</div>
	)
}
