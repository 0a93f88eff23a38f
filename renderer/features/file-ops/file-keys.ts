import type { PaneKey } from '../../stores/pane-state'
import { askDelete, askDuplicate, askNewEntry, askNewLink, askProperties, copyPaths, openInEditor, askEditWith, startRename } from './file-commands'
import { openFind } from '../find/find-actions'
import { openKeepUpToDate, openSync } from '../sync/sync-actions'
import { compareFolders } from '../compare/compare-actions'

/** The keys of a key event, as file-keys compares them. */
interface KeyPress {
  readonly key: string
  readonly shiftKey: boolean
  readonly altKey: boolean
  readonly ctrlKey: boolean
  readonly metaKey: boolean
}

/** One file command, its key as the menus show it, and whether a key press is it. */
export interface FileCommand {
  readonly label: string
  readonly shortcut: string
  readonly run: (key: PaneKey) => void
  readonly matches: (press: KeyPress) => boolean
}

const plain = (press: KeyPress) => !press.shiftKey && !press.altKey && !press.ctrlKey && !press.metaKey
const only = (press: KeyPress, modifier: 'shiftKey' | 'altKey') =>
  press[modifier] && !press.ctrlKey && !press.metaKey && (modifier === 'shiftKey' ? !press.altKey : !press.shiftKey)

/** WinSCP's keys for the file commands, in menu order. */
export const fileCommands = {
  view: { label: 'View', shortcut: 'F3', run: (key) => openInEditor(key, 'view'), matches: (p) => p.key === 'F3' && plain(p) },
  edit: { label: 'Edit', shortcut: 'F4', run: (key) => openInEditor(key, 'edit'), matches: (p) => p.key === 'F4' && plain(p) },
  editWith: { label: 'Edit with…', shortcut: 'Shift+F3', run: askEditWith, matches: (p) => p.key === 'F3' && only(p, 'shiftKey') },
  rename: { label: 'Rename', shortcut: 'F2', run: startRename, matches: (p) => p.key === 'F2' && plain(p) },
  newFile: { label: 'New file…', shortcut: 'Shift+F4', run: (key) => askNewEntry(key, 'new-file'), matches: (p) => p.key === 'F4' && only(p, 'shiftKey') },
  duplicate: { label: 'Duplicate…', shortcut: 'Shift+F5', run: askDuplicate, matches: (p) => p.key === 'F5' && only(p, 'shiftKey') },
  newLink: { label: 'New link…', shortcut: 'Alt+F6', run: askNewLink, matches: (p) => p.key === 'F6' && only(p, 'altKey') },
  newFolder: { label: 'New folder…', shortcut: 'F7', run: (key) => askNewEntry(key, 'new-folder'), matches: (p) => p.key === 'F7' && plain(p) },
  find: { label: 'Find files…', shortcut: 'Alt+F7', run: openFind, matches: (p) => p.key === 'F7' && only(p, 'altKey') },
  delete: { label: 'Delete…', shortcut: 'F8', run: (key) => void askDelete(key, false), matches: (p) => (p.key === 'F8' || p.key === 'Delete') && plain(p) },
  deletePermanently: { label: 'Delete permanently…', shortcut: 'Shift+Delete', run: (key) => void askDelete(key, true), matches: (p) => (p.key === 'Delete' || p.key === 'F8') && only(p, 'shiftKey') },
  properties: {
    label: 'Properties…',
    shortcut: 'F9',
    run: (key) => void askProperties(key),
    matches: (p) => (p.key === 'F9' && plain(p)) || (p.key === 'Enter' && only(p, 'altKey')),
  },
  compare: { label: 'Compare folders', shortcut: 'Shift+F2', run: compareFolders, matches: (p) => p.key === 'F2' && only(p, 'shiftKey') },
  synchronize: { label: 'Synchronize…', shortcut: 'Ctrl+S', run: openSync, matches: (p) => p.key.toLowerCase() === 's' && p.ctrlKey && !p.altKey && !p.shiftKey && !p.metaKey },
  keepUpToDate: { label: 'Keep up to date…', shortcut: 'Ctrl+U', run: openKeepUpToDate, matches: (p) => p.key.toLowerCase() === 'u' && p.ctrlKey && !p.altKey && !p.shiftKey && !p.metaKey },
  copyPath: { label: 'Copy path', shortcut: 'Ctrl+Alt+C', run: (key) => void copyPaths(key), matches: (p) => p.key.toLowerCase() === 'c' && p.ctrlKey && p.altKey && !p.metaKey },
} satisfies Record<string, FileCommand>

// Commands on the pane's folder, not its selection: their keys work from anywhere in the pane (the Path box, a button).
const folderCommands: readonly FileCommand[] = [fileCommands.find, fileCommands.compare, fileCommands.synchronize, fileCommands.keepUpToDate]

/** The folder command (Find, Compare, Synchronize, Keep up to date) a key press anywhere in a pane asks for, if any. */
export function folderCommandFor(press: KeyPress): ((key: PaneKey) => void) | null {
  return folderCommands.find((command) => command.matches(press))?.run ?? null
}

/** The file command a key press in a grid asks for, if any. */
export function fileCommandFor(press: KeyPress): ((key: PaneKey) => void) | null {
  return Object.values(fileCommands).find((command) => command.matches(press))?.run ?? null
}
