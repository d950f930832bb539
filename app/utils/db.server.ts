import { remember } from '@epic-web/remember'
import { openDatabase } from '#db/client.ts'
import { getEnv } from './env.server.ts'

const databasePath = getEnv().DATABASE_PATH

/**
 * One connection per database file and process: server.ts (under tsx) and Vite's SSR
 * module graph load separate copies of this module, so the handle lives on globalThis.
 */
export const db = remember(`crossroads-db:${databasePath}`, () => openDatabase(databasePath))

/** Prepares a hot query once, on first use: at import time the tables may not exist yet. */
export function prepareOnce<Statement>(prepare: () => Statement): () => Statement {
	let statement: Statement | undefined
	return () => (statement ??= prepare())
}
