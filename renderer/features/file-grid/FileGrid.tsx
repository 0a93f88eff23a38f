import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { FileRow } from './FileRow'
import { GridHeader } from './GridHeader'
import { gridRowHeight } from './grid-metrics'
import type { SortColumn } from './sort-entries'
import { useGridKeyboard } from './use-grid-keyboard'
import { useGridDrop } from '../transfers/use-grid-drop'
import { ContextMenu, type MenuItem } from '../../components/ContextMenu'
import { rowMenuItems } from './row-menu'
import { RenameBox } from '../file-ops/RenameBox'
import { useFileOpsStore } from '../../stores/file-ops-store'
import { isFolderLike } from './entry-format'
import { paneMarks, useCompareStore } from '../../stores/compare-store'
import { useRowVirtualizer } from './use-row-virtualizer'

interface FileGridProps {
  readonly paneKey: PaneKey
  /** `Local files` or `Remote files`. */
  readonly label: string
}

const emptyRows: readonly never[] = []

function rowIndexOf(event: MouseEvent): number {
  const row = (event.target as Element).closest<HTMLElement>('[data-index]')
  return row ? Number(row.dataset.index) : -1
}

/**
 * A virtualized file grid: only the rows in view are in the DOM (aria-rowcount tells the
 * real size), the grid itself is the scroller and the single focus stop.
 */
export function FileGrid({ paneKey, label }: FileGridProps) {
  const gridRef = useRef<HTMLDivElement>(null)
  const idPrefix = useId()
  const { rows, selection, sort, isLoading, folder } = usePanesStore(
    useShallow((state) => {
      const pane = state.panes[paneKey]
      return { rows: pane?.rows ?? emptyRows, selection: pane?.selection, sort: pane?.sort, isLoading: pane?.isLoading ?? false, folder: pane?.listing?.path }
    }),
  )

  const virtualizer = useRowVirtualizer(rows.length, gridRef)
  const scrollTo = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer])
  const onKeyDown = useGridKeyboard(paneKey, gridRef, scrollTo)
  const drop = useGridDrop(paneKey)

  // A new listing or order: bring the cursor row (e.g. the folder we came up from) into view.
  useEffect(() => {
    const cursor = usePanesStore.getState().panes[paneKey]?.selection.cursor ?? -1
    if (cursor >= 0) scrollTo(cursor)
    else gridRef.current?.scrollTo({ top: 0 })
  }, [rows, paneKey, scrollTo])

  const onClick = (event: MouseEvent) => {
    const index = rowIndexOf(event)
    if (index < 0) return
    const isToggle = event.ctrlKey || event.metaKey
    usePanesStore.getState().select(paneKey, { kind: 'click', index, isToggle, isRange: event.shiftKey })
  }
  const onDoubleClick = (event: MouseEvent) => {
    const index = rowIndexOf(event)
    if (index >= 0) usePanesStore.getState().openRow(paneKey, index)
  }
  const onSort = (column: SortColumn) => usePanesStore.getState().sortBy(paneKey, column)
  const [menu, setMenu] = useState<{ x: number; y: number; items: readonly MenuItem[] } | null>(null)
  const closeMenu = useCallback(() => setMenu(null), [])
  // The row menu of row `index` (-1: the space below the rows), opened at a point of the window.
  const openMenu = (index: number, x: number, y: number) => {
    const pane = usePanesStore.getState().panes[paneKey]
    if (!pane?.listing) return
    const entry = index >= 0 ? pane.rows[index] : undefined
    if (entry && !pane.selection.selected.has(entry.name)) usePanesStore.getState().select(paneKey, { kind: 'click', index, isToggle: false, isRange: false })
    setMenu({ x, y, items: rowMenuItems(paneKey, entry, index) })
  }
  const onContextMenu = (event: MouseEvent) => {
    event.preventDefault()
    openMenu(rowIndexOf(event), event.clientX, event.clientY)
  }
  // The menu key and Shift+F10: the menu of the cursor row, under it.
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ContextMenu' && !(event.key === 'F10' && event.shiftKey)) return onKeyDown(event)
    event.preventDefault()
    const cursorIndex = usePanesStore.getState().panes[paneKey]?.selection.cursor ?? -1
    const row = gridRef.current?.querySelector<HTMLElement>(`[data-index="${cursorIndex}"]`)
    const box = (row ?? gridRef.current)?.getBoundingClientRect()
    if (box) openMenu(row ? cursorIndex : -1, box.left + 24, row ? box.bottom : box.top + gridRowHeight)
  }

  // While the folders are compared: a Compare column, and each row's mark.
  const marks = useCompareStore((state) => paneMarks(state.comparison, paneKey))
  const hasFolderCounts = useMemo(() => (marks ? [...marks.values()].some((mark) => mark.counts !== undefined) : false), [marks])
  const renaming = useFileOpsStore((state) => (state.renaming?.paneKey === paneKey ? state.renaming.name : null))
  const renameIndex = renaming === null ? -1 : rows.findIndex((row) => row.name === renaming)
  useEffect(() => {
    if (renameIndex >= 0) scrollTo(renameIndex)
  }, [renameIndex, scrollTo])
  const items = virtualizer.getVirtualItems()
  const cursor = selection?.cursor ?? -1
  const isCursorRendered = items.some((item) => item.index === cursor)
  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      aria-busy={isLoading}
      // The folder whose rows are shown (the Path box may hold what is being typed): for tools and tests.
      data-folder={folder}
      aria-activedescendant={isCursorRendered ? `${idPrefix}-${cursor}` : undefined}
      tabIndex={0}
      className={`file-grid${drop.isOver ? ' is-drop-target' : ''}${marks ? ' is-comparing' : ''}${hasFolderCounts ? ' has-folder-counts' : ''}`}
      onKeyDown={onMenuKey}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onMouseDown={drop.onMouseDown}
      onDragStart={drop.onDragStart}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDragEnd={drop.onDragEnd}
      onDrop={drop.onDrop}
      onContextMenu={onContextMenu}
    >
      {sort && <GridHeader sort={sort} onSort={onSort} isComparing={marks !== null} />}
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = rows[item.index]!
          return (
            <FileRow
              key={entry.name}
              id={`${idPrefix}-${item.index}`}
              entry={entry}
              index={item.index}
              top={item.start - gridRowHeight}
              isSelected={selection?.selected.has(entry.name) ?? false}
              isCursor={item.index === cursor}
              isDropTarget={item.index === drop.dropIndex}
              compareMark={marks?.get(entry.name)}
            />
          )
        })}
        {renameIndex >= 0 && (
          <RenameBox key={renaming} paneKey={paneKey} name={renaming!} isFolder={isFolderLike(rows[renameIndex]!)} top={renameIndex * gridRowHeight} />
        )}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} label={label.replace(/ files$/, ' file actions')} onClose={closeMenu} items={menu.items} />}
    </div>
  )
}
