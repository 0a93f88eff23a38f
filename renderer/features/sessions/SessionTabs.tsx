import { Fragment, memo, useEffect, useMemo, useRef, type KeyboardEvent, type WheelEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SessionId } from '../../../shared/models/ids'
import type { SessionInfo } from '../../../shared/models/session'
import { useSessionsStore } from '../../stores/sessions-store'
import { useTerminalsStore, type TerminalTab } from '../../stores/terminals-store'
import { useEditorsStore, type EditorTab } from '../../stores/editors-store'
import { EditorTabItem } from '../editor/EditorTabItem'
import { distinctNames, sessionAddress, sessionTitle, stateWord } from './session-label'
import { requestDisconnect } from './CloseSessionDialog'

interface SessionTabProps {
  readonly session: SessionInfo
  /** Its name in the strip, numbered when another tab reads the same. */
  readonly title: string
  readonly isActive: boolean
}

// The tab itself holds only text; Reconnect and Close sit beside it, since a tab may not contain buttons.
const SessionTab = memo(function SessionTab({ session, title, isActive }: SessionTabProps) {
  const { reconnect } = useSessionsStore.getState()
  const isDropped = session.state === 'disconnected'
  const address = session.profile ? `${session.profile.name} — ${sessionAddress(session)}` : sessionAddress(session)
  const color = session.profile?.color ?? 'none'
  return (
    <div className={`session-tab state-${session.state} color-${color}${isActive ? ' is-active' : ''}`}>
      <div
        role="tab"
        aria-selected={isActive}
        tabIndex={isActive ? 0 : -1}
        data-tab-key={session.sessionId}
        title={isDropped && session.reason ? `${address} — ${session.reason}` : address}
        onClick={() => showFiles(session.sessionId)}
      >
        <span className="state-dot" aria-hidden="true" />
        <TabTitle title={title} />
        {session.state !== 'connected' && <span className="tab-state">{stateWord(session)}</span>}
      </div>
      {isDropped && (
        <button type="button" className="link-button" onClick={() => void reconnect(session.sessionId)}>
          Reconnect
        </button>
      )}
      <button type="button" className="icon-button" aria-label={`Close ${title}`} title="Disconnect and close" onClick={() => requestDisconnect(session.sessionId)}>
        ×
      </button>
    </div>
  )
})

/** A tab's name as drawn: the name may be cut short, its number (` (2)`, ` #2`) never is; a terminal's `❯` is its glyph. */
function TabTitle({ title }: { readonly title: string }) {
  const [, name = title, number] = /^(?:❯ )?(.*?)( \(\d+\)| #\d+)?$/.exec(title) ?? []
  return (
    <>
      <span className="tab-title">{name}</span>
      {number && <span className="tab-number">{number}</span>}
    </>
  )
}

/** Shows a session's file browser (its tab), leaving its terminals running behind. */
function showFiles(sessionId: SessionId): void {
  useTerminalsStore.getState().show(null)
  useEditorsStore.getState().show(null)
  useSessionsStore.getState().activate(sessionId)
}

/** A terminal's tab name before numbering: `❯ web1`, or `web1: /var/www` when it was opened in a folder. */
export function terminalTitle(tab: TerminalTab, sessionName: string): string {
  return tab.folder ? `${sessionName}: ${tab.folder}` : `❯ ${sessionName}`
}

interface TerminalTabProps {
  readonly tab: TerminalTab
  readonly title: string
  readonly color: string
  readonly isActive: boolean
}

const TerminalTabItem = memo(function TerminalTabItem({ tab, title, color, isActive }: TerminalTabProps) {
  return (
    <div className={`session-tab terminal-tab color-${color}${isActive ? ' is-active' : ''}${tab.ended ? ' is-ended' : ''}`}>
      <div
        role="tab"
        aria-label={title}
        aria-selected={isActive}
        tabIndex={isActive ? 0 : -1}
        data-tab-key={tab.terminalId}
        title={title}
        onClick={() => useTerminalsStore.getState().show(tab.terminalId)}
      >
        <span className="glyph" aria-hidden="true">
          ❯_
        </span>
        <TabTitle title={title} />
      </div>
      <button type="button" className="icon-button" aria-label={`Close terminal ${title}`} title="Close terminal (Ctrl+Shift+W)" onClick={() => useTerminalsStore.getState().requestClose(tab.terminalId)}>
        ×
      </button>
    </div>
  )
})

// Every tab in strip order: a session's file browser, then its terminals and its editors; editors of local files last.
type TabKey =
  | { readonly kind: 'files'; readonly sessionId: SessionId }
  | { readonly kind: 'terminal'; readonly tab: TerminalTab }
  | { readonly kind: 'editor'; readonly tab: EditorTab }

function keyOf(tab: TabKey): string {
  if (tab.kind === 'files') return tab.sessionId
  return tab.kind === 'terminal' ? tab.tab.terminalId : tab.tab.editorId
}

function showTab(tab: TabKey): void {
  if (tab.kind === 'files') showFiles(tab.sessionId)
  else if (tab.kind === 'terminal') useTerminalsStore.getState().show(tab.tab.terminalId)
  else useEditorsStore.getState().show(tab.tab.editorId)
}

function editorsOf(editors: readonly EditorTab[], sessionId: SessionId | null): EditorTab[] {
  return editors.filter((tab) => (tab.target.kind === 'remote' ? tab.target.sessionId === sessionId : sessionId === null))
}

/** The tabs in strip order (for arrow keys and Ctrl+Tab). */
export function stripOrder(): TabKey[] {
  const { sessions } = useSessionsStore.getState()
  const { terminals } = useTerminalsStore.getState()
  const { editors } = useEditorsStore.getState()
  const editorKeys = (sessionId: SessionId | null) => editorsOf(editors, sessionId).map((tab): TabKey => ({ kind: 'editor', tab }))
  return [
    ...sessions.flatMap((session): TabKey[] => [
      { kind: 'files', sessionId: session.sessionId },
      ...terminals.filter((t) => t.sessionId === session.sessionId).map((tab): TabKey => ({ kind: 'terminal', tab })),
      ...editorKeys(session.sessionId),
    ]),
    ...editorKeys(null),
  ]
}

/** The key of the tab shown now. */
function activeKey(): string | null {
  return useEditorsStore.getState().activeEditorId ?? useTerminalsStore.getState().activeTerminalId ?? useSessionsStore.getState().activeId
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

/** Every tab's name: sessions after their profile (or user@host), terminals after their session; numbered where two read the same. */
function useTabNames(sessions: readonly SessionInfo[], terminals: readonly TerminalTab[]): { sessions: Map<SessionId, string>; terminals: Map<string, string> } {
  return useMemo(() => {
    const sessionNames = distinctNames(sessions.map(sessionTitle))
    const bySession = new Map(sessions.map((session, i) => [session.sessionId, sessionNames[i]!]))
    const shown = terminals.filter((tab) => bySession.has(tab.sessionId))
    // A second terminal of one session is `#2`, apart from a second session's `(2)`.
    const terminalNames = distinctNames(
      shown.map((tab) => terminalTitle(tab, bySession.get(tab.sessionId)!)),
      (count) => ` #${count}`,
    )
    return { sessions: bySession, terminals: new Map(shown.map((tab, i) => [tab.tabId, terminalNames[i]!])) }
  }, [sessions, terminals])
}

// A plain mouse wheel scrolls the strip sideways, as in a browser's tab bar.
function scrollStrip(event: WheelEvent<HTMLDivElement>): void {
  if (event.deltaY === 0 || Math.abs(event.deltaX) > Math.abs(event.deltaY)) return
  event.currentTarget.scrollLeft += event.deltaY
}

/** One tab per session (its file browser), each followed by the session's terminal and editor tabs. */
export function SessionTabs() {
  const { sessions, activeId } = useSessionsStore(useShallow((state) => ({ sessions: state.sessions, activeId: state.activeId })))
  const { terminals, activeTerminalId } = useTerminalsStore(useShallow((state) => ({ terminals: state.terminals, activeTerminalId: state.activeTerminalId })))
  const { editors, activeEditorId } = useEditorsStore(useShallow((state) => ({ editors: state.editors, activeEditorId: state.activeEditorId })))
  const names = useTabNames(sessions, terminals)
  const stripRef = useRef<HTMLDivElement>(null)
  // The tab shown is scrolled into the strip when there are more than fit.
  useEffect(() => {
    stripRef.current?.querySelector('.session-tab.is-active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [activeId, activeTerminalId, activeEditorId, sessions.length, terminals.length, editors.length])
  if (sessions.length === 0 && editors.length === 0) return <p className="session-tabs-empty">No session open: connect above, or open a saved host.</p>
  return (
    <div className="session-tabs-row">
      <div ref={stripRef} className="session-tabs" role="tablist" aria-label="Sessions" onKeyDown={onTabListKeyDown} onWheel={scrollStrip}>
        {sessions.map((session) => (
          <Fragment key={session.sessionId}>
            <SessionTab session={session} title={names.sessions.get(session.sessionId)!} isActive={activeTerminalId === null && activeEditorId === null && session.sessionId === activeId} />
            {terminals
              .filter((tab) => tab.sessionId === session.sessionId)
              .map((tab) => (
                <TerminalTabItem
                  key={tab.tabId}
                  tab={tab}
                  title={names.terminals.get(tab.tabId) ?? tab.host}
                  color={session.profile?.color ?? 'none'}
                  isActive={tab.terminalId === activeTerminalId}
                />
              ))}
            {editorsOf(editors, session.sessionId).map((tab) => (
              <EditorTabItem key={tab.editorId} tab={tab} color={session.profile?.color ?? 'none'} isActive={tab.editorId === activeEditorId} />
            ))}
          </Fragment>
        ))}
        {editorsOf(editors, null).map((tab) => (
          <EditorTabItem key={tab.editorId} tab={tab} color="none" isActive={tab.editorId === activeEditorId} />
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
  useEditorsStore.getState().show(null)
  useSessionsStore.getState().showStart()
}
