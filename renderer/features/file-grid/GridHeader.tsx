import type { MouseEvent } from 'react'
import type { SortColumn, SortSpec } from './sort-entries'

const columns: readonly { readonly column: SortColumn; readonly label: string }[] = [
  { column: 'name', label: 'Name' },
  { column: 'size', label: 'Size' },
  { column: 'modified', label: 'Modified' },
  { column: 'permissions', label: 'Permissions' },
]

interface GridHeaderProps {
  readonly sort: SortSpec
  readonly onSort: (column: SortColumn) => void
  /** The folders are compared: a last column holds each row's mark (not a sort). */
  readonly isComparing: boolean
}

function ariaSort(sort: SortSpec, column: SortColumn): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none'
  return sort.isDescending ? 'descending' : 'ascending'
}

/** The sticky header row; a click on a column sorts by it, a second click reverses. */
export function GridHeader({ sort, onSort, isComparing }: GridHeaderProps) {
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const header = (event.target as Element).closest<HTMLElement>('[data-column]')
    if (header) onSort(header.dataset.column as SortColumn)
  }
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" className="grid-row grid-header-row" aria-rowindex={1} onClick={onClick}>
        {columns.map(({ column, label }) => (
          <div key={column} role="columnheader" className={`cell cell-${column}`} aria-sort={ariaSort(sort, column)} data-column={column}>
            {label}
            <span className="sort-mark" aria-hidden="true">
              {sort.column === column ? (sort.isDescending ? '▼' : '▲') : ''}
            </span>
          </div>
        ))}
        {isComparing && (
          <div role="columnheader" className="cell cell-compare">
            Compare
          </div>
        )}
      </div>
    </div>
  )
}
