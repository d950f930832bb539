import Bowser from 'bowser'

/** A short, human name for a session's browser and system ("Chrome on macOS"). */
export function describeUserAgent(userAgent: string) {
	if (!userAgent) return 'Unknown device'
	const { browser, os } = Bowser.parse(userAgent)
	return `${browser.name ?? 'Unknown browser'} on ${os.name ?? 'an unknown system'}`
}
