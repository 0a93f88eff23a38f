import { useSessionsStore } from '../../stores/sessions-store'
import { useSyncedBrowsingStore } from '../../stores/synced-browsing-store'

/** The `Synchronized browsing` toggle (Ctrl+Alt+B) beside Settings, while a server pane is shown. */
export function SyncedBrowsingToggle() {
  const hasSession = useSessionsStore((state) => state.activeId !== null)
  const isOn = useSyncedBrowsingStore((state) => state.synced !== null)
  if (!hasSession) return null
  return (
    <button
      type="button"
      className={`synced-browsing-toggle${isOn ? ' is-on' : ''}`}
      aria-pressed={isOn}
      title="Entering or leaving a folder in one pane does the same in the other (Ctrl+Alt+B)"
      onClick={() => useSyncedBrowsingStore.getState().toggle()}
    >
      <span className="glyph" aria-hidden="true">
        ⇄
      </span>{' '}
      Synchronized browsing
    </button>
  )
}
