import { useSessionsStore } from '../../stores/sessions-store'
import { statusLine } from './session-label'

/** The bottom line: the active session's state, address and cipher (or why it dropped). */
export function StatusBar() {
  const session = useSessionsStore((state) => state.sessions.find((s) => s.sessionId === state.activeId))
  const openCount = useSessionsStore((state) => state.sessions.length)
  return (
    <footer className="status-bar">
      <div role="status" className={`status-text state-${session?.state ?? 'none'}`}>
        <span className="state-dot" aria-hidden="true" />
        {statusLine(session, openCount)}
      </div>
    </footer>
  )
}
