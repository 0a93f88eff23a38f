import type { FsEntry, FsTarget } from '../../shared/models/fs'
import type { SyncResolution } from '../../shared/models/sync'
import type { PlannedRow } from './sync-rows'
import { legOf, runnableRows, type SyncWork } from './sync-work'

/** The two folders of a two-way synchronization. */
export interface TwoWaySides {
  readonly name: string
  readonly local: FsTarget
  readonly localRoot: string
  readonly remote: FsTarget
  readonly remoteRoot: string
  /** Each side's folders as the preview read them (see listingsOf). */
  readonly localListings?: ReadonlyMap<string, readonly FsEntry[]>
  readonly remoteListings?: ReadonlyMap<string, readonly FsEntry[]>
}

/**
 * A conflict row as what its resolution does: keeping one side's version makes the other side
 * like it, a copy (a replace when the other side has one) or, when the kept side has none (it was
 * deleted there), a deletion. A conflict's `source` is this computer's entry, `target` the server's.
 */
export function resolvedRow(row: PlannedRow, keep: SyncResolution['keep']): PlannedRow {
  const [kept, other] = keep === 'local' ? [row.source, row.target] : [row.target, row.source]
  const side = keep === 'local' ? 'remote' : 'local'
  if (!kept) return { ...row, action: 'delete', side: keep, source: undefined, target: other }
  return { ...row, action: other ? 'replace' : keep === 'local' ? 'upload' : 'download', side, source: kept, target: other }
}

/**
 * The rows of a two-way preview that run, as one job of two legs: this computer to the server
 * (what the server's side of the rows changes), then the server to this computer. `ran` is
 * every row that runs, by path, resolved conflicts as what they became.
 */
export function twoWayWorkOf(rows: readonly PlannedRow[], unchecked: ReadonlySet<number>, resolutions: readonly SyncResolution[], sides: TwoWaySides): { work: Omit<SyncWork, 'onSucceeded'>; ran: Map<string, PlannedRow> } {
  const keepOf = new Map(resolutions.map((resolution) => [resolution.id, resolution.keep]))
  const resolved = rows.map((row) => {
    const keep = row.action === 'conflict' ? keepOf.get(row.id) : undefined
    return keep ? resolvedRow(row, keep) : row
  })
  // A conflict runs by its resolution alone, checked or not.
  const isConflict = new Set(rows.filter((row) => row.action === 'conflict').map((row) => row.id))
  const ran = runnableRows(resolved, new Set([...unchecked].filter((id) => !isConflict.has(id))))
  const up = legOf(
    ran.filter((row) => row.side === 'remote'),
    new Set(),
    { from: sides.local, sourceRoot: sides.localRoot, to: sides.remote, targetRoot: sides.remoteRoot, ...(sides.remoteListings ? { targetListings: sides.remoteListings } : {}) },
  )
  const down = legOf(
    ran.filter((row) => row.side === 'local'),
    new Set(),
    { from: sides.remote, sourceRoot: sides.remoteRoot, to: sides.local, targetRoot: sides.localRoot, ...(sides.localListings ? { targetListings: sides.localListings } : {}) },
  )
  const work = { name: sides.name, from: up.from, sourceRoot: up.sourceRoot, to: up.to, targetRoot: up.targetRoot, legs: [up, down], bytes: up.bytes + down.bytes }
  return { work, ran: new Map(ran.map((row) => [row.path, row])) }
}
