// The renderer's only door: the three transport functions and the path of a dropped file; no
// ipcRenderer, no raw IPC event (design.md §2).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import type { Envelope, EventMessage, RpcRequestMessage } from '../shared/ipc/messages'
import type { DesktopBridge } from '../shared/ipc/transport'

const lost: Envelope<never> = { ok: false, error: { code: 'DISCONNECTED', message: 'Lost the connection to Skiff.' } }

const bridge: DesktopBridge = {
  async rpc(request: RpcRequestMessage) {
    try {
      return (await ipcRenderer.invoke('rpc', request)) as Envelope<unknown>
    } catch {
      return lost
    }
  },
  cancel(id: number) {
    ipcRenderer.send('rpc.cancel', id)
  },
  onEvent(listener: (event: EventMessage) => void) {
    const forward = (_event: IpcRendererEvent, message: EventMessage) => listener(message)
    ipcRenderer.on('event', forward)
    return () => {
      ipcRenderer.removeListener('event', forward)
    }
  },
  pathForFile(file: File) {
    return webUtils.getPathForFile(file)
  },
}

contextBridge.exposeInMainWorld('skiff', bridge)
