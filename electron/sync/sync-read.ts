import type { SyncRequest, SyncStartRequest } from '../../shared/models/sync'
import type { FileSystem } from '../fs/file-system'
import type { SyncFilter } from './sync-filter'
import type { PlannedRow } from './sync-rows'
import { readFolder as readSideFolder, type SideTree } from './sync-side'
import type { SyncWork } from './sync-work'

/** What planning a preview needs: the request, both sides' file systems, what is left out. */
export interface PreviewInput {
  readonly request: SyncRequest
  readonly localFs: FileSystem
  readonly remoteFs: FileSystem
  readonly filter: SyncFilter
  readonly signal: AbortSignal
  readonly platform: NodeJS.Platform
}

/** A planned preview: its rows, and how its Start becomes work. */
export interface PlannedPreview {
  readonly rows: readonly PlannedRow[]
  readonly entriesCompared: number
  /** The work a Start of this preview queues: its checked rows (and resolved conflicts). */
  readonly toWork: (start: SyncStartRequest) => SyncWork
}

/** Reads one side; the source's folder must be there, a target's may be new (an empty tree). */
export function readFolder(fs: FileSystem, folder: string, signal: AbortSignal, filter: SyncFilter, isSource: boolean): Promise<SideTree> {
  return readSideFolder(fs, folder, signal, (relPath) => filter.isEntered(relPath), isSource)
}

/** `~` or `~/site`: a folder in the home of whichever server it runs on (a deploy names one folder for all). */
export function isHomeRelative(folder: string): boolean {
  return folder === '~' || folder.startsWith('~/')
}

/** The server's folder as a full path: `~/site` below the login's home (where the server starts a session). */
export async function fromHome(fs: FileSystem, folder: string, signal: AbortSignal): Promise<string> {
  if (!isHomeRelative(folder)) return folder
  const home = await fs.realpath('.', signal)
  const rest = folder.slice(2)
  return rest === '' ? home : home.endsWith('/') ? home + rest : `${home}/${rest}`
}

/** What a walk could not read, as problem rows after the plan's. */
export function walkProblemRows(trees: readonly SideTree[], firstId: number): PlannedRow[] {
  const rows: PlannedRow[] = []
  trees.forEach((tree, index) => {
    for (const problem of tree.problems) {
      const side = index === 0 ? 'local' : 'remote'
      rows.push({ id: firstId + rows.length, action: 'problem', side, path: problem.path, type: 'file', reason: problem.message.replace(/^Not copied: /, 'not read: ') })
    }
  })
  return rows
}

/** The relative paths (`css/img`) of what a side's walk could not read, below its root. */
export function unreadableKeys(tree: SideTree, separator: '/' | '\\'): Set<string> {
  const keys = new Set<string>()
  for (const problem of tree.problems) {
    if (!problem.path.startsWith(tree.root)) continue
    const key = problem.path.slice(tree.root.length).split(separator).filter((name) => name !== '').join('/')
    if (key !== '') keys.add(key)
  }
  return keys
}
