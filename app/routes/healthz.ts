import { checkHealth } from '#app/utils/health.server.ts'

export async function loader() {
	const health = checkHealth()
	return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
