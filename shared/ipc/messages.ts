import type { ErrorInfo } from '../models/errors'
import type { EventChannel, Events } from './contract'

/**
 * The reply to every request: a value, or error data. Nothing else crosses back.
 */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo }

/** A request as it travels on the `rpc` channel. `id` is unique per client connection. */
export interface RpcRequestMessage {
  readonly id: number
  readonly channel: string
  readonly payload: unknown
}

/** An event as it travels on the `event` channel. */
export type EventMessage = {
  [K in EventChannel]: { readonly channel: K; readonly payload: Events[K] }
}[EventChannel]

/** Sends one event; typed by channel. */
export type Emit = <K extends EventChannel>(channel: K, payload: Events[K]) => void

/**
 * Browser mode's single WebSocket carries these frames (JSON): the client sends `request`
 * and `cancel`; the server sends `reply` and `event`.
 */
export type SocketFrame =
  | ({ readonly type: 'request' } & RpcRequestMessage)
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'reply'; readonly id: number; readonly reply: Envelope<unknown> }
  | ({ readonly type: 'event' } & EventMessage)
