import argon2 from 'argon2'

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string) {
	return argon2.hash(password, hashOptions)
}

export function verifyPassword(hash: string, password: string) {
	return argon2.verify(hash, password)
}

/**
 * A real argon2id hash of a random password, verified against when the email is unknown so
 * that a wrong email costs the same time as a wrong password (no account enumeration).
 */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash() {
	decoyHash ??= argon2.hash(crypto.randomUUID(), hashOptions)
	return decoyHash
}
