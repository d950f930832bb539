import { useFetcher } from '@remix-run/react'
import { useCombobox } from 'downshift'
import { useId, useState } from 'react'
import { formatNaicsOption, type NaicsOption } from '#app/features/sectors/naics.ts'
import { ErrorList, type ListOfErrors } from './forms.tsx'

/**
 * A searchable NAICS 2022 picker (about 2,100 codes, so never a select). The field submits
 * "4451 Grocery and Convenience Retailers"; the server reads the code at its start, so without
 * JavaScript a member can type the code itself.
 */
export function NaicsPicker({
	id,
	errorId: givenErrorId,
	name,
	label,
	hint = 'Search by industry or type a NAICS code, e.g. “grocery” or 4451.',
	defaultValue,
	errors,
	required,
}: {
	/** Conform's field ids, so errors are wired as on every other field. */
	id?: string
	errorId?: string
	name: string
	label: string
	hint?: string
	defaultValue?: Pick<NaicsOption, 'code' | 'title'> | null
	errors?: ListOfErrors
	required?: boolean
}) {
	const fetcher = useFetcher<{ options: NaicsOption[] }>()
	const [inputValue, setInputValue] = useState(defaultValue ? formatNaicsOption(defaultValue) : '')
	const options = fetcher.data?.options ?? []
	const hintId = useId()
	const fallbackErrorId = useId()
	const errorId = givenErrorId ?? fallbackErrorId
	const hasErrors = Boolean(errors?.some(Boolean))
	const combobox = useCombobox<NaicsOption>({
		inputId: id,
		items: options,
		inputValue,
		itemToString: (item) => (item ? formatNaicsOption(item) : ''),
		onInputValueChange: ({ inputValue: next, type }) => {
			setInputValue(next)
			if (type === useCombobox.stateChangeTypes.InputChange && next.trim().length >= 2)
				fetcher.load(`/resources/naics?q=${encodeURIComponent(next)}`)
		},
	})
	const menuOpen = combobox.isOpen && options.length > 0
	return (
		<div className="relative">
			<label {...combobox.getLabelProps()} className="block text-sm font-medium text-ink-800">
				{label}
			</label>
			<input
				{...combobox.getInputProps({
					name,
					required,
					autoComplete: 'off',
					spellCheck: false,
					'aria-invalid': hasErrors || undefined,
					'aria-describedby': [hintId, hasErrors ? errorId : null].filter(Boolean).join(' '),
				})}
				className="mt-1.5 block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-ink-900 shadow-sm ring-1 ring-ink-200 ring-inset placeholder:text-ink-400 focus:ring-2 focus:ring-brand-600 focus:ring-inset aria-[invalid=true]:ring-red-400 sm:text-sm"
				placeholder="Search industries"
			/>
			<ul
				{...combobox.getMenuProps()}
				className={`absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-ink-200 ${menuOpen ? '' : 'hidden'}`}
			>
				{menuOpen
					? options.map((option, index) => (
							<li
								key={option.code}
								{...combobox.getItemProps({ item: option, index })}
								className={`cursor-pointer px-3 py-2 ${combobox.highlightedIndex === index ? 'text-brand-900 bg-brand-50' : 'text-ink-800'}`}
							>
								<span className="font-mono text-xs text-ink-500">{option.code}</span>{' '}
								<span className="font-medium">{option.title}</span>
								{option.code.length > 2 ? (
									<span className="block text-xs text-ink-500">{option.sectorTitle}</span>
								) : null}
							</li>
						))
					: null}
			</ul>
			<p id={hintId} className="mt-1.5 text-xs text-ink-500">
				{hint}
			</p>
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}
