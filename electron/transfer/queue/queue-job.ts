import type { TransferId } from '../../../shared/models/ids'
import type { TransferInfo, TransferState } from '../../../shared/models/transfer'

/**
 * One job of the queue, whatever its kind (a copy or move of files, a delete, a permission
 * change, a folder size): the one kind of long work Skiff has. The queue runs it, and every
 * client sees its TransferInfo in the Transfers list.
 */
export interface QueueJob {
  readonly transferId: TransferId
  readonly currentState: TransferState
  /** True while it may still do work (queued, running or paused). */
  readonly isOpen: boolean
  info(): TransferInfo
  /** Runs the job to its end. Called by the queue. */
  run(): Promise<void>
  /** Stops a running (or queued) job; a job that cannot resume where it stopped cancels instead. */
  pause(): void
  cancel(): void
  /** Puts a paused, failed or cancelled job back in line. */
  requeue(): void
}
