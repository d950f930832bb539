import { InitialsAvatar } from './avatar.tsx'
import { ErrorList, type ListOfErrors } from './forms.tsx'

export type Invitable = { userId: string; name: string; title: string; company: string }

/** Checkboxes for choosing connections to invite, as one fieldset with its errors. */
export function InviteePicker({
	name,
	errorId,
	errors,
	people,
	selected,
	legend,
	hint,
}: {
	name: string
	errorId: string
	errors: ListOfErrors
	people: Invitable[]
	selected: string[]
	legend: string
	hint: string
}) {
	const invalid = errors?.some(Boolean)
	return (
		<fieldset aria-describedby={invalid ? errorId : `${errorId}-hint`} aria-invalid={invalid ? true : undefined}>
			<legend className="text-sm font-medium text-ink-800">{legend}</legend>
			<p id={`${errorId}-hint`} className="mt-1 text-xs text-ink-500">
				{hint}
			</p>
			<ErrorList id={errorId} errors={errors} />
			<ul className="mt-3 grid max-h-80 gap-1 overflow-y-auto rounded-xl p-1 ring-1 ring-ink-100 sm:grid-cols-2">
				{people.map((person) => (
					<li key={person.userId}>
						<label className="flex cursor-pointer items-center gap-3 rounded-lg px-2.5 py-2 hover:bg-ink-50 has-[:checked]:bg-brand-50">
							<input
								type="checkbox"
								name={name}
								value={person.userId}
								defaultChecked={selected.includes(person.userId)}
								className="h-4 w-4 shrink-0 rounded border-ink-200 text-brand-600 focus:ring-brand-600"
							/>
							<InitialsAvatar name={person.name} size="h-8 w-8 text-xs" />
							<span className="min-w-0 text-sm leading-tight">
								<span className="block truncate font-medium text-ink-900">{person.name}</span>
								<span className="block truncate text-xs text-ink-500">
									{person.title} · {person.company}
								</span>
							</span>
						</label>
					</li>
				))}
			</ul>
		</fieldset>
	)
}
