import type { LoaderFunctionArgs } from '@remix-run/node'
import { readProfilePhoto } from '#app/features/members/photos.server.ts'
import { canSeeFullProfile } from '#app/features/members/profile.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

/**
 * A member's photo, for the members who may see their full profile. A photo URL carries its
 * version, so browsers keep it until the member uploads another.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const memberId = params.memberId ?? ''
	const access = canSeeFullProfile(user.id, memberId)
	const photo = access.allowed ? readProfilePhoto(memberId) : undefined
	if (!photo || !access.allowed) return new Response('No photo.', { status: 404 })
	const versioned = new URL(request.url).searchParams.get('v') === String(access.photoVersion)
	return new Response(new Uint8Array(photo.content), {
		headers: {
			'Content-Type': photo.contentType,
			'Content-Length': String(photo.content.byteLength),
			'Cache-Control': versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
		},
	})
}
