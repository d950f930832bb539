/**
 * Messaging demo data, seeded last: the demo member's direct conversations with four connections,
 * a roundtable she hosts (four joined, one invitation waiting), a roundtable another member
 * invited her to, read positions that leave a few messages unread, one edited and one deleted
 * message, and one reported message in the moderation queue. Everyone is picked from the seeded
 * connections in id order and every pair sharing a conversation is checked against the policy,
 * so the same seed always yields the same rows and never seats two competitors together.
 */
import { and, eq, or } from 'drizzle-orm'
import type { AppDatabase } from './client.ts'
import { conflictFreePairs } from './seed-policy.ts'
import { connections, conversationMembers, conversations, messages, notifications, reports, users } from './schema.ts'

export const messagingSeed = {
	directConversations: 4,
	hostedRoundtable: { title: 'Loyalty leaders roundtable', joined: 4, invited: 1 },
	invitation: { title: 'Retail media measurement circle' },
	openReports: 1,
} as const

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

/** Who says what, by turn: 0 is the demo member, 1… the others in the order they were picked. */
type Line = { from: number; text: string; edited?: string; deleted?: true; gap?: number }

const directScripts: Line[][] = [
	[
		{
			from: 1,
			text: 'Thanks for connecting, Maya! I saw your talk on private-label loyalty. Did the points-to-price switch hold up after the first quarter?',
		},
		{
			from: 0,
			text: 'It did — churn among top-tier members is down about 9% since we moved from points to member prices. The hard part was the finance model, not the shoppers.',
		},
		{
			from: 1,
			text: 'That matches what our CFO worries about. How did you account for the margin you give up on member prices?',
		},
		{
			from: 0,
			text: 'We treat it as a marketing cost against incremental visits, with a holdout region as the baseline. Happy to walk you through the dashboard.',
			edited:
				'We treat it as a marketing cost against incremental visits, with a holdout region as the baseline. Happy to walk you through the dashboard next week.',
		},
		{ from: 1, text: 'Yes please. Thursday after 3pm CET works for me.', gap: 2 * hour },
		{
			from: 1,
			text: 'Also — would you share the holdout design doc? Only the method, nothing with numbers.',
			gap: day,
		},
	],
	[
		{ from: 0, text: 'Hi! Quick question: who runs your retail media buying, in-house or an agency?' },
		{
			from: 1,
			text: 'In-house since last year. We kept the agency for creative only. Saved us about a fifth of the fees, but we had to hire two analysts.',
		},
		{ from: 0, text: 'Interesting. Did the analysts come from media or from data science?' },
		{
			from: 1,
			text: 'One of each. The media person taught the data scientist what a frequency cap is; it went both ways.',
		},
		{ from: 1, text: 'Ignore my last message, sent to the wrong chat.', deleted: true },
		{ from: 0, text: 'Ha, no worries. Thanks — that helps me make the case internally.' },
	],
	[
		{ from: 1, text: 'Maya, are you going to the Amsterdam CMO summit in March?' },
		{ from: 0, text: 'Planning to. Are you speaking?' },
		{
			from: 1,
			text: 'On a panel about first-party data after the cookie deadline. Would love a grocery perspective in the Q&A if you are there.',
		},
		{ from: 1, text: 'I can put you on the list for the speakers’ dinner too.', gap: 3 * hour },
		{ from: 1, text: 'Let me know by Friday so I can confirm numbers with the organisers.', gap: day },
	],
	[
		{
			from: 0,
			text: 'Your case study on the sustainability label was great. How did you get legal comfortable with the claims?',
		},
		{
			from: 1,
			text: 'We only claimed what a third party audited, and we put the audit summary one click away. Legal signed off once the source was external.',
		},
		{ from: 0, text: 'Smart. We are about to do the same for our own-brand packaging.' },
		{
			from: 1,
			text: 'Start with one category. We tried five at once and the supply chain data was not ready for three of them.',
		},
	],
]

const roundtableScript: Line[] = [
	{
		from: 0,
		text: 'Welcome, everyone! The idea: a small group of us who run loyalty programmes, trading notes once a month. No vendors, no pitches.',
	},
	{
		from: 1,
		text: 'Thanks for setting this up, Maya. First topic suggestion: how do you each value a loyalty member in the P&L?',
	},
	{
		from: 2,
		text: 'We use a 3-year customer lifetime value, discounted at our cost of capital. Finance only trusted it after we back-tested it on 2021 data.',
	},
	{ from: 3, text: 'We still report on sales per member, honestly. Lifetime value is on the roadmap for next year.' },
	{ from: 4, text: 'Looking for a freelance CRM consultant? My brother-in-law has availability, DM me for his rates!' },
	{
		from: 0,
		text: 'Let’s keep it to our own experience, please. Next session: personalisation without creeping people out. I’ll send a short agenda.',
	},
	{
		from: 2,
		text: 'Good one. We pulled back on “we noticed you…” emails after complaints; happy to share what replaced them.',
		gap: day,
	},
]

const invitationScript: Line[] = [
	{
		from: 1,
		text: 'Kicking this off: the goal is one shared way to measure retail media incrementality across our categories.',
	},
	{ from: 2, text: 'Count me in. We have been burned by retailer-reported ROAS more than once.' },
]

type Pick = { userId: string; name: string; since: number }

/** Messages as the app stores them, with times, edits, deletions and the FTS index kept in step by triggers. */
function writeMessages(
	db: AppDatabase,
	state: { nextId: number; nextChange: number; pendingChanges: number[] },
	conversationId: string,
	people: Pick[],
	script: Line[],
	startAt: number,
) {
	let at = startAt
	const written: Array<{ id: number; from: number; createdAt: number }> = []
	for (const line of script) {
		at += line.gap ?? 7 * minute + (written.length % 3) * 4 * minute
		const id = state.nextId++
		const sender = people[line.from]!
		db.insert(messages)
			.values({
				id,
				conversationId,
				senderId: sender.userId,
				clientId: `seed_message_${String(id).padStart(4, '0')}`,
				body: line.deleted ? '' : (line.edited ?? line.text),
				createdAt: new Date(at),
				editedAt: line.edited ? new Date(at + 3 * minute) : null,
				deletedAt: line.deleted ? new Date(at + 2 * minute) : null,
				changeId: state.nextChange++,
			})
			.run()
		// An edit or deletion is a later change than the message itself.
		if (line.edited || line.deleted) state.pendingChanges.push(id)
		written.push({ id, from: line.from, createdAt: at })
	}
	const last = written.at(-1)!
	db.update(conversations)
		.set({ lastMessageId: last.id, lastActivityAt: new Date(last.createdAt) })
		.where(eq(conversations.id, conversationId))
		.run()
	return written
}

/**
 * Read positions: everyone has read up to their own last message or later; the demo member
 * (turn 0) leaves the last `unreadForMember` messages of the others unread.
 */
function setReadPositions(
	db: AppDatabase,
	conversationId: string,
	people: Pick[],
	written: Array<{ id: number; from: number }>,
	unreadForMember: number,
	readers: readonly number[],
) {
	const lastId = written.at(-1)!.id
	for (const turn of readers) {
		const own = written.filter((line) => line.from === turn).at(-1)?.id ?? 0
		const lastRead =
			turn === 0 && unreadForMember > 0 ? Math.max(own, written.at(-1 - unreadForMember)?.id ?? 0) : lastId
		db.update(conversationMembers)
			.set({ lastReadMessageId: lastRead })
			.where(
				and(
					eq(conversationMembers.conversationId, conversationId),
					eq(conversationMembers.userId, people[turn]!.userId),
				),
			)
			.run()
	}
}

export type MessagingSeedFacts = { policyNow: number; demoMemberId: string }

/** One transaction: a few hundred small writes. */
export function seedMessaging(db: AppDatabase, facts: MessagingSeedFacts) {
	return db.$client.transaction(() => writeMessagingSeed(db, facts))()
}

function writeMessagingSeed(db: AppDatabase, facts: MessagingSeedFacts) {
	const meets = conflictFreePairs(db, facts.policyNow)
	const meetsAll = (id: string, group: readonly Pick[]) => group.every((member) => meets(id, member.userId))

	const people = new Map(
		db
			.select({ id: users.id, name: users.name, status: users.status })
			.from(users)
			.all()
			.map((row) => [row.id, row]),
	)
	/** Accepted connections of a member with an active partner they may meet, in partner id order. */
	const partnersOf = (userId: string): Pick[] =>
		db
			.select({
				requesterId: connections.requesterId,
				addresseeId: connections.addresseeId,
				respondedAt: connections.respondedAt,
			})
			.from(connections)
			.where(
				and(
					eq(connections.status, 'accepted'),
					or(eq(connections.requesterId, userId), eq(connections.addresseeId, userId)),
				),
			)
			.all()
			.map((row) => ({
				userId: row.requesterId === userId ? row.addresseeId : row.requesterId,
				since: row.respondedAt?.getTime() ?? 0,
			}))
			.flatMap((partner) => {
				const person = people.get(partner.userId)
				return person?.status === 'active' && meets(userId, partner.userId) ? [{ ...partner, name: person.name }] : []
			})
			.sort((a, b) => a.userId.localeCompare(b.userId))

	const maya: Pick = { userId: facts.demoMemberId, name: people.get(facts.demoMemberId)!.name, since: 0 }
	const partners = partnersOf(maya.userId)
	if (partners.length < messagingSeed.directConversations + 1)
		throw new Error('The demo member needs more connections for the messaging seed')

	const state = { nextId: 1, nextChange: 1, pendingChanges: [] as number[] }
	let conversationCount = 0
	const startOf = (group: readonly Pick[]) => Math.max(...group.map((person) => person.since)) + day

	function addConversation(
		kind: 'direct' | 'roundtable',
		people: Pick[],
		options: { title?: string; host?: Pick; invited?: Pick[] } = {},
	) {
		const everyone = [...people, ...(options.invited ?? [])]
		for (let i = 0; i < everyone.length; i++)
			for (let j = i + 1; j < everyone.length; j++)
				if (!meets(everyone[i]!.userId, everyone[j]!.userId))
					throw new Error(
						`Seeded conversation would join a conflicted pair: ${everyone[i]!.userId}, ${everyone[j]!.userId}`,
					)
		conversationCount += 1
		const id = `cnv_seed_${String(conversationCount).padStart(4, '0')}`
		const createdAt = new Date(startOf(people))
		const host = options.host ?? people[0]!
		db.insert(conversations)
			.values({
				id,
				kind,
				pairKey: kind === 'direct' ? [people[0]!.userId, people[1]!.userId].sort().join('|') : null,
				title: options.title ?? '',
				createdBy: host.userId,
				lastActivityAt: createdAt,
				createdAt,
			})
			.run()
		db.insert(conversationMembers)
			.values([
				...people.map((person) => ({
					conversationId: id,
					userId: person.userId,
					role: kind === 'roundtable' && person.userId === host.userId ? ('host' as const) : ('member' as const),
					status: 'joined' as const,
					invitedBy: kind === 'roundtable' && person.userId !== host.userId ? host.userId : null,
					createdAt,
					updatedAt: createdAt,
				})),
				...(options.invited ?? []).map((person) => ({
					conversationId: id,
					userId: person.userId,
					status: 'invited' as const,
					invitedBy: host.userId,
					createdAt,
					updatedAt: createdAt,
				})),
			])
			.run()
		return { id, createdAt: createdAt.getTime() }
	}

	// Direct conversations: the first four connections; the first and third end with unread messages.
	const unreadByConversation = [2, 0, 2, 0]
	partners.slice(0, messagingSeed.directConversations).forEach((partner, index) => {
		const pair = [maya, partner]
		const conversation = addConversation('direct', pair)
		const written = writeMessages(db, state, conversation.id, pair, directScripts[index]!, conversation.createdAt)
		setReadPositions(db, conversation.id, pair, written, unreadByConversation[index]!, [0, 1])
	})

	// The roundtable Maya hosts: connections of hers who may all meet one another, in id order.
	const seated: Pick[] = []
	for (const partner of partners)
		if (seated.length < messagingSeed.hostedRoundtable.joined + messagingSeed.hostedRoundtable.invited)
			if (meetsAll(partner.userId, seated)) seated.push(partner)
	if (seated.length < messagingSeed.hostedRoundtable.joined + messagingSeed.hostedRoundtable.invited)
		throw new Error('Not enough compatible connections for the hosted roundtable')
	const joined = [maya, ...seated.slice(0, messagingSeed.hostedRoundtable.joined)]
	const waiting = seated.slice(messagingSeed.hostedRoundtable.joined)
	const hosted = addConversation('roundtable', joined, {
		title: messagingSeed.hostedRoundtable.title,
		host: maya,
		invited: waiting,
	})
	const roundtableLines = writeMessages(db, state, hosted.id, joined, roundtableScript, hosted.createdAt)
	setReadPositions(db, hosted.id, joined, roundtableLines, 1, [0, 1, 2, 3, 4])
	for (const person of waiting)
		db.insert(notifications)
			.values({
				userId: person.userId,
				kind: 'roundtable-invited',
				title: `${maya.name} invited you to a roundtable`,
				body: messagingSeed.hostedRoundtable.title,
				link: `/messages/${hosted.id}`,
				createdAt: new Date(hosted.createdAt),
			})
			.run()

	// The pitch in the roundtable, reported by Maya: an open report for the moderators.
	const pitch = roundtableLines[roundtableScript.findIndex((line) => line.text.startsWith('Looking for a freelance'))]!
	db.insert(reports)
		.values({
			reporterId: maya.userId,
			targetType: 'message',
			targetId: String(pitch.id),
			reason: 'spam',
			note: 'We agreed this room is pitch-free.',
			createdAt: new Date(pitch.createdAt + 20 * minute),
		})
		.run()

	// An invitation to Maya: the first connection of hers who hosts a room with others she may meet.
	for (const host of partners) {
		const guest = partnersOf(host.userId).find(
			(candidate) => candidate.userId !== maya.userId && meets(candidate.userId, maya.userId),
		)
		if (!guest) continue
		const turns = [maya, host, guest]
		const room = addConversation('roundtable', [host, guest], {
			title: messagingSeed.invitation.title,
			host,
			invited: [maya],
		})
		// Turn 0 (Maya) is only invited: she neither writes nor reads yet.
		const written = writeMessages(db, state, room.id, turns, invitationScript, room.createdAt)
		setReadPositions(db, room.id, turns, written, 0, [1, 2])
		db.insert(notifications)
			.values({
				userId: maya.userId,
				kind: 'roundtable-invited',
				title: `${host.name} invited you to a roundtable`,
				body: messagingSeed.invitation.title,
				link: `/messages/${room.id}`,
				createdAt: new Date(room.createdAt),
			})
			.run()
		break
	}

	for (const id of state.pendingChanges)
		db.update(messages).set({ changeId: state.nextChange++ }).where(eq(messages.id, id)).run()
	return { conversations: conversationCount, messages: state.nextId - 1 }
}
