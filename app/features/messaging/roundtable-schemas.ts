/** Roundtable inputs, shared by the server rules and the browser forms. */
import { z } from 'zod'
import { normalizeMessageText } from './message-text.ts'
import { messagingLimits } from './options.ts'

export const RoundtableTitleSchema = z
	.string({ error: 'Give the roundtable a title.' })
	.transform((text) => normalizeMessageText(text).replace(/\s+/g, ' '))
	.refine((text) => text.length > 0, { error: 'Give the roundtable a title.' })
	.refine((text) => Array.from(text).length <= messagingLimits.roundtableTitle, {
		error: `A title can be at most ${messagingLimits.roundtableTitle} characters.`,
	})

/** Invitees besides the host: at least one, and the room holds at most `roundtableSize` with the host. */
export const maxInvitees = messagingLimits.roundtableSize - 1
