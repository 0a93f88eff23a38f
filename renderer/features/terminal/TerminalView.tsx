import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { useSessionsStore } from '../../stores/sessions-store'
import { useSettingsStore } from '../../stores/settings-store'
import { useTerminalsStore, type TerminalTab } from '../../stores/terminals-store'
import { TerminalScreen } from './terminal-screen'
import { isOpenableLink } from './terminal-safety'

interface TerminalViewProps {
  readonly tab: TerminalTab
  readonly isActive: boolean
}

/** What the ended line says: `[exited with code N]`, or why the connection went. */
export function endedText(tab: TerminalTab): string | null {
  const { ended } = tab
  if (!ended) return null
  if (ended.reason === 'disconnected') return `[disconnected: ${ended.message ?? 'the connection dropped'}]`
  if (ended.exitCode !== null) return `[exited with code ${ended.exitCode}]`
  return ended.signal ? `[ended by signal ${ended.signal}]` : '[exited]'
}

function SearchBar({ screen, onClose }: { readonly screen: TerminalScreen; readonly onClose: () => void }) {
  const [query, setQuery] = useState('')
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    } else if (event.key === 'Enter' && query) {
      event.preventDefault()
      if (event.shiftKey) screen.search.findPrevious(query)
      else screen.search.findNext(query)
    }
  }
  return (
    <div className="terminal-search">
      <input aria-label="Find in terminal" value={query} autoFocus placeholder="Find (Enter: next, Shift+Enter: previous)" onChange={(event) => setQuery(event.target.value)} onKeyDown={onKeyDown} />
      <button type="button" onClick={onClose}>
        Close search
      </button>
    </div>
  )
}

/** One terminal tab's body: the screen (region `Terminal`), its search bar and its ended banner. */
export function TerminalView({ tab, isActive }: TerminalViewProps) {
  const hostRef = useRef<HTMLDivElement>(null)
  const [screen, setScreen] = useState<TerminalScreen | null>(null)
  const [serverTitle, setServerTitle] = useState('')
  const [isSearching, setIsSearching] = useState(false)
  const [pendingLink, setPendingLink] = useState<string | null>(null)
  const settings = useSettingsStore((state) => state.settings.terminal)
  const session = useSessionsStore((state) => state.sessions.find((s) => s.sessionId === tab.sessionId))

  useEffect(() => {
    const created = new TerminalScreen(
      tab.terminalId,
      useSettingsStore.getState().settings.terminal,
      {
        openLink: (url) => {
          if (isOpenableLink(url)) setPendingLink(url)
        },
        onTitle: setServerTitle,
        onSearchKey: () => setIsSearching(true),
      },
      () => useSettingsStore.getState().settings.terminal,
    )
    created.open(hostRef.current!)
    // The screen needs the mounted element, so it can only exist after the first render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setScreen(created)
    // The first size is a guess: the PTY learns the real one from the first fit.
    const observer = new ResizeObserver(() => created.fitToHost())
    observer.observe(hostRef.current!)
    const scheme = window.matchMedia('(prefers-color-scheme: dark)')
    const onScheme = () => created.applyTheme()
    scheme.addEventListener('change', onScheme)
    return () => {
      scheme.removeEventListener('change', onScheme)
      observer.disconnect()
      created.dispose()
    }
    // A Reconnect changes terminalId under the same tab; rebind (below) follows it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab.tabId])

  useEffect(() => screen?.rebind(tab.terminalId), [screen, tab.terminalId])
  useEffect(() => screen?.applySettings(settings), [screen, settings])

  useEffect(() => {
    if (!isActive || !screen) return
    screen.fitToHost()
    screen.term.focus()
  }, [isActive, screen])

  const ended = endedText(tab)
  useEffect(() => {
    if (ended) screen?.note(ended)
  }, [ended, screen])

  const canReopen = tab.ended !== undefined && session?.state === 'connected'
  return (
    <div className="terminal-view" hidden={!isActive}>
      <div className="terminal-toolbar">
        <button
          type="button"
          title="Type a cd to the remote pane's folder into this terminal"
          disabled={Boolean(tab.ended)}
          onClick={() => {
            void useTerminalsStore.getState().cdToPaneFolder(tab.terminalId)
            // Typing goes on in the terminal: Enter must not press this button again.
            screen?.term.focus()
          }}
        >
          cd to pane folder
        </button>
        <button type="button" title="Show the folder this terminal is in, in the remote pane" disabled={Boolean(tab.ended)} onClick={() => void useTerminalsStore.getState().showFolderInPane(tab.terminalId)}>
          Show folder in pane
        </button>
        <button type="button" title="Find in the terminal (Ctrl+Shift+F)" onClick={() => setIsSearching(true)}>
          Find
        </button>
        {/* The server's title is untrusted text: shown as text, never as markup. */}
        <span className="terminal-title" title="Title set by the server">
          {serverTitle}
        </span>
      </div>
      {isSearching && screen && (
        <SearchBar
          screen={screen}
          onClose={() => {
            setIsSearching(false)
            screen.term.focus()
          }}
        />
      )}
      {ended && (
        <div className={`terminal-ended reason-${tab.ended?.reason}`} role="status">
          <span>{ended}</span>
          {tab.ended?.reason === 'disconnected' && session?.state !== 'connected' && (
            <button
              type="button"
              onClick={() =>
                void useSessionsStore
                  .getState()
                  .reconnect(tab.sessionId)
                  .then(() => useTerminalsStore.getState().reopen(tab.terminalId))
                  .then(() => screen?.term.focus())
              }
            >
              Reconnect
            </button>
          )}
          {canReopen && (
            <button type="button" onClick={() => void useTerminalsStore.getState().reopen(tab.terminalId).then(() => screen?.term.focus())}>
              {tab.ended?.reason === 'disconnected' ? 'Reconnect' : 'Restart shell'}
            </button>
          )}
        </div>
      )}
      <div
        ref={hostRef}
        className="terminal-screen"
        role="region"
        aria-label="Terminal"
        onContextMenu={(event) => {
          event.preventDefault()
          void screen?.paste()
        }}
      />
      {pendingLink && (
        <Dialog title="Open link" onCancel={() => setPendingLink(null)} actions={
          <>
            <button type="button" onClick={() => setPendingLink(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              data-autofocus
              onClick={() => {
                window.open(pendingLink, '_blank', 'noopener,noreferrer')
                setPendingLink(null)
              }}
            >
              Open
            </button>
          </>
        }>
          <p>A program on the server printed this link. Open it in your browser?</p>
          <p className="mono">{pendingLink}</p>
        </Dialog>
      )}
    </div>
  )
}
