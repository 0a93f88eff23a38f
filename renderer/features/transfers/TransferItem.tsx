import { memo } from 'react'
import type { TransferInfo } from '../../../shared/models/transfer'
import { useTransfersStore } from '../../stores/transfers-store'
import { displayName } from '../file-grid/display-name'
import { formatSize } from '../file-grid/entry-format'
import { directionWord, formatBytesLine, formatEta, percentOf, stateWord } from './transfer-format'

function Actions({ job }: { readonly job: TransferInfo }) {
  const { pause, resume, cancel, retry } = useTransfersStore.getState()
  const name = displayName(job.name)
  const isOpen = job.state === 'queued' || job.state === 'running' || job.state === 'paused'
  return (
    <div className="transfer-actions">
      {(job.state === 'running' || job.state === 'queued') && (
        <button type="button" aria-label={`Pause ${name}`} onClick={() => pause(job.transferId)}>
          Pause
        </button>
      )}
      {job.state === 'paused' && (
        <button type="button" aria-label={`Resume ${name}`} onClick={() => resume(job.transferId)}>
          Resume
        </button>
      )}
      {(job.state === 'failed' || job.state === 'cancelled') && (
        <button type="button" aria-label={`Retry ${name}`} onClick={() => retry(job.transferId)}>
          Retry
        </button>
      )}
      {isOpen && (
        <button type="button" aria-label={`Cancel ${name}`} onClick={() => cancel(job.transferId)}>
          Cancel
        </button>
      )}
    </div>
  )
}

/** One job: name, direction, progress, bytes, speed, ETA, status word, and why it failed. */
export const TransferItem = memo(function TransferItem({ job }: { readonly job: TransferInfo }) {
  const percent = percentOf(job)
  const name = displayName(job.name)
  const isRunning = job.state === 'running'
  return (
    <li className={`transfer-item state-${job.state}`} aria-label={name}>
      <div className="transfer-head">
        <span className={`transfer-direction direction-${job.direction}`}>{directionWord(job)}</span>
        <span className="transfer-name" title={`${name} → ${job.folder}`}>
          {name}
        </span>
        {job.isVerified && <span className="transfer-verified">Verified</span>}
        <span className="transfer-state">{stateWord(job.state)}</span>
      </div>
      <div className="transfer-progress-row">
        <progress className="transfer-progress" max={100} value={percent} aria-label={`${name} progress`} />
        <span className="transfer-bytes">{formatBytesLine(job)}</span>
        <span className="transfer-speed">{isRunning && job.bytesPerSecond > 0 ? `${formatSize(job.bytesPerSecond)}/s` : ''}</span>
        <span className="transfer-eta">{isRunning ? formatEta(job.etaSeconds) : ''}</span>
        <Actions job={job} />
      </div>
      {job.error && <p className="transfer-error">{job.error.message}</p>}
      {job.problemCount > 1 && (
        <details className="transfer-problems">
          <summary>{`${job.problemCount} items not copied`}</summary>
          <ul>
            {job.problems.map((problem, i) => (
              <li key={i}>{`${displayName(problem.path)}: ${problem.message}`}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  )
})
