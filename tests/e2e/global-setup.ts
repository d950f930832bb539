import { buildIfNeeded } from '../../scripts/build-if-needed.ts'
import { findChromium } from '../support/chromium.ts'

/** Once per run: fail fast without a browser, then make sure the production build is current. */
export default function setup() {
	// Throws the install hint ("No Chromium found. Install Debian's package …") when missing.
	findChromium()
	buildIfNeeded()
}
