import { create } from 'zustand'
import type { SessionId, TerminalId } from '../../shared/models/ids'
import type { TerminalEnded, TerminalInfo } from '../../shared/models/terminal'
import { rpc } from '../ipc/client'
import { terminalOutput } from '../features/terminal/terminal-output'
import { notifyFailure, settleNotice } from './notices-store'
import { useSessionsStore } from './sessions-store'
import { remotePaneKey } from './pane-state'
import { usePanesStore } from './panes-store'

/** One terminal tab: what it is connected to, and whether its shell still runs. */
export interface TerminalTab extends TerminalInfo {
  /** Stays when a Reconnect puts a new shell (a new terminalId) behind the same tab and screen. */
  readonly tabId: string
  readonly ended?: TerminalEnded
}

interface TerminalsStore {
  /** In opening order. */
  readonly terminals: readonly TerminalTab[]
  /** The terminal shown; null shows the file browser of the active session. */
  readonly activeTerminalId: TerminalId | null
  /** A running terminal the person asked to close: the confirmation shown. */
  readonly closing: TerminalId | null
  /** Why closing asks: a program runs there, or the server could not say. */
  readonly closingIsBusy: boolean | null
  /** The session a terminal is being opened on (the request may wait for a free channel). */
  readonly opening: SessionId | null
  /** After a reload: takes the terminals still running for this page back into tabs, their screens redrawn. */
  reattach(): Promise<void>
  /** Opens a shell on the session (in `folder` when given) and shows it. */
  open(sessionId: SessionId, folder?: string): Promise<void>
  /** Hangs up (if still running) and removes the tab. */
  close(terminalId: TerminalId): void
  /** A new shell in place of an ended one, same session and folder, same tab position. */
  reopen(terminalId: TerminalId): Promise<void>
  show(terminalId: TerminalId | null): void
  /** Ctrl+Shift+W, the tab's ×: an ended terminal closes; a running one asks first. */
  requestClose(terminalId: TerminalId): Promise<void>
  cancelClose(): void
  /** Follow: types a `cd` to the remote pane's folder into the terminal. */
  cdToPaneFolder(terminalId: TerminalId): Promise<void>
  /** Follow: points the remote pane at the folder the terminal's shell is in, and shows it. */
  showFolderInPane(terminalId: TerminalId): Promise<void>
  /** The host says the terminal ended (`terminal.ended`). */
  markEnded(ended: TerminalEnded): void
  /** The session was closed: its terminals go too. */
  dropSession(sessionId: SessionId): void
}

// Terminals whose Close is asking the server whether a program runs: a second click waits for that answer.
const asking = new Set<TerminalId>()

// Which terminal this page shows, kept for the page that a reload brings.
const shownKey = 'skiff.shownTerminal'

// Before the first fit the screen's size is unknown; the PTY follows as soon as it is.
const startSize = { cols: 80, rows: 24 }

/** Terminal tabs. Their output does not pass through here: it goes straight to the screen. */
export const useTerminalsStore = create<TerminalsStore>()((set, get) => ({
  terminals: [],
  activeTerminalId: null,
  closing: null,
  closingIsBusy: null,
  opening: null,

  async reattach() {
    const shown = sessionStorage.getItem(shownKey)
    const listed = await rpc.request('terminal.list', {})
    if (!listed.ok) return notifyFailure(listed.error)
    for (const info of listed.value) {
      if (get().terminals.some((t) => t.terminalId === info.terminalId)) continue
      const reply = await rpc.request('terminal.attach', { terminalId: info.terminalId })
      if (!reply.ok) continue
      terminalOutput.deliver(info.terminalId, reply.value.replay, true)
      set((state) => ({ terminals: [...state.terminals, { ...reply.value.info, tabId: info.terminalId }] }))
    }
    // The tab that was shown before the reload is shown again.
    if (shown && get().terminals.some((t) => t.terminalId === shown)) get().show(shown as TerminalId)
  },
  async open(sessionId, folder) {
    if (get().opening === sessionId) return
    set({ opening: sessionId })
    const reply = await rpc.request('terminal.open', { sessionId, ...startSize, ...(folder ? { folder } : {}) }).finally(() => set({ opening: null }))
    if (!reply.ok) return notifyFailure(reply.error, `terminal:${sessionId}`)
    settleNotice(`terminal:${sessionId}`)
    set((state) => ({ terminals: [...state.terminals, { ...reply.value, tabId: reply.value.terminalId }], activeTerminalId: reply.value.terminalId }))
    useSessionsStore.getState().activate(sessionId)
  },
  close(terminalId) {
    const tab = get().terminals.find((t) => t.terminalId === terminalId)
    if (!tab) return
    if (!tab.ended) void rpc.request('terminal.close', { terminalId })
    terminalOutput.forget(terminalId)
    set((state) => {
      const closing = state.closing === terminalId ? null : state.closing
      const index = state.terminals.findIndex((t) => t.terminalId === terminalId)
      const terminals = state.terminals.filter((t) => t.terminalId !== terminalId)
      if (state.activeTerminalId !== terminalId) return { terminals, closing }
      // The neighbour of the same session, else that session's file browser.
      const neighbour = terminals.slice(0, index).reverse().find((t) => t.sessionId === tab.sessionId) ?? terminals.slice(index).find((t) => t.sessionId === tab.sessionId)
      return { terminals, closing, activeTerminalId: neighbour?.terminalId ?? null }
    })
  },
  async reopen(terminalId) {
    const tab = get().terminals.find((t) => t.terminalId === terminalId)
    if (!tab) return
    const reply = await rpc.request('terminal.open', { sessionId: tab.sessionId, ...startSize, ...(tab.folder ? { folder: tab.folder } : {}) })
    if (!reply.ok) return notifyFailure(reply.error)
    terminalOutput.forget(terminalId)
    set((state) => ({
      terminals: state.terminals.map((t) => (t.terminalId === terminalId ? { ...reply.value, tabId: t.tabId } : t)),
      activeTerminalId: state.activeTerminalId === terminalId ? reply.value.terminalId : state.activeTerminalId,
    }))
  },
  show(terminalId) {
    set({ activeTerminalId: terminalId })
    const tab = get().terminals.find((t) => t.terminalId === terminalId)
    if (tab) useSessionsStore.getState().activate(tab.sessionId)
  },
  async requestClose(terminalId) {
    const tab = get().terminals.find((t) => t.terminalId === terminalId)
    if (!tab || asking.has(terminalId) || get().closing === terminalId) return
    if (tab.ended) return get().close(terminalId)
    // An idle prompt closes at once; a running program (or a server that cannot tell) asks first.
    asking.add(terminalId)
    const reply = await rpc.request('terminal.isBusy', { terminalId }).finally(() => asking.delete(terminalId))
    if (reply.ok && reply.value.isBusy === false) get().close(terminalId)
    else set({ closing: terminalId, closingIsBusy: reply.ok ? reply.value.isBusy : null })
  },
  async cdToPaneFolder(terminalId) {
    const tab = get().terminals.find((t) => t.terminalId === terminalId)
    const path = tab && usePanesStore.getState().panes[remotePaneKey(tab.sessionId)]?.listing?.path
    if (!tab || tab.ended || !path) return
    const reply = await rpc.request('terminal.cd', { terminalId, path })
    if (!reply.ok) notifyFailure(reply.error)
  },
  async showFolderInPane(terminalId) {
    const tab = get().terminals.find((t) => t.terminalId === terminalId)
    if (!tab || tab.ended) return
    const reply = await rpc.request('terminal.folder', { terminalId })
    if (!reply.ok) return notifyFailure(reply.error)
    set({ activeTerminalId: null })
    useSessionsStore.getState().activate(tab.sessionId)
    await usePanesStore.getState().navigate(remotePaneKey(tab.sessionId), reply.value.path)
  },
  cancelClose() {
    set({ closing: null })
  },
  markEnded(ended) {
    set((state) => ({ terminals: state.terminals.map((t) => (t.terminalId === ended.terminalId ? { ...t, ended } : t)) }))
  },
  dropSession(sessionId) {
    for (const tab of get().terminals) if (tab.sessionId === sessionId) get().close(tab.terminalId)
  },
}))

// Kept as it changes, for the page a reload brings (see reattach).
useTerminalsStore.subscribe((state, before) => {
  if (state.activeTerminalId !== before.activeTerminalId) sessionStorage.setItem(shownKey, state.activeTerminalId ?? '')
})
