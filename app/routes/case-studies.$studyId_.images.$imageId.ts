import type { LoaderFunctionArgs } from '@remix-run/node'
import { readStudyImage } from '#app/features/case-studies/images.server.ts'
import { studyNotFound } from '#app/features/case-studies/read-policy.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

/**
 * A case study's image, for members the read policy lets read the study; 404 for anyone else, as
 * for a missing image. Private caching only, and briefly: access can end when a conflict appears.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const image = readStudyImage({ id: user.id, role: user.role }, params.studyId ?? '', params.imageId ?? '')
	if (!image) return studyNotFound()
	return new Response(new Uint8Array(image.content), {
		headers: {
			'Content-Type': image.contentType,
			'Content-Length': String(image.content.byteLength),
			'Cache-Control': 'private, max-age=600',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
