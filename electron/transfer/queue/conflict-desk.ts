import { randomUUID } from 'node:crypto'
import type { Emit } from '../../../shared/ipc/messages'
import { SkiffError } from '../../../shared/models/errors'
import type { TransferId } from '../../../shared/models/ids'
import type { ConflictChoice } from '../../../shared/models/transfer'
import type { FileConflict } from '../copy-tree'
import { isResumable } from '../plan/conflict'

interface Waiting {
  readonly transferId: TransferId
  readonly settle: (answer: { choice: ConflictChoice; isApplyToAll: boolean }) => void
}

/**
 * Puts taken target names to the person, one at a time per job (a job copies several files
 * at once, and `Apply to all` must hold for the questions after it), and remembers the
 * choice to apply to the rest of the job.
 */
export class ConflictDesk {
  private readonly waiting = new Map<string, Waiting>()
  private readonly forAll = new Map<TransferId, ConflictChoice>()
  private readonly turns = new Map<TransferId, Promise<unknown>>()

  constructor(private readonly broadcast: Emit) {}

  /** The choice for one conflict of a job: the remembered one, or the person's. */
  ask(transferId: TransferId, conflict: FileConflict, signal: AbortSignal): Promise<ConflictChoice> {
    const turn = (this.turns.get(transferId) ?? Promise.resolve()).then(() => this.askNow(transferId, conflict, signal))
    this.turns.set(transferId, turn.catch(() => undefined))
    return turn
  }

  /** The person answered; NOT_FOUND when the question is gone. */
  resolve(conflictId: string, choice: ConflictChoice, isApplyToAll: boolean): void {
    const waiting = this.waiting.get(conflictId)
    if (!waiting) throw new SkiffError('NOT_FOUND', 'That question was already answered or withdrawn.')
    waiting.settle({ choice, isApplyToAll })
  }

  /** The job ended or starts over: forget its "apply to all". */
  forget(transferId: TransferId): void {
    this.forAll.delete(transferId)
    this.turns.delete(transferId)
  }

  private askNow(transferId: TransferId, conflict: FileConflict, signal: AbortSignal): Promise<ConflictChoice> {
    const remembered = this.forAll.get(transferId)
    if (remembered) return Promise.resolve(remembered)
    if (signal.aborted) return Promise.reject(new SkiffError('CANCELLED', 'The transfer was cancelled.'))
    const conflictId = randomUUID()
    return new Promise<ConflictChoice>((resolve, reject) => {
      const close = () => {
        this.waiting.delete(conflictId)
        signal.removeEventListener('abort', onAbort)
        this.broadcast('transfer.conflictClosed', { conflictId })
      }
      const onAbort = () => {
        close()
        reject(new SkiffError('CANCELLED', 'The transfer was cancelled.'))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiting.set(conflictId, {
        transferId,
        settle: ({ choice, isApplyToAll }) => {
          close()
          if (isApplyToAll) this.forAll.set(transferId, choice)
          resolve(choice)
        },
      })
      const facts = { source: conflict.source, target: conflict.target }
      this.broadcast('transfer.conflict', {
        conflictId,
        transferId,
        path: conflict.path,
        source: { size: conflict.source.size, mtimeMs: conflict.source.mtimeMs },
        target: { size: conflict.target.size, mtimeMs: conflict.target.mtimeMs, ...(conflict.target.owner ? { owner: conflict.target.owner } : {}) },
        isResumable: isResumable(facts),
        ...(conflict.reason ? { reason: conflict.reason } : {}),
      })
    })
  }
}
