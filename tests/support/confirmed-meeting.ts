import { randomUUID } from 'node:crypto'
import { meetingParticipants, meetings } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'

const minute = 60_000

/**
 * A confirmed 30-minute meeting inserted straight into the database, as the workflow would leave
 * it: the first person organizes. Returns its id.
 */
export function insertConfirmedMeeting(
	people: readonly { id: string }[],
	startsAt: number,
	options: { id?: string; topic?: string } = {},
) {
	const id = options.id ?? randomUUID()
	db.transaction((tx) => {
		tx.insert(meetings)
			.values({
				id,
				kind: 'direct',
				organizerId: people[0]!.id,
				topic: options.topic ?? 'Retail media budgets',
				status: 'confirmed',
				durationMinutes: 30,
				startsAt: new Date(startsAt),
				endsAt: new Date(startsAt + 30 * minute),
				timeZone: 'Europe/Paris',
				sequence: 1,
			})
			.run()
		tx.insert(meetingParticipants)
			.values(
				people.map(
					(person, index) =>
						({ meetingId: id, userId: person.id, role: index === 0 ? 'organizer' : 'invitee' }) as const,
				),
			)
			.run()
	})
	return id
}
