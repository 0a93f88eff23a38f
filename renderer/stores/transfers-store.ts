import { create } from 'zustand'
import type { TransferId } from '../../shared/models/ids'
import type { ConflictChoice, TransferConflict, TransferInfo, TransferRequest } from '../../shared/models/transfer'
import { rpc } from '../ipc/client'
import { notifyFailure } from './notices-store'
import type { PaneKey } from './pane-state'

/** A move waiting for the person's answer in the `Move` dialog. */
export interface PendingMove {
  readonly fromKey: PaneKey
  /** The same pane for a move within one file system (a drag onto a folder row, Shift+F6). */
  readonly toKey: PaneKey
  readonly names: readonly string[]
  /** Where they go; the dialog lets the person change it. */
  readonly folder: string
  /** Shift+F6: the folder is typed by the person, so it is always asked. */
  readonly isInPlace: boolean
}

interface TransfersStore {
  /** Every job, in queue order. */
  readonly jobs: readonly TransferInfo[]
  /** Taken names waiting for an answer; the first is shown. */
  readonly conflicts: readonly TransferConflict[]
  /** The move the `Move` dialog asks about, if any. */
  readonly pendingMove: PendingMove | null
  setPendingMove(move: PendingMove | null): void
  enqueue(request: TransferRequest): Promise<void>
  pause(transferId: TransferId): void
  resume(transferId: TransferId): void
  cancel(transferId: TransferId): void
  retry(transferId: TransferId): void
  retryFailed(): void
  cancelAll(): void
  clearFinished(): void
  resolveConflict(conflictId: string, choice: ConflictChoice, isApplyToAll: boolean): void
  /** A job changed on the host (`transfer.changed`, `transfer.list`). */
  upsert(job: TransferInfo): void
  remove(transferIds: readonly TransferId[]): void
  addConflict(conflict: TransferConflict): void
  dropConflict(conflictId: string): void
}

// Commands answer only with success or a failure to show; the new state arrives as events.
async function command(reply: Promise<{ ok: boolean; error?: { code: string; message: string } }>): Promise<void> {
  const result = await reply
  if (!result.ok && result.error) notifyFailure(result.error as Parameters<typeof notifyFailure>[0])
}

/** The transfer queue as the main process reports it, and the conflicts waiting for the person. */
export const useTransfersStore = create<TransfersStore>()((set, get) => ({
  jobs: [],
  conflicts: [],
  pendingMove: null,
  setPendingMove: (pendingMove) => set({ pendingMove }),
  async enqueue(request) {
    await command(rpc.request('transfer.enqueue', request))
  },
  pause: (transferId) => void command(rpc.request('transfer.pause', { transferId })),
  resume: (transferId) => void command(rpc.request('transfer.resume', { transferId })),
  cancel: (transferId) => void command(rpc.request('transfer.cancel', { transferId })),
  retry: (transferId) => void command(rpc.request('transfer.retry', { transferId })),
  retryFailed: () => void command(rpc.request('transfer.retryFailed', {})),
  cancelAll: () => void command(rpc.request('transfer.cancelAll', {})),
  clearFinished: () => void command(rpc.request('transfer.clearFinished', {})),
  resolveConflict(conflictId, choice, isApplyToAll) {
    get().dropConflict(conflictId)
    void rpc.request('transfer.resolveConflict', { conflictId, choice, isApplyToAll })
  },
  upsert(job) {
    set((state) => {
      const index = state.jobs.findIndex((known) => known.transferId === job.transferId)
      if (index < 0) return { jobs: [...state.jobs, job] }
      const jobs = state.jobs.slice()
      jobs[index] = job
      return { jobs }
    })
  },
  remove(transferIds) {
    const gone = new Set(transferIds)
    set((state) => ({ jobs: state.jobs.filter((job) => !gone.has(job.transferId)) }))
  },
  addConflict(conflict) {
    set((state) => ({ conflicts: [...state.conflicts, conflict] }))
  },
  dropConflict(conflictId) {
    set((state) => ({ conflicts: state.conflicts.filter((conflict) => conflict.conflictId !== conflictId) }))
  },
}))
