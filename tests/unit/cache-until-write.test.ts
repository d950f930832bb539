import Database from 'better-sqlite3'
import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { policySettings } from '#db/schema.ts'
import { allRows, cacheUntilWrite, db, firstRow } from '#app/utils/db.server.ts'

// A real SQLite file (the per-test-file copy): the cache is only as good as its write detection.
const coolingOff = () => db.select().from(policySettings).where(eq(policySettings.id, 1)).get()?.coolingOffMonths

function countingCache() {
	const cache = cacheUntilWrite<number | undefined>()
	let computed = 0
	const read = () =>
		cache('cooling-off', () => {
			computed += 1
			return coolingOff()
		})
	return { read, computed: () => computed }
}

test('a value is kept until the next write on this connection, whatever table it touches', () => {
	db.insert(policySettings).values({ id: 1, coolingOffMonths: 12 }).onConflictDoNothing().run()
	const { read, computed } = countingCache()
	expect(read()).toBe(12)
	expect(read()).toBe(12)
	expect(computed()).toBe(1)
	db.update(policySettings).set({ coolingOffMonths: 18 }).where(eq(policySettings.id, 1)).run()
	expect(read()).toBe(18)
	expect(computed()).toBe(2)
	db.run(sql`create temp table if not exists unrelated (x integer)`)
	db.run(sql`insert into unrelated values (1)`)
	read()
	expect(computed()).toBe(3)
})

test('a commit by another connection (another process, a script) empties it too', () => {
	db.insert(policySettings).values({ id: 1, coolingOffMonths: 12 }).onConflictDoNothing().run()
	const { read } = countingCache()
	const before = read()
	const other = new Database(process.env.DATABASE_PATH!)
	try {
		other.prepare('update policy_settings set cooling_off_months = cooling_off_months + 1 where id = 1').run()
	} finally {
		other.close()
	}
	expect(read()).toBe(before! + 1)
})

test('inside a transaction it recomputes and keeps nothing, so a rollback cannot leave a stale value', () => {
	db.insert(policySettings).values({ id: 1, coolingOffMonths: 12 }).onConflictDoNothing().run()
	const { read } = countingCache()
	const before = read()
	expect(() =>
		db.transaction((tx) => {
			tx.update(policySettings).set({ coolingOffMonths: 99 }).where(eq(policySettings.id, 1)).run()
			expect(read()).toBe(99)
			throw new Error('roll back')
		}),
	).toThrow('roll back')
	expect(read()).toBe(before)
})

test('hand-written queries through the statement cache read the same rows as db.all and db.get', () => {
	const query = (id: number) => sql`select id, cooling_off_months as months from policy_settings where id = ${id}`
	expect(allRows(query(1))).toEqual(db.all(query(1)))
	expect(firstRow(query(1))).toEqual(db.get(query(1)))
	expect(firstRow(query(2))).toBeUndefined()
})
