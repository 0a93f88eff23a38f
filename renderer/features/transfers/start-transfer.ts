import type { FsEntry } from '../../../shared/models/fs'
import { selectedEntries } from '../file-grid/grid-selection'
import { joinPath } from '../pane/fs-path'
import { remotePaneKey, type PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { useTransfersStore } from '../../stores/transfers-store'
import { useNoticesStore } from '../../stores/notices-store'
import { useDeployStore } from '../../stores/deploy-store'

/** The pane across from `key`: local ↔ the active session's remote pane; null when there is none. */
export function otherPane(key: PaneKey): PaneKey | null {
  if (key !== 'local') return 'local'
  const activeId = useSessionsStore.getState().activeId
  return activeId ? remotePaneKey(activeId) : null
}

/** The entries a drag or F5 takes from a pane: the selection, else the cursor row. */
export function entriesToCopy(key: PaneKey): FsEntry[] {
  const pane = usePanesStore.getState().panes[key]
  return pane ? selectedEntries(pane.rows, pane.selection) : []
}

/**
 * Queues a copy (or move) of `names` from one pane's folder into `folder` of another pane
 * (its current folder when absent), as one job.
 */
export function transferNames(fromKey: PaneKey, toKey: PaneKey, names: readonly string[], options: { isMove?: boolean; folder?: string } = {}): void {
  const { panes } = usePanesStore.getState()
  const from = panes[fromKey]
  const to = panes[toKey]
  if (!from?.listing || !to?.listing || names.length === 0) return
  const folder = options.folder ?? to.listing.path
  const paths = names.map((name) => joinPath(from.listing!.path, name, from.listing!.separator))
  void useTransfersStore.getState().enqueue({ from: from.target, paths, to: to.target, folder, isMove: options.isMove })
}

/** `Upload to servers…`: asks where the local selection goes (the dialog of deploy-store). */
export function uploadSelectionToServers(key: PaneKey): void {
  const pane = usePanesStore.getState().panes[key]
  const entries = entriesToCopy(key)
  if (!pane?.listing || entries.length === 0) return
  const paths = entries.map((entry) => joinPath(pane.listing!.path, entry.name, pane.listing!.separator))
  useDeployStore.getState().openUpload({ paths, name: entries.length === 1 ? entries[0]!.name : `${entries.length.toLocaleString('en-US')} items` })
}

/** F5: the selection of `key` to the other pane's folder. */
export function transferSelection(key: PaneKey): void {
  const target = otherPane(key)
  if (!target) {
    useNoticesStore.getState().notify({ code: 'INVALID_REQUEST', message: 'Connect to a server first: there is no other pane to copy to.' })
    return
  }
  transferNames(key, target, entriesToCopy(key).map((entry) => entry.name))
}
