import type { PaneKey } from '../../stores/pane-state'

/** The drag data type of rows dragged out of a Skiff grid. */
export const entriesMimeType = 'application/x-skiff-entries'

/** What a dragged selection carries: where it comes from and the names in it. */
export interface DraggedEntries {
  readonly paneKey: PaneKey
  /** The folder the names are in, as listed when the drag began. */
  readonly folder: string
  readonly names: readonly string[]
}

/** Puts a selection on a drag. */
export function writeDrag(data: DataTransfer, dragged: DraggedEntries): void {
  data.setData(entriesMimeType, JSON.stringify(dragged))
  data.setData('text/plain', dragged.names.join('\n'))
  data.effectAllowed = 'copyMove'
}

/** The selection a drop carries, or null when it is not a Skiff drag (or not readable). */
export function readDrag(data: DataTransfer): DraggedEntries | null {
  const text = data.getData(entriesMimeType)
  if (!text) return null
  try {
    const value = JSON.parse(text) as DraggedEntries
    return typeof value.paneKey === 'string' && typeof value.folder === 'string' && Array.isArray(value.names) ? value : null
  } catch {
    return null
  }
}

/** True while a drag over a grid carries Skiff rows (the data itself is only readable on drop). */
export function isSkiffDrag(data: DataTransfer): boolean {
  return data.types.includes(entriesMimeType)
}
