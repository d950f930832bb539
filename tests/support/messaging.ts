import { randomUUID } from 'node:crypto'
import {
	requestConnection,
	respondToConnection,
	connectionBetween,
} from '#app/features/connections/connections.server.ts'
import { openDirectConversation } from '#app/features/messaging/messaging.server.ts'
import { createUser } from './factories.ts'

/** Two connected members of different sectors, with their direct conversation open. */
export async function createConnectedPair(
	overrides: { first?: Parameters<typeof createUser>[0]; second?: Parameters<typeof createUser>[0] } = {},
) {
	const first = await createUser({ sectorCode: '445110', ...overrides.first })
	const second = await createUser({ sectorCode: '541810', ...overrides.second })
	connect(first.id, second.id)
	const opened = openDirectConversation(first.id, second.id)
	if (!opened.ok) throw new Error(`Could not open the conversation: ${opened.message}`)
	return { first, second, conversationId: opened.data.conversationId }
}

/** Connects two members (request and accept), throwing if the policy or state refuses. */
export function connect(requesterId: string, addresseeId: string) {
	const requested = requestConnection(requesterId, addresseeId, '')
	if (!requested.ok) throw new Error(`Connection refused: ${requested.message}`)
	const connection = connectionBetween(requesterId, addresseeId)!
	if (connection.status === 'accepted') return
	const accepted = respondToConnection(addresseeId, connection.id, 'accept')
	if (!accepted.ok) throw new Error(`Connection not accepted: ${accepted.message}`)
}

export const newClientId = () => randomUUID()
