import { create } from 'zustand'
import type { ErrorCode, ErrorInfo } from '../../shared/models/errors'

/** One failure shown to the user until dismissed. */
export interface Notice {
  readonly id: number
  readonly code: ErrorCode
  readonly message: string
  /** The action it reports (`pane:local`, `connect`): it goes away when that action next succeeds. */
  readonly about?: string
  /** `info`: something the person should know that is not a failure (shown calmer, and it goes by itself). */
  readonly tone: 'failure' | 'info'
}

interface NoticesStore {
  readonly notices: readonly Notice[]
  /** Shows a failure, of the action `about` when given. The same message twice in a row is shown once. */
  notify(error: ErrorInfo, about?: string, tone?: Notice['tone']): number
  /** The action `about` succeeded: what it failed with before is no longer true. */
  settle(about: string): void
  dismiss(id: number): void
  /** Drops every notice with this code (e.g. DISCONNECTED once a session is back). */
  dismissCode(code: ErrorCode): void
}

// A handful is enough to read; older ones would only push the panes down.
const maxNotices = 4
let nextId = 1

/** Failures the user should read: one alert region at the top of the window. */
export const useNoticesStore = create<NoticesStore>()((set, get) => ({
  notices: [],
  notify(error, about, tone = 'failure') {
    const last = get().notices.at(-1)
    if (last && last.code === error.code && last.message === error.message) return last.id
    const notice: Notice = { id: nextId++, code: error.code, message: error.message, tone, ...(about ? { about } : {}) }
    set((state) => ({ notices: [...state.notices, notice].slice(-maxNotices) }))
    return notice.id
  },
  settle(about) {
    set((state) => (state.notices.some((notice) => notice.about === about) ? { notices: state.notices.filter((notice) => notice.about !== about) } : state))
  },
  dismiss(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }))
  },
  dismissCode(code) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.code !== code) }))
  },
}))

/** Shows a failure (of the action `about`, see Notice) unless it is a cancellation the user asked for. */
export function notifyFailure(error: ErrorInfo, about?: string): void {
  if (error.code === 'CANCELLED') return
  useNoticesStore.getState().notify(error, about)
}

// Long enough to read a sentence twice.
const infoSeconds = 8

/** Tells the person something that is not a failure (a mode that turned itself off); it goes after a few seconds unless `isLasting`. */
export function notifyInfo(message: string, about?: string, isLasting = false): void {
  const id = useNoticesStore.getState().notify({ code: 'INVALID_REQUEST', message }, about, 'info')
  if (!isLasting) setTimeout(() => useNoticesStore.getState().dismiss(id), infoSeconds * 1000)
}

/** The action `about` succeeded: its earlier failure is taken down. */
export function settleNotice(about: string): void {
  useNoticesStore.getState().settle(about)
}
