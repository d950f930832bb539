import { eq } from 'drizzle-orm'
import { memberProfiles } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'

/** The member's own IANA time zone, in which we show them every time; UTC if unknown. */
export function getMemberTimeZone(userId: string): string {
	return (
		db.select({ timeZone: memberProfiles.timeZone }).from(memberProfiles).where(eq(memberProfiles.userId, userId)).get()
			?.timeZone ?? 'UTC'
	)
}
