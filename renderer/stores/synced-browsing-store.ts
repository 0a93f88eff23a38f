import { create } from 'zustand'
import { matchingPath, namesBelow, type SyncedBase } from '../features/navigation/synced-paths'
import { notifyFailure, notifyInfo, settleNotice } from './notices-store'
import { remotePaneKey, type PaneKey } from './pane-state'
import { usePanesStore } from './panes-store'
import { useSessionsStore } from './sessions-store'

/** The two folders synchronized browsing started from, and the server pane it follows. */
export interface SyncedBrowsing {
  readonly remoteKey: PaneKey
  readonly local: SyncedBase
  readonly remote: SyncedBase
}

interface SyncedBrowsingStore {
  readonly synced: SyncedBrowsing | null
  /** Ctrl+Alt+B: on (from the folders the two panes show now) or off. */
  toggle(): void
  /** Off; `reason`, when given, is shown as a notice. */
  turnOff(reason?: string): void
}

const about = 'synced-browsing'

/**
 * `Synchronized browsing` (Ctrl+Alt+B): entering or leaving a folder in one pane does the same in
 * the other, relative to where it was turned on (WinSCP's). It turns itself off, saying why, when
 * the other side has no such folder or a pane leaves the folders it started from.
 */
export const useSyncedBrowsingStore = create<SyncedBrowsingStore>()((set, get) => ({
  synced: null,
  toggle() {
    if (get().synced) return get().turnOff()
    const activeId = useSessionsStore.getState().activeId
    const remoteKey = activeId ? remotePaneKey(activeId) : null
    const { panes } = usePanesStore.getState()
    const local = panes.local?.listing
    const remote = remoteKey ? panes[remoteKey]?.listing : undefined
    if (!remoteKey || !local || !remote) {
      notifyFailure({ code: 'INVALID_REQUEST', message: 'Synchronized browsing needs a server folder in the right pane: connect first.' }, about)
      return
    }
    settleNotice(about)
    seen = { local: local.path, remote: remote.path }
    expected.clear()
    set({ synced: { remoteKey, local: { path: local.path, separator: local.separator }, remote: { path: remote.path, separator: remote.separator } } })
  },
  turnOff(reason) {
    if (!get().synced) return
    set({ synced: null })
    expected.clear()
    if (reason) notifyInfo(reason, about)
  },
}))

// The folders each pane showed when last looked at, and the folders a pane was sent to by the
// other (their arrival is an echo, not a move to follow).
let seen = { local: '', remote: '' }
const expected = new Map<PaneKey, string>()

/** The name to land on when `to` is a parent of `from` (going up lands on the folder left). */
function landingName(base: SyncedBase, from: string, to: string): string | undefined {
  const before = namesBelow(base, from)
  const after = namesBelow(base, to)
  if (!before || !after || after.length >= before.length) return undefined
  return after.every((name, i) => before[i] === name) ? before[after.length] : undefined
}

async function follow(synced: SyncedBrowsing, side: 'local' | 'remote', from: string, to: string): Promise<void> {
  const [here, there] = side === 'local' ? [synced.local, synced.remote] : [synced.remote, synced.local]
  const otherKey = side === 'local' ? synced.remoteKey : 'local'
  const target = matchingPath(here, to, there)
  const state = useSyncedBrowsingStore.getState()
  if (target === null) {
    state.turnOff(`Synchronized browsing is off: ${to} is outside ${here.path}, where it started.`)
    return
  }
  const name = landingName(here, from, to)
  expected.set(otherKey, target)
  await usePanesStore.getState().navigate(otherKey, target, name)
  if (useSyncedBrowsingStore.getState().synced !== synced) return
  if (usePanesStore.getState().panes[otherKey]?.listing?.path !== target) {
    expected.delete(otherKey)
    // One notice says it all: the pane's own "no such folder" goes.
    settleNotice(`pane:${otherKey}`)
    state.turnOff(`Synchronized browsing is off: ${side === 'local' ? 'the server' : 'this computer'} has no folder ${target}.`)
  }
}

function watch(): void {
  const synced = useSyncedBrowsingStore.getState().synced
  if (!synced) return
  const activeId = useSessionsStore.getState().activeId
  const { panes } = usePanesStore.getState()
  const remotePane = panes[synced.remoteKey]
  if (!activeId || remotePaneKey(activeId) !== synced.remoteKey || !remotePane) {
    useSyncedBrowsingStore.getState().turnOff()
    return
  }
  const now = { local: panes.local?.listing?.path ?? seen.local, remote: remotePane.listing?.path ?? seen.remote }
  const before = seen
  seen = now
  for (const side of ['local', 'remote'] as const) {
    if (now[side] === before[side]) continue
    const key = side === 'local' ? 'local' : synced.remoteKey
    if (expected.get(key) === now[side]) {
      expected.delete(key)
      continue
    }
    void follow(synced, side, before[side], now[side])
  }
}

usePanesStore.subscribe(watch)
useSessionsStore.subscribe(watch)
