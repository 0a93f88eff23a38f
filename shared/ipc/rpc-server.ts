import { isSkiffError, SkiffError, type ErrorInfo } from '../models/errors'
import { isChannel, type Channel, type Req, type Res } from './contract'
import type { Emit, Envelope, RpcRequestMessage } from './messages'

/** What every handler gets beside its request: a signal that aborts on cancel or disconnect, and an emitter to its caller. */
export interface HandlerContext {
  readonly signal: AbortSignal
  /** Sends an event to the client that made this request only. */
  readonly emit: Emit
}

/** Serves one channel. Throws {@link SkiffError} for expected failures. */
export type Handler<K extends Channel> = (req: Req<K>, ctx: HandlerContext) => Promise<Res<K>>

/** One handler per channel; a missing one is a compile error. */
export type Handlers = { [K in Channel]: Handler<K> }

/** Checks an untrusted payload; returns the typed request or a readable reason. */
export type Validator = (channel: Channel, payload: unknown) => { ok: true; value: unknown } | { ok: false; message: string }

/** Maps whatever a handler threw to wire error data. */
export type ErrorMapper = (error: unknown) => ErrorInfo

/** One client connection: its in-flight requests, each cancellable. */
export interface RpcPeer {
  /** Validate, dispatch and settle one request. Never rejects. */
  handle(message: unknown): Promise<Envelope<unknown>>
  /** Abort the in-flight request with this id. */
  cancel(id: unknown): void
  /** The client went away: abort everything it still has in flight. */
  close(): void
}

/** The transport-neutral dispatcher: Electron IPC and the browser-mode WebSocket both feed it. */
export interface RpcServer {
  /** Start serving one client; `emit` delivers events to that client alone. */
  connect(emit: Emit): RpcPeer
}

const cancelled: ErrorInfo = { code: 'CANCELLED', message: 'The request was cancelled.' }

function fail(error: ErrorInfo): Envelope<never> {
  return { ok: false, error }
}

function readMessage(message: unknown): RpcRequestMessage | string {
  if (typeof message !== 'object' || message === null) return 'A request must be an object.'
  const { id, channel, payload } = message as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return 'A request needs a whole-number id.'
  if (!isChannel(channel)) return `Unknown request channel: ${typeof channel === 'string' ? channel.slice(0, 80) : typeof channel}`
  return { id, channel, payload }
}

/**
 * Builds the dispatcher. Every payload passes `validate` before any handler sees it; a bad
 * one gets INVALID_REQUEST and nothing else happens. Handler failures become envelopes via
 * `mapError`; nothing a handler throws escapes.
 */
export function createRpcServer(handlers: Handlers, validate: Validator, mapError: ErrorMapper): RpcServer {
  return {
    connect(emit) {
      const inFlight = new Map<number, AbortController>()
      let isClosed = false

      return {
        async handle(raw) {
          const message = readMessage(raw)
          if (typeof message === 'string') return fail({ code: 'INVALID_REQUEST', message })
          if (isClosed) return fail({ code: 'DISCONNECTED', message: 'The connection to Skiff closed.' })
          if (inFlight.has(message.id)) return fail({ code: 'INVALID_REQUEST', message: 'Duplicate request id.' })
          const channel = message.channel as Channel
          const checked = validate(channel, message.payload)
          if (!checked.ok) return fail({ code: 'INVALID_REQUEST', message: checked.message })

          const controller = new AbortController()
          inFlight.set(message.id, controller)
          try {
            const handler = handlers[channel] as Handler<Channel>
            const value = await handler(checked.value as Req<Channel>, { signal: controller.signal, emit })
            if (controller.signal.aborted) return fail(cancelled)
            return { ok: true, value }
          } catch (error) {
            if (controller.signal.aborted) return fail(cancelled)
            return fail(mapError(error))
          } finally {
            inFlight.delete(message.id)
          }
        },
        cancel(id) {
          if (typeof id === 'number') inFlight.get(id)?.abort(new SkiffError('CANCELLED', cancelled.message))
        },
        close() {
          isClosed = true
          for (const controller of inFlight.values()) controller.abort(new SkiffError('DISCONNECTED', 'Client went away.'))
          inFlight.clear()
        },
      }
    },
  }
}

/** The default mapper for code that already speaks {@link SkiffError}; anything else is INTERNAL. */
export function mapKnownError(error: unknown): ErrorInfo {
  if (isSkiffError(error)) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: 'Something went wrong inside Skiff.' }
}
