import { randomUUID } from 'node:crypto'
import type { Emit } from '../../shared/ipc/messages'
import { SkiffError } from '../../shared/models/errors'
import type { PromptId } from '../../shared/models/ids'
import type { Prompt, PromptAnswer } from '../../shared/models/session'

/** A prompt before the broker gives it an id. */
export type PromptQuestion = Prompt extends infer P ? (P extends Prompt ? Omit<P, 'promptId'> : never) : never

/** Asks the person at one client one question; rejects with CANCELLED when the signal aborts. */
export type Ask = (question: PromptQuestion, signal: AbortSignal) => Promise<PromptAnswer>

interface Pending {
  readonly kind: Prompt['kind']
  readonly settle: (answer: PromptAnswer) => void
}

/**
 * Routes questions that only a person can answer (host keys, keyboard-interactive) to the
 * client whose request raised them, and their answers back. A prompt left unanswered for
 * `timeoutMs` is withdrawn, so an abandoned window never holds a half-open connection forever.
 */
export class PromptBroker {
  private readonly pending = new Map<PromptId, Pending>()

  constructor(private readonly timeoutMs = 10 * 60_000) {}

  /** An {@link Ask} bound to one client's event channel. */
  askVia(emit: Emit): Ask {
    return (question, signal) => this.ask(emit, question, signal)
  }

  /** Settles a prompt with the person's answer. NOT_FOUND when it is unknown or already settled. */
  answer(promptId: PromptId, answer: PromptAnswer): void {
    const pending = this.pending.get(promptId)
    if (!pending) throw new SkiffError('NOT_FOUND', 'That question was already answered or withdrawn.')
    if (pending.kind !== answer.kind) throw new SkiffError('INVALID_REQUEST', 'The answer does not fit the question.')
    pending.settle(answer)
  }

  private ask(emit: Emit, question: PromptQuestion, signal: AbortSignal): Promise<PromptAnswer> {
    if (signal.aborted) return Promise.reject(new SkiffError('CANCELLED', 'The connection attempt was cancelled.'))
    const promptId = randomUUID() as PromptId
    return new Promise<PromptAnswer>((resolve, reject) => {
      const finish = () => {
        this.pending.delete(promptId)
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
      }
      const withdraw = (error: SkiffError) => {
        finish()
        emit('session.promptClosed', { promptId })
        reject(error)
      }
      const onAbort = () => withdraw(new SkiffError('CANCELLED', 'The connection attempt was cancelled.'))
      const timer = setTimeout(() => withdraw(new SkiffError('TIMEOUT', 'The question went unanswered for too long.')), this.timeoutMs)
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending.set(promptId, {
        kind: question.kind,
        settle: (answer) => {
          finish()
          resolve(answer)
        },
      })
      emit('session.prompt', { ...question, promptId } as Prompt)
    })
  }
}
