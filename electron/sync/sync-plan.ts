import { typedNameProblem } from '../../shared/models/file-names'
import { compareEntry, type SyncAction, type SyncCriteria, type SyncMode } from '../../shared/models/sync'
import { caseOnlyTwins, facts, isBelow, problemReasons, sideWords, sortedKeys, trackInside, typeOf, withInside, type PlannedRow, type SourceSide } from './sync-rows'
import { relKey, type SideNode, type SideTree } from './sync-side'

export type { PlannedRow, SourceSide } from './sync-rows'

/** What a plan needs besides the two trees. */
export interface PlanOptions {
  readonly from: SourceSide
  readonly mode: SyncMode
  readonly isDeleteExtra: boolean
  readonly criteria: SyncCriteria
  /** SHA-256 per relative path and side, for files of equal size (with checksum comparison on). */
  readonly checksums?: ReadonlyMap<string, { readonly local: string; readonly remote: string }>
  /** False for entries the masks leave out: never copied, never deleted. */
  readonly isIncluded: (node: SideNode) => boolean
  /** The target is the local disk of Windows (or another that refuses names POSIX allows). */
  readonly isTargetWindows: boolean
  /** The target ignores case in names (the local disk of Windows or macOS). */
  readonly isTargetCaseBlind: boolean
}

/**
 * Plans a one-way synchronization of two trees: which entries to copy (new on the target, or
 * replacing one), which to delete (only with `isDeleteExtra`, and only what the target walk saw),
 * and what cannot be done and why (a file against a folder, names differing only in case, a name
 * the target cannot hold). Rows come in path order, parents before what they hold; a new or
 * deleted folder is one row, with a row for each new entry inside it (so each can be unchecked).
 */
export function planOneWay(local: SideTree, remote: SideTree, options: PlanOptions): PlannedRow[] {
  const sourceTree = options.from === 'local' ? local : remote
  const targetTree = options.from === 'local' ? remote : local
  const targetSide: SourceSide = options.from === 'local' ? 'remote' : 'local'
  const copyAction: SyncAction = options.from === 'local' ? 'upload' : 'download'
  const keys = sortedKeys([sourceTree, targetTree])
  const caseTwins = caseOnlyTwins(sourceTree, targetTree, options.isTargetCaseBlind)
  const rows: PlannedRow[] = []
  // Folders whose whole contents one row already speaks for (a deletion, a problem).
  const settled = new Set<string>()
  const deleted = new Map<string, SideNode[]>()
  const push = (row: Omit<PlannedRow, 'id' | 'side' | 'local' | 'remote'>, side: SourceSide = targetSide) => {
    const [localNode, remoteNode] = options.from === 'local' ? [row.source, row.target] : [row.target, row.source]
    rows.push({ ...row, id: rows.length, side, local: facts(localNode), remote: facts(remoteNode) })
  }
  for (const key of keys) {
    const source = sourceTree.nodes.get(key)
    const target = targetTree.nodes.get(key)
    const relPath = (source ?? target)!.relPath
    if (isBelow(relPath, settled)) {
      if (target && deleted.has(relKey(relPath.slice(0, -1)))) trackInside(deleted, relPath, target)
      continue
    }
    if ((source && !options.isIncluded(source)) || (!source && target && !options.isIncluded(target))) {
      if ((source ?? target)!.type === 'directory') settled.add(key)
      continue
    }
    const path = key
    const name = relPath.at(-1)!
    const problem = (reason: string) => {
      push({ action: 'problem', path, type: typeOf(source ?? target!), reason, source, target })
      settled.add(key)
    }
    const twin = caseTwins.get(key)
    if (twin !== undefined) {
      problem(problemReasons.caseTwin(twin))
      continue
    }
    if (!target) {
      if (source!.type === 'other') {
        problem(problemReasons.special)
        continue
      }
      const badName = options.isTargetWindows ? typedNameProblem(name, true) : null
      if (badName) {
        problem(problemReasons.badName(targetSide, badName))
        continue
      }
      push({ action: copyAction, path, type: typeOf(source!), reason: `only ${sideWords[options.from]}`, source })
      continue
    }
    if (!source) {
      if (!options.isDeleteExtra) continue
      push({ action: 'delete', path, type: typeOf(target), reason: `only ${sideWords[targetSide]}`, target })
      if (target.type === 'directory') {
        settled.add(key)
        deleted.set(key, [])
      }
      continue
    }
    if (source.type !== target.type || source.type === 'other') {
      problem(problemReasons.types(source, options.from, target, targetSide))
      continue
    }
    if (source.type === 'directory') continue
    const sums = options.checksums?.get(key)
    const pairSums = sums ? (options.from === 'local' ? { here: sums.local, there: sums.remote } : { here: sums.remote, there: sums.local }) : undefined
    const state = compareEntry(source, target, options.criteria, pairSums)
    const reason = replaceReason(state, options)
    if (reason) push({ action: 'replace', path, type: typeOf(source), reason, source, target })
  }
  return rows.map((row) => (row.action === 'delete' && deleted.has(row.path) ? withInside(row, deleted.get(row.path)!) : row))
}

/** Why a file present on both sides is replaced, or null when it is left as it is. */
function replaceReason(state: ReturnType<typeof compareEntry>, options: PlanOptions): string | null {
  const source = sideWords[options.from]
  switch (state) {
    case 'newer':
      return `newer ${source}`
    case 'older':
      return options.mode === 'mirror' ? `older ${source}: a mirror replaces the newer copy` : null
    case 'different-size':
      return 'the same time, a different size'
    case 'different':
      return options.criteria.isChecksumCompared && options.mode === 'update' ? 'different content (SHA-256)' : 'different content'
    default:
      return null
  }
}

