/**
 * A study's uploaded images (at most five, one of them the cover), checked by what the bytes are
 * (not the file name or the browser's type) and stored as WebP at most 1600 px wide. They are
 * served only through the read policy (see routes/case-studies.$studyId_.images.$imageId.ts).
 * New images of a published study whose edits moderators review wait with the open edit (see
 * pending-images.server.ts): only the author and moderators see them until it is approved.
 */
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import sharp from 'sharp'
import { caseStudies, caseStudyImages } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { openRevisionFor, publishedEditsNeedReview } from './authoring.server.ts'
import { readStudyAccess, type Viewer } from './read-policy.server.ts'
import { studyLimits } from './schemas.ts'
import { isEditableInPlace, type CaseStudyStatus } from './workflow.ts'

export const imageLimits = { maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000, maxWidth: 1600 } as const
const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'heif'])

export type ImageOutcome =
	{ ok: true; imageId?: string } | { ok: false; code: 'not-found' | 'refused'; message: string }

const notFound = {
	ok: false,
	code: 'not-found',
	message: 'This case study does not exist or is not yours to change.',
} as const

function ownStudy(authorId: string, studyId: string) {
	return db
		.select({ status: caseStudies.status })
		.from(caseStudies)
		.where(and(eq(caseStudies.id, studyId), eq(caseStudies.authorId, authorId)))
		.get()
}

/** Bytes checked and converted, or why not. */
async function toWebp(bytes: Uint8Array) {
	if (bytes.byteLength === 0) return { ok: false as const, message: 'Choose an image to upload.' }
	if (bytes.byteLength > imageLimits.maxBytes) return { ok: false as const, message: 'The image is larger than 5 MB.' }
	try {
		const image = sharp(bytes, { limitInputPixels: imageLimits.maxPixels, failOn: 'error' })
		const { format } = await image.metadata()
		if (!format || !acceptedFormats.has(format))
			return { ok: false as const, message: 'Upload a JPEG, PNG, WebP, AVIF or GIF image.' }
		const { data, info } = await image
			.rotate()
			.resize({ width: imageLimits.maxWidth, withoutEnlargement: true })
			.webp({ quality: 82 })
			.toBuffer({ resolveWithObject: true })
		return { ok: true as const, content: data, width: info.width, height: info.height }
	} catch {
		return {
			ok: false as const,
			message: 'We could not read that image. Upload a JPEG, PNG, WebP, AVIF or GIF file of at most 40 megapixels.',
		}
	}
}

/** Images are added where the text changes (in place, or in a published study's edit); not while a study waits for review. */
export function acceptsNewImages(status: CaseStudyStatus) {
	return isEditableInPlace(status) || status === 'published'
}

/**
 * Adds an image to one of the author's studies. On a published study whose edits moderators
 * review, the image waits with the open edit (one of images only when there is none).
 */
export async function addStudyImage(
	authorId: string,
	studyId: string,
	bytes: Uint8Array,
	details: { alt: string; cover: boolean },
): Promise<ImageOutcome> {
	const study = ownStudy(authorId, studyId)
	if (!study) return notFound
	if (!acceptsNewImages(study.status))
		return {
			ok: false,
			code: 'refused',
			message: 'This case study is waiting for review: withdraw it first if you need to change its images.',
		}
	const converted = await toWebp(bytes)
	if (!converted.ok) return { ok: false, code: 'refused', message: converted.message }
	const imageId = `csi_${crypto.randomUUID().replaceAll('-', '')}`
	const waitsForReview = study.status === 'published' && publishedEditsNeedReview()
	const added = db.transaction((tx) => {
		// Live and waiting images count alike: approval must never take a study past the limit.
		const existing = tx
			.select({ total: count(), last: sql<number>`coalesce(max(${caseStudyImages.position}), -1)` })
			.from(caseStudyImages)
			.where(eq(caseStudyImages.studyId, studyId))
			.get()!
		if (existing.total >= studyLimits.images) return false
		const revisionId = waitsForReview ? openRevisionFor(tx, studyId) : null
		const isCover = details.cover || existing.total === 0
		// A waiting cover replaces the live one only when its edit is approved.
		if (isCover)
			tx.update(caseStudyImages)
				.set({ isCover: false })
				.where(
					and(eq(caseStudyImages.studyId, studyId), revisionId ? isNotNull(caseStudyImages.revisionId) : undefined),
				)
				.run()
		tx.insert(caseStudyImages)
			.values({
				id: imageId,
				studyId,
				revisionId,
				position: existing.last + 1,
				isCover,
				content: converted.content,
				contentType: 'image/webp',
				width: converted.width,
				height: converted.height,
				alt: details.alt,
			})
			.run()
		return true
	})
	if (!added)
		return {
			ok: false,
			code: 'refused',
			message: `A case study has at most ${studyLimits.images} images: remove one first.`,
		}
	return { ok: true, imageId }
}

/** Removing is always allowed (an image waiting for review too): it can only make a study show less. */
export function removeStudyImage(authorId: string, studyId: string, imageId: string): ImageOutcome {
	if (!ownStudy(authorId, studyId)) return notFound
	const removed = db
		.delete(caseStudyImages)
		.where(and(eq(caseStudyImages.id, imageId), eq(caseStudyImages.studyId, studyId)))
		.run()
	return removed.changes ? { ok: true } : { ok: false, code: 'not-found', message: 'That image is already gone.' }
}

/**
 * Makes one of the study's images its cover: a live image at once (it was reviewed, so in every
 * status); an image waiting for review once its edit is approved, the live cover staying till then.
 */
export function setCoverImage(authorId: string, studyId: string, imageId: string): ImageOutcome {
	if (!ownStudy(authorId, studyId)) return notFound
	return db.transaction((tx) => {
		const image = tx
			.select({ id: caseStudyImages.id, revisionId: caseStudyImages.revisionId })
			.from(caseStudyImages)
			.where(and(eq(caseStudyImages.id, imageId), eq(caseStudyImages.studyId, studyId)))
			.get()
		if (!image) return { ok: false, code: 'not-found', message: 'That image is already gone.' } as const
		tx.update(caseStudyImages)
			.set({ isCover: sql`${caseStudyImages.id} = ${imageId}` })
			.where(
				and(eq(caseStudyImages.studyId, studyId), image.revisionId ? isNotNull(caseStudyImages.revisionId) : undefined),
			)
			.run()
		return { ok: true } as const
	})
}

/**
 * The image's bytes, for a viewer the read policy lets read its study (an image waiting for review
 * only for the author and moderators); undefined otherwise (a 404).
 */
export function readStudyImage(viewer: Viewer, studyId: string, imageId: string) {
	const access = readStudyAccess(viewer, studyId)
	if (!access.allowed) return undefined
	return db
		.select({ content: caseStudyImages.content, contentType: caseStudyImages.contentType })
		.from(caseStudyImages)
		.where(
			and(
				eq(caseStudyImages.id, imageId),
				eq(caseStudyImages.studyId, studyId),
				access.asAuthor || access.asReviewer ? undefined : isNull(caseStudyImages.revisionId),
			),
		)
		.get()
}
