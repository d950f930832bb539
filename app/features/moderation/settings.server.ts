/** Moderator settings (one row, id 1): whether edits of a published study wait for review. */
import { eq } from 'drizzle-orm'
import { moderationSettings, users } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { recordModeratorAction } from './audit.server.ts'

export function getModerationSettings() {
	const row = db
		.select({
			reviewPublishedEdits: moderationSettings.reviewPublishedEdits,
			updatedAt: moderationSettings.updatedAt,
			updatedBy: moderationSettings.updatedBy,
			updatedByName: users.name,
		})
		.from(moderationSettings)
		.leftJoin(users, eq(users.id, moderationSettings.updatedBy))
		.where(eq(moderationSettings.id, 1))
		.get()
	return {
		reviewPublishedEdits: row?.reviewPublishedEdits ?? true,
		// Null while nobody changed the defaults the migration inserted.
		updatedAt: row?.updatedBy ? row.updatedAt : null,
		updatedByName: row?.updatedBy ? (row.updatedByName ?? 'a former moderator') : null,
	}
}

/** Saves the setting and audits the change (an unchanged value is saved and audited too: someone confirmed it). */
export function updateModerationSettings(
	moderatorId: string,
	input: { reviewPublishedEdits: boolean; reason?: string },
	now = Date.now(),
) {
	return db.transaction((tx) => {
		const previous =
			tx
				.select({ reviewPublishedEdits: moderationSettings.reviewPublishedEdits })
				.from(moderationSettings)
				.where(eq(moderationSettings.id, 1))
				.get()?.reviewPublishedEdits ?? true
		const values = {
			reviewPublishedEdits: input.reviewPublishedEdits,
			updatedAt: new Date(now),
			updatedBy: moderatorId,
		}
		tx.insert(moderationSettings)
			.values({ id: 1, ...values })
			.onConflictDoUpdate({ target: moderationSettings.id, set: values })
			.run()
		recordModeratorAction(
			tx,
			{
				actorId: moderatorId,
				action: 'settings.update',
				targetType: 'settings',
				targetId: 'moderation',
				reason: input.reason ?? '',
				details: { reviewPublishedEdits: { from: previous, to: input.reviewPublishedEdits } },
			},
			now,
		)
		return { previous, current: input.reviewPublishedEdits }
	})
}
