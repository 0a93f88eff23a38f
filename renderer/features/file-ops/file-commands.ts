import type { FsTarget } from '../../../shared/models/fs'
import type { ErrorInfo } from '../../../shared/models/errors'
import { typedNameProblem } from '../../../shared/models/file-names'
import { rpc } from '../../ipc/client'
import { useAppStore } from '../../stores/app-store'
import { useFileOpsStore } from '../../stores/file-ops-store'
import { useEditorsStore } from '../../stores/editors-store'
import { useExternalEditsStore } from '../../stores/external-edits-store'
import { useSettingsStore } from '../../stores/settings-store'
import { notifyFailure } from '../../stores/notices-store'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { joinPath } from '../pane/fs-path'
import { isFolderLike } from '../file-grid/entry-format'
import { displayName } from '../file-grid/display-name'
import { entriesToCopy } from '../transfers/start-transfer'

/** The pane's target and folder, when it shows one. */
function placeOf(key: PaneKey): { target: FsTarget; folder: string; separator: '/' | '\\' } | null {
  const pane = usePanesStore.getState().panes[key]
  if (!pane?.listing) return null
  return { target: pane.target, folder: pane.listing.path, separator: pane.listing.separator }
}

/** Why `name` cannot be a new entry's name in this pane; null when it can. */
export function nameProblemIn(key: PaneKey, name: string): string | null {
  const isWindows = key === 'local' && useAppStore.getState().appInfo?.platform === 'win32'
  return typedNameProblem(name, isWindows)
}

/** The full path of `name` in the pane's folder. */
export function pathIn(key: PaneKey, name: string): string {
  const place = placeOf(key)
  return place ? joinPath(place.folder, name, place.separator) : name
}

/** Lists the pane's folder again, with `name` (when given) selected. */
export function showIn(key: PaneKey, name?: string): void {
  const place = placeOf(key)
  if (place) void usePanesStore.getState().navigate(key, place.folder, name)
}

/** The names the commands act on: the selection, else the focused row. */
function chosenNames(key: PaneKey): string[] {
  return entriesToCopy(key).map((entry) => entry.name)
}

async function capabilitiesOf(target: FsTarget) {
  const reply = await rpc.request('fs.capabilities', { target })
  if (!reply.ok) notifyFailure(reply.error)
  return reply.ok ? reply.value : null
}

/** F7 and Shift+F4: the `New folder` / `New file` dialog. */
export function askNewEntry(key: PaneKey, kind: 'new-folder' | 'new-file'): void {
  if (placeOf(key)) useFileOpsStore.getState().show({ kind, paneKey: key })
}

/** Creates the folder or file the dialog named; the new entry is selected once listed. Null, or the failure to show in the dialog. */
export async function createEntry(key: PaneKey, kind: 'new-folder' | 'new-file', name: string): Promise<ErrorInfo | null> {
  const place = placeOf(key)
  if (!place) return null
  const path = joinPath(place.folder, name, place.separator)
  const reply = await rpc.request(kind === 'new-folder' ? 'fs.mkdir' : 'fs.createFile', { target: place.target, path })
  if (!reply.ok) return reply.error
  showIn(key, name)
  return null
}

/** F2: the focused (or only selected) row's name becomes a textbox. */
export function startRename(key: PaneKey): void {
  const [name] = chosenNames(key)
  if (name === undefined) return
  // A text box cannot hold a line break: editing such a name in one would change it unasked.
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    notifyFailure({ code: 'UNSUPPORTED', message: `"${displayName(name)}" holds a line break or another control character, which a text box cannot show: rename it from a terminal (mv).` })
    return
  }
  useFileOpsStore.getState().setRenaming({ paneKey: key, name })
}

/** Renames `from` to `to` in the pane's folder; a taken name asks first (dialog `Replace`). */
export async function applyRename(key: PaneKey, from: string, to: string, isReplace = false): Promise<ErrorInfo | null> {
  const place = placeOf(key)
  if (!place || from === to) return null
  const reply = await rpc.request('fs.rename', { target: place.target, from: pathIn(key, from), to: pathIn(key, to), isReplace })
  const rows = usePanesStore.getState().panes[key]?.rows ?? []
  const isFolder = (name: string) => rows.some((row) => row.name === name && row.type === 'directory')
  // Only a file replaces a file: a folder either way is refused with the reason, not asked about.
  if (!reply.ok && reply.error.code === 'EXISTS' && !isReplace && !isFolder(to) && !isFolder(from)) {
    useFileOpsStore.getState().show({ kind: 'replace', paneKey: key, from, to })
    return null
  }
  if (!reply.ok) return reply.error
  showIn(key, to)
  return null
}

/** F8 / Delete (to the trash where there is one), Shift+Delete (for good): the `Delete` dialog. */
export async function askDelete(key: PaneKey, isPermanent: boolean): Promise<void> {
  const place = placeOf(key)
  const names = chosenNames(key)
  if (!place || names.length === 0) return
  const capabilities = await capabilitiesOf(place.target)
  if (capabilities) useFileOpsStore.getState().show({ kind: 'delete', paneKey: key, names, isPermanent: isPermanent || !capabilities.canTrash, capabilities })
}

/** Starts the delete job the dialog confirmed. */
export async function runDelete(key: PaneKey, names: readonly string[], isPermanent: boolean): Promise<void> {
  const place = placeOf(key)
  if (!place) return
  const reply = await rpc.request('fs.delete', { target: place.target, paths: names.map((name) => pathIn(key, name)), isPermanent })
  if (!reply.ok) notifyFailure(reply.error)
}

/** F9 / Alt+Enter: the `Properties` dialog of the selection. */
export async function askProperties(key: PaneKey): Promise<void> {
  const place = placeOf(key)
  const names = chosenNames(key)
  if (!place || names.length === 0) return
  const capabilities = await capabilitiesOf(place.target)
  if (capabilities) useFileOpsStore.getState().show({ kind: 'properties', paneKey: key, names, capabilities })
}

/** Alt+F6: the `New link` dialog, pointing at the focused entry when there is one. */
export function askNewLink(key: PaneKey): void {
  const [name] = chosenNames(key)
  if (!placeOf(key)) return
  useFileOpsStore.getState().show({ kind: 'new-link', paneKey: key, pointsTo: name === undefined ? '' : pathIn(key, name), linkName: name === undefined ? '' : `${name} link` })
}

/** Creates the link the dialog described. */
export async function createLink(key: PaneKey, linkName: string, pointsTo: string): Promise<ErrorInfo | null> {
  const place = placeOf(key)
  if (!place) return null
  const reply = await rpc.request('fs.symlink', { target: place.target, path: pathIn(key, linkName), linkTarget: pointsTo })
  if (!reply.ok) return reply.error
  showIn(key, linkName)
  return null
}

/** `.txt` of `notes.txt`; '' for a folder, a name without a dot, or a dot file like `.bashrc`. */
export function extensionOf(name: string, isFolder: boolean): string {
  const dot = name.lastIndexOf('.')
  return isFolder || dot <= 0 ? '' : name.slice(dot)
}

/**
 * `notes.txt` → `notes copy.txt` (`notes copy 2.txt` when that is taken); a folder or a name
 * without an extension gets ` copy` at the end.
 */
export function copyName(name: string, isFolder: boolean, taken: ReadonlySet<string> = new Set()): string {
  const extension = extensionOf(name, isFolder)
  const base = name.slice(0, name.length - extension.length)
  for (let n = 1; ; n++) {
    const candidate = `${base} copy${n === 1 ? '' : ` ${n}`}${extension}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Shift+F5: the `Duplicate` dialog of the focused entry. */
export function askDuplicate(key: PaneKey): void {
  const [entry] = entriesToCopy(key)
  if (entry && placeOf(key)) useFileOpsStore.getState().show({ kind: 'duplicate', paneKey: key, name: entry.name, isFolder: isFolderLike(entry) })
}

/** Starts the duplicate job. */
export async function runDuplicate(key: PaneKey, name: string, newName: string): Promise<ErrorInfo | null> {
  const place = placeOf(key)
  if (!place) return null
  const reply = await rpc.request('fs.duplicate', { target: place.target, path: pathIn(key, name), name: newName })
  return reply.ok ? null : reply.error
}

/** Ctrl+Alt+C: the chosen entries' full paths on the clipboard, one per line; remote ones as `user@host:/path`. */
export async function copyPaths(key: PaneKey): Promise<void> {
  const place = placeOf(key)
  const names = chosenNames(key)
  if (!place || names.length === 0) return
  const { target } = place
  const session = target.kind === 'remote' ? useSessionsStore.getState().sessions.find((known) => known.sessionId === target.sessionId) : undefined
  const prefix = session ? `${session.username}@${session.host.includes(':') ? `[${session.host}]` : session.host}:` : ''
  const text = names.map((name) => prefix + pathIn(key, name)).join('\n')
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    notifyFailure({ code: 'PERMISSION_DENIED', message: 'The clipboard refused the paths: this window may not write to it.' })
  }
}

// More than this many files at once is a slip of the selection, not a wish for that many tabs.
const maxFilesOpenedAtOnce = 10

/** F4 and F3: opens the chosen files (links followed to a file) in the editor (or the external one, when that is the default), or read-only in the viewer. */
export function openInEditor(key: PaneKey, purpose: 'edit' | 'view'): void {
  const place = placeOf(key)
  if (!place) return
  const files = entriesToCopy(key).filter((entry) => entry.type === 'file' || (entry.type === 'symlink' && entry.linkTargetType === 'file'))
  if (files.length === 0) {
    notifyFailure({ code: 'INVALID_REQUEST', message: purpose === 'edit' ? 'Choose a file to edit: folders cannot be.' : 'Choose a file to view.' })
    return
  }
  openFiles(place.target, files.map((entry) => joinPath(place.folder, entry.name, place.separator)), purpose)
}

/** Opens files in the editor (or the external one, when that is F4's default), or read-only in the viewer; ten at most. */
export function openFiles(target: FsTarget, paths: readonly string[], purpose: 'edit' | 'view'): void {
  const opened = paths.slice(0, maxFilesOpenedAtOnce)
  if (purpose === 'edit' && useSettingsStore.getState().settings.editing.isExternalDefault) return void useExternalEditsStore.getState().start(target, opened)
  for (const path of opened) void useEditorsStore.getState().open(target, path, purpose)
}

/** `Edit with…`: asks which program to open the chosen files with. */
export function askEditWith(key: PaneKey): void {
  const place = placeOf(key)
  const files = entriesToCopy(key).filter((entry) => entry.type === 'file' || (entry.type === 'symlink' && entry.linkTargetType === 'file'))
  if (!place || files.length === 0) return
  const paths = files.slice(0, maxFilesOpenedAtOnce).map((entry) => joinPath(place.folder, entry.name, place.separator))
  useExternalEditsStore.getState().ask({ target: place.target, paths })
}
