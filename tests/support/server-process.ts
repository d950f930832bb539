import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

export type ServerProcess = {
	url: string
	port: number
	process: ChildProcess
	output: () => string
	/** SIGTERM, then resolves with the exit code once the process has shut down. */
	stop: () => Promise<number | null>
}

/**
 * Runs the real production server (server.ts over the build) as its own process, the way
 * `npm start` does, on a free port and the given database file.
 */
export async function startServerProcess(options: {
	databasePath: string
	seed?: boolean
	env?: Record<string, string>
	/** Extra flags for node, e.g. --expose-gc for the benchmark's memory figures. */
	nodeArgs?: string[]
}): Promise<ServerProcess> {
	const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server.ts'], {
		cwd: root,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_PATH: options.databasePath,
			SEED_DEMO_DATA: options.seed ? 'true' : 'false',
			LOG_LEVEL: 'info',
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout.on('data', (chunk) => (output += chunk))
	child.stderr.on('data', (chunk) => (output += chunk))

	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Server did not start in 60 s:\n${output}`)), 60_000)
		child.stdout.on('data', () => {
			const match = /listening on http:\/\/localhost:(\d+)/.exec(output)
			if (match) {
				clearTimeout(timer)
				resolve(Number(match[1]))
			}
		})
		child.once('exit', (code) => {
			clearTimeout(timer)
			reject(new Error(`Server exited with ${code} before listening:\n${output}`))
		})
	})

	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
	return {
		url: `http://localhost:${port}`,
		port,
		process: child,
		output: () => output,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM')
			return exited
		},
	}
}
