import { memo, useRef, type KeyboardEvent, type MouseEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SyncResolution, SyncRow } from '../../../shared/models/sync'
import { isRunnable, useSyncStore } from '../../stores/sync-store'
import { displayName } from '../file-grid/display-name'
import { formatModified, formatSize } from '../file-grid/entry-format'
import { cursorTarget } from '../file-grid/grid-keys'
import { gridRowHeight } from '../file-grid/grid-metrics'
import { actionText } from './sync-format'
import { ConflictChoice } from './ConflictChoice'
import { useRowVirtualizer } from '../file-grid/use-row-virtualizer'

const columns = ['', 'Action', 'Path', 'Local', 'Server', 'Reason'] as const

function sideText(side: SyncRow['local']): string {
  if (!side) return ''
  const type = side.type
  const size = type === 'file' ? formatSize(side.size) : type === 'directory' ? 'folder' : 'link'
  return side.mtimeMs > 0 ? `${size}, ${formatModified(side.mtimeMs)}` : size
}

const PreviewRow = memo(function PreviewRow({ row, index, top, isChecked, isCursor, keep }: { row: SyncRow; index: number; top: number; isChecked: boolean; isCursor: boolean; keep?: SyncResolution['keep'] }) {
  const runnable = isRunnable(row)
  const inside = row.entriesInside ? ` (with ${row.entriesInside.toLocaleString('en-US')} ${row.entriesInside === 1 ? 'entry' : 'entries'} inside)` : ''
  const path = displayName(row.path)
  return (
    <div
      role="row"
      className={`grid-row sync-row action-${row.action}${isCursor ? ' is-cursor' : ''}${isChecked ? '' : ' is-unchecked'}`}
      aria-rowindex={index + 2}
      aria-selected={isCursor}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell cell-check">
        <input type="checkbox" tabIndex={-1} checked={runnable && isChecked} disabled={!runnable} aria-label={`Do ${actionText(row)} ${path}`} data-row-id={row.id} readOnly />
      </div>
      <div role="gridcell" className="cell cell-action">
        {row.action === 'conflict' ? <ConflictChoice row={row} keep={keep} isCursor={isCursor} /> : actionText(row)}
      </div>
      <div role="gridcell" className="cell cell-path" title={row.path}>
        <span className={row.type === 'directory' ? 'icon icon-folder' : row.type === 'symlink' ? 'icon icon-file icon-link' : 'icon icon-file'} aria-hidden="true" />
        <bdi>{path}</bdi>
      </div>
      <div role="gridcell" className="cell cell-side">
        {sideText(row.local)}
      </div>
      <div role="gridcell" className="cell cell-side">
        {sideText(row.remote)}
      </div>
      <div role="gridcell" className="cell cell-reason" title={row.reason + inside}>
        {row.reason + inside}
      </div>
    </div>
  )
})

function rowIndexOf(event: MouseEvent): number {
  const row = (event.target as Element).closest<HTMLElement>('[data-index]')
  return row ? Number(row.dataset.index) : -1
}

/**
 * The checklist grid `Synchronize preview`: one row per action, virtualized (100,000 rows scroll
 * as smoothly as a pane). A click on a row's box, or Space on the cursor row, checks or unchecks it;
 * a folder's rows follow it. A conflict row has a choice instead (Space or Tab reaches it).
 */
export function SyncPreview() {
  const gridRef = useRef<HTMLDivElement>(null)
  const { rows, unchecked, resolutions, cursor } = useSyncStore(useShallow((state) => ({ rows: state.rows, unchecked: state.unchecked, resolutions: state.resolutions, cursor: state.cursor })))
  const virtualizer = useRowVirtualizer(rows.length, gridRef)
  const store = useSyncStore.getState
  const toggle = (index: number) => {
    const row = rows[index]
    if (row) store().setChecked(row.id, unchecked.has(row.id))
  }
  const onClick = (event: MouseEvent) => {
    const index = rowIndexOf(event)
    if (index < 0) return
    store().moveCursor(index)
    if ((event.target as Element).closest('.cell-check')) toggle(index)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageSize = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 0) / gridRowHeight) - 2)
    const to = cursorTarget(event.key, cursor, rows.length, pageSize)
    if (to !== null) {
      store().moveCursor(to)
      virtualizer.scrollToIndex(to, { align: 'auto' })
    } else if (event.key === ' ' && rows[cursor]?.action === 'conflict') gridRef.current?.querySelector<HTMLElement>(`[data-conflict-id="${rows[cursor]!.id}"]`)?.focus()
    else if (event.key === ' ') toggle(cursor)
    else return
    event.preventDefault()
    event.stopPropagation()
  }
  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label="Synchronize preview"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      className="file-grid sync-preview"
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" className="grid-row grid-header-row" aria-rowindex={1}>
          {columns.map((label, i) => (
            <div key={i} role="columnheader" className={`cell cell-${['check', 'action', 'path', 'side', 'side', 'reason'][i]}`} aria-label={label || 'Do it'}>
              {label}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!
          return <PreviewRow key={row.id} row={row} index={item.index} top={item.start - gridRowHeight} isChecked={!unchecked.has(row.id)} isCursor={item.index === cursor} keep={resolutions.get(row.id)} />
        })}
      </div>
    </div>
  )
}
