/**
 * Message text: plain text with line breaks, where web addresses become links. Pure, so the server
 * (validation) and the browser (rendering) agree on what a message is.
 */
import { z } from 'zod'
import { messagingLimits } from './options.ts'

/** Control characters other than tab and newline are dropped; Windows and old Mac line ends become "\n". */
export function normalizeMessageText(text: string) {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '')
		.trim()
}

export const MessageBodySchema = z
	.string({ error: 'Write a message.' })
	.transform(normalizeMessageText)
	.refine((text) => text.length > 0, { error: 'Write a message.' })
	.refine((text) => Array.from(text).length <= messagingLimits.messageLength, {
		error: `A message can be at most ${messagingLimits.messageLength.toLocaleString('en-US')} characters.`,
	})

export const ClientIdSchema = z
	.string({ error: 'A message needs a client id.' })
	.regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'The client id must be 8–64 letters, digits, "-" or "_".' })

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string }

/** http(s) addresses and bare www. addresses; trailing punctuation stays text ("see https://x.com."). */
const linkPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi
const trailingPunctuation = /[.,;:!?)\]}'"]+$/

/** Splits a line into text and safe links (only http and https are ever linked). */
export function linkify(text: string): TextPart[] {
	const parts: TextPart[] = []
	let last = 0
	for (const match of text.matchAll(linkPattern)) {
		let raw = match[0]
		const trailing = raw.match(trailingPunctuation)?.[0] ?? ''
		// Keep a closing parenthesis that closes one opened inside the link (Wikipedia-style URLs).
		if (trailing.startsWith(')') && raw.slice(0, -trailing.length).includes('('))
			raw = raw.slice(0, -trailing.length + 1)
		else if (trailing) raw = raw.slice(0, -trailing.length)
		const start = match.index
		const href = raw.toLowerCase().startsWith('www.') ? `https://${raw}` : raw
		if (!isSafeHref(href)) continue
		if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) })
		parts.push({ kind: 'link', text: raw, href })
		last = start + raw.length
	}
	if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) })
	return parts
}

function isSafeHref(href: string) {
	try {
		const url = new URL(href)
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')
	} catch {
		return false
	}
}

/** A one-line preview for the conversation list and notifications. */
export function previewOf(text: string, length = 120) {
	const flat = text.replace(/\s+/g, ' ').trim()
	const characters = Array.from(flat)
	return characters.length > length ? `${characters.slice(0, length - 1).join('')}…` : flat
}
