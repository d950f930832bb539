import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const buildEntry = join(root, 'build/server/index.js')
const inputs = ['app', 'public', 'db', 'vite.config.ts', 'package.json', 'package-lock.json']

function newestInputChange() {
	let newest = 0
	for (const input of inputs) {
		const path = join(root, input)
		if (!existsSync(path)) continue
		const stat = statSync(path)
		if (!stat.isDirectory()) {
			newest = Math.max(newest, stat.mtimeMs)
			continue
		}
		for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
			if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
		}
	}
	return newest
}

/** Runs the production build when there is none, or when a source file is newer than it. */
export function buildIfNeeded() {
	if (existsSync(buildEntry) && statSync(buildEntry).mtimeMs >= newestInputChange()) return false
	console.log('Building Crossroads for production…')
	execFileSync(process.execPath, [join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' },
	})
	return true
}
