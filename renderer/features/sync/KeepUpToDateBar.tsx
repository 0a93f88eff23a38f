import { useAppStore } from '../../stores/app-store'
import { useKeepUpToDateStore } from '../../stores/keep-up-to-date-store'
import { keepStatusText } from './sync-format'

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
          <span className="keep-text" role="status" aria-label="Keep up to date" title={keepStatusText(status)}>
            {keepStatusText(status, home)}
          </span>
          <button type="button" title={`Stop keeping ${status.remoteFolder} up to date`} onClick={() => void useKeepUpToDateStore.getState().stop(status.watchId)}>
            Stop
          </button>
        </div>
      ))}
    </section>
  )
}
