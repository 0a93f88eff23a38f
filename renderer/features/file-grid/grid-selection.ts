/** A row as the selection sees it: a unique name (an entry's name; a search result's path). */
interface Named {
  readonly name: string
}

/**
 * A grid's cursor and selection. The cursor is a row index; the selection holds names, so it
 * survives a re-sort or a refresh; the anchor is where a Shift range starts.
 */
export interface GridSelection {
  readonly cursor: number
  readonly anchor: number
  readonly selected: ReadonlySet<string>
}

/** No cursor, nothing selected. */
export const emptySelection: GridSelection = { cursor: -1, anchor: -1, selected: new Set() }

/** One thing a person did to the selection. */
export type SelectionOp =
  | { readonly kind: 'move'; readonly to: number; readonly isExtending: boolean }
  | { readonly kind: 'click'; readonly index: number; readonly isToggle: boolean; readonly isRange: boolean }
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }

function clamp(index: number, count: number): number {
  return Math.min(Math.max(index, 0), count - 1)
}

function rangeNames(rows: readonly Named[], from: number, to: number): Set<string> {
  const names = new Set<string>()
  const [low, high] = from <= to ? [from, to] : [to, from]
  for (let i = Math.max(low, 0); i <= high && i < rows.length; i++) names.add(rows[i]!.name)
  return names
}

function single(rows: readonly Named[], index: number): GridSelection {
  return { cursor: index, anchor: index, selected: new Set([rows[index]!.name]) }
}

function click(rows: readonly Named[], state: GridSelection, index: number, isToggle: boolean, isRange: boolean): GridSelection {
  if (isRange) {
    const anchor = state.anchor >= 0 ? state.anchor : index
    const range = rangeNames(rows, anchor, index)
    if (isToggle) for (const name of state.selected) range.add(name)
    return { cursor: index, anchor, selected: range }
  }
  if (isToggle) {
    const selected = new Set(state.selected)
    const name = rows[index]!.name
    if (selected.has(name)) selected.delete(name)
    else selected.add(name)
    return { cursor: index, anchor: index, selected }
  }
  return single(rows, index)
}

/** The selection after `op`, for these rows. Pure: returns a new state. */
export function applySelection(rows: readonly Named[], state: GridSelection, op: SelectionOp): GridSelection {
  if (rows.length === 0) return emptySelection
  switch (op.kind) {
    case 'move': {
      const to = clamp(op.to, rows.length)
      if (!op.isExtending) return single(rows, to)
      const anchor = state.anchor >= 0 ? state.anchor : clamp(state.cursor, rows.length)
      return { cursor: to, anchor, selected: rangeNames(rows, anchor, to) }
    }
    case 'click':
      return click(rows, state, clamp(op.index, rows.length), op.isToggle, op.isRange)
    case 'all':
      return { ...state, selected: new Set(rows.map((row) => row.name)) }
    case 'none':
      return { ...state, selected: new Set() }
  }
}

/**
 * Carries a selection over to new rows (after a re-sort, a refresh or the hidden toggle):
 * names that still exist stay selected, and the cursor follows its row by name.
 */
export function remapSelection(oldRows: readonly Named[], newRows: readonly Named[], state: GridSelection): GridSelection {
  const cursorName = oldRows[state.cursor]?.name
  const anchorName = oldRows[state.anchor]?.name
  // One pass over the new rows, with no set of them built: a filter keystroke on 100,000 rows stays instant.
  const selected = new Set<string>()
  if (state.selected.size > 0) for (const row of newRows) if (state.selected.has(row.name)) selected.add(row.name)
  const find = (name: string | undefined) => (name === undefined ? -1 : newRows.findIndex((row) => row.name === name))
  const cursor = find(cursorName)
  const anchor = find(anchorName)
  const fallback = newRows.length > 0 ? clamp(state.cursor, newRows.length) : -1
  return { cursor: cursor >= 0 ? cursor : fallback, anchor: anchor >= 0 ? anchor : cursor, selected }
}

/** A fresh selection for a new listing: the cursor on `focusName` (where we came from) or the first row. */
export function initialSelection(rows: readonly Named[], focusName?: string): GridSelection {
  if (rows.length === 0) return emptySelection
  const index = focusName === undefined ? -1 : rows.findIndex((row) => row.name === focusName)
  return index >= 0 ? single(rows, index) : { cursor: 0, anchor: 0, selected: new Set() }
}

/** The entries a multi-row action (copy, delete, drag) works on: the selection in row order, else the cursor row. */
export function selectedEntries<T extends Named>(rows: readonly T[], state: GridSelection): T[] {
  if (state.selected.size > 0) return rows.filter((row) => state.selected.has(row.name))
  const cursorRow = rows[state.cursor]
  return cursorRow ? [cursorRow] : []
}
