import { SkiffError } from '../models/errors'
import type { Channel, EventChannel, Events, Req, Res } from './contract'
import type { Envelope } from './messages'
import type { Transport } from './transport'

/** Options of one call. */
export interface CallOptions {
  /** Aborting sends `rpc.cancel` and settles the call with CANCELLED. */
  readonly signal?: AbortSignal
}

/** The typed face of a {@link Transport}. */
export interface RpcClient {
  /** Make a request; resolves with its envelope, never rejects. */
  request<K extends Channel>(channel: K, req: Req<K>, options?: CallOptions): Promise<Envelope<Res<K>>>
  /** Make a request; resolves with the value or throws {@link SkiffError}. */
  call<K extends Channel>(channel: K, req: Req<K>, options?: CallOptions): Promise<Res<K>>
  /** Listen to one event channel; returns the unsubscribe. */
  on<K extends EventChannel>(channel: K, listener: (payload: Events[K]) => void): () => void
}

/** Wraps a transport with channel typing, ids and cancellation. */
export function createRpcClient(transport: Transport): RpcClient {
  let nextId = 1

  const request = async <K extends Channel>(channel: K, req: Req<K>, options?: CallOptions): Promise<Envelope<Res<K>>> => {
    const signal = options?.signal
    if (signal?.aborted) return { ok: false, error: { code: 'CANCELLED', message: 'The request was cancelled.' } }
    const id = nextId++
    const onAbort = () => transport.cancel(id)
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      return (await transport.rpc({ id, channel, payload: req })) as Envelope<Res<K>>
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    request,
    async call(channel, req, options) {
      const reply = await request(channel, req, options)
      if (reply.ok) return reply.value
      throw new SkiffError(reply.error.code, reply.error.message)
    },
    on(channel, listener) {
      return transport.onEvent((event) => {
        if (event.channel === channel) listener(event.payload as Events[typeof channel])
      })
    },
  }
}
