/** Items in slices of `size`, e.g. to stay under SQLite's bound-parameter limit. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = []
	for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
	return chunks
}

/** Map.groupBy arrives with Node 21; we support Node 20. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string) {
	const groups = new Map<string, T[]>()
	for (const item of items) {
		const key = keyOf(item)
		const group = groups.get(key)
		if (group) group.push(item)
		else groups.set(key, [item])
	}
	return groups
}
