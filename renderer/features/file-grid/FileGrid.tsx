import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useId, useRef, useState, type MouseEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { FileRow } from './FileRow'
import { GridHeader } from './GridHeader'
import { gridOverscan, gridRowHeight } from './grid-metrics'
import type { SortColumn } from './sort-entries'
import { useGridKeyboard } from './use-grid-keyboard'
import { useGridDrop } from '../transfers/use-grid-drop'
import { ContextMenu } from '../../components/ContextMenu'
import { useTerminalsStore } from '../../stores/terminals-store'
import { joinPath } from '../pane/fs-path'
import { isFolderLike } from './entry-format'

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
  const { rows, selection, sort, isLoading } = usePanesStore(
    useShallow((state) => {
      const pane = state.panes[paneKey]
      return { rows: pane?.rows ?? emptyRows, selection: pane?.selection, sort: pane?.sort, isLoading: pane?.isLoading ?? false }
    }),
  )

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the grid re-renders on scroll by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => gridRowHeight,
    overscan: gridOverscan,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: gridRowHeight,
    scrollPaddingStart: gridRowHeight,
  })
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
  const [menu, setMenu] = useState<{ x: number; y: number; folder: string } | null>(null)
  const closeMenu = useCallback(() => setMenu(null), [])
  const onContextMenu = (event: MouseEvent) => {
    const pane = usePanesStore.getState().panes[paneKey]
    if (pane?.target.kind !== 'remote' || !pane.listing) return
    event.preventDefault()
    const index = rowIndexOf(event)
    const entry = index >= 0 ? pane.rows[index] : undefined
    if (entry && !(selection?.selected.has(entry.name) ?? false)) usePanesStore.getState().select(paneKey, { kind: 'click', index, isToggle: false, isRange: false })
    // A folder row opens there; anywhere else, in the folder shown.
    const folder = entry && isFolderLike(entry) ? joinPath(pane.listing.path, entry.name, pane.listing.separator) : pane.listing.path
    setMenu({ x: event.clientX, y: event.clientY, folder })
  }

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
      aria-activedescendant={isCursorRendered ? `${idPrefix}-${cursor}` : undefined}
      tabIndex={0}
      className="file-grid"
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onMouseDown={drop.onMouseDown}
      onDragStart={drop.onDragStart}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
      onContextMenu={onContextMenu}
    >
      {sort && <GridHeader sort={sort} onSort={onSort} />}
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
            />
          )
        })}
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          label="Remote file actions"
          onClose={closeMenu}
          items={[{ label: 'Open terminal here', onSelect: () => openTerminalIn(paneKey, menu.folder) }]}
        />
      )}
    </div>
  )
}

function openTerminalIn(paneKey: PaneKey, folder: string): void {
  const target = usePanesStore.getState().panes[paneKey]?.target
  if (target?.kind === 'remote') void useTerminalsStore.getState().open(target.sessionId, folder)
}
