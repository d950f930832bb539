const palette = ['bg-brand-600', 'bg-ink-700', 'bg-accent-500', 'bg-sky-600', 'bg-rose-600', 'bg-violet-600']

export function initialsOf(name: string) {
	const parts = name.trim().split(/\s+/)
	return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase()
}

/** Generated initials avatar; the colour is stable for a given name. */
export function InitialsAvatar({ name, size = 'h-9 w-9 text-sm' }: { name: string; size?: string }) {
	const hash = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0)
	return (
		<span
			aria-hidden="true"
			className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ${palette[hash % palette.length]} ${size}`}
		>
			{initialsOf(name)}
		</span>
	)
}

/** The member's uploaded photo when they have one, else their initials. */
export function MemberAvatar({
	member,
	size = 'h-9 w-9 text-sm',
}: {
	member: { id: string; name: string; photoVersion: number | null }
	size?: string
}) {
	if (member.photoVersion === null) return <InitialsAvatar name={member.name} size={size} />
	return (
		<img
			src={photoUrl(member.id, member.photoVersion)}
			alt=""
			className={`shrink-0 rounded-full bg-ink-100 object-cover ${size}`}
			loading="lazy"
			decoding="async"
		/>
	)
}

export function photoUrl(memberId: string, version: number) {
	return `/photos/${memberId}?v=${version}`
}
