import type { SyncRow, SyncRowSide } from '../../shared/models/sync'
import { relKey, type SideNode, type SideTree } from './sync-side'

// What the one-way and two-way plans share: row order, row facts, folder bookkeeping, case twins.

/** Which side a synchronization copies from (or a row changes). */
export type SourceSide = 'local' | 'remote'

/** A preview row with what running it needs: the entries as the preview saw them. */
export interface PlannedRow extends SyncRow {
  readonly source?: SideNode
  readonly target?: SideNode
  /** For a deleted folder: everything in it as seen, to delete exactly that. */
  readonly inside?: readonly SideNode[]
}

/** Every relative path of the trees, in path order. */
export function sortedKeys(trees: readonly SideTree[]): string[] {
  const nodes = new Map<string, SideNode>()
  for (const tree of trees) for (const [key, node] of tree.nodes) if (!nodes.has(key)) nodes.set(key, node)
  return [...nodes.keys()].sort((a, b) => compareRel(nodes.get(a)!.relPath, nodes.get(b)!.relPath))
}

/** How a reason names each side. */
export const sideWords = { local: 'on this computer', remote: 'on the server' } as const

/** Path order of relative paths: parents before what they hold. */
export function compareRel(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1
  }
  return a.length - b.length
}

/** A row's size and time of one side's entry. */
export function facts(node: SideNode | undefined): SyncRowSide | undefined {
  return node ? { type: typeOf(node), size: node.type === 'file' ? node.size : 0, mtimeMs: node.mtimeMs } : undefined
}

/** True when `relPath` is inside one of `folders` (keys of folders whose contents are already decided). */
export function isBelow(relPath: readonly string[], folders: ReadonlySet<string>): boolean {
  for (let depth = relPath.length - 1; depth > 0; depth--) if (folders.has(relKey(relPath.slice(0, depth)))) return true
  return false
}

/** Files `node` (below a deleted folder) under that folder's row. */
export function trackInside(deleted: Map<string, SideNode[]>, relPath: readonly string[], node: SideNode): void {
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

/** A deleted folder's row with everything in it as seen. */
export function withInside(row: PlannedRow, inside: SideNode[]): PlannedRow {
  return { ...row, inside, entriesInside: inside.length }
}

/** The row type of an entry (a special file shows as a file). */
export function typeOf(node: SideNode): SyncRow['type'] {
  return node.type === 'other' ? 'file' : node.type
}

/** `a file`, `a folder`, `a link`, `a special file`. */
export function describe(node: SideNode): string {
  return { file: 'a file', directory: 'a folder', symlink: 'a link', other: 'a special file' }[node.type]
}

/**
 * Names that differ from a name in the same folder only in case (`Readme.md` here, `README.md`
 * there), each mapped to its twin's name, where synchronizing them could make one overwrite or
 * merge into the other: the twins are not the same on both sides, or the target ignores case.
 */
export function caseOnlyTwins(source: SideTree, target: SideTree, isTargetCaseBlind: boolean): Map<string, string> {
  // Keyed by the folder and the lowered name; a name with no twin (nearly all) never gets a list.
  const groups = new Map<string, string | string[]>()
  for (const tree of [source, target]) {
    for (const key of tree.nodes.keys()) {
      const slash = key.lastIndexOf('/')
      const group = key.slice(0, slash + 1) + key.slice(slash + 1).toLowerCase()
      const keys = groups.get(group)
      if (keys === undefined) groups.set(group, key)
      else if (typeof keys === 'string') {
        if (keys !== key) groups.set(group, [keys, key])
      } else if (!keys.includes(key)) keys.push(key)
    }
  }
  const twins = new Map<string, string>()
  for (const keys of groups.values()) {
    if (typeof keys === 'string') continue
    const isAlikeOnBoth = keys.every((key) => source.nodes.has(key) && target.nodes.has(key))
    if (isAlikeOnBoth && !isTargetCaseBlind) continue
    for (const key of keys) twins.set(key, keys.find((other) => other !== key)!.split('/').at(-1)!)
  }
  return twins
}

/** Why a row is a problem, worded the same by both plans. */
export const problemReasons = {
  caseTwin: (twin: string) => `differs only in case from ${twin}: on a file system that ignores case they are one name, so neither is synchronized`,
  special: 'not a regular file, folder or link (a device, socket or pipe): not copied',
  badName: (side: SourceSide, why: string) => `cannot be created ${sideWords[side]}: ${why}`,
  types: (one: SideNode, oneSide: SourceSide, other: SideNode, otherSide: SourceSide) => `${describe(one)} ${sideWords[oneSide]}, ${describe(other)} ${sideWords[otherSide]}: not synchronized`,
} as const
