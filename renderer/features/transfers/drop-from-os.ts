import type { FsTarget } from '../../../shared/models/fs'
import { pathOfDroppedFile, rpc } from '../../ipc/client'
import { notifyFailure, useNoticesStore } from '../../stores/notices-store'
import { useTransfersStore } from '../../stores/transfers-store'

// One upload.write carries this much (base64 makes it a third bigger on the socket).
const pieceBytes = 1024 * 1024

function toBase64(bytes: Uint8Array): string {
  let text = ''
  // String.fromCharCode takes arguments: feed it slices small enough for any engine's stack.
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

/** Browser mode: streams one dropped file into the host's staging area, then lets the queue move it. */
async function streamUpload(file: File, to: FsTarget, folder: string): Promise<void> {
  const begin = await rpc.request('upload.begin', { name: file.name, size: file.size, mtimeMs: file.lastModified })
  if (!begin.ok) return notifyFailure(begin.error)
  const { uploadId } = begin.value
  for (let offset = 0; offset < file.size; offset += pieceBytes) {
    const bytes = new Uint8Array(await file.slice(offset, offset + pieceBytes).arrayBuffer())
    const reply = await rpc.request('upload.write', { uploadId, offset, data: toBase64(bytes) })
    if (!reply.ok) {
      void rpc.request('upload.discard', { uploadId })
      return notifyFailure(reply.error)
    }
  }
  const finished = await rpc.request('upload.finish', { uploadId, to, folder })
  if (!finished.ok) notifyFailure(finished.error)
}

function isFolder(item: DataTransferItem): boolean {
  return item.webkitGetAsEntry?.()?.isDirectory === true
}

/**
 * Files dragged in from the OS file manager: Electron knows their paths and queues them like
 * local files; browser mode streams each file's bytes over the socket first.
 */
export function dropFromOs(data: DataTransfer, to: FsTarget, folder: string): void {
  const files = Array.from(data.files)
  const paths = files.map(pathOfDroppedFile)
  if (files.length > 0 && paths.every((path) => path !== null)) {
    void useTransfersStore.getState().enqueue({ from: { kind: 'local' }, paths: paths as string[], to, folder })
    return
  }
  const folders = Array.from(data.items).filter(isFolder).length
  if (folders > 0) {
    useNoticesStore.getState().notify({ code: 'UNSUPPORTED', message: 'Browser mode takes dropped files, not folders: drag the folder from the Local pane instead.' })
  }
  const items = Array.from(data.items)
  files.forEach((file, index) => {
    if (!items[index] || !isFolder(items[index])) void streamUpload(file, to, folder)
  })
}
