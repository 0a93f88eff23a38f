import type { FsEntry } from '../../shared/models/fs'
import { SkiffError } from '../../shared/models/errors'
import type { SideEntry } from '../../shared/models/sync'
import type { FileSystem } from '../fs/file-system'
import { walkTree, type WalkProblem } from '../transfer/plan/tree-walk'

/** One entry of a side of a synchronization, below its folder. */
export interface SideNode extends SideEntry {
  /** Names from the synchronized folder down: `['css', 'site.css']`. */
  readonly relPath: readonly string[]
  /** Where it is on its own file system. */
  readonly path: string
  /** st_mode as listed; 0 when unknown. */
  readonly mode: number
}

/** What the walk of one side could not read, and where below the folder it is. */
export interface SideProblem extends WalkProblem {
  /** Names from the folder down; empty for the folder itself. */
  readonly relPath: readonly string[]
}

/** Everything below one synchronized folder, by relative path (`css/site.css`). */
export interface SideTree {
  /** The folder, as its file system spells it. */
  readonly root: string
  /** False when the folder is not there yet (a first upload to a new folder): the tree is empty. */
  readonly isPresent: boolean
  readonly nodes: ReadonlyMap<string, SideNode>
  /** What could not be read (a folder without permission, a name no file system can hold). */
  readonly problems: readonly SideProblem[]
}

/**
 * Each folder of a tree with the entries the walk saw in it, by relKey (the root is ''): what
 * the copy engine would otherwise list again on the target (see SeenListings).
 */
export function listingsOf(tree: SideTree): ReadonlyMap<string, readonly FsEntry[]> {
  const listings = new Map<string, FsEntry[]>([['', []]])
  const folderOf = (key: string) => listings.get(key) ?? listings.set(key, []).get(key)!
  for (const [key, node] of tree.nodes) {
    if (node.type === 'directory') folderOf(key)
    const name = node.relPath.at(-1)!
    folderOf(relKey(node.relPath.slice(0, -1))).push({ name, type: node.type, size: node.size, mtimeMs: node.mtimeMs, mode: node.mode, permissions: '' })
  }
  return listings
}

/** The key of a relative path: names never hold `/` (the walk refuses such names). */
export function relKey(relPath: readonly string[]): string {
  return relPath.join('/')
}

/**
 * Reads one side's tree below `root`, links kept as entries of their own (never followed: what
 * a link points to is not this tree's to copy over or delete). `isEntered` is asked for each
 * folder below the root by its relative path; false leaves it out unlisted (an excluded
 * `node_modules/`). A root that is not there reads as an empty tree. `how.looked` is the root's
 * lookup when the caller has just made it (null: not there), saving the round trip;
 * `how.onProgress` hears how many entries have been listed, after each folder.
 */
export async function readSide(
  fs: FileSystem,
  root: string,
  signal: AbortSignal,
  isEntered: (relPath: readonly string[]) => boolean,
  how: { readonly looked?: FsEntry | null; readonly onProgress?: (entriesSeen: number) => void } = {},
): Promise<SideTree> {
  const { looked, onProgress } = how
  const entry = looked === undefined ? await fs.lookup(root, signal) : looked
  if (entry === null) return { root, isPresent: false, nodes: new Map(), problems: [] }
  const rootPath = entry.type === 'directory' ? root : await fs.realpath(root, signal)
  const prefix = rootPath.length
  const relPathOf = (path: string) => path.slice(prefix).split(fs.separator).filter((name) => name !== '')
  const plan = await walkTree({
    fs,
    roots: [rootPath],
    signal,
    concurrency: 32,
    links: 'preserve',
    ...(entry.type === 'directory' ? { knownRoots: new Map([[rootPath, entry]]) } : {}),
    ...(onProgress ? { onProgress } : {}),
    enters: (path) => path === rootPath || isEntered(relPathOf(path)),
  })
  const nodes = new Map<string, SideNode>()
  const add = (node: SideNode) => nodes.set(relKey(node.relPath), node)
  // The walk names entries from the root's own name down; a sync names them from inside it.
  const below = (relPath: readonly string[]) => relPath.slice(1)
  for (const folder of plan.folders) {
    if (folder.relPath.length > 1) add({ type: 'directory', size: 0, mtimeMs: 0, mode: folder.mode, relPath: below(folder.relPath), path: folder.sourcePath })
  }
  for (const file of plan.files) add({ type: 'file', size: file.size, mtimeMs: file.mtimeMs, mode: file.mode, relPath: below(file.relPath), path: file.sourcePath })
  for (const link of plan.links) add({ type: 'symlink', size: 0, mtimeMs: 0, mode: 0, linkTarget: link.target, relPath: below(link.relPath), path: link.sourcePath })
  for (const special of plan.specials) add({ type: 'other', size: 0, mtimeMs: 0, mode: 0, relPath: below(special.relPath), path: special.sourcePath })
  return { root: rootPath, isPresent: true, nodes, problems: plan.problems.map((problem) => ({ ...problem, relPath: relPathOf(problem.path) })) }
}

/**
 * Reads one side's folder (see readSide). One that must be there (a source, a compared folder)
 * is NOT_FOUND when it is not; a target's may be new (an empty tree). A file is INVALID_REQUEST.
 */
export async function readFolder(
  fs: FileSystem,
  folder: string,
  signal: AbortSignal,
  isEntered: (relPath: readonly string[]) => boolean,
  isRequired: boolean,
  onProgress?: (entriesSeen: number) => void,
): Promise<SideTree> {
  const entry = await fs.lookup(folder, signal)
  if (entry && entry.type !== 'directory' && entry.type !== 'symlink') throw new SkiffError('INVALID_REQUEST', `${folder} is not a folder.`)
  if (!entry && isRequired) throw new SkiffError('NOT_FOUND', `There is no folder ${folder}.`)
  return readSide(fs, folder, signal, isEntered, { looked: entry, ...(onProgress ? { onProgress } : {}) })
}
