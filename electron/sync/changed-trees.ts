import { isSkiffError } from '../../shared/models/errors'
import type { FsEntry } from '../../shared/models/fs'
import { mapBounded } from '../fs/bounded-map'
import type { FileSystem } from '../fs/file-system'
import { joinChild } from '../transfer/plan/remote-name'
import { relKey, readSide, type SideNode, type SideTree } from './sync-side'

/** One side of a watched pair: its file system and the synchronized folder on it. */
export interface WatchedSide {
  readonly fs: FileSystem
  readonly root: string
}

// Lookups in flight per side: enough to fill the SFTP pipeline of a job's lanes.
const lookupConcurrency = 32

/**
 * The two sides of a batch of changed paths (relative to the folders), as small trees a plan of
 * the whole folders would hold for them: each path looked up on both sides (what is gone is
 * absent), and everything below a folder that is new here (to upload what it holds) or gone here
 * while the server still has it (to delete exactly what is seen). Links are entries of their own,
 * never followed. `isEntered` leaves out folders the masks exclude, as the full walk does.
 */
export async function readChanges(local: WatchedSide, remote: WatchedSide, changed: readonly (readonly string[])[], isEntered: (relPath: readonly string[]) => boolean, signal: AbortSignal): Promise<{ local: SideTree; remote: SideTree }> {
  const localNodes = new Map<string, SideNode>()
  const remoteNodes = new Map<string, SideNode>()
  // Folders read whole: a changed path inside one needs no lookup of its own.
  const readWhole = new Set<string>()
  const isInsideWhole = (relPath: readonly string[]) => relPath.slice(0, -1).some((_, depth) => readWhole.has(relKey(relPath.slice(0, depth + 1))))
  // Shallow paths first, so a new folder is known before the thousand files reported inside it.
  for (const level of byDepth(changed)) {
    await mapBounded(level.filter((relPath) => !isInsideWhole(relPath)), lookupConcurrency, async (relPath) => {
      const [here, there] = await Promise.all([nodeAt(local, relPath, signal), nodeAt(remote, relPath, signal)])
      if (here) localNodes.set(relKey(relPath), here)
      if (there) remoteNodes.set(relKey(relPath), there)
      // A folder on both sides: only the paths reported inside it changed, and they are in the batch.
      const side = here?.type === 'directory' && there?.type !== 'directory' ? { side: local, nodes: localNodes } : there?.type === 'directory' && here?.type !== 'directory' ? { side: remote, nodes: remoteNodes } : null
      if (!side) return
      readWhole.add(relKey(relPath))
      for (const node of await readBelow(side.side, relPath, isEntered, signal)) side.nodes.set(relKey(node.relPath), node)
    })
  }
  return { local: treeOf(local.root, localNodes), remote: treeOf(remote.root, remoteNodes) }
}

/** The changed paths, each once, grouped by depth, shallowest first. */
function byDepth(changed: readonly (readonly string[])[]): (readonly string[])[][] {
  const unique = new Map(changed.filter((relPath) => relPath.length > 0).map((relPath) => [relKey(relPath), relPath]))
  const levels: (readonly string[])[][] = []
  for (const relPath of unique.values()) (levels[relPath.length - 1] ??= []).push(relPath)
  return levels.filter((level) => level !== undefined)
}

/** The entry at `relPath` below a side's folder, as a plan's node; null when nothing is there. */
async function nodeAt(side: WatchedSide, relPath: readonly string[], signal: AbortSignal): Promise<SideNode | null> {
  let path = side.root
  try {
    for (const name of relPath) path = joinChild(path, name, side.fs.separator)
  } catch {
    // A name the walk would refuse too (a `/` in it, an empty one): not synchronized.
    return null
  }
  const entry = await side.fs.lookup(path, signal).catch(notFoundAsNull)
  if (!entry) return null
  const linkTarget = entry.type === 'symlink' ? await side.fs.readLink(path, signal).catch(() => '') : undefined
  return nodeOf(entry, relPath, path, linkTarget)
}

function nodeOf(entry: FsEntry, relPath: readonly string[], path: string, linkTarget: string | undefined): SideNode {
  const isFile = entry.type === 'file'
  return { type: entry.type, size: isFile ? entry.size : 0, mtimeMs: entry.type === 'directory' ? 0 : entry.mtimeMs, mode: entry.mode, relPath, path, ...(linkTarget === undefined ? {} : { linkTarget }) }
}

/** Everything below one folder of a side, named from the synchronized folder down. */
async function readBelow(side: WatchedSide, relPath: readonly string[], isEntered: (relPath: readonly string[]) => boolean, signal: AbortSignal): Promise<SideNode[]> {
  let path = side.root
  for (const name of relPath) path = joinChild(path, name, side.fs.separator)
  const tree = await readSide(side.fs, path, signal, (inside) => isEntered([...relPath, ...inside]))
  return [...tree.nodes.values()].map((node) => ({ ...node, relPath: [...relPath, ...node.relPath] }))
}

function treeOf(root: string, nodes: ReadonlyMap<string, SideNode>): SideTree {
  return { root, isPresent: true, nodes, problems: [] }
}

function notFoundAsNull(error: unknown): null {
  if (isSkiffError(error) && error.code === 'NOT_FOUND') return null
  throw error
}
