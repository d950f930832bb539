import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { ResultRange } from '#app/components/log-table.tsx'

const text = (props: Partial<Parameters<typeof ResultRange>[0]>) =>
	renderToStaticMarkup(
		<ResultRange
			testId="count"
			total={0}
			shown={0}
			page={1}
			pageSize={50}
			pageCount={1}
			noun={{ one: 'entry', many: 'entries' }}
			empty="No entries match."
			{...props}
		/>,
	).replace(/<[^>]+>/g, '')

test('says what a page of a log shows, or why it shows nothing', () => {
	expect(text({})).toBe('No entries match.')
	expect(text({ total: 1234, shown: 50, page: 2, pageCount: 25 })).toBe('51–100 of 1,234 entries.')
	expect(text({ total: 1, shown: 1 })).toBe('1–1 of 1 entry.')
	expect(text({ total: 1, shown: 0, page: 3 })).toBe('Page 3 is past the end: 1 entry fills 1 page.')
	expect(text({ total: 120, shown: 0, page: 9, pageCount: 3 })).toBe(
		'Page 9 is past the end: 120 entries fill 3 pages.',
	)
})
