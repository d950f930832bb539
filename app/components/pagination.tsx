import { Link, useSearchParams } from '@remix-run/react'
import { buttonClass } from './button.tsx'

/** Previous/next links that keep the rest of the URL (search, filters) as it is. */
export function Pagination({
	page,
	pageCount,
	labels = { previous: 'Previous', next: 'Next' },
}: {
	page: number
	pageCount: number
	labels?: { previous: string; next: string }
}) {
	const [searchParams] = useSearchParams()
	if (pageCount <= 1 && page <= 1) return null
	const linkTo = (target: number) => {
		const params = new URLSearchParams(searchParams)
		params.set('page', String(target))
		return `?${params}`
	}
	return (
		<nav aria-label="Pages" className="flex items-center justify-between text-sm">
			{page > 1 ? (
				<Link to={linkTo(Math.min(page - 1, pageCount))} rel="prev" className={buttonClass('secondary')}>
					{labels.previous}
				</Link>
			) : (
				<span />
			)}
			<span className="text-ink-500">
				Page {page} of {pageCount}
			</span>
			{page < pageCount ? (
				<Link to={linkTo(page + 1)} rel="next" className={buttonClass('secondary')}>
					{labels.next}
				</Link>
			) : (
				<span />
			)}
		</nav>
	)
}
