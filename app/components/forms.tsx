import {
	useId,
	type InputHTMLAttributes,
	type ReactNode,
	type SelectHTMLAttributes,
	type TextareaHTMLAttributes,
} from 'react'

export type ListOfErrors = Array<string | null | undefined> | null | undefined

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
	const messages = errors?.filter(Boolean)
	if (!messages?.length) return null
	return (
		<ul id={id} className="mt-1.5 flex flex-col gap-1">
			{messages.map((message) => (
				<li key={message} className="text-sm text-red-700">
					{message}
				</li>
			))}
		</ul>
	)
}

/** A form-level error (not tied to one field), announced to screen readers. */
export function FormAlert({ id, errors }: { id?: string; errors?: ListOfErrors }) {
	const messages = errors?.filter(Boolean)
	if (!messages?.length) return null
	return (
		<div id={id} role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
			{messages.join(' ')}
		</div>
	)
}

const controlClass =
	'block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-ink-900 shadow-sm ring-1 ring-inset ring-ink-200 placeholder:text-ink-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-400 sm:text-sm'

type FieldChrome = { label: string; hint?: ReactNode; errors?: ListOfErrors; className?: string }

function useFieldIds(givenId: string | undefined, errors: ListOfErrors, hint: ReactNode) {
	const fallbackId = useId()
	const id = givenId ?? fallbackId
	const errorId = errors?.some(Boolean) ? `${id}-error` : undefined
	const hintId = hint ? `${id}-hint` : undefined
	return { id, errorId, hintId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined }
}

function FieldFrame({
	id,
	label,
	hint,
	hintId,
	errors,
	errorId,
	className,
	children,
}: FieldChrome & { id: string; hintId?: string; errorId?: string; children: ReactNode }) {
	return (
		<div className={className}>
			<label htmlFor={id} className="block text-sm font-medium text-ink-800">
				{label}
			</label>
			<div className="mt-1.5">{children}</div>
			{hint ? (
				<p id={hintId} className="mt-1.5 text-xs text-ink-500">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function Field({
	label,
	hint,
	errors,
	className,
	...inputProps
}: FieldChrome & InputHTMLAttributes<HTMLInputElement>) {
	const ids = useFieldIds(inputProps.id, errors, hint)
	return (
		<FieldFrame {...ids} label={label} hint={hint} errors={errors} className={className}>
			<input
				{...inputProps}
				id={ids.id}
				aria-invalid={ids.errorId ? true : undefined}
				aria-describedby={ids.describedBy}
				className={controlClass}
			/>
		</FieldFrame>
	)
}

export function TextareaField({
	label,
	hint,
	errors,
	className,
	...textareaProps
}: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
	const ids = useFieldIds(textareaProps.id, errors, hint)
	return (
		<FieldFrame {...ids} label={label} hint={hint} errors={errors} className={className}>
			<textarea
				{...textareaProps}
				id={ids.id}
				aria-invalid={ids.errorId ? true : undefined}
				aria-describedby={ids.describedBy}
				className={controlClass}
			/>
		</FieldFrame>
	)
}

export function SelectField({
	label,
	hint,
	errors,
	className,
	options,
	placeholder,
	...selectProps
}: FieldChrome &
	SelectHTMLAttributes<HTMLSelectElement> & {
		options: ReadonlyArray<{ value: string; label: string }>
		placeholder?: string
	}) {
	const ids = useFieldIds(selectProps.id, errors, hint)
	return (
		<FieldFrame {...ids} label={label} hint={hint} errors={errors} className={className}>
			<select
				{...selectProps}
				id={ids.id}
				aria-invalid={ids.errorId ? true : undefined}
				aria-describedby={ids.describedBy}
				className={controlClass}
			>
				{placeholder ? <option value="">{placeholder}</option> : null}
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</FieldFrame>
	)
}
