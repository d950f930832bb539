/**
 * Writes db/migrations/0001_naics_2022.sql from db/data/naics-2022.csv (US Census Bureau,
 * public domain). Run once when the list changes: `tsx scripts/naics-migration.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { sectorOf } from '../app/features/sectors/naics.ts'

const csv = readFileSync(new URL('../db/data/naics-2022.csv', import.meta.url), 'utf8')

// Every row is `code,title` with the title quoted when it holds a comma (no embedded quotes).
const rowPattern = /^(\d{2}(?:-\d{2})?|\d{3,6}),(?:"([^"]*)"|([^"]*))$/

const rows = csv
	.trim()
	.split(/\r?\n/)
	.slice(1)
	.map((line) => {
		const match = rowPattern.exec(line)
		if (!match) throw new Error(`Unexpected NAICS row: ${line}`)
		return { code: match[1]!, title: (match[2] ?? match[3]!).trim() }
	})

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`
const values = rows.map(
	({ code, title }) => `(${quote(code)}, ${quote(title)}, ${code.length}, ${quote(sectorOf(code))})`,
)
const statements: string[] = []
for (let i = 0; i < values.length; i += 500) {
	statements.push(
		`INSERT INTO naics_codes (code, title, level, sector) VALUES\n${values.slice(i, i + 500).join(',\n')};`,
	)
}
writeFileSync(
	new URL('../db/migrations/0001_naics_2022.sql', import.meta.url),
	`-- NAICS 2022 codes from db/data/naics-2022.csv, written by scripts/naics-migration.ts\n${statements.join('\n--> statement-breakpoint\n')}\n`,
)
console.log(`wrote ${rows.length} NAICS codes`)
