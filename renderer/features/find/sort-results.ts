import type { FoundEntry } from '../../../shared/models/find'
import { nameSortKey } from '../file-grid/name-key'

/** A column of `Find results`. */
export type ResultColumn = 'name' | 'folder' | 'size' | 'modified'

/** How the results are sorted; null keeps the order they were found in. */
export interface ResultSort {
  readonly column: ResultColumn
  readonly isDescending: boolean
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** A header click: the same column turns the order round, another one sorts ascending by it. */
export function nextResultSort(sort: ResultSort | null, column: ResultColumn): ResultSort {
  return sort?.column === column ? { column, isDescending: !sort.isDescending } : { column, isDescending: false }
}

/**
 * The results in `sort`'s order: names in the panes' human order (numbers as numbers, case and
 * accents aside), the path breaking ties so the order is stable and the same for every batch.
 */
export function sortResults(results: readonly FoundEntry[], sort: ResultSort | null): readonly FoundEntry[] {
  if (!sort) return results
  const keyed = results.map((result) => ({ result, name: nameSortKey(result.name), folder: nameSortKey(result.folder) }))
  type Keyed = (typeof keyed)[number]
  const byPath = (a: Keyed, b: Keyed) => compareText(a.result.path, b.result.path)
  const byName = (a: Keyed, b: Keyed) => compareText(a.name, b.name) || byPath(a, b)
  const compare: Record<ResultColumn, (a: Keyed, b: Keyed) => number> = {
    name: byName,
    folder: (a, b) => compareText(a.folder, b.folder) || byName(a, b),
    size: (a, b) => a.result.size - b.result.size || byName(a, b),
    modified: (a, b) => a.result.mtimeMs - b.result.mtimeMs || byName(a, b),
  }
  const direction = sort.isDescending ? -1 : 1
  return keyed.sort((a, b) => direction * compare[sort.column](a, b)).map((each) => each.result)
}
