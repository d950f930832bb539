export type Metric = { label: string; before: number; after: number; unit: string }

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 })

export function formatMetricValue(value: number, unit: string) {
	const number = numberFormat.format(value)
	if (!unit) return number
	// Currency symbols lead, multipliers and percent attach ("4M", "12%"), words follow after a space.
	if (['$', '€', '£', '¥'].includes(unit)) return `${unit}${number}`
	if (['%', 'x', 'k', 'M', 'B'].includes(unit)) return `${number}${unit}`
	return `${number} ${unit}`
}

/** The change from before to after, relative to before; null when before is zero. */
export function relativeChange(before: number, after: number) {
	if (before === 0) return null
	return ((after - before) / Math.abs(before)) * 100
}

function describeChange(metric: Metric) {
	const change = relativeChange(metric.before, metric.after)
	if (change === null) return ''
	const rounded = Math.round(change)
	return `${rounded > 0 ? '+' : ''}${rounded}%`
}

/**
 * Before and after of each result as a pair of bars. Each metric has its own scale (units
 * differ), so bars compare within a row, never across rows. Screen readers get the same numbers
 * as a table; the drawing is decorative for them.
 */
export function MetricsChart({ metrics }: { metrics: readonly Metric[] }) {
	if (metrics.length === 0) return null
	return (
		<figure>
			<div aria-hidden="true" className="flex flex-col gap-5">
				{metrics.map((metric, index) => {
					const scale = Math.max(Math.abs(metric.before), Math.abs(metric.after)) || 1
					const width = (value: number) => Math.max(1, (Math.abs(value) / scale) * 100)
					const change = describeChange(metric)
					return (
						<div key={index}>
							<div className="flex items-baseline justify-between gap-3">
								<p className="text-sm font-medium text-ink-900">{metric.label}</p>
								{change ? (
									<p className="shrink-0 text-sm font-semibold text-ink-900 tabular-nums">
										{metric.after >= metric.before ? '▲' : '▼'} {change}
									</p>
								) : null}
							</div>
							<svg viewBox="0 0 100 22" preserveAspectRatio="none" className="mt-2 h-8 w-full">
								<rect x="0" y="1" width="100" height="8" className="fill-ink-50" />
								<rect x="0" y="1" width={width(metric.before)} height="8" className="fill-ink-200" />
								<rect x="0" y="13" width="100" height="8" className="fill-ink-50" />
								<rect x="0" y="13" width={width(metric.after)} height="8" className="fill-brand-500" />
							</svg>
							<div className="mt-1 flex justify-between text-xs text-ink-500 tabular-nums">
								<span>
									<span className="mr-1.5 inline-block h-2 w-2 rounded-sm bg-ink-200" />
									Before {formatMetricValue(metric.before, metric.unit)}
								</span>
								<span className="font-medium text-ink-800">
									<span className="mr-1.5 inline-block h-2 w-2 rounded-sm bg-brand-500" />
									After {formatMetricValue(metric.after, metric.unit)}
								</span>
							</div>
						</div>
					)
				})}
			</div>
			{/* A table ignores a 1 px width, so the visually hidden wrapper is a div. */}
			<div className="sr-only">
				<table>
					<caption>Results before and after the campaign</caption>
					<thead>
						<tr>
							<th scope="col">Metric</th>
							<th scope="col">Before</th>
							<th scope="col">After</th>
							<th scope="col">Change</th>
						</tr>
					</thead>
					<tbody>
						{metrics.map((metric, index) => (
							<tr key={index}>
								<th scope="row">{metric.label}</th>
								<td>{formatMetricValue(metric.before, metric.unit)}</td>
								<td>{formatMetricValue(metric.after, metric.unit)}</td>
								<td>{describeChange(metric) || 'not comparable'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</figure>
	)
}
