import { useTransfersStore } from '../../stores/transfers-store'
import { overallLine } from './transfer-format'
import { TransferItem } from './TransferItem'

/** The queue, below the panes: an overall line, Cancel all and Clear finished, one item per job. */
export function TransfersPanel() {
  const jobs = useTransfersStore((state) => state.jobs)
  const { cancelAll, clearFinished } = useTransfersStore.getState()
  const hasOpen = jobs.some((job) => job.state === 'queued' || job.state === 'running' || job.state === 'paused')
  const hasFinished = jobs.some((job) => job.state === 'done' || job.state === 'failed' || job.state === 'cancelled')
  return (
    <section className="transfers" aria-label="Transfers">
      <header className="transfers-head">
        <h2 className="transfers-title">Transfers</h2>
        <span className="transfers-overall" aria-live="polite">
          {overallLine(jobs)}
        </span>
        <button type="button" disabled={!hasOpen} onClick={cancelAll}>
          Cancel all
        </button>
        <button type="button" disabled={!hasFinished} onClick={clearFinished}>
          Clear finished
        </button>
      </header>
      {jobs.length > 0 && (
        <ul className="transfer-list">
          {jobs.map((job) => (
            <TransferItem key={job.transferId} job={job} />
          ))}
        </ul>
      )}
    </section>
  )
}
