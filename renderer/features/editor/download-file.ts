import type { FsTarget } from '../../../shared/models/fs'
import { useNoticesStore } from '../../stores/notices-store'
import { usePanesStore } from '../../stores/panes-store'
import { useTransfersStore } from '../../stores/transfers-store'

/** Queues a download of one file into the local pane's folder (what the editor offers for a file it will not open). */
export function downloadFile(from: FsTarget, path: string): void {
  const folder = usePanesStore.getState().panes.local?.listing?.path
  if (!folder) {
    useNoticesStore.getState().notify({ code: 'INVALID_REQUEST', message: 'The local pane shows no folder to download into.' })
    return
  }
  void useTransfersStore.getState().enqueue({ from, paths: [path], to: { kind: 'local' }, folder })
}
