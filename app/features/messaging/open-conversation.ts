/**
 * Which conversation this tab shows right now (browser only). The header badge skips messages
 * that land in the conversation the member is looking at: that view marks them read itself.
 */
let openConversationId: string | null = null

export function setOpenConversation(conversationId: string | null) {
	openConversationId = conversationId
}

export function isConversationInView(conversationId: string) {
	return (
		openConversationId === conversationId && typeof document !== 'undefined' && document.visibilityState === 'visible'
	)
}
