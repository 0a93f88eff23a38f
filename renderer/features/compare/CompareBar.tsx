import { Fragment, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useCompareStore } from '../../stores/compare-store'
import { usePanesStore } from '../../stores/panes-store'
import { summaryParts, type CompareMarks } from './compare-marks'
import { deepStatus, readSoFar } from './compare-status'
import './compare.css'

// Back to the local grid once the bar goes, so the keys go on working.
function stopComparing(): void {
  useCompareStore.getState().stop()
  document.querySelector<HTMLElement>('[role="grid"][aria-label="Local files"]')?.focus()
}

function OptionBox({ label, isChecked, onChange }: { readonly label: string; readonly isChecked: boolean; readonly onChange: (isChecked: boolean) => void }) {
  return (
    <label className="toggle">
      <input type="checkbox" checked={isChecked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  )
}

// One side's counts, each kept on one line: the summary wraps only between them.
function SideSummary({ marks, showHidden }: { readonly marks: CompareMarks; readonly showHidden: boolean }) {
  const parts = summaryParts(marks, showHidden)
  if (parts.length === 0) return <>empty folder</>
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={part}>
          {index > 0 && ' · '}
          <span className="compare-count">{part}</span>
        </Fragment>
      ))}
    </>
  )
}

/** While the folders are compared: what each side has, how far the comparison got, its options, Hide identical, and Stop comparing (or Escape). */
export function CompareBar({ isHidden }: { readonly isHidden: boolean }) {
  const { comparison, options } = useCompareStore(useShallow((state) => ({ comparison: state.comparison, options: state.options })))
  const { localShowsHidden, remoteShowsHidden } = usePanesStore(
    useShallow((state) => ({
      localShowsHidden: state.panes.local?.showHidden ?? true,
      remoteShowsHidden: comparison ? (state.panes[comparison.remoteKey]?.showHidden ?? true) : true,
    })),
  )
  if (!comparison) return null
  const { setOptions, setHidingIdentical } = useCompareStore.getState()
  const status = deepStatus(comparison.deep, options)
  const progress = readSoFar(comparison.deep)
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
          <span className="compare-side-name">Local:</span> <SideSummary marks={comparison.marks.local} showHidden={localShowsHidden} />
        </span>
        <span className="compare-side">
          <span className="compare-side-name">Remote:</span> <SideSummary marks={comparison.marks.remote} showHidden={remoteShowsHidden} />
        </span>
      </span>
      <span className={`compare-status${comparison.deep.status === 'failed' ? ' is-failed' : ''}`} role="status">
        {status}
        {progress && <span aria-hidden="true">{progress}</span>}
      </span>
      <OptionBox label="Subfolders" isChecked={options.isDeep} onChange={(isDeep) => setOptions({ isDeep })} />
      <OptionBox label="Checksum (SHA-256)" isChecked={options.isChecksum} onChange={(isChecksum) => setOptions({ isChecksum })} />
      <OptionBox label="Hide identical" isChecked={comparison.isHidingIdentical} onChange={setHidingIdentical} />
      <button type="button" title="Take the marks down (Escape)" onClick={stopComparing}>
        Stop comparing
      </button>
    </div>
  )
}
