import { memo } from 'react'
import type { TransferInfo } from '../../../shared/models/transfer'
import { useSessionsStore } from '../../stores/sessions-store'
import { useTransfersStore } from '../../stores/transfers-store'
import { displayName } from '../file-grid/display-name'
import { formatSize } from '../file-grid/entry-format'
import { directionWord, formatBytesLine, formatEta, isCopyKind, jobTitle, operationLine, operationWord, percentOf, skippedText, stateWord, syncLine } from './transfer-format'

/**
 * How the list names a job: `notes.txt`, `Delete site-old`; one server of a deploy adds which:
 * `Synchronize site on web2` (the profile's name, else user@host).
 */
function useJobName(job: TransferInfo): { readonly name: string; readonly server: string | null } {
  const sessionId = job.deployGroup && job.to.kind === 'remote' ? job.to.sessionId : null
  const server = useSessionsStore((state) => {
    const session = sessionId ? state.sessions.find((each) => each.sessionId === sessionId) : undefined
    return session ? (session.profile?.name ?? `${session.username}@${session.host}`) : null
  })
  const title = jobTitle(job, displayName(job.name))
  return { name: server ? `${title} on ${server}` : title, server }
}

function Actions({ job, name }: { readonly job: TransferInfo; readonly name: string }) {
  const { pause, resume, cancel, retry } = useTransfersStore.getState()
  const canCancel = job.state === 'queued' || job.state === 'running' || job.state === 'paused' || job.state === 'failed'
  return (
    <div className="transfer-actions">
      {(job.state === 'running' || job.state === 'queued') && isCopyKind(job) && (
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
      {canCancel && (
        <button type="button" aria-label={`Cancel ${name}`} title="Stop for good; part files this job wrote are removed" onClick={() => cancel(job.transferId)}>
          Cancel
        </button>
      )}
    </div>
  )
}

/** The base name of a path, either separator. */
function lastName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
}

/** A selection of several entries: the names it holds, folded. */
function Items({ job }: { readonly job: TransferInfo }) {
  const more = job.itemCount - job.items.length
  return (
    <details className="transfer-items">
      <summary>{`${job.itemCount.toLocaleString('en-US')} selected items`}</summary>
      <ul>
        {job.items.map((item, i) => (
          <li key={i}>{displayName(item)}</li>
        ))}
        {more > 0 && <li>{`and ${more.toLocaleString('en-US')} more`}</li>}
      </ul>
    </details>
  )
}

/** One job: name, direction, progress, bytes, speed, ETA, status word, and why it failed. */
export const TransferItem = memo(function TransferItem({ job }: { readonly job: TransferInfo }) {
  const percent = percentOf(job)
  const { name, server } = useJobName(job)
  const operation = operationWord(job)
  const isRunning = job.state === 'running'
  const keepsParts = job.partialFiles > 0 && (job.state === 'paused' || job.state === 'failed' || job.state === 'cancelled')
  return (
    <li className={`transfer-item state-${job.state}`} aria-label={name}>
      <div className="transfer-head">
        <span className={`transfer-direction direction-${operation && !job.sync ? 'operation' : job.direction}`}>{job.sync ? `${operation} · ${directionWord(job)}` : (operation ?? directionWord(job))}</span>
        <span className="transfer-name" title={isCopyKind(job) ? `${name} → ${job.folder}` : `${name} in ${job.folder}`}>
          {server ? `${displayName(job.name)} on ${server}` : displayName(job.name)}
        </span>
        {isRunning && job.currentPath && job.itemCount > 1 && <span className="transfer-current">{displayName(lastName(job.currentPath))}</span>}
        {job.isVerified && <span className="transfer-verified">Verified</span>}
        <span className="transfer-state">{stateWord(job.state)}</span>
      </div>
      <div className="transfer-progress-row">
        <progress className="transfer-progress" max={100} value={percent} aria-label={`${name} progress`} />
        <span className="transfer-bytes">{isCopyKind(job) ? formatBytesLine(job) : operationLine(job)}</span>
        <span className="transfer-speed">{isRunning && job.bytesPerSecond > 0 ? `${formatSize(job.bytesPerSecond)}/s` : ''}</span>
        <span className="transfer-eta">{isRunning ? formatEta(job.etaSeconds) : ''}</span>
        <Actions job={job} name={name} />
      </div>
      {job.sync && <p className="transfer-note">{syncLine(job)}</p>}
      {job.note && <p className="transfer-note">{job.note}</p>}
      {job.state === 'done' && job.filesSkipped > 0 && (
        <p className="transfer-note">{skippedText(job)}</p>
      )}
      {job.error && <p className={job.error.code === 'CANCELLED' ? 'transfer-note' : 'transfer-error'}>{job.error.message}</p>}
      {keepsParts && (
        <p className="transfer-note">
          {job.state === 'cancelled'
            ? `${job.partialFiles} part file(s) (.skiffpart) left in ${job.folder}`
            : `${job.partialFiles} part file(s) (.skiffpart) kept in ${job.folder} to resume from; Cancel removes them`}
        </p>
      )}
      {job.itemCount > 1 && <Items job={job} />}
      {job.problemCount > 1 && (
        <details className="transfer-problems">
          <summary>{operation ? `${job.problemCount} entries left as they were` : `${job.problemCount} items not copied`}</summary>
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
