import type { ComparedEntry, InsideCounts } from '../../shared/models/compare'
import { SkiffError } from '../../shared/models/errors'
import { compareEntry, type CompareState, type SyncCriteria } from '../../shared/models/sync'
import type { PairChecksums } from '../sync/pair-checksums'
import type { SideNode, SideTree } from '../sync/sync-side'

/** How two trees are judged. */
export interface TreeCompareOptions {
  readonly criteria: SyncCriteria
  /** Read whole: a folder on both sides is `same` or `different-inside` by its contents; else `not-compared`. */
  readonly isDeep: boolean
  readonly checksums?: PairChecksums['sums']
}

type Counts = { -readonly [K in keyof InsideCounts]: number }

interface TopEntry {
  readonly where: ComparedEntry['where']
  readonly state: CompareState
  readonly inside?: Counts
}

const noCounts = (): Counts => ({ onlyLocal: 0, onlyRemote: 0, newerLocal: 0, newerRemote: 0, different: 0, same: 0, unreadable: 0 })

/**
 * How each entry of the two folders' top level stands, from the local side's view. A folder on
 * both sides, read deep, is `same` only when every entry below it is, on both sides, and nothing
 * below it was unreadable.
 */
export function compareTrees(local: SideTree, remote: SideTree, options: TreeCompareOptions): ComparedEntry[] {
  const keys = new Set([...local.nodes.keys(), ...remote.nodes.keys()])
  const top = new Map<string, TopEntry>()
  for (const key of keys) {
    const pair = { local: local.nodes.get(key), remote: remote.nodes.get(key) }
    if (!pair.local && !pair.remote) continue
    if ((pair.local ?? pair.remote)!.relPath.length !== 1) continue
    const where = pair.local && pair.remote ? 'both' : pair.local ? 'local' : 'remote'
    const isFolderPair = pair.local?.type === 'directory' && pair.remote?.type === 'directory'
    const inside = isFolderPair && options.isDeep ? noCounts() : undefined
    top.set(key, { where, state: where === 'both' ? stateOf(key, pair.local!, pair.remote!, options) : 'only-here', ...(inside ? { inside } : {}) })
  }
  for (const key of keys) countBelow(top, key, local.nodes.get(key), remote.nodes.get(key), options)
  for (const problem of local.problems) countUnreadable(top, problem.relPath, 'local')
  for (const problem of remote.problems) countUnreadable(top, problem.relPath, 'remote')
  return [...top].map(([name, entry]) => ({ name, where: entry.where, state: entry.inside ? folderState(entry.inside) : entry.state, ...(entry.inside ? { inside: entry.inside } : {}) }))
}

// A folder that could not be listed is not in its tree: where the other side has the name, the
// pair is not the same (its contents unknown); else it is only on the side that holds it.
function countUnreadable(top: Map<string, TopEntry>, relPath: readonly string[], side: 'local' | 'remote'): void {
  const name = relPath[0]
  if (name === undefined) throw new SkiffError('PERMISSION_DENIED', `The ${side} folder could not be read.`)
  const entry = top.get(name)
  if (!entry) top.set(name, { where: side, state: 'only-here' })
  else if (entry.inside) entry.inside.unreadable++
  else if (entry.where !== side) top.set(name, { where: 'both', state: 'different-inside', inside: { ...noCounts(), unreadable: 1 } })
}

function stateOf(key: string, local: SideNode, remote: SideNode, options: TreeCompareOptions): CompareState {
  const sums = options.checksums?.get(key)
  return compareEntry(local, remote, options.criteria, sums ? { here: sums.local, there: sums.remote } : undefined)
}

// An entry below a folder on both sides counts in that folder's top-level entry.
function countBelow(top: ReadonlyMap<string, TopEntry>, key: string, local: SideNode | undefined, remote: SideNode | undefined, options: TreeCompareOptions): void {
  const relPath = (local ?? remote)?.relPath
  if (!relPath || relPath.length < 2) return
  const inside = top.get(relPath[0]!)?.inside
  if (!inside) return
  if (!remote) inside.onlyLocal++
  else if (!local) inside.onlyRemote++
  else if (local.type !== 'directory' || remote.type !== 'directory') inside[countOf(stateOf(key, local, remote, options))]++
}

function countOf(state: CompareState): keyof Counts {
  if (state === 'newer') return 'newerLocal'
  if (state === 'older') return 'newerRemote'
  return state === 'same' ? 'same' : 'different'
}

function folderState(inside: Counts): CompareState {
  const isSame = Object.entries(inside).every(([count, n]) => count === 'same' || n === 0)
  return isSame ? 'same' : 'different-inside'
}
