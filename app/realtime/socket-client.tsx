import { useRevalidator } from '@remix-run/react'
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts'

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const SocketContext = createContext<ClientSocket | null>(null)

/**
 * One socket.io connection for the signed-in active member (`userId`), none for visitors. It
 * closes when the member signs out (userId becomes null) or the app unmounts.
 */
export function SocketProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
	const [socket, setSocket] = useState<ClientSocket | null>(null)
	const { revalidate } = useRevalidator()
	const revalidateRef = useRef(revalidate)
	useEffect(() => {
		revalidateRef.current = revalidate
	})
	useEffect(() => {
		if (!userId) return
		const connection: ClientSocket = io({ withCredentials: true })
		let connectedBefore = false
		connection.on('connect', () => {
			// Back after a gap the server could not replay: reload the page data (counts) once.
			if (connectedBefore && !connection.recovered) revalidateRef.current()
			connectedBefore = true
		})
		setSocket(connection)
		return () => {
			connection.disconnect()
			setSocket(null)
		}
	}, [userId])
	return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>
}

/** The member's socket, or null (visitor, server render, not yet connected). */
export function useSocket() {
	return useContext(SocketContext)
}

/** Listens to one server event while the component is mounted; the latest handler always runs. */
export function useSocketEvent<Event extends keyof ServerToClientEvents>(
	event: Event,
	handler: ServerToClientEvents[Event],
) {
	const socket = useSocket()
	const latest = useRef(handler)
	useEffect(() => {
		latest.current = handler
	})
	useEffect(() => {
		if (!socket) return
		type Listener = (...args: Parameters<ServerToClientEvents[Event]>) => void
		const listener: Listener = (...args) => (latest.current as Listener)(...args)
		// socket.io's listener types do not resolve for a generic event name; this hook's signature keeps callers typed.
		const emitter = socket as unknown as {
			on(event: Event, listener: Listener): void
			off(event: Event, listener: Listener): void
		}
		emitter.on(event, listener)
		return () => emitter.off(event, listener)
	}, [socket, event])
}
