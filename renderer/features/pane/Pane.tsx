import { useShallow } from 'zustand/react/shallow'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { FileGrid } from '../file-grid/FileGrid'
import { PathBox } from './PathBox'
import { useTerminalsStore } from '../../stores/terminals-store'
import { SavedHosts } from '../profiles/SavedHosts'
import { PaneActions } from '../file-ops/PaneActions'

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
      <button type="button" title="Parent folder (Backspace)" disabled={!hasParent} onClick={() => store().up(paneKey)}>
        <span className="glyph" aria-hidden="true">↑</span> Up
      </button>
      <button type="button" title="Reload this folder" onClick={() => store().refresh(paneKey)}>
        <span className="glyph" aria-hidden="true">⟳</span> Refresh
      </button>
      <PathBox path={path} version={pathVersion} onNavigate={(target) => void store().navigate(paneKey, target)} />
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
          <span className="glyph" aria-hidden="true">❯_</span> {isOpening ? 'Opening terminal…' : 'Open terminal'}
        </button>
      )}
    </div>
  )
}

function PaneFooter({ paneKey }: { readonly paneKey: PaneKey }) {
  const { count, selectedCount } = usePanesStore(
    useShallow((state) => ({ count: state.panes[paneKey]?.rows.length ?? 0, selectedCount: state.panes[paneKey]?.selection.selected.size ?? 0 })),
  )
  const items = `${count.toLocaleString()} ${count === 1 ? 'item' : 'items'}`
  return <div className="pane-footer">{selectedCount > 0 ? `${selectedCount.toLocaleString()} of ${items} selected` : items}</div>
}

/** One side of the window: toolbar, grid and a summary line; the remote side per session. */
export function Pane({ side, paneKey }: PaneProps) {
  return (
    <section className="pane" aria-label={side}>
      {paneKey ? (
        <>
          <PaneToolbar paneKey={paneKey} />
          <PaneActions paneKey={paneKey} side={side} />
          <FileGrid key={paneKey} paneKey={paneKey} label={`${side} files`} />
          <PaneFooter paneKey={paneKey} />
        </>
      ) : (
        <SavedHosts />
      )}
    </section>
  )
}
