import { Form, Link } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { PendingSend } from '#app/features/messaging/conversation-state.ts'
import { messagingLimits, type MessageItem } from '#app/features/messaging/options.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import { MemberAvatar } from './avatar.tsx'
import { LocalTime } from './local-time.tsx'
import { MessageText } from './message-text.tsx'

export type Author = { id: string; name: string; photoVersion: number | null }

type LiveActions = {
	edit: (messageId: number, body: string) => Promise<{ ok: true } | { ok: false; message: string }>
	remove: (messageId: number) => Promise<{ ok: true } | { ok: false; message: string }>
}

/**
 * One message. Own messages sit on the right in the brand colour, others' on the left with the
 * sender's avatar (shown once per run of messages from the same person). Actions live in a
 * <details> menu, so they work with the keyboard and without JavaScript; deleting asks first.
 */
export function MessageBubble({
	message,
	own,
	author,
	showAuthor,
	showName,
	timeZone,
	highlighted,
	editing,
	confirmingDelete,
	conversationPath,
	live,
	editable,
	now,
	footer,
}: {
	message: MessageItem
	own: boolean
	author: Author
	showAuthor: boolean
	showName: boolean
	timeZone: string
	highlighted: boolean
	/** Rendered with its edit form open (no-JS `?edit=` link). */
	editing: boolean
	/** Rendered asking to confirm its deletion (no-JS `?confirm-delete=` link). */
	confirmingDelete: boolean
	conversationPath: string
	/** Socket actions when connected; forms otherwise. */
	live: LiveActions | null
	editable: boolean
	now: number
	footer?: React.ReactNode
}) {
	const [editOpen, setEditOpen] = useState(editing)
	const [confirmOpen, setConfirmOpen] = useState(confirmingDelete)
	const [error, setError] = useState<string | null>(null)
	const gone = message.deletedAt !== null || message.hiddenAt !== null
	const withinWindow = now - message.createdAt <= messagingLimits.editWindowMs
	const canEdit = own && !gone && editable && withinWindow
	const canDelete = own && !gone
	const menuRef = useRef<HTMLDetailsElement>(null)
	const closeMenu = () => menuRef.current?.removeAttribute('open')
	const cancelDelete = () => {
		setConfirmOpen(false)
		menuRef.current?.querySelector('summary')?.focus()
	}

	const onDelete = async (event: FormEvent<HTMLFormElement>) => {
		if (!live) return
		event.preventDefault()
		setConfirmOpen(false)
		const result = await live.remove(message.id)
		setError(result.ok ? null : result.message)
	}

	return (
		<div
			id={`message-${message.id}`}
			data-message-id={message.id}
			data-own={own || undefined}
			className={`group flex scroll-mt-24 gap-2.5 px-4 sm:px-6 ${own ? 'flex-row-reverse' : ''} ${showAuthor ? 'mt-3' : 'mt-0.5'}`}
		>
			{own ? null : showAuthor ? (
				<Link to={`/members/${author.id}`} tabIndex={-1} aria-hidden="true" className="mt-0.5 self-start">
					<MemberAvatar member={author} size="h-8 w-8 text-xs" />
				</Link>
			) : (
				<span className="w-8 shrink-0" aria-hidden="true" />
			)}
			<div className={`flex max-w-[85%] min-w-0 flex-col sm:max-w-[70%] ${own ? 'items-end' : 'items-start'}`}>
				{showName && !own ? <span className="mb-0.5 px-1 text-xs font-medium text-ink-500">{author.name}</span> : null}
				<div className={`flex items-center gap-1 ${own ? 'flex-row-reverse' : ''}`}>
					<div
						className={`rounded-2xl px-3.5 py-2 text-[0.9375rem] leading-relaxed shadow-xs ${
							gone
								? 'bg-white text-ink-400 italic ring-1 ring-ink-100 ring-inset'
								: own
									? 'bg-brand-600 text-white'
									: 'bg-ink-100/80 text-ink-900'
						} ${own ? 'rounded-br-md' : 'rounded-bl-md'} ${highlighted ? 'ring-2 ring-accent-400 ring-offset-2' : ''}`}
						data-testid="message-body"
					>
						{editOpen && canEdit ? (
							<EditForm
								message={message}
								conversationPath={conversationPath}
								live={live}
								onDone={(result) => {
									setError(result)
									if (!result) setEditOpen(false)
								}}
							/>
						) : message.hiddenAt !== null ? (
							'Hidden by a moderator'
						) : message.deletedAt !== null ? (
							'Message deleted'
						) : (
							<MessageText text={message.body} />
						)}
					</div>
					{(canEdit || canDelete || !own) && !editOpen ? (
						<details ref={menuRef} className="relative shrink-0 self-center">
							<summary
								className="flex h-7 w-7 cursor-pointer list-none items-center justify-center rounded-full text-ink-400 opacity-100 hover:bg-ink-100 hover:text-ink-700 focus-visible:opacity-100 sm:opacity-0 sm:group-hover:opacity-100 [&::-webkit-details-marker]:hidden"
								aria-label="Message actions"
							>
								<svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
									<path d="M3 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0Zm5.5 0a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0ZM15.5 8.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z" />
								</svg>
							</summary>
							<div
								className={`absolute z-20 mt-1 flex w-40 flex-col rounded-xl bg-white py-1 text-sm shadow-lg ring-1 ring-ink-100 ${own ? 'right-0' : 'left-0'}`}
							>
								{canEdit ? (
									<Link
										to={`${conversationPath}?edit=${message.id}#message-${message.id}`}
										preventScrollReset
										onClick={(event) => {
											if (!live) return
											event.preventDefault()
											closeMenu()
											setEditOpen(true)
										}}
										className="px-3 py-2 text-left text-ink-800 hover:bg-ink-50"
									>
										Edit
									</Link>
								) : null}
								{canDelete ? (
									<Link
										to={`${conversationPath}?confirm-delete=${message.id}#message-${message.id}`}
										preventScrollReset
										onClick={(event) => {
											event.preventDefault()
											closeMenu()
											setConfirmOpen(true)
										}}
										className="px-3 py-2 text-left text-red-700 hover:bg-red-50"
									>
										Delete
									</Link>
								) : null}
								{!own && !gone ? (
									<Link
										to={`/reports/new?type=message&id=${message.id}`}
										className="px-3 py-2 text-left text-ink-800 hover:bg-ink-50"
									>
										Report
									</Link>
								) : null}
							</div>
						</details>
					) : null}
				</div>
				<div
					className={`mt-0.5 flex items-center gap-1.5 px-1 text-[0.6875rem] text-ink-400 ${own ? 'flex-row-reverse' : ''}`}
				>
					<LocalTime at={message.createdAt} timeZone={timeZone} />
					{message.editedAt !== null && !gone ? <span>(edited)</span> : null}
					{footer}
				</div>
				{confirmOpen && canDelete ? (
					<DeleteConfirmation
						message={message}
						conversationPath={conversationPath}
						onSubmit={onDelete}
						onCancel={cancelDelete}
					/>
				) : null}
				{error ? (
					<p role="alert" className="mt-1 px-1 text-xs text-red-700">
						{error}
					</p>
				) : null}
			</div>
		</div>
	)
}

/** "Delete this message for everyone?" below the bubble: focus starts on Delete, Escape cancels. */
function DeleteConfirmation({
	message,
	conversationPath,
	onSubmit,
	onCancel,
}: {
	message: MessageItem
	conversationPath: string
	onSubmit: (event: FormEvent<HTMLFormElement>) => void
	onCancel: () => void
}) {
	const hydrated = useHydrated()
	const confirm = useRef<HTMLButtonElement>(null)
	useEffect(() => {
		confirm.current?.focus()
	}, [])
	const questionId = `confirm-delete-${message.id}`
	return (
		<div
			role="group"
			aria-labelledby={questionId}
			data-testid="delete-confirmation"
			onKeyDown={(event) => {
				if (event.key !== 'Escape') return
				event.preventDefault()
				onCancel()
			}}
			className="mt-1.5 flex flex-wrap items-center justify-end gap-2 rounded-xl bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-red-200"
		>
			<p id={questionId} className="text-ink-800">
				Delete this message for everyone?
			</p>
			<Form method="post" action={conversationPath} onSubmit={onSubmit}>
				<input type="hidden" name="intent" value="delete" />
				<input type="hidden" name="messageId" value={message.id} />
				<button
					ref={confirm}
					type="submit"
					className="rounded-md bg-red-600 px-2.5 py-1 text-xs font-semibold text-white shadow-sm hover:bg-red-700"
				>
					Delete
				</button>
			</Form>
			{hydrated ? (
				<button
					type="button"
					onClick={onCancel}
					className="rounded-md px-2.5 py-1 text-xs font-semibold text-ink-700 hover:bg-ink-100"
				>
					Cancel
				</button>
			) : (
				<Link
					to={`${conversationPath}#message-${message.id}`}
					className="rounded-md px-2.5 py-1 text-xs font-semibold text-ink-700 hover:bg-ink-100"
				>
					Cancel
				</Link>
			)}
		</div>
	)
}

function EditForm({
	message,
	conversationPath,
	live,
	onDone,
}: {
	message: MessageItem
	conversationPath: string
	live: LiveActions | null
	onDone: (error: string | null) => void
}) {
	const textarea = useRef<HTMLTextAreaElement>(null)
	useEffect(() => {
		const element = textarea.current
		if (!element) return
		element.focus()
		element.setSelectionRange(element.value.length, element.value.length)
	}, [])
	const save = async (event: FormEvent<HTMLFormElement>) => {
		if (!live) return
		event.preventDefault()
		const body = textarea.current?.value ?? ''
		const result = await live.edit(message.id, body)
		onDone(result.ok ? null : result.message)
	}
	const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
		if (event.key === 'Escape' && live) onDone(null)
		if (event.key === 'Enter' && !event.shiftKey && live) {
			event.preventDefault()
			event.currentTarget.form?.requestSubmit()
		}
	}
	return (
		<Form
			method="post"
			action={conversationPath}
			onSubmit={save}
			className="flex w-72 max-w-full flex-col gap-2 not-italic"
		>
			<input type="hidden" name="intent" value="edit" />
			<input type="hidden" name="messageId" value={message.id} />
			<label htmlFor={`edit-${message.id}`} className="sr-only">
				Edit message
			</label>
			<textarea
				ref={textarea}
				id={`edit-${message.id}`}
				name="body"
				rows={3}
				defaultValue={message.body}
				onKeyDown={onKeyDown}
				maxLength={messagingLimits.messageLength}
				className="block w-full resize-y rounded-lg border-0 bg-white px-3 py-2 text-sm text-ink-900 ring-1 ring-ink-200 ring-inset focus:ring-2 focus:ring-brand-600"
			/>
			<div className="flex justify-end gap-2">
				{live ? (
					<button
						type="button"
						onClick={() => onDone(null)}
						className="rounded-md px-2.5 py-1 text-xs font-semibold text-current hover:bg-black/10"
					>
						Cancel
					</button>
				) : (
					<Link
						to={conversationPath}
						className="rounded-md px-2.5 py-1 text-xs font-semibold text-current hover:bg-black/10"
					>
						Cancel
					</Link>
				)}
				<button
					type="submit"
					className="rounded-md bg-white px-2.5 py-1 text-xs font-semibold text-brand-700 shadow-sm"
				>
					Save
				</button>
			</div>
		</Form>
	)
}

/** A send the server has not confirmed: "Sending…", or the reason it failed with a Retry button. */
export function PendingBubble({ send, onRetry }: { send: PendingSend; onRetry: (clientId: string) => void }) {
	return (
		<div className="mt-0.5 flex flex-row-reverse gap-2.5 px-4 sm:px-6" data-pending={send.status}>
			<div className="flex max-w-[85%] min-w-0 flex-col items-end sm:max-w-[70%]">
				<div
					className={`rounded-2xl rounded-br-md px-3.5 py-2 text-[0.9375rem] leading-relaxed text-white ${send.status === 'failed' ? 'bg-brand-600/50' : 'bg-brand-600/75'}`}
					data-testid="message-body"
				>
					<MessageText text={send.body} />
				</div>
				{send.status === 'failed' ? (
					<div role="alert" className="mt-1 flex flex-wrap items-center justify-end gap-2 px-1 text-xs text-red-700">
						<span>{send.error ?? 'Not sent.'}</span>
						{send.retryable ? (
							<button
								type="button"
								onClick={() => onRetry(send.clientId)}
								className="rounded-md px-2 py-0.5 font-semibold text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50"
							>
								Retry
							</button>
						) : null}
					</div>
				) : (
					<span className="mt-0.5 px-1 text-[0.6875rem] text-ink-400">Sending…</span>
				)}
			</div>
		</div>
	)
}
