import type { Auth } from './utils/auth.server.ts'

declare module '@remix-run/node' {
	interface AppLoadContext {
		/** The signed-in user and session, validated once per request by server.ts. */
		auth: Auth | null
		cspNonce: string
		client: { ipAddress: string; userAgent: string }
	}
}

export {}
