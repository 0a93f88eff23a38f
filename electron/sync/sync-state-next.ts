import { mapBounded } from '../fs/bounded-map'
import { isBelow, sortedKeys, type PlannedRow, type SourceSide } from './sync-rows'
import type { SideNode, SideTree } from './sync-side'
import type { PairState, StateFacts, SyncState } from './sync-state'

/** What the state after a two-way synchronization is made from. */
export interface NextStateInput {
  /** The state the preview planned from (null before the first run). */
  readonly last: SyncState | null
  readonly local: SideTree
  readonly remote: SideTree
  /** Every row of the preview. */
  readonly rows: readonly PlannedRow[]
  /** The rows that ran, by path: resolved conflicts as the copy or deletion they became. */
  readonly ran: ReadonlyMap<string, PlannedRow>
  readonly isIncluded: (node: SideNode) => boolean
  /** Relative paths a walk could not read: what is known of them stays as it was. */
  readonly unreadable: ReadonlySet<string>
}

/** How a side's entry stands now, read after a copy put it there (null when it is not there). */
export type FactsNow = (side: SourceSide, relPath: readonly string[]) => Promise<StateFacts | null>

/** The facts of an entry as a walk saw it. */
export function factsOf(node: SideNode): StateFacts {
  if (node.type === 'symlink') return { size: 0, mtimeMs: 0, linkTarget: node.linkTarget ?? '' }
  return node.type === 'file' ? { size: node.size, mtimeMs: node.mtimeMs } : { size: 0, mtimeMs: 0 }
}

/**
 * What both sides hold after a synchronization that succeeded: for each path it decided, the
 * pair as the preview saw it where nothing ran (alike on both sides), the source as seen and the
 * target as it is now where a copy ran, nothing where a deletion ran. A path whose row did not
 * run (unchecked, an unresolved conflict, a problem) or that was left out keeps what the last
 * state said: no synchronization of it is claimed that did not happen.
 */
export async function nextState(input: NextStateInput, factsNow: FactsNow): Promise<Map<string, PairState>> {
  const entries = new Map(input.last ?? [])
  const held = new Set(input.unreadable)
  for (const row of input.rows) if (input.ran.get(row.path) === undefined) held.add(row.path)
  const keys = [...new Set([...sortedKeys([input.local, input.remote]), ...entries.keys()])]
  const copies = [...input.ran.values()].filter((row) => row.action !== 'delete')
  const now = new Map<string, StateFacts | null>()
  await mapBounded(copies, 16, async (row) => {
    const source = row.source!
    now.set(row.path, source.type === 'file' ? await factsNow(row.side, source.relPath) : factsOf(source))
  })
  const deletedFolders = new Set<string>()
  for (const key of keys) {
    const relPath = key.split('/')
    if (held.has(key) || isBelow(relPath, held)) continue
    const localNode = input.local.nodes.get(key)
    const remoteNode = input.remote.nodes.get(key)
    const node = localNode ?? remoteNode
    if (node && !input.isIncluded(node)) continue
    const row = input.ran.get(key)
    if (row?.action === 'delete' || isBelow(relPath, deletedFolders)) {
      entries.delete(key)
      if (row?.type === 'directory') deletedFolders.add(key)
    } else if (row) {
      const target = now.get(key)
      const source = factsOf(row.source!)
      if (!target) entries.delete(key)
      else entries.set(key, row.side === 'remote' ? { type: row.type, local: source, remote: target } : { type: row.type, local: target, remote: source })
    } else if (localNode && remoteNode && localNode.type === remoteNode.type && localNode.type !== 'other') {
      entries.set(key, { type: localNode.type, local: factsOf(localNode), remote: factsOf(remoteNode) })
    } else if (!node) entries.delete(key)
  }
  return entries
}
