import type { Envelope, EventMessage, RpcRequestMessage, SocketFrame } from '../../shared/ipc/messages'
import type { Transport } from '../../shared/ipc/transport'

const lostConnection: Envelope<never> = {
  ok: false,
  error: { code: 'DISCONNECTED', message: 'Lost the connection to Skiff.' },
}
const cancelledBeforeSending: Envelope<never> = {
  ok: false,
  error: { code: 'CANCELLED', message: 'The request was cancelled.' },
}
const firstRetryMs = 250
const maxRetryMs = 8000

type Settle = (reply: Envelope<unknown>) => void

/** Where browser mode's host listens: the page's own origin, path `/rpc` (the auth cookie rides along). */
export function socketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`
}

/** A frame from the host, or null when the text is not one (ignored rather than trusted). */
function parseFrame(text: unknown): SocketFrame | null {
  if (typeof text !== 'string') return null
  try {
    const frame = JSON.parse(text) as SocketFrame
    return typeof frame === 'object' && frame !== null && typeof frame.type === 'string' ? frame : null
  } catch {
    return null
  }
}

/**
 * Browser mode's {@link Transport}: one WebSocket carrying SocketFrames. Requests made while the
 * socket is not open wait for it; a closed socket settles everything in flight as DISCONNECTED
 * and reconnects with exponential backoff.
 */
export function createSocketTransport(url: string): Transport {
  const pending = new Map<number, Settle>()
  const queued = new Map<number, string>()
  const listeners = new Set<(event: EventMessage) => void>()
  let socket: WebSocket | null = null
  let retryMs = firstRetryMs

  const onFrame = (frame: SocketFrame) => {
    if (frame.type === 'reply') {
      pending.get(frame.id)?.(frame.reply)
      pending.delete(frame.id)
    } else if (frame.type === 'event') {
      const { type: _type, ...event } = frame
      for (const listener of listeners) listener(event as EventMessage)
    }
  }

  const open = () => {
    const ws = new WebSocket(url)
    socket = ws
    ws.addEventListener('open', () => {
      retryMs = firstRetryMs
      for (const text of queued.values()) ws.send(text)
      queued.clear()
    })
    ws.addEventListener('message', (message) => {
      const frame = parseFrame(message.data)
      if (frame) onFrame(frame)
    })
    ws.addEventListener('close', () => {
      socket = null
      // Queued requests never left, so they can wait for the next socket; sent ones are lost.
      for (const [id, settle] of [...pending]) {
        if (queued.has(id)) continue
        pending.delete(id)
        settle(lostConnection)
      }
      setTimeout(open, retryMs)
      retryMs = Math.min(retryMs * 2, maxRetryMs)
    })
  }

  const send = (frame: SocketFrame, id?: number) => {
    const text = JSON.stringify(frame)
    if (socket?.readyState === WebSocket.OPEN) socket.send(text)
    else if (id !== undefined) queued.set(id, text)
  }

  open()
  return {
    rpc(request: RpcRequestMessage) {
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(request.id, resolve)
        send({ type: 'request', ...request }, request.id)
      })
    },
    cancel(id: number) {
      if (queued.delete(id)) {
        pending.get(id)?.(cancelledBeforeSending)
        pending.delete(id)
        return
      }
      if (pending.has(id)) send({ type: 'cancel', id })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
