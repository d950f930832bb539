/**
 * Turns what a member typed into an FTS5 query: each word quoted, so no character of theirs can
 * be read as FTS syntax. `prefix: 'every'` matches every word as a prefix (search as you type over
 * names and titles); `'last'` only the word still being typed. Empty when nothing searchable is left.
 */
export function toFtsQuery(text: string, { prefix = 'every' }: { prefix?: 'every' | 'last' } = {}) {
	const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8)
	return words
		.map((word, index) => (prefix === 'every' || index === words.length - 1 ? `"${word}"*` : `"${word}"`))
		.join(' ')
}
