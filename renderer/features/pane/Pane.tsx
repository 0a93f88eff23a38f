import type { KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { FileGrid } from '../file-grid/FileGrid'
import { PathBox } from './PathBox'
import { useTerminalsStore } from '../../stores/terminals-store'
import { SavedHosts } from '../profiles/SavedHosts'
import { PaneActions } from '../file-ops/PaneActions'
import { HistoryButtons } from '../navigation/HistoryButtons'
import { RecentFolders } from '../navigation/RecentFolders'
import { BookmarksButton } from '../navigation/BookmarksButton'
import { FilterBox } from '../navigation/FilterBox'
import { navigationKeyFor } from '../navigation/nav-keys'
import { runNavigationKey } from '../file-grid/use-grid-keyboard'
import { folderCommandFor } from '../file-ops/file-keys'

interface PaneProps {
  readonly side: 'Local' | 'Remote'
  /** Null for the remote side with no session shown: the saved hosts (the start screen) instead of a grid. */
  readonly paneKey: PaneKey | null
}

function PaneToolbar({ paneKey }: { readonly paneKey: PaneKey }) {
  const { path, pathVersion, showHidden, isLoading, hasParent, sessionId } = usePanesStore(
    useShallow((state) => {
      const pane = state.panes[paneKey]
      return {
        path: pane?.path ?? '',
        pathVersion: pane?.pathVersion ?? 0,
        showHidden: pane?.showHidden ?? true,
        isLoading: pane?.isLoading ?? false,
        hasParent: Boolean(pane?.listing?.parentPath),
        sessionId: pane?.target.kind === 'remote' ? pane.target.sessionId : null,
      }
    }),
  )
  const store = usePanesStore.getState
  // Opening waits for a free channel when the server's limit is reached: the button says so meanwhile.
  const isOpening = useTerminalsStore((state) => sessionId !== null && state.opening === sessionId)
  return (
    <div className="pane-toolbar">
      <HistoryButtons paneKey={paneKey} />
      <button type="button" title="Parent folder (Backspace)" disabled={!hasParent} onClick={() => store().up(paneKey)}>
        <span className="glyph" aria-hidden="true">↑</span> Up
      </button>
      <button type="button" title="Reload this folder" onClick={() => store().refresh(paneKey)}>
        <span className="glyph" aria-hidden="true">⟳</span> <span className="button-text">Refresh</span>
      </button>
      {/* One box per pane: switching tabs must not carry another pane's draft (their versions can coincide). */}
      <PathBox key={paneKey} path={path} version={pathVersion} onNavigate={(target) => void store().navigate(paneKey, target)}>
        <RecentFolders paneKey={paneKey} />
      </PathBox>
      <BookmarksButton paneKey={paneKey} />
      <span className={`pane-busy${isLoading ? ' is-active' : ''}`} aria-hidden="true" />
      <label className="toggle">
        <input type="checkbox" checked={showHidden} onChange={(event) => store().setShowHidden(paneKey, event.target.checked)} />
        Show hidden files
      </label>
      {sessionId && (
        <button
          type="button"
          title="A shell on this server, over the same connection (Ctrl+Shift+T)"
          disabled={isOpening}
          aria-busy={isOpening}
          onClick={() => void useTerminalsStore.getState().open(sessionId)}
        >
          <span className="glyph" aria-hidden="true">❯_</span> <span className="button-text">{isOpening ? 'Opening terminal…' : 'Open terminal'}</span>
        </button>
      )}
    </div>
  )
}

/**
 * The summary line: how many rows, how many of them selected, while filtering how many of all are
 * shown, and how many rows Compare's Hide identical took out.
 */
function PaneFooter({ paneKey }: { readonly paneKey: PaneKey }) {
  const { count, total, selectedCount, isFiltered, excludedCount } = usePanesStore(
    useShallow((state) => {
      const pane = state.panes[paneKey]
      return { count: pane?.rows.length ?? 0, total: pane?.sorted.length ?? 0, selectedCount: pane?.selection.selected.size ?? 0, isFiltered: Boolean(pane?.filter.trim()), excludedCount: pane?.excludedCount ?? 0 }
    }),
  )
  const items = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'item' : 'items'}`
  const shown = isFiltered ? `${count.toLocaleString()} of ${items(total)} shown` : items(count)
  const selected = isFiltered ? `${shown}, ${selectedCount.toLocaleString()} selected` : `${selectedCount.toLocaleString()} of ${shown} selected`
  const excluded = excludedCount > 0 ? `, ${excludedCount.toLocaleString()} identical hidden` : ''
  return <div className="pane-footer">{`${selectedCount > 0 ? selected : shown}${excluded}`}</div>
}

/**
 * The pane's own keys where its grid has no focus (the Path and Filter boxes, its buttons): the
 * navigation keys and the folder commands. The grid runs them itself; file commands stay there,
 * where the selection is (Delete in the Filter box deletes text).
 */
function onPaneKeyDown(paneKey: PaneKey, event: KeyboardEvent<HTMLElement>): void {
  if (event.defaultPrevented || (event.target as Element).closest('[role="grid"]')) return
  const navigation = navigationKeyFor(event)
  const command = navigation ? null : folderCommandFor(event)
  const grid = event.currentTarget.querySelector<HTMLElement>('[role="grid"]')
  if (navigation && grid) runNavigationKey(navigation, paneKey, grid)
  else if (command) command(paneKey)
  else return
  event.preventDefault()
}

/** One side of the window: toolbar, grid and a summary line; the remote side per session. */
export function Pane({ side, paneKey }: PaneProps) {
  return (
    <section className="pane" aria-label={side} onKeyDown={paneKey ? (event) => onPaneKeyDown(paneKey, event) : undefined}>
      {paneKey ? (
        <>
          <PaneToolbar paneKey={paneKey} />
          <div className="pane-commands">
            <PaneActions paneKey={paneKey} side={side} />
            <FilterBox paneKey={paneKey} />
          </div>
          <FileGrid key={paneKey} paneKey={paneKey} label={`${side} files`} />
          <PaneFooter paneKey={paneKey} />
        </>
      ) : (
        <SavedHosts />
      )}
    </section>
  )
}
