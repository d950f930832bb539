import { eq, sql } from 'drizzle-orm'
import sharp from 'sharp'
import { memberPhotos, memberProfiles } from '#db/schema.ts'
import { db } from '#app/utils/db.server.ts'

export const photoLimits = { maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000, size: 320 } as const
const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'heif'])

export type PhotoOutcome = { ok: true; version: number } | { ok: false; message: string }

/**
 * Checks what the bytes really are (not the file name or the browser's type), then stores a
 * square WebP crop centred on the interesting part. EXIF (location included) is dropped.
 */
export async function saveProfilePhoto(userId: string, bytes: Uint8Array): Promise<PhotoOutcome> {
	if (bytes.byteLength === 0) return { ok: false, message: 'Choose a photo to upload.' }
	if (bytes.byteLength > photoLimits.maxBytes) return { ok: false, message: 'The photo is larger than 5 MB.' }
	let content: Buffer
	try {
		const image = sharp(bytes, { limitInputPixels: photoLimits.maxPixels, failOn: 'error' })
		const { format } = await image.metadata()
		if (!format || !acceptedFormats.has(format))
			return { ok: false, message: 'Upload a JPEG, PNG, WebP, AVIF or GIF image.' }
		content = await image
			.rotate()
			.resize(photoLimits.size, photoLimits.size, { fit: 'cover', position: sharp.strategy.attention })
			.webp({ quality: 82 })
			.toBuffer()
	} catch {
		return { ok: false, message: 'We could not read that image. Upload a JPEG, PNG, WebP, AVIF or GIF file.' }
	}
	const version = db.transaction((tx) => {
		tx.insert(memberPhotos)
			.values({ userId, content, contentType: 'image/webp' })
			.onConflictDoUpdate({ target: memberPhotos.userId, set: { content, updatedAt: new Date() } })
			.run()
		return tx
			.update(memberProfiles)
			.set({ photoVersion: sql`coalesce(${memberProfiles.photoVersion}, 0) + 1` })
			.where(eq(memberProfiles.userId, userId))
			.returning({ version: memberProfiles.photoVersion })
			.get()?.version
	})
	return { ok: true, version: version ?? 1 }
}

export function removeProfilePhoto(userId: string) {
	db.transaction((tx) => {
		tx.delete(memberPhotos).where(eq(memberPhotos.userId, userId)).run()
		tx.update(memberProfiles).set({ photoVersion: null }).where(eq(memberProfiles.userId, userId)).run()
	})
}

export function readProfilePhoto(userId: string) {
	return db
		.select({ content: memberPhotos.content, contentType: memberPhotos.contentType })
		.from(memberPhotos)
		.where(eq(memberPhotos.userId, userId))
		.get()
}
