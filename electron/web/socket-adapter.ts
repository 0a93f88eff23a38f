import type { WebSocket, WebSocketServer } from 'ws'
import type { SocketFrame } from '../../shared/ipc/messages'
import type { Services } from '../services'

function send(socket: WebSocket, frame: SocketFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame))
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * Browser mode's adapter: each WebSocket is one client of the dispatcher. Frames are JSON
 * SocketFrames; anything unreadable is dropped (the dispatcher validates the rest).
 */
export function serveSockets(wss: WebSocketServer, services: Services): void {
  wss.on('connection', (socket) => {
    const peer = services.connect((channel, payload) => send(socket, { type: 'event', channel, payload } as SocketFrame))
    socket.on('message', (raw, isBinary) => {
      const frame = isBinary ? null : parse(raw.toString())
      if (frame?.type === 'cancel') peer.cancel(frame.id)
      if (frame?.type !== 'request' || typeof frame.id !== 'number') return
      const id = frame.id
      void peer.handle(frame).then((reply) => send(socket, { type: 'reply', id, reply }))
    })
    socket.on('close', () => peer.close())
    socket.on('error', () => socket.terminate())
  })
}
