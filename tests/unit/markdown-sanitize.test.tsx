import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { Markdown, safeUrl } from '#app/components/markdown.tsx'

const render = (source: string) => renderToStaticMarkup(<Markdown>{source}</Markdown>)

/** Markup that would run script, load active content or leave the page if it reached a browser. */
function executableParts(html: string) {
	const found: string[] = []
	for (const match of html.matchAll(
		/<\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|img|video|audio|source)\b/gi,
	))
		found.push(`element <${match[1]}>`)
	for (const match of html.matchAll(/<[^>]*\s(on[a-z]+)\s*=/gi)) found.push(`handler ${match[1]}`)
	for (const match of html.matchAll(/\s(href|src|action|formaction|xlink:href)\s*=\s*"([^"]*)"/gi)) {
		const url = match[2]!
			.replace(/&amp;/g, '&')
			.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
		if (!/^(https?:|mailto:)/i.test(url)) found.push(`${match[1]}="${match[2]}"`)
	}
	return found
}

const payloads = [
	'<script>alert(1)</script>',
	'Hello <script src="https://evil.example/x.js"></script> world',
	'<img src=x onerror=alert(1)>',
	'<IMG SRC="javascript:alert(1)">',
	'<svg onload=alert(1)><circle r="10"/></svg>',
	'<svg><script>alert(1)</script></svg>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'<iframe srcdoc="<script>alert(1)</script>"></iframe>',
	'<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
	'<embed src="javascript:alert(1)">',
	'<a href="javascript:alert(1)">click</a>',
	'<div style="background:url(javascript:alert(1))">x</div>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<details open ontoggle=alert(1)>',
	'<form action="javascript:alert(1)"><button>go</button></form>',
	'[x](javascript:alert(1))',
	'[x](JaVaScRiPt:alert(1))',
	'[x](  javascript:alert(1)  )',
	'[x](javascript&#58;alert(1))',
	'[x](&#106;avascript:alert(1))',
	'[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))',
	'[x](java\nscript:alert(1))',
	'[x](vbscript:msgbox(1))',
	'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[x](data:image/svg+xml,<svg onload=alert(1)>)',
	'[x]: javascript:alert(1)\n\n[click][x]',
	'<javascript:alert(1)>',
	'![x](javascript:alert(1))',
	'![x](https://tracker.example/pixel.gif)',
	'![x](x" onerror="alert(1))',
	'[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
	'[x](https://ok.example" onmouseover="alert(1))',
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'&#60;script&#62;alert(1)&#60;/script&#62;',
	'`<script>alert(1)</script>`',
	'```html\n<script>alert(1)</script>\n```',
	'| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |',
	'> <iframe src=//evil.example></iframe>',
	'<!-- --><script>alert(1)</script><!-- -->',
	'<p onclick="alert(1)">text</p>',
]

describe('Markdown rendering', () => {
	test.each(payloads)('leaves nothing executable: %s', (payload) => {
		expect(executableParts(render(payload))).toEqual([])
	})

	test('raw HTML comes out as visible text, not markup', () => {
		const html = render('Before <script>alert(1)</script> after')
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
		expect(html).not.toMatch(/<script/i)
	})

	test('safe links keep their URL and get rel="nofollow noopener noreferrer"', () => {
		const html = render('See [our results](https://example.com/results?a=1&b=2) or [write](mailto:cmo@example.com).')
		expect(html).toContain('href="https://example.com/results?a=1&amp;b=2"')
		expect(html).toContain('href="mailto:cmo@example.com"')
		expect(html.match(/rel="nofollow noopener noreferrer"/g)).toHaveLength(2)
	})

	test('a link with a refused URL keeps its text and loses the link', () => {
		const html = render('[click me](javascript:alert(1)) and [relative](/admin)')
		expect(html).toContain('<span>click me</span>')
		expect(html).toContain('<span>relative</span>')
		expect(html).not.toContain('<a ')
	})

	test('images in Markdown are dropped', () => {
		expect(render('![chart](https://example.com/chart.png)')).not.toContain('<img')
	})

	test('GitHub-flavoured Markdown works: headings start at h3, lists, tables, strikethrough, autolinks', () => {
		const html = render(
			'# Result\n\n## Plan\n\n- one\n- two\n\n| metric | value |\n|---|---|\n| NPS | 42 |\n\n~~old~~ www.example.com',
		)
		expect(html).toContain('<h3>Result</h3>')
		expect(html).toContain('<h3>Plan</h3>')
		expect(html).toContain('<li>one</li>')
		expect(html).toContain('<td>42</td>')
		expect(html).toContain('<del>old</del>')
		expect(html).toContain('href="http://www.example.com/"')
		expect(html).not.toMatch(/<h1|<h2/)
	})

	test('safeUrl accepts only absolute http, https and mailto URLs', () => {
		expect(safeUrl('https://example.com')).toBe('https://example.com/')
		expect(safeUrl('HTTP://EXAMPLE.COM/x')).toBe('http://example.com/x')
		expect(safeUrl('mailto:a@example.com')).toBe('mailto:a@example.com')
		for (const url of [
			'javascript:alert(1)',
			' javascript:alert(1)',
			'data:text/html,x',
			'/relative',
			'//evil.example',
			'ftp://x',
			'',
		])
			expect(safeUrl(url)).toBeUndefined()
	})
})
