import { Link } from '@remix-run/react'
import { buttonClass } from '#app/components/button.tsx'
import { ChatGlyph } from '#app/components/conversation-list.tsx'

/** The right pane at desktop width before a conversation is chosen (phones show the list instead). */
export default function MessagesIndex() {
	return (
		<div className="flex flex-1 flex-col items-center justify-center bg-ink-50/60 px-6 text-center">
			<span className="flex h-14 w-14 items-center justify-center rounded-2xl bg-white text-brand-700 shadow-sm ring-1 ring-ink-100">
				<ChatGlyph className="h-7 w-7" />
			</span>
			<h2 className="mt-4 text-lg font-semibold text-ink-950">Pick up a conversation</h2>
			<p className="mt-1 max-w-sm text-sm text-ink-500">
				Choose a conversation on the left, message a connection from their profile, or bring up to twelve peers together
				in a roundtable.
			</p>
			<Link to="/messages/roundtables/new" className={buttonClass('primary', 'mt-6')}>
				Start a roundtable
			</Link>
		</div>
	)
}
