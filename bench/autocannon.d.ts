// The subset of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
	type Histogram = {
		average: number
		mean: number
		stddev: number
		min: number
		max: number
		p50: number
		p90: number
		p99: number
	}
	export type Options = {
		url: string
		connections?: number
		duration?: number
		method?: string
		headers?: Record<string, string>
	}
	export type Result = {
		requests: Histogram & { total: number; sent: number }
		latency: Histogram
		throughput: Histogram
		errors: number
		timeouts: number
		non2xx: number
		'2xx': number
		duration: number
	}
	function autocannon(options: Options): Promise<Result>
	export default autocannon
}
