import { isSkiffError, SkiffError } from '../../shared/models/errors'
import type { FsEntry, FsTarget } from '../../shared/models/fs'
import type { ConflictChoice, TransferSyncFacts } from '../../shared/models/transfer'
import { mapBounded } from '../fs/bounded-map'
import type { FileSystem } from '../fs/file-system'
import { copyPlan, type CopyFailure, type CopyPlanOptions, type CopyTreeSummary, type FileConflict } from '../transfer/copy-tree'
import type { PlannedFile, PlannedFolder, PlannedLink } from '../transfer/plan/tree-walk'
import type { PlannedRow } from './sync-plan'
import { relKey, type SideNode } from './sync-side'

/** Something to delete on the target, as the preview saw it. */
export interface SyncDeletion {
  readonly path: string
  readonly node: SideNode
}

/** Which way one leg of a synchronization copies: from one side's folder into the other's. */
export interface SyncSides {
  readonly from: FsTarget
  readonly sourceRoot: string
  readonly to: FsTarget
  readonly targetRoot: string
  /** The target's folders as the preview read them (see listingsOf): a first run does not list them again. */
  readonly targetListings?: ReadonlyMap<string, readonly FsEntry[]>
}

/** One direction of a synchronization: its copies from source to target, and its deletions on the target. */
export interface SyncLeg extends SyncSides {
  /** Folders to create, relPaths below the target root, parents first. */
  readonly folders: readonly PlannedFolder[]
  readonly files: readonly PlannedFile[]
  readonly links: readonly PlannedLink[]
  /** Target entries the preview showed as replaced, by relative path: overwritten without asking while they are as seen. */
  readonly replaced: ReadonlyMap<string, SideNode>
  /** Leaves first, then folders deepest first: run only once every copy (of every leg) is in place. */
  readonly deletions: readonly SyncDeletion[]
  readonly bytes: number
}

/**
 * What a started synchronization does, fixed when it starts: the checked rows of its preview, as
 * one leg (Upload, Download) or two (Both: this computer to the server, then back). `from`/`to`
 * are the job's own sides, as Transfers shows them.
 */
export interface SyncWork extends SyncSides {
  /** For the Transfers list: the synchronized folder's name. */
  readonly name: string
  readonly legs: readonly SyncLeg[]
  readonly bytes: number
  /** Run once every copy and deletion succeeded (a two-way synchronization saves what both sides have now). */
  readonly onSucceeded?: (fsOf: (side: FsTarget) => FileSystem, signal: AbortSignal) => Promise<void>
}

/** The checked rows of a one-way preview as work of one leg. */
export function workOf(rows: readonly PlannedRow[], unchecked: ReadonlySet<number>, sides: SyncSides & { readonly name: string }): SyncWork {
  const leg = legOf(rows, unchecked, sides)
  return { ...sides, legs: [leg], bytes: leg.bytes }
}

/** The rows that run: not problems or unresolved conflicts, not unchecked, not inside an unchecked new folder. */
export function runnableRows(rows: readonly PlannedRow[], unchecked: ReadonlySet<number>): PlannedRow[] {
  const droppedFolders = new Set<string>()
  const isDroppedWithFolder = (path: string) => {
    for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) if (droppedFolders.has(path.slice(0, cut))) return true
    return false
  }
  return rows.filter((row) => {
    if (row.action === 'problem' || row.action === 'conflict') return false
    if (!unchecked.has(row.id) && !isDroppedWithFolder(row.path)) return true
    if (row.type === 'directory') droppedFolders.add(row.path)
    return false
  })
}

/** The rows of one direction that run, as a leg. */
export function legOf(rows: readonly PlannedRow[], unchecked: ReadonlySet<number>, sides: SyncSides): SyncLeg {
  const folders: PlannedFolder[] = []
  const files: PlannedFile[] = []
  const links: PlannedLink[] = []
  const replaced = new Map<string, SideNode>()
  const leaves: SyncDeletion[] = []
  const emptied: SyncDeletion[] = []
  for (const row of runnableRows(rows, unchecked)) {
    if (row.action === 'delete') {
      const node = row.target!
      for (const inside of row.inside ?? []) (inside.type === 'directory' ? emptied : leaves).push({ path: inside.path, node: inside })
      ;(node.type === 'directory' ? emptied : leaves).push({ path: node.path, node })
      continue
    }
    const source = row.source!
    if (row.action === 'replace' && row.target) replaced.set(row.path, row.target)
    if (source.type === 'directory') folders.push({ sourcePath: source.path, relPath: source.relPath, mode: source.mode })
    else if (source.type === 'symlink') links.push({ sourcePath: source.path, relPath: source.relPath, target: source.linkTarget ?? '' })
    else files.push({ sourcePath: source.path, relPath: source.relPath, size: source.size, mtimeMs: source.mtimeMs, mode: source.mode })
  }
  emptied.sort((a, b) => b.node.relPath.length - a.node.relPath.length)
  const { from, sourceRoot, to, targetRoot, targetListings } = sides
  const bytes = files.reduce((sum, file) => sum + file.size, 0)
  return { from, sourceRoot, to, targetRoot, ...(targetListings ? { targetListings } : {}), folders, files, links, replaced, deletions: [...leaves, ...emptied], bytes }
}

/** A synchronization's counts for its row in Transfers, every leg together. */
export function syncFacts(work: SyncWork, deleted: number): TransferSyncFacts {
  const count = (pick: (leg: SyncLeg) => number) => work.legs.reduce((sum, leg) => sum + pick(leg), 0)
  return { files: count((leg) => leg.files.length + leg.links.length), folders: count((leg) => leg.folders.length), deletions: count((leg) => leg.deletions.length), deleted }
}

/** True when the target entry is still what the preview saw (a replace needs no question then). */
function isAsSeen(seen: SideNode, now: { readonly size: number; readonly mtimeMs: number; readonly type: string }): boolean {
  if (now.type !== seen.type) return false
  // A link's walk kept only where it points; its own size and time say nothing here.
  if (seen.type !== 'file') return true
  return now.size === seen.size && Math.abs(now.mtimeMs - seen.mtimeMs) < 1000
}

/** What running the copies needs besides the work. */
export type SyncCopyOptions = Omit<CopyPlanOptions, 'targetFolder' | 'onConflict'> & {
  /** Asks the person about a target name that is not as the preview saw it. */
  readonly ask: (conflict: FileConflict) => Promise<ConflictChoice>
}

/**
 * Runs the copies of a synchronization through the copy engine (part files, resume, verify, kept
 * permissions). A replace the preview showed overwrites without asking while the target is as it
 * was seen; anything else in the way (a file that appeared, one changed since) is asked about.
 * A link replaced by a link is removed first (a link holds no data to lose).
 */
export async function runSyncCopies(work: SyncLeg, options: SyncCopyOptions): Promise<CopyTreeSummary> {
  const { target } = options
  await target.mkdir(work.targetRoot, undefined, options.signal)
  const allFolders = withAncestors(work)
  const { memory } = options
  // Only a first run trusts the preview's listings: a later one must see the part files the earlier wrote.
  const isFirstRun = !memory || (memory.placed.size === 0 && memory.parts.size === 0 && memory.linked.size === 0 && memory.answers.size === 0)
  const listings = isFirstRun ? work.targetListings : undefined
  for (const link of work.links) {
    const seen = work.replaced.get(relKey(link.relPath))
    if (seen?.type === 'symlink') await target.remove(seen.path, options.signal).catch(ignoreMissing)
  }
  const byTarget = new Map([...work.replaced.values()].map((node) => [node.path, node]))
  return copyPlan(
    {
      ...options,
      targetFolder: work.targetRoot,
      ...(listings ? { seenListings: (relPath: readonly string[]) => listings.get(relKey(relPath)) } : {}),
      onConflict: async (conflict) => {
        const seen = byTarget.get(conflict.path)
        if (seen && isAsSeen(seen, conflict.target)) return 'overwrite'
        const reason = seen ? 'It changed after the preview: the preview showed it otherwise, so it is not replaced without asking.' : 'It was not there when the preview ran: something else made it since.'
        return options.ask({ ...conflict, reason })
      },
    },
    { folders: allFolders, files: work.files, links: work.links, specials: [], problems: [], totalBytes: work.bytes },
  )
}

/** The folders to create, with every folder above a new file that the plan does not list (they exist, or are new). */
function withAncestors(work: SyncLeg): PlannedFolder[] {
  const known = new Map(work.folders.map((folder) => [relKey(folder.relPath), folder]))
  for (const leaf of [...work.files, ...work.links]) {
    for (let depth = 1; depth < leaf.relPath.length; depth++) {
      const relPath = leaf.relPath.slice(0, depth)
      const key = relKey(relPath)
      if (!known.has(key)) known.set(key, { sourcePath: '', relPath, mode: 0 })
    }
  }
  return [...known.values()].sort((a, b) => a.relPath.length - b.relPath.length)
}

function ignoreMissing(error: unknown): void {
  if (!isSkiffError(error) || error.code !== 'NOT_FOUND') throw error
}

/**
 * The deletions of a synchronization, run after every copy succeeded: each file or link only
 * while it is as the preview saw it (a file changed since is kept and reported), then the
 * folders deepest first, each with rmdir, so a folder that gained something is kept.
 */
export async function runSyncDeletions(target: FileSystem, deletions: readonly SyncDeletion[], done: Set<string>, signal?: AbortSignal): Promise<CopyFailure[]> {
  const failures: CopyFailure[] = []
  const fail = (path: string, error: unknown) => {
    if (!isSkiffError(error) || error.code === 'DISCONNECTED' || error.code === 'CANCELLED') throw error
    if (error.code !== 'NOT_FOUND') failures.push({ path, code: error.code, message: `Not deleted: ${error.message}` })
  }
  const leaves = deletions.filter((deletion) => deletion.node.type !== 'directory' && !done.has(deletion.path))
  await mapBounded(leaves, 16, async ({ path, node }) => {
    try {
      const now = await target.lookup(path, signal)
      if (now && !isAsSeen(node, now)) {
        failures.push({ path, code: 'CHANGED', message: `Not deleted: ${path} changed after the preview.` })
        return
      }
      if (now) await target.remove(path, signal)
      done.add(path)
    } catch (error) {
      fail(path, error)
    }
  })
  for (const { path } of deletions.filter((deletion) => deletion.node.type === 'directory' && !done.has(deletion.path))) {
    if (signal?.aborted) throw new SkiffError('CANCELLED', 'The synchronization was cancelled.')
    // A folder that kept a file that could not go already says why.
    if (failures.some((failure) => failure.path.startsWith(path + target.separator))) continue
    try {
      await target.removeFolder(path, signal)
      done.add(path)
    } catch (error) {
      fail(path, error)
    }
  }
  return failures
}
