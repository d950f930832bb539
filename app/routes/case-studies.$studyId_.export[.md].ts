import type { LoaderFunctionArgs } from '@remix-run/node'
import { studyToMarkdown } from '#app/features/case-studies/export.ts'
import { studyNotFound } from '#app/features/case-studies/read-policy.server.ts'
import { getStudyPage } from '#app/features/case-studies/study.server.ts'
import { requireActiveMember } from '#app/utils/auth.server.ts'

/** The study as a Markdown download, through the same read policy as its page (404 otherwise). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user } = requireActiveMember(context.auth, request)
	const page = getStudyPage({ id: user.id, role: user.role }, params.studyId ?? '')
	if (!page) return studyNotFound()
	const { study, author, metrics, channels, tags } = page
	const url = new URL(`/case-studies/${study.id}`, request.url).toString()
	const markdown = studyToMarkdown(
		{ ...study, authorName: author.name, authorCompany: author.company, metrics, channels, tags },
		url,
	)
	const filename = `${
		study.title
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-|-$/g, '')
			.toLowerCase() || 'case-study'
	}.md`
	return new Response(markdown, {
		headers: {
			'Content-Type': 'text/markdown; charset=utf-8',
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'Cache-Control': 'private, no-store',
		},
	})
}
