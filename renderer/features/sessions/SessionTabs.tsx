import { Fragment, memo, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SessionId } from '../../../shared/models/ids'
import type { SessionInfo } from '../../../shared/models/session'
import { useSessionsStore } from '../../stores/sessions-store'
import { useTerminalsStore, type TerminalTab } from '../../stores/terminals-store'
import { sessionAddress, sessionTitle, stateWord } from './session-label'

interface SessionTabProps {
  readonly session: SessionInfo
  readonly isActive: boolean
}

// The tab itself holds only text; Reconnect and Close sit beside it, since a tab may not contain buttons.
const SessionTab = memo(function SessionTab({ session, isActive }: SessionTabProps) {
  const { reconnect, disconnect } = useSessionsStore.getState()
  const isDropped = session.state === 'disconnected'
  const title = sessionTitle(session)
  return (
    <div className={`session-tab state-${session.state}${isActive ? ' is-active' : ''}`}>
      <div
        role="tab"
        aria-selected={isActive}
        tabIndex={isActive ? 0 : -1}
        data-tab-key={session.sessionId}
        title={isDropped && session.reason ? `${sessionAddress(session)} — ${session.reason}` : sessionAddress(session)}
        onClick={() => showFiles(session.sessionId)}
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

/** Shows a session's file browser (its tab), leaving its terminals running behind. */
function showFiles(sessionId: SessionId): void {
  useTerminalsStore.getState().show(null)
  useSessionsStore.getState().activate(sessionId)
}

/** A terminal's tab name: its host, and the folder it was opened in. */
export function terminalTitle(tab: TerminalTab): string {
  return tab.folder ? `${tab.host}: ${tab.folder}` : tab.host
}

const TerminalTabItem = memo(function TerminalTabItem({ tab, isActive }: { readonly tab: TerminalTab; readonly isActive: boolean }) {
  const title = terminalTitle(tab)
  return (
    <div className={`session-tab terminal-tab${isActive ? ' is-active' : ''}${tab.ended ? ' is-ended' : ''}`}>
      <div role="tab" aria-selected={isActive} tabIndex={isActive ? 0 : -1} data-tab-key={tab.terminalId} title={title} onClick={() => useTerminalsStore.getState().show(tab.terminalId)}>
        <span className="glyph" aria-hidden="true">
          ❯_
        </span>
        <span className="tab-title">{title}</span>
      </div>
      <button type="button" className="icon-button" aria-label={`Close terminal ${title}`} title="Close terminal (Ctrl+Shift+W)" onClick={() => useTerminalsStore.getState().requestClose(tab.terminalId)}>
        ×
      </button>
    </div>
  )
})

// Every tab in strip order: a session's file browser, then its terminals.
type TabKey = { readonly kind: 'files'; readonly sessionId: SessionId } | { readonly kind: 'terminal'; readonly tab: TerminalTab }

function keyOf(tab: TabKey): string {
  return tab.kind === 'files' ? tab.sessionId : tab.tab.terminalId
}

function showTab(tab: TabKey): void {
  if (tab.kind === 'files') showFiles(tab.sessionId)
  else useTerminalsStore.getState().show(tab.tab.terminalId)
}

/** The tabs in strip order (for arrow keys and Ctrl+Tab). */
export function stripOrder(): TabKey[] {
  const { sessions } = useSessionsStore.getState()
  const { terminals } = useTerminalsStore.getState()
  return sessions.flatMap((session): TabKey[] => [
    { kind: 'files', sessionId: session.sessionId },
    ...terminals.filter((t) => t.sessionId === session.sessionId).map((tab): TabKey => ({ kind: 'terminal', tab })),
  ])
}

/** The key of the tab shown now. */
function activeKey(): string | null {
  return useTerminalsStore.getState().activeTerminalId ?? useSessionsStore.getState().activeId
}

/** Ctrl+Tab and Ctrl+Shift+Tab: the next or previous tab, wrapping. Returns the key shown. */
export function cycleTabs(step: 1 | -1): string | null {
  const order = stripOrder()
  if (order.length === 0) return null
  const index = order.findIndex((tab) => keyOf(tab) === activeKey())
  const next = order[(index + step + order.length) % order.length]!
  showTab(next)
  return keyOf(next)
}

// Arrow keys move between tabs, as the ARIA tabs pattern expects.
function onTabListKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
  if (step === 0) return
  event.preventDefault()
  const key = cycleTabs(step)
  if (key) event.currentTarget.querySelector<HTMLElement>(`[data-tab-key="${CSS.escape(key)}"]`)?.focus()
}

/** One tab per session (its file browser), each followed by the session's terminal tabs. */
export function SessionTabs() {
  const { sessions, activeId } = useSessionsStore(useShallow((state) => ({ sessions: state.sessions, activeId: state.activeId })))
  const { terminals, activeTerminalId } = useTerminalsStore(useShallow((state) => ({ terminals: state.terminals, activeTerminalId: state.activeTerminalId })))
  if (sessions.length === 0) return null
  return (
    <div className="session-tabs-row">
      <div className="session-tabs" role="tablist" aria-label="Sessions" onKeyDown={onTabListKeyDown}>
        {sessions.map((session) => (
          <Fragment key={session.sessionId}>
            <SessionTab session={session} isActive={activeTerminalId === null && session.sessionId === activeId} />
            {terminals
              .filter((tab) => tab.sessionId === session.sessionId)
              .map((tab) => (
                <TerminalTabItem key={tab.tabId} tab={tab} isActive={tab.terminalId === activeTerminalId} />
              ))}
          </Fragment>
        ))}
      </div>
      <button type="button" className={`icon-button start-button${activeId === null ? ' is-active' : ''}`} title="Saved hosts (the start screen)" onClick={showStart}>
        + Saved hosts
      </button>
    </div>
  )
}

function showStart(): void {
  useTerminalsStore.getState().show(null)
  useSessionsStore.getState().showStart()
}
