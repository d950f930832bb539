import { remember } from '@epic-web/remember'
import type { Statement } from 'better-sqlite3'
import type { SQL } from 'drizzle-orm'
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core'
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

const dialect = new SQLiteSyncDialect()
const statements = new Map<string, Statement>()

/** The statement for a hand-written query, prepared once per distinct SQL text (the parameters vary, the text rarely). */
function statementFor(query: SQL) {
	const { sql: text, params } = dialect.sqlToQuery(query)
	let statement = statements.get(text)
	if (statement) statements.delete(text)
	else statement = db.$client.prepare(text)
	// Most recently used last, so the oldest go first when the cache is full.
	statements.set(text, statement)
	if (statements.size > 200) statements.delete(statements.keys().next().value!)
	return { statement, params }
}

/** db.all for a hot hand-written query, without preparing it again on every call. */
export function allRows<Row>(query: SQL): Row[] {
	const { statement, params } = statementFor(query)
	return statement.all(...params) as Row[]
}

/** db.get for a hot hand-written query, without preparing it again on every call. */
export function firstRow<Row>(query: SQL): Row | undefined {
	const { statement, params } = statementFor(query)
	return statement.get(...params) as Row | undefined
}

const readDataVersion = prepareOnce(() =>
	db.$client.prepare<[], { changes: number; version: number }>(
		'select total_changes() as changes, data_version as version from pragma_data_version',
	),
)

/**
 * Changes whenever data may have changed: a write on this connection (total_changes, triggers
 * included) or a commit by any other connection or process (data_version).
 */
export function dataVersion() {
	const { changes, version } = readDataVersion().get()!
	return `${version}:${changes}`
}

/**
 * A cache of viewer-independent values that empties itself on the next write to the database, so
 * it never serves stale data. Inside a transaction it always recomputes: a rollback does not
 * change the data version back.
 */
export function cacheUntilWrite<Value>(maxEntries = 500) {
	let version: string | undefined
	const values = new Map<string, Value>()
	return (key: string, compute: () => Value): Value => {
		if (db.$client.inTransaction) return compute()
		const current = dataVersion()
		if (current !== version) {
			values.clear()
			version = current
		}
		if (values.has(key)) return values.get(key)!
		const value = compute()
		if (values.size >= maxEntries) values.delete(values.keys().next().value!)
		values.set(key, value)
		return value
	}
}
