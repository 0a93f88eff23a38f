import { useEffect, useState } from 'react'
import type { TreeCount } from '../../../shared/models/file-ops'
import { Dialog } from '../../components/Dialog'
import { rpc } from '../../ipc/client'
import { useFileOpsStore, type FileDialog } from '../../stores/file-ops-store'
import { usePanesStore } from '../../stores/panes-store'
import { notifyFailure } from '../../stores/notices-store'
import { displayName } from '../file-grid/display-name'
import { isFolderLike } from '../file-grid/entry-format'
import { applyRename, pathIn, runDelete } from './file-commands'
import { runDeleteFound } from '../find/find-actions'

const close = () => useFileOpsStore.getState().show(null)
const counted = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`

/** `Delete "notes.txt"?`, `Delete 12 items (3 folders, 1,204 files inside)?`. */
export function deleteQuestion(names: readonly string[], folders: number, inside: TreeCount | null): string {
  if (names.length === 1 && folders === 0) return `Delete "${displayName(names[0]!)}"?`
  const what = names.length === 1 ? `"${displayName(names[0]!)}"` : counted(names.length, 'item', 'items')
  if (folders === 0) return `Delete ${what}?`
  const folderText = names.length === 1 ? 'a folder' : counted(folders, 'folder', 'folders')
  const filesText = inside ? `, ${counted(inside.files, 'file', 'files')} inside` : ''
  return `Delete ${what} (${folderText}${filesText})?`
}

/** What happens to them, said plainly: the trash, or gone for good. */
function undoNote(dialog: Extract<FileDialog, { kind: 'delete' }>, isRemote: boolean): string {
  const [they, are] = dialog.names.length === 1 ? ['It', 'is'] : ['They', 'are']
  if (isRemote) return `${they} ${are} deleted on the server. This cannot be undone.`
  if (!dialog.isPermanent) return `${they} ${dialog.names.length === 1 ? 'goes' : 'go'} to the trash, where you can restore ${dialog.names.length === 1 ? 'it' : 'them'}. Shift+Delete deletes permanently.`
  if (!dialog.capabilities.canTrash) return `There is no trash here (browser mode): ${they.toLowerCase()} ${are} deleted permanently. This cannot be undone.`
  return `${they} ${are} deleted permanently, not moved to the trash. This cannot be undone.`
}

/** The alertdialog `Delete`: what goes, counted, and whether it can be undone. Links go as links; what they point to stays. */
export function DeleteDialog({ dialog }: { readonly dialog: Extract<FileDialog, { kind: 'delete' }> }) {
  const pane = usePanesStore((state) => state.panes[dialog.paneKey])
  const [inside, setInside] = useState<TreeCount | null>(null)
  // Find results are files and links, never folders; the pane's rows are those of another folder.
  const chosen = dialog.found ? [] : (pane?.rows.filter((row) => dialog.names.includes(row.name)) ?? [])
  const folders = chosen.filter((entry) => entry.type === 'directory').length
  const links = chosen.filter((entry) => entry.type === 'symlink' && isFolderLike(entry)).length
  const target = pane?.target

  useEffect(() => {
    if (!target || folders === 0) return
    const controller = new AbortController()
    const paths = dialog.names.map((name) => pathIn(dialog.paneKey, name))
    void rpc.request('fs.count', { target, paths }, { signal: controller.signal }).then((reply) => {
      if (reply.ok) setInside(reply.value)
    })
    return () => controller.abort()
  }, [dialog, target, folders])

  const onDelete = () => {
    close()
    if (dialog.found) void runDeleteFound(dialog.paneKey, dialog.found, dialog.isPermanent)
    else void runDelete(dialog.paneKey, dialog.names, dialog.isPermanent)
  }
  return (
    <Dialog
      role="alertdialog"
      title="Delete"
      onCancel={close}
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary danger" data-autofocus onClick={onDelete}>
            Delete
          </button>
        </>
      }
    >
      <p className="delete-question">{deleteQuestion(dialog.names, folders, inside)}</p>
      {folders > 0 && !inside && <p className="form-hint">Counting what is inside…</p>}
      {links > 0 && (
        <p className="form-hint">{links === 1 ? 'A link to a folder: the link goes, what it points to stays.' : `${counted(links, 'link', 'links')} to folders: the links go, what they point to stays.`}</p>
      )}
      <p className={dialog.isPermanent ? 'delete-warning' : 'form-hint'}>{undoNote(dialog, target?.kind === 'remote')}</p>
    </Dialog>
  )
}

/** The alertdialog `Replace`: a rename onto a name that is taken. */
export function ReplaceDialog({ dialog }: { readonly dialog: Extract<FileDialog, { kind: 'replace' }> }) {
  const onReplace = () => {
    close()
    void applyRename(dialog.paneKey, dialog.from, dialog.to, true).then((error) => error && notifyFailure(error))
  }
  return (
    <Dialog
      role="alertdialog"
      title="Replace"
      onCancel={close}
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary danger" data-autofocus onClick={onReplace}>
            Replace
          </button>
        </>
      }
    >
      <p>{`"${displayName(dialog.to)}" already exists. Replace it with "${displayName(dialog.from)}"?`}</p>
      <p className="form-hint">The old one is replaced in one step where the file system can; otherwise it is kept until the new one is in place.</p>
    </Dialog>
  )
}
