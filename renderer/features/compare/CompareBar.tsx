import type { KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useCompareStore } from '../../stores/compare-store'
import { usePanesStore } from '../../stores/panes-store'
import { compareSummary } from './compare-marks'
import './compare.css'

// Back to the local grid once the bar goes, so the keys go on working.
function stopComparing(): void {
  useCompareStore.getState().stop()
  document.querySelector<HTMLElement>('[role="grid"][aria-label="Local files"]')?.focus()
}

/** While the folders are compared: what each side has, Hide identical, and Stop comparing (or Escape). */
export function CompareBar({ isHidden }: { readonly isHidden: boolean }) {
  const comparison = useCompareStore((state) => state.comparison)
  const { localShowsHidden, remoteShowsHidden } = usePanesStore(
    useShallow((state) => ({
      localShowsHidden: state.panes.local?.showHidden ?? true,
      remoteShowsHidden: comparison ? (state.panes[comparison.remoteKey]?.showHidden ?? true) : true,
    })),
  )
  if (!comparison) return null
  const local = compareSummary(comparison.marks.local, localShowsHidden)
  const remote = compareSummary(comparison.marks.remote, remoteShowsHidden)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    stopComparing()
  }
  return (
    <div className="compare-bar" role="toolbar" aria-label="Compare" hidden={isHidden} onKeyDown={onKeyDown}>
      <span className="compare-title" aria-hidden="true">
        Compare
      </span>
      {/* Read out again when a refresh changes the counts. */}
      <span className="compare-summary" aria-live="polite">
        <span className="compare-side">
          <span className="compare-side-name">Local:</span> {local}
        </span>
        <span className="compare-side">
          <span className="compare-side-name">Remote:</span> {remote}
        </span>
      </span>
      <label className="toggle">
        <input type="checkbox" checked={comparison.isHidingIdentical} onChange={(event) => useCompareStore.getState().setHidingIdentical(event.target.checked)} />
        Hide identical
      </label>
      <button type="button" title="Take the marks down (Escape)" onClick={stopComparing}>
        Stop comparing
      </button>
    </div>
  )
}
