import { create } from 'zustand'
import type { ErrorInfo } from '../../shared/models/errors'
import type { TransferId, WatchId } from '../../shared/models/ids'
import type { KeepUpToDateRequest, KeepUpToDateStatus } from '../../shared/models/keep-up-to-date'
import { rpc } from '../ipc/client'
import { notifyFailure, settleNotice } from './notices-store'
import { useSyncStore, type SyncPlace } from './sync-store'

/** The options of the `Keep up to date` dialog, as a request without the server. */
export type KeepOptions = Omit<KeepUpToDateRequest, 'remote' | 'afterTransferId'>

interface KeepUpToDateStore {
  /** The folders the dialog opened with, while it is open. */
  readonly place: SyncPlace | null
  /** Why the last Start failed, shown in the dialog. */
  readonly failure: ErrorInfo | null
  /** The watches this window started, each a status line above Transfers. */
  readonly watches: readonly KeepUpToDateStatus[]
  open(place: SyncPlace): void
  close(): void
  /**
   * Starts watching and closes the dialog. With `isSyncFirst`, the Synchronize dialog previews an
   * upload with the same options first, and the watch starts once that synchronization is queued.
   */
  start(options: KeepOptions, isSyncFirst: boolean): Promise<void>
  stop(watchId: WatchId): Promise<void>
  /** The host reported a change (`sync.watchChanged`); a stopped watch leaves the list. */
  onChanged(status: KeepUpToDateStatus): void
}

async function watch(place: SyncPlace, options: KeepOptions, afterTransferId?: TransferId): Promise<ErrorInfo | null> {
  const reply = await rpc.request('sync.watchStart', { ...options, remote: { kind: 'remote', sessionId: place.sessionId }, ...(afterTransferId ? { afterTransferId } : {}) })
  if (!reply.ok) return reply.error
  useKeepUpToDateStore.getState().onChanged(reply.value)
  return null
}

/** `Keep up to date` (Ctrl+U in a pane): its dialog, and the watches running with their status. */
export const useKeepUpToDateStore = create<KeepUpToDateStore>()((set, get) => ({
  place: null,
  failure: null,
  watches: [],
  open(place) {
    set({ place, failure: null })
  },
  close() {
    set({ place: null, failure: null })
  },
  async start(options, isSyncFirst) {
    const { place } = get()
    if (!place) return
    if (!isSyncFirst) {
      const failure = await watch(place, options)
      return set(failure ? { failure } : { place: null, failure: null })
    }
    set({ place: null, failure: null })
    const { isDeleteExtra, mask, isGitignoreHonoured } = options
    const onStarted = (transferId: TransferId | null) =>
      void watch(place, options, transferId ?? undefined).then((failure) => {
        if (failure) notifyFailure(failure, 'keep-up-to-date')
        else settleNotice('keep-up-to-date')
      })
    useSyncStore.getState().open({ ...place, localFolder: options.localFolder, remoteFolder: options.remoteFolder, preset: { options: { direction: 'upload', isDeleteExtra, mask, isGitignoreHonoured }, onStarted } })
  },
  async stop(watchId) {
    const reply = await rpc.request('sync.watchStop', { watchId })
    if (!reply.ok) notifyFailure(reply.error, 'keep-up-to-date')
    set((state) => ({ watches: state.watches.filter((each) => each.watchId !== watchId) }))
  },
  onChanged(status) {
    set((state) => {
      if (status.state === 'stopped') return { watches: state.watches.filter((each) => each.watchId !== status.watchId) }
      const isKnown = state.watches.some((each) => each.watchId === status.watchId)
      return { watches: isKnown ? state.watches.map((each) => (each.watchId === status.watchId ? status : each)) : [...state.watches, status] }
    })
  },
}))
