import { useEffect, useState } from 'react'
import type { PresenceInfo } from '#app/realtime/events.ts'
import { useSocket, useSocketEvent } from '#app/realtime/socket-client.tsx'

/** No input for this long, or a hidden tab, reports the member as away. */
const idleAfterMs = 5 * 60 * 1000

/**
 * Reports this tab's presence: `online` while visible and in use, `away` when hidden or idle.
 * Mounted once (in the root layout) for signed-in members.
 */
export function usePresenceReporter() {
	const socket = useSocket()
	useEffect(() => {
		if (!socket) return
		let reported: 'online' | 'away' | null = null
		let idleTimer: ReturnType<typeof setTimeout> | undefined
		const report = (state: 'online' | 'away', force = false) => {
			if (state === reported && !force) return
			reported = state
			if (socket.connected) socket.emit('presence:set', { state })
		}
		const current = () => (document.visibilityState === 'visible' ? 'online' : 'away')
		const onActivity = () => {
			clearTimeout(idleTimer)
			idleTimer = setTimeout(() => report('away'), idleAfterMs)
			if (document.visibilityState === 'visible') report('online')
		}
		const onVisibility = () => {
			report(current())
			if (document.visibilityState === 'visible') onActivity()
		}
		const onConnect = () => report(current(), true)
		const activityEvents = ['pointerdown', 'keydown', 'pointermove', 'wheel', 'touchstart'] as const
		for (const event of activityEvents) window.addEventListener(event, onActivity, { passive: true })
		document.addEventListener('visibilitychange', onVisibility)
		socket.on('connect', onConnect)
		if (socket.connected) onConnect()
		onActivity()
		return () => {
			clearTimeout(idleTimer)
			for (const event of activityEvents) window.removeEventListener(event, onActivity)
			document.removeEventListener('visibilitychange', onVisibility)
			socket.off('connect', onConnect)
		}
	}, [socket])
}

/**
 * Live presence of some members: asked once per connection ('presence:query'), then kept current
 * by 'presence:changed'. Until the answer comes, everyone shows as offline with the last seen
 * time the page was rendered with.
 */
export function usePresence(userIds: string[], initial: Record<string, PresenceInfo>) {
	const socket = useSocket()
	const [presence, setPresence] = useState(initial)
	const key = userIds.join(',')
	useEffect(() => {
		if (!socket || !key) return
		const ids = key.split(',')
		const query = () =>
			socket.emit('presence:query', { userIds: ids }, (result) => {
				if (result.ok) setPresence((current) => ({ ...current, ...result.data }))
			})
		socket.on('connect', query)
		if (socket.connected) query()
		return () => {
			socket.off('connect', query)
		}
	}, [socket, key])
	useSocketEvent('presence:changed', ({ userId, state, lastSeenAt }) => {
		if (!key.split(',').includes(userId)) return
		setPresence((current) => ({ ...current, [userId]: { state, lastSeenAt } }))
	})
	return presence
}
