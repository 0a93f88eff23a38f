import type { Envelope, EventMessage, RpcRequestMessage } from './messages'

/**
 * The three-call bridge between a UI and a host: the Electron preload exposes exactly this
 * shape, and browser mode implements it over a WebSocket. The renderer knows nothing else.
 */
export interface Transport {
  /** Send a request; resolves with its envelope (transport failures resolve as DISCONNECTED). */
  rpc(request: RpcRequestMessage): Promise<Envelope<unknown>>
  /** Ask the host to abort the request with this id; a no-op when it has settled. */
  cancel(id: number): void
  /** Receive every event; returns the unsubscribe. */
  onEvent(listener: (event: EventMessage) => void): () => void
}

/**
 * What the Electron preload exposes as `window.skiff`: the transport, plus the one thing
 * only the shell can do for a drop from the OS file manager: tell a dropped File's path.
 */
export interface DesktopBridge extends Transport {
  /** The absolute path of a File dropped from the OS; empty for files that have none. */
  pathForFile(file: File): string
}
