import { useState } from 'react'
import type { Interval } from '#app/features/scheduling/meeting-types.ts'
import { groupBy } from '#app/utils/collections.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import { ErrorList, type ListOfErrors } from './forms.tsx'
import { dayKey, formatClock, formatLongDay, othersLocalTimes } from './meeting-time.tsx'

type Person = { name: string; timeZone: string }

/** A slot's form value: the ISO-8601 UTC instant it starts at. */
export const slotValue = (start: number) => new Date(start).toISOString()

/**
 * The free slots, grouped by day in the viewer's zone, as checkboxes named `name` (the server
 * enforces the maximum; with JavaScript the remaining boxes are disabled once it is reached).
 */
export function SlotPicker({
	id,
	slots,
	viewerZone,
	others,
	max,
	selected,
	errors,
	errorId,
	legend,
	name = 'options',
}: {
	id: string
	slots: readonly Interval[]
	viewerZone: string
	others: readonly Person[]
	max: number
	selected: readonly string[]
	errors?: ListOfErrors
	errorId?: string
	legend: string
	name?: string
}) {
	const [chosen, setChosen] = useState(() => new Set(selected))
	const days = groupBy(slots, (slot) => dayKey(slot.start, viewerZone))
	// Only with JavaScript: a server-rendered disabled box could not be re-enabled by unticking another.
	const full = useHydrated() && chosen.size >= max
	const hasErrors = Boolean(errors?.some(Boolean))
	const hintId = `${id}-hint`
	return (
		<fieldset
			className="min-w-0"
			aria-describedby={[hintId, hasErrors ? errorId : undefined].filter(Boolean).join(' ')}
			aria-invalid={hasErrors || undefined}
			data-testid="slot-picker"
		>
			<legend className="text-sm font-medium text-ink-800">{legend}</legend>
			<div className="mt-1 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
				<p id={hintId} className="text-xs text-ink-500">
					Times are in your zone; {others.length === 1 ? 'theirs is' : 'others’ are'} shown beneath each.
				</p>
				<p aria-live="polite" className="text-xs font-semibold text-ink-700 tabular-nums">
					{chosen.size} of {max} picked
				</p>
			</div>
			<ErrorList id={errorId} errors={errors} />
			<div className="mt-3 flex flex-col divide-y divide-ink-100 rounded-xl border border-ink-100 bg-white">
				{[...days].map(([day, daySlots]) => {
					const dayHeading = `${id}-${day}`
					return (
						<div
							key={day}
							role="group"
							aria-labelledby={dayHeading}
							className="flex flex-col gap-2 p-3 sm:flex-row sm:gap-4"
						>
							<p id={dayHeading} className="shrink-0 pt-1.5 text-sm font-semibold text-ink-900 sm:w-44">
								{formatLongDay(daySlots[0]!.start, viewerZone)}
							</p>
							<ul className="grid flex-1 grid-cols-2 gap-2 min-[480px]:grid-cols-3 lg:grid-cols-4">
								{daySlots.map((slot) => {
									const value = slotValue(slot.start)
									const checked = chosen.has(value)
									const theirs = othersLocalTimes(slot.start, viewerZone, others)
									return (
										<li key={value}>
											<label
												className={`flex h-full cursor-pointer flex-col rounded-lg px-2.5 py-1.5 ring-1 transition-colors ring-inset has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 ${checked ? 'bg-brand-50 ring-brand-500' : 'bg-white ring-ink-200 hover:bg-ink-50'}`}
											>
												<span className="flex items-center gap-2">
													<input
														type="checkbox"
														name={name}
														value={value}
														defaultChecked={selected.includes(value)}
														disabled={full && !checked}
														onChange={(event) => {
															const next = new Set(chosen)
															if (event.currentTarget.checked) next.add(value)
															else next.delete(value)
															setChosen(next)
														}}
														className="h-4 w-4 rounded border-ink-200 text-brand-600 accent-brand-600"
													/>
													<span className="text-sm font-semibold text-ink-900 tabular-nums">
														{formatClock(slot.start, viewerZone)}–{formatClock(slot.end, viewerZone)}
													</span>
												</span>
												{theirs.length ? (
													<span className="mt-0.5 pl-6 text-xs leading-snug text-ink-500">
														{theirs.map((entry) => entry.text).join(' · ')}
													</span>
												) : null}
											</label>
										</li>
									)
								})}
							</ul>
						</div>
					)
				})}
			</div>
		</fieldset>
	)
}
