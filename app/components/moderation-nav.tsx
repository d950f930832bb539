import { NavLink } from '@remix-run/react'

const areas = [
	{ to: '/moderation', label: 'Review queue', end: true },
	{ to: '/moderation/reports', label: 'Reports', end: false },
	{ to: '/moderation/collections', label: 'Collections', end: false },
	{ to: '/moderation/settings', label: 'Settings', end: false },
] as const

/** The tabs of the moderation area, shown above each of its pages. */
export function ModerationNav() {
	return (
		<nav aria-label="Moderation" className="-mx-1 flex gap-1 overflow-x-auto">
			{areas.map((area) => (
				<NavLink
					key={area.to}
					to={area.to}
					end={area.end}
					className={({ isActive }) =>
						`rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap ${isActive ? 'bg-brand-50 text-brand-800' : 'text-ink-500 hover:text-ink-900'}`
					}
				>
					{area.label}
				</NavLink>
			))}
		</nav>
	)
}
