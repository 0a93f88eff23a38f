import type { KeepUpToDateStatus } from '../../../shared/models/keep-up-to-date'
import { useAppStore } from '../../stores/app-store'
import { useKeepUpToDateStore } from '../../stores/keep-up-to-date-store'

const stateWords: Readonly<Record<KeepUpToDateStatus['state'], string>> = {
  watching: 'Watching',
  uploading: 'Uploading',
  offline: 'Waiting for the connection',
  failed: 'Watching (the last upload failed)',
  stopped: 'Stopped',
}

/** `~/site` for a folder in the home folder. */
function shortFolder(folder: string, home: string | undefined): string {
  if (!home || home === '/') return folder
  if (folder === home) return '~'
  return folder.startsWith(home) && '/\\'.includes(folder[home.length] ?? 'x') ? '~' + folder.slice(home.length) : folder
}

/** `Watching ~/site → /var/www · last: uploaded css/site.css · 12 uploaded, 1 deleted`. */
export function statusText(status: KeepUpToDateStatus, home?: string): string {
  const parts = [`${stateWords[status.state]} ${shortFolder(status.localFolder, home)} → ${status.remoteFolder}`]
  if (status.message && status.state !== 'watching') parts.push(status.message)
  if (status.lastAction) parts.push(`last: ${status.lastAction}`)
  const counts = `${status.uploaded.toLocaleString('en-US')} uploaded, ${status.deleted.toLocaleString('en-US')} deleted`
  parts.push(status.pending > 0 ? `${counts}, ${status.pending.toLocaleString('en-US')} waiting` : counts)
  return parts.join(' · ')
}

/** A line per `Keep up to date` watch, above Transfers: what it is doing, its last action and counts, and Stop. */
export function KeepUpToDateBar() {
  const watches = useKeepUpToDateStore((state) => state.watches)
  const home = useAppStore((state) => state.appInfo?.localHome)
  if (watches.length === 0) return null
  return (
    <section className="keep-list" aria-label="Keep up to date watches">
      <h2 className="transfers-title">Keep up to date</h2>
      {watches.map((status) => (
        <div key={status.watchId} className={`keep-item state-${status.state}`}>
          <span className="keep-text" role="status" aria-label="Keep up to date" title={statusText(status)}>
            {statusText(status, home)}
          </span>
          <button type="button" title={`Stop keeping ${status.remoteFolder} up to date`} onClick={() => void useKeepUpToDateStore.getState().stop(status.watchId)}>
            Stop
          </button>
        </div>
      ))}
    </section>
  )
}
