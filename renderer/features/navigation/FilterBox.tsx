import type { KeyboardEvent } from 'react'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { paneGridOf } from './pane-focus'

/**
 * The pane's `Filter` box (Ctrl+Alt+F from the grid): rows whose names do not contain the text,
 * or do not match it as a `*`/`?` mask, are hidden as it is typed. Escape clears it, Enter and
 * Down keep it; all three go back to the grid.
 */
export function FilterBox({ paneKey }: { readonly paneKey: PaneKey }) {
  const filter = usePanesStore((state) => state.panes[paneKey]?.filter ?? '')
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape' && event.key !== 'Enter' && event.key !== 'ArrowDown') return
    event.preventDefault()
    if (event.key === 'Escape') usePanesStore.getState().setFilter(paneKey, '')
    paneGridOf(event.currentTarget)?.focus()
  }
  return (
    <input
      type="text"
      className={`filter-box${filter ? ' is-active' : ''}`}
      aria-label="Filter"
      placeholder="Filter"
      title="Show only names containing this text, or matching a mask such as *.log (Ctrl+Alt+F; Escape clears)"
      spellCheck={false}
      autoComplete="off"
      value={filter}
      onChange={(event) => usePanesStore.getState().setFilter(paneKey, event.target.value)}
      onKeyDown={onKeyDown}
    />
  )
}
