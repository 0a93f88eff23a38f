import { useShallow } from 'zustand/react/shallow'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { paneGridOf } from './pane-focus'

/** Back and Forward through the pane's history, greyed when there is nowhere to go; the grid keeps the focus. */
export function HistoryButtons({ paneKey }: { readonly paneKey: PaneKey }) {
  const { canGoBack, canGoForward } = usePanesStore(
    useShallow((state) => {
      const history = state.panes[paneKey]?.history
      return { canGoBack: (history?.back.length ?? 0) > 0, canGoForward: (history?.forward.length ?? 0) > 0 }
    }),
  )
  const step = (button: HTMLElement, direction: 'back' | 'forward') => {
    paneGridOf(button)?.focus({ preventScroll: true })
    usePanesStore.getState()[direction](paneKey)
  }
  return (
    <>
      <button type="button" className="nav-step" aria-label="Back" title="Back (Alt+Left)" disabled={!canGoBack} onClick={(event) => step(event.currentTarget, 'back')}>
        <span className="glyph" aria-hidden="true">←</span>
      </button>
      <button type="button" className="nav-step" aria-label="Forward" title="Forward (Alt+Right)" disabled={!canGoForward} onClick={(event) => step(event.currentTarget, 'forward')}>
        <span className="glyph" aria-hidden="true">→</span>
      </button>
    </>
  )
}
