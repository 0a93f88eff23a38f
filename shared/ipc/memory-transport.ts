import type { Envelope, EventMessage, RpcRequestMessage } from './messages'
import type { RpcServer } from './rpc-server'
import type { Transport } from './transport'

/** A {@link Transport} wired straight to an {@link RpcServer}, with a way to hang up. */
export interface MemoryTransport extends Transport {
  /**
   * Hang up: the server peer closes (its in-flight handlers see their signal abort), every
   * pending call settles with DISCONNECTED, no more events are delivered, and later calls
   * resolve with DISCONNECTED at once. Calling it again does nothing.
   */
  close(): void
}

const disconnected: Envelope<never> = {
  ok: false,
  error: { code: 'DISCONNECTED', message: 'The connection to Skiff closed.' },
}

/**
 * Connects one client to `server` in memory: no network, no Electron, yet shaped like the
 * real carriers so code tested over it behaves the same over IPC or a WebSocket.
 *
 * - Requests, replies and events are copied with `structuredClone`, the algorithm Electron
 *   IPC uses, so a value that could not cross a real boundary fails here too. Such failures
 *   are loud, as in Electron: an uncloneable request or reply rejects the call with the
 *   `DataCloneError`, and an uncloneable event throws from the handler's `emit`.
 * - Requests, cancels, replies and events each arrive in a later microtask, in send order,
 *   so nothing settles synchronously that a real transport would deliver later.
 *
 * Each call creates one new client of `server` (its own in-flight ids and event stream).
 */
export function createMemoryTransport(server: RpcServer): MemoryTransport {
  const listeners = new Set<(event: EventMessage) => void>()
  const pending = new Set<(reply: Envelope<unknown>) => void>()
  let isClosed = false

  const peer = server.connect((channel, payload) => {
    if (isClosed) return
    // Cloned now, so an uncloneable payload throws to the emitter rather than vanishing.
    const event = structuredClone({ channel, payload } as EventMessage)
    queueMicrotask(() => {
      if (isClosed) return
      for (const listener of [...listeners]) listener(event)
    })
  })

  const rpc = (request: RpcRequestMessage): Promise<Envelope<unknown>> => {
    if (isClosed) return Promise.resolve(disconnected)
    let sent: RpcRequestMessage
    try {
      sent = structuredClone(request)
    } catch (error) {
      return Promise.reject(error)
    }
    return new Promise<Envelope<unknown>>((resolve, reject) => {
      // Either the reply or a hang-up settles the call, whichever comes first.
      const settle = (reply: Envelope<unknown>) => {
        if (pending.delete(settle)) resolve(reply)
      }
      const fail = (error: unknown) => {
        if (pending.delete(settle)) reject(error)
      }
      pending.add(settle)
      queueMicrotask(() => {
        if (isClosed) return
        peer.handle(sent).then((reply) => {
          let copy: Envelope<unknown>
          try {
            copy = structuredClone(reply)
          } catch (error) {
            return fail(error)
          }
          queueMicrotask(() => settle(copy))
        }, fail)
      })
    })
  }

  return {
    rpc,
    cancel(id) {
      if (!isClosed) queueMicrotask(() => peer.cancel(id))
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      if (isClosed) return
      isClosed = true
      peer.close()
      for (const settle of [...pending]) settle(disconnected)
      listeners.clear()
    },
  }
}
