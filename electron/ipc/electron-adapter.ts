import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron'
import type { EventMessage } from '../../shared/ipc/messages'
import type { RpcPeer } from '../../shared/ipc/rpc-server'
import type { Services } from '../services'

type SenderEvent = IpcMainInvokeEvent | IpcMainEvent

/**
 * Carries the contract over Electron IPC: `rpc` (invoke) and `rpc.cancel` in, `event` out.
 * Only the main frame of a window we created, showing our own renderer, is answered.
 */
export function attachElectronIpc(services: Services, isTrustedUrl: (url: string) => boolean): () => void {
  const peers = new Map<number, RpcPeer>()
  const watched = new WeakSet<WebContents>()

  const isTrusted = (event: SenderEvent): boolean => {
    const frame = event.senderFrame
    return frame !== null && frame === event.sender.mainFrame && isTrustedUrl(frame.url)
  }

  const closePeer = (id: number) => {
    peers.get(id)?.close()
    peers.delete(id)
  }

  const watch = (sender: WebContents) => {
    const id = sender.id
    sender.once('destroyed', () => closePeer(id))
    // A reload starts a new page: whatever the old one had in flight is abandoned.
    sender.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) closePeer(id)
    })
  }

  const peerOf = (sender: WebContents): RpcPeer => {
    const known = peers.get(sender.id)
    if (known) return known
    if (!watched.has(sender)) {
      watched.add(sender)
      watch(sender)
    }
    const peer = services.connect((channel, payload) => {
      if (!sender.isDestroyed()) sender.send('event', { channel, payload } as EventMessage)
    })
    peers.set(sender.id, peer)
    return peer
  }

  ipcMain.handle('rpc', (event, message: unknown) => {
    if (!isTrusted(event)) return { ok: false, error: { code: 'PERMISSION_DENIED', message: 'Untrusted sender.' } }
    return peerOf(event.sender).handle(message)
  })
  const onCancel = (event: IpcMainEvent, id: unknown) => {
    if (isTrusted(event)) peers.get(event.sender.id)?.cancel(id)
  }
  ipcMain.on('rpc.cancel', onCancel)

  return () => {
    ipcMain.removeHandler('rpc')
    ipcMain.removeListener('rpc.cancel', onCancel)
    for (const peer of peers.values()) peer.close()
    peers.clear()
  }
}
