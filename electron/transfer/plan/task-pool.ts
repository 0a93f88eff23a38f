import { cancelledError } from '../../fs/cancellation'

/** One unit of work; it may add more work to the pool that runs it. */
export type PoolTask = () => Promise<void>

/**
 * Runs tasks with at most `concurrency` at once, where tasks add further tasks (a tree walk).
 * {@link whenDone} settles once nothing is waiting or running; it rejects with the first task
 * failure, or with SkiffError CANCELLED as soon as `signal` aborts. After that no task starts;
 * those already running finish unobserved.
 */
export class TaskPool {
  // A stack: depth first keeps the waiting list short on wide trees.
  private readonly waiting: PoolTask[] = []
  private running = 0
  private isSettled = false
  private readonly done: Promise<void>
  private resolveDone!: () => void
  private rejectDone!: (error: unknown) => void

  constructor(
    private readonly concurrency: number,
    private readonly signal?: AbortSignal,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve
      this.rejectDone = reject
    })
    // Settling twice is harmless; a caller that never awaits must not see an unhandled rejection.
    this.done.catch(() => undefined)
    signal?.addEventListener('abort', this.onAbort, { once: true })
    if (signal?.aborted) this.onAbort()
  }

  /** Queues `task`; ignored once the pool has settled. */
  add(task: PoolTask): void {
    if (this.isSettled) return
    this.waiting.push(task)
    this.startWaiting()
  }

  /** Settles when all added work (and the work it added) is finished; see the class comment. */
  whenDone(): Promise<void> {
    this.settleIfIdle()
    return this.done
  }

  private readonly onAbort = () => this.settle(cancelledError())

  private startWaiting(): void {
    while (!this.isSettled && this.running < this.concurrency) {
      const task = this.waiting.pop()
      if (!task) return
      this.running++
      task().then(
        () => {
          this.running--
          this.startWaiting()
          this.settleIfIdle()
        },
        (error: unknown) => this.settle(error),
      )
    }
  }

  private settleIfIdle(): void {
    if (this.running === 0 && this.waiting.length === 0) this.settle(undefined)
  }

  private settle(error: unknown): void {
    if (this.isSettled) return
    this.isSettled = true
    this.waiting.length = 0
    this.signal?.removeEventListener('abort', this.onAbort)
    if (error === undefined) this.resolveDone()
    else this.rejectDone(error)
  }
}
