import { linkify } from '#app/features/messaging/message-text.ts'

/**
 * Message text as React nodes: paragraphs at blank lines, <br> at single line breaks, and
 * http(s) addresses as links. The text is never parsed as HTML.
 */
export function MessageText({ text, className = '' }: { text: string; className?: string }) {
	const paragraphs = text.split(/\n{2,}/)
	return (
		<div className={`flex flex-col gap-2 [overflow-wrap:anywhere] break-words ${className}`}>
			{paragraphs.map((paragraph, index) => (
				<p key={index}>
					{paragraph.split('\n').map((line, lineIndex) => (
						<span key={lineIndex}>
							{lineIndex > 0 ? <br /> : null}
							{linkify(line).map((part, partIndex) =>
								part.kind === 'link' ? (
									<a
										key={partIndex}
										href={part.href}
										rel="noopener noreferrer nofollow"
										target="_blank"
										className="font-medium underline underline-offset-2"
									>
										{part.text}
									</a>
								) : (
									<span key={partIndex}>{part.text}</span>
								),
							)}
						</span>
					))}
				</p>
			))}
		</div>
	)
}
