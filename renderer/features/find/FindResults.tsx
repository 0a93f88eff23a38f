import { memo, useCallback, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { FoundEntry } from '../../../shared/models/find'
import { ContextMenu, type MenuItem } from '../../components/ContextMenu'
import { useFindStore } from '../../stores/find-store'
import { displayName } from '../file-grid/display-name'
import { formatModified, formatSize } from '../file-grid/entry-format'
import { NameText } from '../file-grid/FileRow'
import { cursorTarget } from '../file-grid/grid-keys'
import { gridRowHeight } from '../file-grid/grid-metrics'
import { useRowVirtualizer } from '../file-grid/use-row-virtualizer'

interface FindResultsProps {
  /** `Download` or `Upload`; null when there is no other pane. */
  readonly transferLabel: string | null
  readonly onGoTo: (result: FoundEntry) => void
  readonly onEdit: () => void
  readonly onTransfer: () => void
  readonly onDelete: () => void
}

const FindRow = memo(function FindRow({ result, index, top, isSelected, isCursor }: { result: FoundEntry; index: number; top: number; isSelected: boolean; isCursor: boolean }) {
  return (
    <div
      role="row"
      className={`grid-row${isSelected ? ' is-selected' : ''}${isCursor ? ' is-cursor' : ''}`}
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell cell-name" title={result.path}>
        <span className={result.type === 'symlink' ? 'icon icon-file icon-link' : 'icon icon-file'} aria-hidden="true" />
        <NameText name={result.name} />
      </div>
      <div role="gridcell" className="cell cell-folder" title={result.folder}>
        <bdi>{displayName(result.folder)}</bdi>
      </div>
      <div role="gridcell" className="cell cell-size">
        {formatSize(result.size)}
      </div>
      <div role="gridcell" className="cell cell-modified">
        {formatModified(result.mtimeMs)}
      </div>
    </div>
  )
})

function rowIndexOf(event: MouseEvent): number {
  const row = (event.target as Element).closest<HTMLElement>('[data-index]')
  return row ? Number(row.dataset.index) : -1
}

/**
 * The grid `Find results`: name, folder, size, modified, rows streaming in as found (virtualized).
 * Several rows can be selected as in a pane; Enter or a double click goes to the file, F5 copies,
 * F8/Delete deletes, the context menu offers the same.
 */
export function FindResults({ transferLabel, onGoTo, onEdit, onTransfer, onDelete }: FindResultsProps) {
  const gridRef = useRef<HTMLDivElement>(null)
  const { results, selection, sort } = useFindStore(useShallow((state) => ({ results: state.results, selection: state.selection, sort: state.sort })))
  const virtualizer = useRowVirtualizer(results.length, gridRef)
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null)
  const closeMenu = useCallback(() => setMenu(null), [])
  const select = useFindStore.getState().select
  const cursor = selection.cursor

  const menuItems: MenuItem[] = [
    { label: 'Go to', shortcut: 'Enter', onSelect: () => results[cursor] && onGoTo(results[cursor]) },
    { label: 'Edit', shortcut: 'F4', onSelect: onEdit },
    ...(transferLabel ? [{ label: transferLabel, shortcut: 'F5', onSelect: onTransfer }] : []),
    { label: 'Delete…', shortcut: 'F8', onSelect: onDelete },
  ]
  const onClick = (event: MouseEvent) => {
    const index = rowIndexOf(event)
    if (index >= 0) select({ kind: 'click', index, isToggle: event.ctrlKey || event.metaKey, isRange: event.shiftKey })
  }
  const onContextMenu = (event: MouseEvent) => {
    event.preventDefault()
    const index = rowIndexOf(event)
    if (index < 0) return
    if (!selection.selected.has(results[index]!.path)) select({ kind: 'click', index, isToggle: false, isRange: false })
    setMenu({ x: event.clientX, y: event.clientY })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageSize = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 0) / gridRowHeight) - 2)
    const to = cursorTarget(event.key, cursor, results.length, pageSize)
    if (to !== null) {
      select({ kind: 'move', to, isExtending: event.shiftKey })
      virtualizer.scrollToIndex(to, { align: 'auto' })
    } else if (event.key === 'Enter' && results[cursor]) onGoTo(results[cursor])
    else if (event.key === 'F4') onEdit()
    else if (event.key === 'F5') onTransfer()
    else if (event.key === 'F8' || event.key === 'Delete') onDelete()
    else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) select({ kind: 'all' })
    else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      const box = gridRef.current?.querySelector(`[data-index="${cursor}"]`)?.getBoundingClientRect()
      if (box) setMenu({ x: box.left + 24, y: box.bottom })
    } else return
    event.preventDefault()
    // Enter and the keys that open a dialog must not reach the Find dialog's form too.
    event.stopPropagation()
  }
  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label="Find results"
      aria-rowcount={results.length + 1}
      aria-multiselectable="true"
      tabIndex={0}
      className="file-grid find-results"
      onClick={onClick}
      onDoubleClick={(event) => {
        const index = rowIndexOf(event)
        if (index >= 0) onGoTo(results[index]!)
      }}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" className="grid-row grid-header-row" aria-rowindex={1}>
          {(['name', 'folder', 'size', 'modified'] as const).map((column) => (
            <div
              key={column}
              role="columnheader"
              className={`cell cell-${column}`}
              aria-sort={sort?.column === column ? (sort.isDescending ? 'descending' : 'ascending') : 'none'}
              onClick={(event) => {
                // A header is not a row: no selection change.
                event.stopPropagation()
                useFindStore.getState().sortBy(column)
              }}
            >
              {column[0]!.toUpperCase() + column.slice(1)}
              {sort?.column === column && (
                <span className="sort-mark" aria-hidden="true">
                  {sort.isDescending ? ' ▾' : ' ▴'}
                </span>
              )}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const result = results[item.index]!
          return <FindRow key={result.path} result={result} index={item.index} top={item.start - gridRowHeight} isSelected={selection.selected.has(result.path)} isCursor={item.index === cursor} />
        })}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} label="Find result actions" onClose={closeMenu} items={menuItems} />}
    </div>
  )
}
