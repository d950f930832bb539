/** Small timing helpers shared by the benchmarks. */

export type Summary = { p50: number; p95: number; p99: number; mean: number }

export function percentile(sorted: readonly number[], fraction: number) {
	if (sorted.length === 0) return Number.NaN
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))
	return sorted[index]!
}

export function summarize(samples: readonly number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b)
	const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)
	return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), mean }
}

/**
 * Runs `work` a few times to warm caches, then `iterations` times, timing each call in ms.
 * `before` runs ahead of every call, untimed (e.g. a write that empties the app's caches).
 */
export function timeIterations(work: () => unknown, iterations: number, warmup = 20, before?: () => void): Summary {
	for (let i = 0; i < warmup; i++) work()
	const samples: number[] = []
	for (let i = 0; i < iterations; i++) {
		before?.()
		const start = performance.now()
		work()
		samples.push(performance.now() - start)
	}
	return summarize(samples)
}

/** Seeded PRNG (mulberry32), so the same member count always builds the same dataset. */
export function createRandom(seed: number) {
	let state = seed >>> 0
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
	const weighted = <T>(items: readonly { value: T; weight: number }[]): T => {
		const total = items.reduce((sum, item) => sum + item.weight, 0)
		let roll = next() * total
		for (const item of items) {
			roll -= item.weight
			if (roll < 0) return item.value
		}
		return items[items.length - 1]!.value
	}
	const sample = <T>(items: readonly T[], count: number): T[] => {
		const pool = [...items]
		const chosen: T[] = []
		while (chosen.length < count && pool.length) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!)
		return chosen
	}
	return { next, int, pick, weighted, sample }
}

export const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')

/** A plain-text table with padded columns (also valid Markdown). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]) {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
	const line = (cells: readonly string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
	return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n')
}
