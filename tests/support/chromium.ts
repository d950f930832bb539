import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const candidates = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
]

/** Debian's Chromium (or CHROMIUM_PATH); playwright-core never downloads a browser of its own. */
export function findChromium(): string {
	const found = candidates.find((path): path is string => Boolean(path && existsSync(path)))
	if (!found) {
		throw new Error(
			"No Chromium found. Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
		)
	}
	return found
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: findChromium(),
		headless: true,
		// Flags for a closed network and a root sandbox: no background calls home, no setuid sandbox.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	})
}
