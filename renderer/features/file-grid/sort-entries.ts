import type { FsEntry } from '../../../shared/models/fs'
import { isFolderLike, isHiddenName } from './entry-format'
import { nameSortKey } from './name-key'

/** A column the grid can sort by. */
export type SortColumn = 'name' | 'size' | 'modified' | 'permissions'

/** How a pane is sorted. */
export interface SortSpec {
  readonly column: SortColumn
  readonly isDescending: boolean
}

/** Folders by name, ascending: what a pane opens with. */
export const defaultSort: SortSpec = { column: 'name', isDescending: false }

/** An entry with its name key computed once per sort, not once per comparison. */
interface Keyed {
  readonly entry: FsEntry
  readonly key: string
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Names in human order (numeric, case- and accent-insensitive); the raw name breaks ties so the order is stable. */
function compareKeyed(a: Keyed, b: Keyed): number {
  return compareText(a.key, b.key) || compareText(a.entry.name, b.entry.name)
}

type Comparator = (a: Keyed, b: Keyed) => number

const byColumn: Readonly<Record<SortColumn, Comparator>> = {
  name: compareKeyed,
  size: (a, b) => a.entry.size - b.entry.size || compareKeyed(a, b),
  modified: (a, b) => a.entry.mtimeMs - b.entry.mtimeMs || compareKeyed(a, b),
  permissions: (a, b) => compareText(a.entry.permissions, b.entry.permissions) || compareKeyed(a, b),
}

/** The next sort after a click on a column header: the same column reverses, another starts ascending. */
export function nextSort(current: SortSpec, column: SortColumn): SortSpec {
  return current.column === column ? { column, isDescending: !current.isDescending } : { column, isDescending: false }
}

/**
 * The rows a grid shows: hidden names dropped unless wanted, folders (and links to folders)
 * always first, each group ordered by the sort. Returns a new array; call once per change.
 */
export function sortEntries(entries: readonly FsEntry[], sort: SortSpec, showHidden: boolean): FsEntry[] {
  const compare = byColumn[sort.column]
  const direction = sort.isDescending ? -1 : 1
  const folders: Keyed[] = []
  const files: Keyed[] = []
  for (const entry of entries) {
    if (!showHidden && isHiddenName(entry.name)) continue
    ;(isFolderLike(entry) ? folders : files).push({ entry, key: nameSortKey(entry.name) })
  }
  const ordered = (a: Keyed, b: Keyed) => direction * compare(a, b)
  folders.sort(ordered)
  files.sort(ordered)
  const rows: FsEntry[] = new Array(folders.length + files.length)
  folders.forEach((keyed, i) => (rows[i] = keyed.entry))
  files.forEach((keyed, i) => (rows[folders.length + i] = keyed.entry))
  return rows
}
