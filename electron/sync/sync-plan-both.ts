import { typedNameProblem } from '../../shared/models/file-names'
import { compareEntry, type SyncCriteria } from '../../shared/models/sync'
import { caseOnlyTwins, facts, isBelow, problemReasons, sideWords, sortedKeys, trackInside, typeOf, withInside, type PlannedRow, type SourceSide } from './sync-rows'
import { relKey, type SideNode, type SideTree } from './sync-side'
import type { PairState, StateFacts, SyncState } from './sync-state'

/** What a two-way plan needs besides the two trees and the last state. */
export interface TwoWayOptions {
  readonly criteria: SyncCriteria
  /** SHA-256 per relative path and side, for files of equal size (with checksum comparison on). */
  readonly checksums?: ReadonlyMap<string, { readonly local: string; readonly remote: string }>
  /** False for entries the masks leave out: never copied, never deleted. */
  readonly isIncluded: (node: SideNode) => boolean
  /** This computer refuses names POSIX allows (Windows). */
  readonly isLocalWindows: boolean
  /** This computer ignores case in names (Windows, macOS). */
  readonly isLocalCaseBlind: boolean
  /** Relative paths a walk could not read, either side: nothing at or below them is decided. */
  readonly unreadable: ReadonlySet<string>
}

type Draft = Omit<PlannedRow, 'id' | 'local' | 'remote' | 'path'>

const otherSide = { local: 'remote', remote: 'local' } as const
const copyTo = { remote: 'upload', local: 'download' } as const
const sinceLast = 'since the last sync'

interface Context {
  readonly options: TwoWayOptions
  readonly last: SyncState | null
  /** Per side: folders holding something changed, new or left out since the last synchronization. */
  readonly dirty: Readonly<Record<SourceSide, ReadonlySet<string>>>
}

/**
 * Plans a two-way synchronization from the two trees and what both sides had after the last one
 * (`last`, null before the first). A path changed on one side only is copied to the other; one
 * unchanged here and gone there is deleted here (a folder only when nothing inside changed); one
 * changed on both sides, or changed here and deleted there, is a `conflict` row that runs only
 * once resolved. With no state yet, the newer file wins, what one side alone has is copied and
 * nothing is deleted. For a conflict, `source` is this computer's entry and `target` the server's.
 * Problems (a file against a folder, case twins, names this computer cannot hold) as one way.
 */
export function planTwoWay(local: SideTree, remote: SideTree, last: SyncState | null, options: TwoWayOptions): PlannedRow[] {
  const trees = { local, remote }
  const known = { last, options }
  const context: Context = { ...known, dirty: { local: dirtyFolders(local, 'local', known), remote: dirtyFolders(remote, 'remote', known) } }
  const twins = caseOnlyTwins(local, remote, options.isLocalCaseBlind)
  const rows: PlannedRow[] = []
  const settled = new Set<string>()
  const deleted = new Map<string, SideNode[]>()
  const deletedSide = new Map<string, SourceSide>()
  for (const key of sortedKeys([local, remote])) {
    const localNode = local.nodes.get(key)
    const remoteNode = remote.nodes.get(key)
    const node = (localNode ?? remoteNode)!
    if (options.unreadable.has(key) || isBelow(node.relPath, settled) || isBelow(node.relPath, options.unreadable)) {
      const side = deletedSide.get(relKey(node.relPath.slice(0, -1)))
      const inside = side && trees[side].nodes.get(key)
      if (side && inside) {
        trackInside(deleted, node.relPath, inside)
        if (inside.type === 'directory') deletedSide.set(key, side)
      }
      continue
    }
    if (!options.isIncluded(node)) {
      if (node.type === 'directory') settled.add(key)
      continue
    }
    const twin = twins.get(key)
    const draft = twin !== undefined ? problem(node, problemReasons.caseTwin(twin), localNode ? 'local' : 'remote') : decide(localNode, remoteNode, context.last?.get(key), context)
    if (!draft) continue
    rows.push({ ...draft, id: rows.length, path: key, local: facts(localNode), remote: facts(remoteNode) })
    // A folder's problem or deletion speaks for everything in it, either side.
    const isFolder = localNode?.type === 'directory' || remoteNode?.type === 'directory'
    if (isFolder && (draft.action === 'problem' || draft.action === 'delete')) settled.add(key)
    if (draft.action === 'delete' && draft.type === 'directory') {
      deleted.set(key, [])
      deletedSide.set(key, draft.side)
    }
  }
  return rows.map((row) => (row.action === 'delete' && deleted.has(row.path) ? withInside(row, deleted.get(row.path)!) : row))
}

function problem(node: SideNode, reason: string, side: SourceSide = 'local'): Draft {
  return { action: 'problem', side, type: typeOf(node), reason }
}

function decide(localNode: SideNode | undefined, remoteNode: SideNode | undefined, was: PairState | undefined, context: Context): Draft | null {
  if (localNode && remoteNode) return bothSides(localNode, remoteNode, was, context)
  if (localNode) return oneSide('local', localNode, was, context)
  return oneSide('remote', remoteNode!, was, context)
}

/** An entry on one side only: deleted there since the last run (delete here, or a conflict), or new here (copy it). */
function oneSide(here: SourceSide, node: SideNode, was: PairState | undefined, context: Context): Draft | null {
  const there = otherSide[here]
  const type = typeOf(node)
  const conflictNodes = here === 'local' ? { source: node } : { target: node }
  if (was && was.type === type) {
    const isChangedHere = node.type === 'directory' ? context.dirty[here].has(relKey(node.relPath)) : isChanged(node, was[here], context.options.criteria)
    if (!isChangedHere) return { action: 'delete', side: here, type, reason: `deleted ${sideWords[there]} ${sinceLast}`, target: node }
    // A folder that holds changes is kept: what is inside is decided entry by entry.
    if (node.type === 'directory') return null
    return { action: 'conflict', side: there, type, reason: `changed ${sideWords[here]}, deleted ${sideWords[there]} ${sinceLast}`, ...conflictNodes }
  }
  if (node.type === 'other') return problem(node, problemReasons.special, here)
  const badName = there === 'local' && context.options.isLocalWindows ? typedNameProblem(node.relPath.at(-1)!, true) : null
  if (badName) return problem(node, problemReasons.badName(there, badName), here)
  const reason = context.last ? `new ${sideWords[here]} ${sinceLast}` : `only ${sideWords[here]}`
  return { action: copyTo[there], side: there, type, reason, source: node }
}

/** An entry on both sides: copy the side that changed, or ask when both did (or, on a first run, the newer wins). */
function bothSides(localNode: SideNode, remoteNode: SideNode, was: PairState | undefined, context: Context): Draft | null {
  const { options } = context
  if (localNode.type !== remoteNode.type || localNode.type === 'other') return problem(localNode, problemReasons.types(localNode, 'local', remoteNode, 'remote'))
  if (localNode.type === 'directory') return null
  const sums = options.checksums?.get(relKey(localNode.relPath))
  const state = compareEntry(localNode, remoteNode, options.criteria, sums ? { here: sums.local, there: sums.remote } : undefined)
  if (state === 'same') return null
  const type = typeOf(localNode)
  const upload: Draft = { action: 'replace', side: 'remote', type, reason: '', source: localNode, target: remoteNode }
  const download: Draft = { action: 'replace', side: 'local', type, reason: '', source: remoteNode, target: localNode }
  const conflict = (reason: string): Draft => ({ action: 'conflict', side: 'remote', type, reason, source: localNode, target: remoteNode })
  const known = was && was.type === type ? was : undefined
  if (!known) {
    if (context.last) return conflict(`new on both sides ${sinceLast}, with different content`)
    if (state === 'newer') return { ...upload, reason: `newer ${sideWords.local}` }
    if (state === 'older') return { ...download, reason: `newer ${sideWords.remote}` }
    return conflict(state === 'different-size' ? 'the same time, a different size: which is newer cannot be told' : 'different content at the same time: which is newer cannot be told')
  }
  const isLocalChanged = isChanged(localNode, known.local, options.criteria)
  const isRemoteChanged = isChanged(remoteNode, known.remote, options.criteria)
  if (isLocalChanged && !isRemoteChanged) return { ...upload, reason: `changed ${sideWords.local} ${sinceLast}` }
  if (isRemoteChanged && !isLocalChanged) return { ...download, reason: `changed ${sideWords.remote} ${sinceLast}` }
  return conflict(isLocalChanged ? `changed on both sides ${sinceLast}` : `different, though neither side changed ${sinceLast}`)
}

/** True when an entry is not what its side had after the last synchronization (size, time beyond the tolerance, link target). */
function isChanged(node: SideNode, was: StateFacts, criteria: SyncCriteria): boolean {
  if (node.type === 'symlink') return node.linkTarget !== was.linkTarget
  if (node.type !== 'file') return false
  if (node.size !== was.size) return true
  if (node.mtimeMs === 0 || was.mtimeMs === 0) return false
  return Math.abs(node.mtimeMs - was.mtimeMs) > Math.max(0, criteria.toleranceSeconds) * 1000
}

/** The folders of a side that hold (at any depth) something new, changed or left out since the last run: such a folder is never deleted whole. */
function dirtyFolders(tree: SideTree, side: SourceSide, context: Pick<Context, 'last' | 'options'>): Set<string> {
  const dirty = new Set<string>()
  if (!context.last) return dirty
  const markAbove = (relPath: readonly string[], isSelf: boolean) => {
    for (let depth = 1; depth < relPath.length + (isSelf ? 1 : 0); depth++) dirty.add(relKey(relPath.slice(0, depth)))
  }
  for (const [key, node] of tree.nodes) {
    const was = context.last.get(key)
    const isKept = !context.options.isIncluded(node) || !was || was.type !== typeOf(node) || isChanged(node, was[side], context.options.criteria)
    if (isKept) markAbove(node.relPath, false)
  }
  for (const key of context.options.unreadable) markAbove(key.split('/'), true)
  return dirty
}
