import type { FsEntry } from '../../../shared/models/fs'
import type { MenuItem } from '../../components/ContextMenu'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useAppStore } from '../../stores/app-store'
import { useTerminalsStore } from '../../stores/terminals-store'
import { joinPath } from '../pane/fs-path'
import { moveSelection, moveSelectionInPlace } from '../transfers/move-selection'
import { otherPane, transferSelection, uploadSelectionToServers } from '../transfers/start-transfer'
import { isFolderLike } from './entry-format'
import { fileCommands, type FileCommand } from '../file-ops/file-keys'

/**
 * What the row menu offers for `entry` (the row at `index`; none for the empty space below
 * the rows): only what applies to it. The selection has already been moved to the row.
 */
export function rowMenuItems(paneKey: PaneKey, entry: FsEntry | undefined, index: number): MenuItem[] {
  const store = usePanesStore.getState()
  const pane = store.panes[paneKey]
  if (!pane?.listing) return []
  const { path, separator } = pane.listing
  const isRemote = pane.target.kind === 'remote'
  const isFolder = entry !== undefined && isFolderLike(entry)
  const items: MenuItem[] = []
  if (isFolder) items.push({ label: 'Open', shortcut: 'Enter', onSelect: () => store.openRow(paneKey, index) })
  const command = (each: FileCommand): MenuItem => ({ label: each.label, shortcut: each.shortcut, onSelect: () => each.run(paneKey) })
  const isFileLike = entry !== undefined && (entry.type === 'file' || (entry.type === 'symlink' && entry.linkTargetType === 'file'))
  if (isFileLike) items.push(command(fileCommands.edit), command(fileCommands.editWith), command(fileCommands.view))
  const hasOtherPane = entry !== undefined && otherPane(paneKey) !== null
  if (hasOtherPane) items.push({ label: isRemote ? 'Download' : 'Upload', shortcut: 'F5', onSelect: () => transferSelection(paneKey) })
  // Saved hosts are enough: no session needs to be open.
  if (entry && !isRemote) items.push({ label: 'Upload to servers…', onSelect: () => uploadSelectionToServers(paneKey) })
  if (hasOtherPane) items.push({ label: 'Move to the other pane…', shortcut: 'F6', onSelect: () => moveSelection(paneKey) })
  if (entry) items.push({ label: 'Move to a folder…', shortcut: 'Shift+F6', onSelect: () => moveSelectionInPlace(paneKey) })
  if (entry) {
    const { rename, duplicate, delete: remove, deletePermanently, properties, copyPath } = fileCommands
    items.push(command(rename), command(duplicate), command(remove))
    // Only the desktop app has a trash to skip; elsewhere every delete is permanent already.
    if (!isRemote && useAppStore.getState().appInfo?.mode === 'electron') items.push(command(deletePermanently))
    items.push(command(properties), command(copyPath))
  }
  items.push(command(fileCommands.newFolder), command(fileCommands.newFile), command(fileCommands.newLink))
  if (isRemote && (isFolder || !entry)) {
    // A folder row opens there; the space below the rows, in the folder shown.
    const folder = isFolder ? joinPath(path, entry.name, separator) : path
    const sessionId = pane.target.sessionId
    items.push({ label: 'Open terminal here', onSelect: () => void useTerminalsStore.getState().open(sessionId, folder) })
  }
  items.push(command(fileCommands.compare), command(fileCommands.synchronize), command(fileCommands.keepUpToDate))
  items.push({ label: 'Refresh', onSelect: () => store.refresh(paneKey) })
  return items
}
