import ReactMarkdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

const allowedProtocols = new Set(['http:', 'https:', 'mailto:'])

/**
 * Only absolute http, https and mailto links survive; anything else (javascript:, data:, vbscript:,
 * relative tricks, entity-encoded schemes once decoded) loses its href and renders as plain text.
 */
export function safeUrl(url: string): string | undefined {
	try {
		const parsed = new URL(url.trim())
		return allowedProtocols.has(parsed.protocol) ? parsed.href : undefined
	} catch {
		return undefined
	}
}

/** Headings start at h3: the page owns h1 and h2. */
const components: Components = {
	h1: ({ node: _node, ...props }) => <h3 {...props} />,
	h2: ({ node: _node, ...props }) => <h3 {...props} />,
	h3: ({ node: _node, ...props }) => <h4 {...props} />,
	h4: ({ node: _node, ...props }) => <h5 {...props} />,
	a: ({ node: _node, href, children }) => {
		const safe = href ? safeUrl(href) : undefined
		if (!safe) return <span>{children}</span>
		return (
			<a href={safe} rel="nofollow noopener noreferrer" target="_blank">
				{children}
			</a>
		)
	},
	table: ({ node: _node, ...props }) => (
		<div className="overflow-x-auto">
			<table {...props} />
		</div>
	),
}

const proseClass =
	'text-ink-800 leading-7 break-words [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-2 [&_blockquote]:border-l-2 [&_blockquote]:border-brand-200 [&_blockquote]:pl-4 [&_blockquote]:text-ink-700 [&_code]:rounded [&_code]:bg-ink-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:text-[0.9em] [&_h3]:mt-8 [&_h3]:text-lg [&_h3]:font-semibold [&_h3]:text-ink-950 [&_h4]:mt-6 [&_h4]:font-semibold [&_h4]:text-ink-950 [&_h5]:mt-4 [&_h5]:font-semibold [&_hr]:my-8 [&_hr]:border-ink-100 [&_li]:mt-1 [&_ol]:mt-4 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:mt-4 [&_pre]:mt-4 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-ink-50 [&_pre]:p-4 [&_table]:mt-4 [&_table]:w-full [&_table]:text-sm [&_td]:border-t [&_td]:border-ink-100 [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-semibold [&_ul]:mt-4 [&_ul]:list-disc [&_ul]:pl-6 [&>*:first-child]:mt-0'

/**
 * Member-written Markdown (GitHub flavour), rendered safely: raw HTML is shown as text, never
 * parsed (no rehype-raw); links keep only safe URLs and never pass on referrer or ranking; images
 * are dropped (a study's images are the uploaded, checked ones).
 */
export function Markdown({ children, className = '' }: { children: string; className?: string }) {
	return (
		<div className={`${proseClass} ${className}`}>
			<ReactMarkdown
				remarkPlugins={[remarkGfm]}
				components={components}
				disallowedElements={['img']}
				urlTransform={(url) => safeUrl(url) ?? ''}
			>
				{children}
			</ReactMarkdown>
		</div>
	)
}
