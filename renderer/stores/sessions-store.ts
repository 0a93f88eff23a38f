import { create } from 'zustand'
import type { ErrorInfo, HostKeyChange } from '../../shared/models/errors'
import type { PromptId, SessionId } from '../../shared/models/ids'
import type { ConnectRequest, Prompt, PromptAnswer, SessionInfo } from '../../shared/models/session'
import type { HostProfile } from '../../shared/models/profile'
import type { Envelope } from '../../shared/ipc/messages'
import { rpc } from '../ipc/client'
import { notifyFailure, settleNotice, useNoticesStore } from './notices-store'
import { remotePaneKey } from './pane-state'
import { usePanesStore } from './panes-store'
import { remoteHistoryKey } from '../features/navigation/server-key'

/** A connect the server refused for the user's safety: shown as an alertdialog, not a passing alert. */
export interface HostKeyProblem {
  readonly code: 'HOST_KEY_CHANGED' | 'HOST_KEY_REVOKED'
  readonly message: string
  /** For a changed key: the server and both keys, to replace the old one once the person confirms. */
  readonly change?: HostKeyChange
  /** Tries the refused connect again (after a replace). */
  readonly retry?: () => Promise<unknown>
}

interface SessionsStore {
  /** In opening order. */
  readonly sessions: readonly SessionInfo[]
  readonly activeId: SessionId | null
  readonly isConnecting: boolean
  /** Questions waiting for the user; the first is shown. */
  readonly prompts: readonly Prompt[]
  readonly hostKeyProblem: HostKeyProblem | null
  /** A session whose close waits for the person's yes (it has terminals or transfers). */
  readonly closingSession: SessionId | null
  setClosingSession(sessionId: SessionId | null): void
  /** True once connected. */
  connect(request: ConnectRequest): Promise<boolean>
  /**
   * Connects with a saved profile; its panes open in the profile's folders. Returns the failure
   * when it is one the caller handles (the secrets are locked), else null.
   */
  connectProfile(profile: HostProfile): Promise<ErrorInfo | null>
  /** The start screen (saved hosts) in place of a session's file browser. */
  showStart(): void
  cancelConnect(): void
  reconnect(sessionId: SessionId): Promise<void>
  disconnect(sessionId: SessionId): Promise<void>
  activate(sessionId: SessionId): void
  /** A session changed on the host (`session.changed`, `session.list`). */
  upsert(session: SessionInfo): void
  /** A session is gone (`session.closed`). */
  remove(sessionId: SessionId): void
  addPrompt(prompt: Prompt): void
  /** The prompt was settled elsewhere (`session.promptClosed`). */
  dropPrompt(promptId: PromptId): void
  answer(promptId: PromptId, answer: PromptAnswer): Promise<void>
  dismissHostKeyProblem(): void
  /** `Remove old key and trust the new one`, confirmed: replaces the key, then connects again. */
  replaceHostKey(): Promise<void>
}

// The one connect in flight from the quick connect bar, so Cancel can abort it.
let connecting: AbortController | null = null

function hostKeyProblemOf(error: ErrorInfo, retry: () => Promise<unknown>): HostKeyProblem | null {
  if (error.code !== 'HOST_KEY_CHANGED' && error.code !== 'HOST_KEY_REVOKED') return null
  return { code: error.code, message: error.message, retry, ...(error.hostKeyChange ? { change: error.hostKeyChange } : {}) }
}

function openRemotePane(session: SessionInfo, folder?: string): void {
  const target = { kind: 'remote', sessionId: session.sessionId } as const
  usePanesStore.getState().open(remotePaneKey(session.sessionId), target, folder ?? session.homePath ?? '.', remoteHistoryKey(session))
}

/**
 * One connect from the quick connect bar or a profile: only one runs at a time (Cancel aborts
 * it); on success the session's tab opens, in the profile's folders when there is one.
 * `isHandled` lets the caller take a failure instead of the alert bar.
 */
async function connectWith(
  start: (signal: AbortSignal) => Promise<Envelope<SessionInfo>>,
  profile?: HostProfile,
  isHandled: (error: ErrorInfo) => boolean = () => false,
): Promise<boolean> {
  const set = useSessionsStore.setState
  connecting?.abort()
  const controller = new AbortController()
  connecting = controller
  set({ isConnecting: true })
  const reply = await start(controller.signal)
  if (connecting !== controller) return false
  connecting = null
  set({ isConnecting: false })
  if (!reply.ok) {
    const problem = hostKeyProblemOf(reply.error, () => connectWith(start, profile, isHandled))
    if (problem) set({ hostKeyProblem: problem })
    else if (!isHandled(reply.error)) notifyFailure(reply.error, 'connect')
    return false
  }
  settleNotice('connect')
  useSessionsStore.getState().upsert(reply.value)
  set({ activeId: reply.value.sessionId })
  openRemotePane(reply.value, profile?.remoteFolder)
  if (profile?.localFolder) void usePanesStore.getState().navigate('local', profile.localFolder)
  return true
}

/** Sessions, the active tab, the connect in flight and the prompt queue. */
export const useSessionsStore = create<SessionsStore>()((set, get) => ({
  sessions: [],
  activeId: null,
  isConnecting: false,
  prompts: [],
  hostKeyProblem: null,
  closingSession: null,
  setClosingSession: (closingSession) => set({ closingSession }),

  async connect(request) {
    return connectWith((signal) => rpc.request('session.connect', request, { signal }))
  },
  async connectProfile(profile) {
    let locked: ErrorInfo | null = null
    await connectWith(
      (signal) => rpc.request('profiles.connect', { profileId: profile.profileId }, { signal }),
      profile,
      (error) => {
        const isLocked = error.code === 'INVALID_REQUEST' && /master password/i.test(error.message)
        if (isLocked) locked = error
        return isLocked
      },
    )
    return locked
  },
  showStart() {
    set({ activeId: null })
  },
  cancelConnect() {
    connecting?.abort()
    connecting = null
    set({ isConnecting: false })
  },
  async reconnect(sessionId) {
    const reply = await rpc.request('session.reconnect', { sessionId })
    const problem = reply.ok ? null : hostKeyProblemOf(reply.error, () => get().reconnect(sessionId))
    if (problem) return set({ hostKeyProblem: problem })
    if (!reply.ok) return notifyFailure(reply.error, `reconnect:${sessionId}`)
    settleNotice(`reconnect:${sessionId}`)
    get().upsert(reply.value)
  },
  async disconnect(sessionId) {
    const reply = await rpc.request('session.disconnect', { sessionId })
    if (!reply.ok) notifyFailure(reply.error)
    get().remove(sessionId)
  },
  activate(sessionId) {
    set({ activeId: sessionId })
  },
  upsert(session) {
    const known = get().sessions.some((s) => s.sessionId === session.sessionId)
    // A half-open connect gets a tab only once it succeeds, so a refused one leaves no trace.
    if (!known && session.state === 'connecting') return
    set((state) => ({
      sessions: known ? state.sessions.map((s) => (s.sessionId === session.sessionId ? session : s)) : [...state.sessions, session],
      activeId: state.activeId ?? session.sessionId,
    }))
    if (session.state === 'connected') {
      // The DISCONNECTED alerts are stale now, and would still read "Disconnected".
      useNoticesStore.getState().dismissCode('DISCONNECTED')
      if (!usePanesStore.getState().panes[remotePaneKey(session.sessionId)]) openRemotePane(session)
    }
  },
  remove(sessionId) {
    usePanesStore.getState().close(remotePaneKey(sessionId))
    set((state) => {
      const index = state.sessions.findIndex((s) => s.sessionId === sessionId)
      if (index < 0) return state
      const sessions = state.sessions.filter((s) => s.sessionId !== sessionId)
      const neighbour = sessions[Math.min(index, sessions.length - 1)]
      const activeId = state.activeId === sessionId ? (neighbour?.sessionId ?? null) : state.activeId
      return { sessions, activeId }
    })
  },
  addPrompt(prompt) {
    set((state) => ({ prompts: [...state.prompts, prompt] }))
  },
  dropPrompt(promptId) {
    set((state) => ({ prompts: state.prompts.filter((p) => p.promptId !== promptId) }))
  },
  async answer(promptId, answer) {
    get().dropPrompt(promptId)
    const reply = await rpc.request('session.answer', { promptId, answer })
    // NOT_FOUND: the prompt was settled meanwhile (timed out, connect cancelled); nothing to tell.
    if (!reply.ok && reply.error.code !== 'NOT_FOUND') notifyFailure(reply.error)
  },
  dismissHostKeyProblem() {
    set({ hostKeyProblem: null })
  },
  async replaceHostKey() {
    const problem = get().hostKeyProblem
    if (!problem?.change) return
    const { host, port, offered } = problem.change
    const reply = await rpc.request('session.replaceHostKey', { host, port, fingerprint: offered.fingerprint })
    set({ hostKeyProblem: null })
    if (!reply.ok) return notifyFailure(reply.error)
    await problem.retry?.()
  },
}))
