import { memo, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SessionId } from '../../../shared/models/ids'
import type { SessionInfo } from '../../../shared/models/session'
import { useSessionsStore } from '../../stores/sessions-store'
import { sessionAddress, sessionTitle, stateWord } from './session-label'

interface SessionTabProps {
  readonly session: SessionInfo
  readonly isActive: boolean
}

// The tab itself holds only text; Reconnect and Close sit beside it, since a tab may not contain buttons.
const SessionTab = memo(function SessionTab({ session, isActive }: SessionTabProps) {
  const { activate, reconnect, disconnect } = useSessionsStore.getState()
  const isDropped = session.state === 'disconnected'
  const title = sessionTitle(session)
  return (
    <div className={`session-tab state-${session.state}${isActive ? ' is-active' : ''}`}>
      <div
        role="tab"
        aria-selected={isActive}
        tabIndex={isActive ? 0 : -1}
        data-session-id={session.sessionId}
        title={isDropped && session.reason ? `${sessionAddress(session)} — ${session.reason}` : sessionAddress(session)}
        onClick={() => activate(session.sessionId)}
      >
        <span className="state-dot" aria-hidden="true" />
        <span className="tab-title">{title}</span>
        {session.state !== 'connected' && <span className="tab-state">{stateWord(session)}</span>}
      </div>
      {isDropped && (
        <button type="button" className="link-button" onClick={() => void reconnect(session.sessionId)}>
          Reconnect
        </button>
      )}
      <button type="button" className="icon-button" aria-label={`Close ${title}`} title="Disconnect and close" onClick={() => void disconnect(session.sessionId)}>
        ×
      </button>
    </div>
  )
})

// Arrow keys move between tabs, as the ARIA tabs pattern expects.
function onTabListKeyDown(event: KeyboardEvent<HTMLDivElement>, ids: readonly SessionId[], activeId: SessionId | null): void {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
  if (step === 0 || ids.length === 0) return
  event.preventDefault()
  const next = ids[(ids.indexOf(activeId as SessionId) + step + ids.length) % ids.length]!
  useSessionsStore.getState().activate(next)
  event.currentTarget.querySelector<HTMLElement>(`[data-session-id="${CSS.escape(next)}"]`)?.focus()
}

/** One tab per session; switching tab switches the remote pane to that session's own folder. */
export function SessionTabs() {
  const { sessions, activeId } = useSessionsStore(useShallow((state) => ({ sessions: state.sessions, activeId: state.activeId })))
  if (sessions.length === 0) return null
  const ids = sessions.map((session) => session.sessionId)
  return (
    <div className="session-tabs" role="tablist" aria-label="Sessions" onKeyDown={(event) => onTabListKeyDown(event, ids, activeId)}>
      {sessions.map((session) => (
        <SessionTab key={session.sessionId} session={session} isActive={session.sessionId === activeId} />
      ))}
    </div>
  )
}
