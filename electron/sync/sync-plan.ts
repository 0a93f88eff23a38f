import { typedNameProblem } from '../../shared/models/file-names'
import { compareEntry, type SyncAction, type SyncRowSide, type SyncCriteria, type SyncMode, type SyncRow } from '../../shared/models/sync'
import { relKey, type SideNode, type SideTree } from './sync-side'

/** Which side a one-way synchronization copies from. */
export type SourceSide = 'local' | 'remote'

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

/** A preview row with what running it needs: the entries as the preview saw them. */
export interface PlannedRow extends SyncRow {
  readonly source?: SideNode
  readonly target?: SideNode
  /** For a deleted folder: everything in it as seen, to delete exactly that. */
  readonly inside?: readonly SideNode[]
}

const sideWords = { local: 'on this computer', remote: 'on the server' } as const

function compareRel(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1
  }
  return a.length - b.length
}

function facts(node: SideNode | undefined): SyncRowSide | undefined {
  return node ? { type: typeOf(node), size: node.type === 'file' ? node.size : 0, mtimeMs: node.mtimeMs } : undefined
}

/** True when `relPath` is inside one of `folders` (keys of folders whose contents are already decided). */
function isBelow(relPath: readonly string[], folders: ReadonlySet<string>): boolean {
  for (let depth = relPath.length - 1; depth > 0; depth--) if (folders.has(relKey(relPath.slice(0, depth)))) return true
  return false
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
  const keys = [...new Set([...sourceTree.nodes.keys(), ...targetTree.nodes.keys()])]
  const nodeOf = (key: string) => (sourceTree.nodes.get(key) ?? targetTree.nodes.get(key))!
  keys.sort((a, b) => compareRel(nodeOf(a).relPath, nodeOf(b).relPath))
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
      problem(`differs only in case from ${twin}: on a file system that ignores case they are one name, so neither is synchronized`)
      continue
    }
    if (!target) {
      if (source!.type === 'other') {
        problem('not a regular file, folder or link (a device, socket or pipe): not copied')
        continue
      }
      const badName = options.isTargetWindows ? typedNameProblem(name, true) : null
      if (badName) {
        problem(`cannot be created ${sideWords[targetSide]}: ${badName}`)
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
      problem(`${describe(source)} ${sideWords[options.from]}, ${describe(target)} ${sideWords[targetSide]}: not synchronized`)
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

function trackInside(deleted: Map<string, SideNode[]>, relPath: readonly string[], node: SideNode): void {
  // Everything below a deleted folder is filed under that folder's own row.
  for (let depth = 1; depth < relPath.length; depth++) {
    const list = deleted.get(relKey(relPath.slice(0, depth)))
    if (list) {
      list.push(node)
      if (node.type === 'directory') deleted.set(relKey(relPath), list)
      return
    }
  }
}

function withInside(row: PlannedRow, inside: SideNode[]): PlannedRow {
  return { ...row, inside, entriesInside: inside.length }
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

function typeOf(node: SideNode): SyncRow['type'] {
  return node.type === 'other' ? 'file' : node.type
}

function describe(node: SideNode): string {
  return { file: 'a file', directory: 'a folder', symlink: 'a link', other: 'a special file' }[node.type]
}

/**
 * Names that differ from a name in the same folder only in case (`Readme.md` here, `README.md`
 * there), each mapped to its twin's name, where synchronizing them could make one overwrite or
 * merge into the other: the twins are not the same on both sides, or the target ignores case.
 */
function caseOnlyTwins(source: SideTree, target: SideTree, isTargetCaseBlind: boolean): Map<string, string> {
  const groups = new Map<string, string[]>()
  for (const tree of [source, target]) {
    for (const [key, node] of tree.nodes) {
      const group = relKey(node.relPath.slice(0, -1)) + '/' + node.relPath.at(-1)!.toLowerCase()
      const keys = groups.get(group) ?? []
      if (!keys.includes(key)) keys.push(key)
      groups.set(group, keys)
    }
  }
  const twins = new Map<string, string>()
  for (const keys of groups.values()) {
    if (keys.length < 2) continue
    const isAlikeOnBoth = keys.every((key) => source.nodes.has(key) && target.nodes.has(key))
    if (isAlikeOnBoth && !isTargetCaseBlind) continue
    for (const key of keys) twins.set(key, keys.find((other) => other !== key)!.split('/').at(-1)!)
  }
  return twins
}
