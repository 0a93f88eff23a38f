import { createRpcClient, type RpcClient } from '../../shared/ipc/rpc-client'
import type { Transport } from '../../shared/ipc/transport'
import { createSocketTransport, socketUrl } from './socket-transport'

// The Electron preload exposes the bridge as `window.skiff`; browser mode has none.
function pickTransport(): Transport {
  const bridge = (window as unknown as { skiff?: Transport }).skiff
  return bridge ?? createSocketTransport(socketUrl(window.location))
}

/** The one typed client the renderer talks to its host through. Only stores and hooks use it. */
export const rpc: RpcClient = createRpcClient(pickTransport())
