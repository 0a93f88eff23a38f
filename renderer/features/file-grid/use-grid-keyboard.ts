import { useRef, type KeyboardEvent, type RefObject } from 'react'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { cursorTarget } from './grid-keys'
import { emptyTypeAhead, isTypeAheadKey, typeAheadMatch, typeAheadStep } from './type-ahead'
import { gridRowHeight } from './grid-metrics'
import { transferSelection } from '../transfers/start-transfer'
import { moveSelection, moveSelectionInPlace } from '../transfers/move-selection'
import { fileCommandFor } from '../file-ops/file-keys'
import { navigationKeyFor, type NavigationKey } from '../navigation/nav-keys'
import { bookmarkFolder } from '../navigation/pane-bookmarks'
import { paneFilterOf } from '../navigation/pane-focus'
import { useSyncedBrowsingStore } from '../../stores/synced-browsing-store'

/** Alt+Left/Right, Ctrl+B, Ctrl+Alt+F (see nav-keys) for the pane `grid` (or anything in the pane) belongs to. */
export function runNavigationKey(key: NavigationKey, paneKey: PaneKey, grid: HTMLElement): void {
  if (key === 'back' || key === 'forward') usePanesStore.getState()[key](paneKey)
  else if (key === 'bookmark') bookmarkFolder(paneKey)
  else if (key === 'synced-browsing') useSyncedBrowsingStore.getState().toggle()
  else {
    const filter = paneFilterOf(grid)
    filter?.focus()
    filter?.select()
  }
}

/** Focuses the other pane's grid, if there is one: Tab flips between panes like a two-panel commander. */
function focusOtherGrid(current: HTMLElement): boolean {
  const grids = Array.from(document.querySelectorAll<HTMLElement>('[role="grid"]'))
  const other = grids.find((grid) => grid !== current)
  other?.focus()
  return other !== undefined
}

/**
 * Norton Commander style keys for one grid: arrows/Home/End/Page keys move the cursor (Shift
 * extends), Enter opens, Backspace goes up, Ctrl+A selects all, letters jump by name, Tab
 * switches pane, F5 copies and F6 moves the selection to the other pane (Shift+F6: to a folder
 * of the same pane), asking first, WinSCP's file keys (see file-keys) work on the selection, and
 * the navigation keys (see nav-keys) step through the history, bookmark and filter.
 * `scrollTo` keeps the cursor row in view.
 */
export function useGridKeyboard(paneKey: PaneKey, gridRef: RefObject<HTMLElement | null>, scrollTo: (index: number) => void) {
  const typeAhead = useRef(emptyTypeAhead)

  return (event: KeyboardEvent<HTMLElement>) => {
    const store = usePanesStore.getState()
    const pane = store.panes[paneKey]
    if (!pane) return
    const { cursor } = pane.selection
    const pageSize = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 0) / gridRowHeight) - 2)
    const target = cursorTarget(event.key, cursor, pane.rows.length, pageSize)
    let handled = true
    const command = fileCommandFor(event)
    const navigation = navigationKeyFor(event)
    if (command) command(paneKey)
    else if (navigation) runNavigationKey(navigation, paneKey, event.currentTarget)
    else if (target !== null) {
      store.select(paneKey, { kind: 'move', to: target, isExtending: event.shiftKey })
      scrollTo(target)
    } else if (event.key === 'Enter') store.openRow(paneKey, cursor)
    else if (event.key === 'Backspace') store.up(paneKey)
    else if (event.key === 'Escape' && pane.filter) store.setFilter(paneKey, '')
    else if (event.key === 'F5') transferSelection(paneKey)
    else if (event.key === 'F6' && event.shiftKey) moveSelectionInPlace(paneKey)
    else if (event.key === 'F6') moveSelection(paneKey)
    else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) store.select(paneKey, { kind: 'all' })
    else if (event.key === 'Tab' && !event.ctrlKey && !event.altKey) handled = focusOtherGrid(event.currentTarget)
    else if (isTypeAheadKey(event)) {
      typeAhead.current = typeAheadStep(typeAhead.current, event.key, event.timeStamp)
      const match = typeAheadMatch(pane.rows, typeAhead.current.buffer, cursor)
      if (match >= 0) {
        store.select(paneKey, { kind: 'move', to: match, isExtending: false })
        scrollTo(match)
      }
    } else handled = false
    if (handled) event.preventDefault()
  }
}
