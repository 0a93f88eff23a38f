import { useEffect, useRef } from 'react'
import { useSettingsStore } from '../../stores/settings-store'
import { useTransfersStore } from '../../stores/transfers-store'
import { failedCount, overallLine } from './transfer-format'
import { TransferItem } from './TransferItem'

/** The two transfer settings, where transfers are: permissions kept, checksums compared. */
function TransferOptions() {
  const { preservePermissions, verifyChecksums } = useSettingsStore((state) => state.settings.transfer)
  const update = useSettingsStore.getState().update
  return (
    <>
      <label className="toggle" title="Copies get the permission bits of their source">
        <input type="checkbox" checked={preservePermissions} onChange={(event) => void update({ transfer: { preservePermissions: event.target.checked } })} />
        Keep permissions
      </label>
      <label className="toggle" title="Compare SHA-256 on both sides before a file is put in place (the server needs sha256sum or shasum)">
        <input type="checkbox" checked={verifyChecksums} onChange={(event) => void update({ transfer: { verifyChecksums: event.target.checked } })} />
        Verify checksums
      </label>
    </>
  )
}

/** The queue, below the panes: an overall line, Cancel all and Clear finished, one item per job. */
export function TransfersPanel() {
  const jobs = useTransfersStore((state) => state.jobs)
  const { cancelAll, clearFinished, retryFailed } = useTransfersStore.getState()
  const listRef = useRef<HTMLUListElement>(null)
  // A job just added is the one to watch: the list scrolls to it when finished ones fill the area.
  const count = jobs.length
  const seen = useRef(count)
  useEffect(() => {
    if (count > seen.current) listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' })
    seen.current = count
  }, [count])
  const hasOpen = jobs.some((job) => job.state === 'queued' || job.state === 'running' || job.state === 'paused')
  // Failed jobs stay through Clear finished: they go by Retry, or by Cancel (which removes their part files).
  const hasFinished = jobs.some((job) => job.state === 'done' || job.state === 'cancelled')
  const hasFailed = jobs.some((job) => job.state === 'failed')
  return (
    <section className="transfers" aria-label="Transfers">
      <header className="transfers-head">
        <h2 className="transfers-title">Transfers</h2>
        <span className={`transfers-overall${failedCount(jobs) > 0 ? ' has-failed' : ''}`} aria-live="polite">
          {overallLine(jobs)}
        </span>
        <TransferOptions />
        {hasFailed && (
          <button type="button" onClick={retryFailed}>
            Retry failed
          </button>
        )}
        <button type="button" disabled={!hasOpen} onClick={cancelAll}>
          Cancel all
        </button>
        <button type="button" disabled={!hasFinished} title="Removes done and cancelled jobs from the list; failed jobs stay" onClick={clearFinished}>
          Clear finished
        </button>
      </header>
      {jobs.length > 0 && (
        <ul ref={listRef} className="transfer-list">
          {jobs.map((job) => (
            <TransferItem key={job.transferId} job={job} />
          ))}
        </ul>
      )}
    </section>
  )
}
