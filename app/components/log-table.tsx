import type { ReactNode } from 'react'

/**
 * "21–40 of 1,234 entries", or why nothing shows: the line above a paginated admin log. The
 * nouns are passed whole ("entry"/"entries") because English plurals are not a suffix.
 */
export function ResultRange({
	testId,
	total,
	shown,
	page,
	pageSize,
	pageCount,
	noun,
	empty,
}: {
	testId: string
	total: number
	shown: number
	page: number
	pageSize: number
	pageCount: number
	noun: { one: string; many: string }
	empty: string
}) {
	const first = (page - 1) * pageSize + 1
	const counted = `${total.toLocaleString('en')} ${total === 1 ? noun.one : noun.many}`
	return (
		<p className="text-sm text-ink-500" data-testid={testId}>
			{total === 0
				? empty
				: shown === 0
					? `Page ${page} is past the end: ${counted} ${total === 1 ? 'fills' : 'fill'} ${pageCount} ${pageCount === 1 ? 'page' : 'pages'}.`
					: `${first}–${first + shown - 1} of ${counted}.`}
		</p>
	)
}

/** The frame of an admin log table: scrolls sideways on a phone, one header cell per column. */
export function LogTable({ headings, children }: { headings: readonly string[]; children: ReactNode }) {
	return (
		<div className="overflow-x-auto rounded-2xl border border-ink-100 bg-white shadow-sm">
			<table className="min-w-full divide-y divide-ink-100 text-sm">
				<thead className="bg-ink-50 text-left text-ink-500">
					<tr>
						{headings.map((heading) => (
							<th key={heading} scope="col" className="px-4 py-3 font-medium">
								{heading}
							</th>
						))}
					</tr>
				</thead>
				<tbody className="divide-y divide-ink-100 align-top">{children}</tbody>
			</table>
		</div>
	)
}
