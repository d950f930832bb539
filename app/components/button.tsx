import type { ButtonHTMLAttributes } from 'react'

const variants = {
	primary: 'bg-brand-600 text-white shadow-sm hover:bg-brand-700 disabled:bg-brand-600/60',
	secondary: 'bg-white text-ink-900 ring-1 ring-inset ring-ink-200 shadow-sm hover:bg-ink-50',
	danger: 'bg-white text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50',
	ghost: 'text-ink-700 hover:bg-ink-100',
} as const

export type ButtonVariant = keyof typeof variants

export function buttonClass(variant: ButtonVariant = 'primary', extra = '') {
	return `inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold transition-colors disabled:cursor-not-allowed ${variants[variant]} ${extra}`
}

export function Button({
	variant = 'primary',
	className = '',
	type = 'submit',
	...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
	return <button type={type} className={buttonClass(variant, className)} {...props} />
}
