/**
 * Images added to a published study while moderators review its edits wait with that edit (their
 * `revision_id` is set): only the author and moderators see them. The edit's fate is theirs too:
 * approved, they join the live images; superseded, they move to the newer edit; rejected, they go.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { caseStudyImages } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'

type Transaction = Parameters<Parameters<typeof db.transaction>[0]>[0]

/** Makes the revisions' images live, after the live ones; a cover the author chose among them becomes the cover. */
export function attachPendingImages(tx: Transaction, studyId: string, revisionIds: string[]) {
	if (!revisionIds.length) return
	const pending = tx
		.select({ id: caseStudyImages.id, isCover: caseStudyImages.isCover })
		.from(caseStudyImages)
		.where(and(eq(caseStudyImages.studyId, studyId), inArray(caseStudyImages.revisionId, revisionIds)))
		.orderBy(caseStudyImages.position)
		.all()
	if (!pending.length) return
	const live = tx
		.select({ last: sql<number>`coalesce(max(${caseStudyImages.position}), -1)` })
		.from(caseStudyImages)
		.where(and(eq(caseStudyImages.studyId, studyId), isNull(caseStudyImages.revisionId)))
		.get()!
	if (pending.some((image) => image.isCover))
		tx.update(caseStudyImages)
			.set({ isCover: false })
			.where(and(eq(caseStudyImages.studyId, studyId), isNull(caseStudyImages.revisionId)))
			.run()
	const positions = sql.join(
		pending.map((image, index) => sql`when ${image.id} then ${live.last + 1 + index}`),
		sql` `,
	)
	tx.update(caseStudyImages)
		.set({ revisionId: null, position: sql`case ${caseStudyImages.id} ${positions} end` })
		.where(
			inArray(
				caseStudyImages.id,
				pending.map((image) => image.id),
			),
		)
		.run()
}

/** Hands the images of superseded revisions to the edit that replaces them. */
export function movePendingImages(tx: Transaction, fromRevisionIds: string[], toRevisionId: string) {
	if (!fromRevisionIds.length) return
	tx.update(caseStudyImages)
		.set({ revisionId: toRevisionId })
		.where(inArray(caseStudyImages.revisionId, fromRevisionIds))
		.run()
}

/** Deletes a rejected revision's images: they never went live. */
export function dropPendingImages(tx: Transaction, revisionId: string) {
	tx.delete(caseStudyImages).where(eq(caseStudyImages.revisionId, revisionId)).run()
}

/** The images waiting with a revision, in upload order (for the review page). */
export function pendingImagesOf(revisionId: string) {
	return db
		.select({
			id: caseStudyImages.id,
			alt: caseStudyImages.alt,
			isCover: caseStudyImages.isCover,
			width: caseStudyImages.width,
			height: caseStudyImages.height,
		})
		.from(caseStudyImages)
		.where(eq(caseStudyImages.revisionId, revisionId))
		.orderBy(caseStudyImages.position)
		.all()
}
