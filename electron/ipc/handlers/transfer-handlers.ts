import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { TransferQueue } from '../../transfer/queue/transfer-queue'

type TransferChannels =
  | 'transfer.enqueue'
  | 'transfer.list'
  | 'transfer.pause'
  | 'transfer.resume'
  | 'transfer.cancel'
  | 'transfer.retry'
  | 'transfer.retryFailed'
  | 'transfer.cancelAll'
  | 'transfer.clearFinished'
  | 'transfer.resolveConflict'

/** `transfer.*`: the queue's commands; its progress travels as events. */
export function transferHandlers(queue: TransferQueue): Pick<Handlers, TransferChannels> {
  const done = <T>(work: () => T) => async () => {
    work()
    return null
  }
  return {
    'transfer.enqueue': async (req) => ({ transferIds: queue.enqueue(req) }),
    'transfer.list': async () => queue.list(),
    'transfer.pause': (req) => done(() => queue.pause(req.transferId))(),
    'transfer.resume': (req) => done(() => queue.resume(req.transferId))(),
    'transfer.cancel': (req) => done(() => queue.cancel(req.transferId))(),
    'transfer.retry': (req) => done(() => queue.retry(req.transferId))(),
    'transfer.retryFailed': done(() => queue.retryFailed()),
    'transfer.cancelAll': done(() => queue.cancelAll()),
    'transfer.clearFinished': done(() => queue.clearFinished()),
    'transfer.resolveConflict': (req) => done(() => queue.resolveConflict(req.conflictId, req.choice, req.isApplyToAll))(),
  }
}
