import { createRpcClient, type RpcClient } from '../../shared/ipc/rpc-client'
import type { DesktopBridge, Transport } from '../../shared/ipc/transport'
import { createSocketTransport, socketUrl } from './socket-transport'

// The Electron preload exposes the bridge as `window.skiff`; browser mode has none.
const desktop = (window as unknown as { skiff?: DesktopBridge }).skiff

function pickTransport(): Transport {
  return desktop ?? createSocketTransport(socketUrl(window.location))
}

/** The path of a File dropped from the OS file manager, in Electron; null in browser mode. */
export function pathOfDroppedFile(file: File): string | null {
  return desktop ? desktop.pathForFile(file) || null : null
}

/** The one typed client the renderer talks to its host through. Only stores and hooks use it. */
export const rpc: RpcClient = createRpcClient(pickTransport())
