/**
 * A study's uploaded images (at most five, one of them the cover), checked by what the bytes are
 * (not the file name or the browser's type) and stored as WebP at most 1600 px wide. They are
 * served only through the read policy (see routes/case-studies.$studyId_.images.$imageId.ts).
 */
import { and, count, eq, sql } from 'drizzle-orm'
import sharp from 'sharp'
import { caseStudies, caseStudyImages } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'
import { publishedEditsNeedReview } from './authoring.server.ts'
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

/** New images skip review, so they go only where the text changes in place (see authoring.server.ts). */
export function acceptsNewImages(status: CaseStudyStatus, reviewsPublishedEdits: boolean) {
	return isEditableInPlace(status) || (status === 'published' && !reviewsPublishedEdits)
}

/**
 * Adds an image to one of the author's studies. While a published study's edits wait for review,
 * new images would skip that review, so they are refused until the study is withdrawn.
 */
export async function addStudyImage(
	authorId: string,
	studyId: string,
	bytes: Uint8Array,
	details: { alt: string; cover: boolean },
): Promise<ImageOutcome> {
	const study = ownStudy(authorId, studyId)
	if (!study) return notFound
	if (!acceptsNewImages(study.status, publishedEditsNeedReview()))
		return {
			ok: false,
			code: 'refused',
			message:
				study.status === 'published'
					? 'New images on a published case study would skip review: withdraw it to add images.'
					: 'This case study is waiting for review: withdraw it first if you need to change its images.',
		}
	const converted = await toWebp(bytes)
	if (!converted.ok) return { ok: false, code: 'refused', message: converted.message }
	const imageId = `csi_${crypto.randomUUID().replaceAll('-', '')}`
	const added = db.transaction((tx) => {
		const existing = tx
			.select({ total: count(), last: sql<number>`coalesce(max(${caseStudyImages.position}), -1)` })
			.from(caseStudyImages)
			.where(eq(caseStudyImages.studyId, studyId))
			.get()!
		if (existing.total >= studyLimits.images) return false
		const isCover = details.cover || existing.total === 0
		if (isCover) tx.update(caseStudyImages).set({ isCover: false }).where(eq(caseStudyImages.studyId, studyId)).run()
		tx.insert(caseStudyImages)
			.values({
				id: imageId,
				studyId,
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

/** Removing is always allowed: it can only make a study show less. */
export function removeStudyImage(authorId: string, studyId: string, imageId: string): ImageOutcome {
	if (!ownStudy(authorId, studyId)) return notFound
	const removed = db
		.delete(caseStudyImages)
		.where(and(eq(caseStudyImages.id, imageId), eq(caseStudyImages.studyId, studyId)))
		.run()
	return removed.changes ? { ok: true } : { ok: false, code: 'not-found', message: 'That image is already gone.' }
}

/** Makes one of the study's images its cover (an image already reviewed, so allowed in every status). */
export function setCoverImage(authorId: string, studyId: string, imageId: string): ImageOutcome {
	if (!ownStudy(authorId, studyId)) return notFound
	return db.transaction((tx) => {
		const image = tx
			.select({ id: caseStudyImages.id })
			.from(caseStudyImages)
			.where(and(eq(caseStudyImages.id, imageId), eq(caseStudyImages.studyId, studyId)))
			.get()
		if (!image) return { ok: false, code: 'not-found', message: 'That image is already gone.' } as const
		tx.update(caseStudyImages)
			.set({ isCover: sql`${caseStudyImages.id} = ${imageId}` })
			.where(eq(caseStudyImages.studyId, studyId))
			.run()
		return { ok: true } as const
	})
}

/** The image's bytes, for a viewer the read policy lets read its study; undefined otherwise (a 404). */
export function readStudyImage(viewer: Viewer, studyId: string, imageId: string) {
	if (!readStudyAccess(viewer, studyId).allowed) return undefined
	return db
		.select({ content: caseStudyImages.content, contentType: caseStudyImages.contentType })
		.from(caseStudyImages)
		.where(and(eq(caseStudyImages.id, imageId), eq(caseStudyImages.studyId, studyId)))
		.get()
}
