import { useRef, useState, type DragEvent, type MouseEvent } from 'react'
import { dropFromOs } from './drop-from-os'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { isFolderLike } from '../file-grid/entry-format'
import { joinPath } from '../pane/fs-path'
import { isSkiffDrag, readDrag, writeDrag } from './drag-entries'
import { entriesToCopy, transferNames } from './start-transfer'
import { askToMove } from './move-selection'

// The pane a drag of rows started in, while it lasts (a drop's data cannot be read before the drop).
let dragSource: PaneKey | null = null

function rowIndexOf(event: DragEvent | MouseEvent): number {
  const row = (event.target as Element).closest<HTMLElement>('[data-index]')
  return row ? Number(row.dataset.index) : -1
}

/**
 * Drag and drop for one grid: rows drag out as Skiff entries; a drop from the other pane
 * copies into this pane's folder (or the folder row under the pointer); a drop from this
 * pane onto one of its folder rows moves there. `dropIndex` is the folder row to highlight.
 */
export function useGridDrop(paneKey: PaneKey) {
  const [dropIndex, setDropIndex] = useState(-1)
  // A copy would land in the folder shown: the whole grid is highlighted as the target.
  const [isOver, setIsOver] = useState(false)
  // Chromium may name another row as the dragstart target when the grid has a sticky header;
  // the row under the mouse press is the one the person meant.
  const pressedIndex = useRef(-1)

  const folderRowAt = (event: DragEvent): number => {
    const index = rowIndexOf(event)
    const entry = usePanesStore.getState().panes[paneKey]?.rows[index]
    return entry && isFolderLike(entry) ? index : -1
  }

  const onMouseDown = (event: MouseEvent) => {
    pressedIndex.current = rowIndexOf(event)
  }

  const onDragStart = (event: DragEvent) => {
    const index = pressedIndex.current >= 0 ? pressedIndex.current : rowIndexOf(event)
    const store = usePanesStore.getState()
    const pane = store.panes[paneKey]
    const row = pane?.rows[index]
    if (!pane?.listing || !row) return event.preventDefault()
    if (!pane.selection.selected.has(row.name)) store.select(paneKey, { kind: 'click', index, isToggle: false, isRange: false })
    writeDrag(event.dataTransfer, { paneKey, folder: pane.listing.path, names: entriesToCopy(paneKey).map((entry) => entry.name) })
    dragSource = paneKey
  }

  const onDragOver = (event: DragEvent) => {
    if (!isSkiffDrag(event.dataTransfer) && !event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    const index = folderRowAt(event)
    setDropIndex(index)
    setIsOver(index < 0 && dragSource !== paneKey)
  }

  const onDragLeave = (event: DragEvent) => {
    // Moving from row to row leaves one element for another inside the grid: only leaving the grid counts.
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return
    setDropIndex(-1)
    setIsOver(false)
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDropIndex(-1)
    setIsOver(false)
    dragSource = null
    const dragged = readDrag(event.dataTransfer)
    const pane = usePanesStore.getState().panes[paneKey]
    if (!pane?.listing) return
    const index = folderRowAt(event)
    const row = index >= 0 ? pane.rows[index] : undefined
    const folder = row ? joinPath(pane.listing.path, row.name, pane.listing.separator) : pane.listing.path
    if (!dragged) return dropFromOs(event.dataTransfer, pane.target, folder)
    if (dragged.paneKey !== paneKey) return transferNames(dragged.paneKey, paneKey, dragged.names, { folder })
    // A drop inside the pane it came from moves onto a folder row, as in a file manager.
    if (row && !dragged.names.includes(row.name)) askToMove({ fromKey: paneKey, toKey: paneKey, names: dragged.names, folder, isInPlace: false })
  }

  const onDragEnd = () => {
    dragSource = null
  }

  return { dropIndex, isOver, onMouseDown, onDragStart, onDragOver, onDrop, onDragLeave, onDragEnd }
}
