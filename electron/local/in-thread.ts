// A cached file-system call answers in microseconds, where a trip through libuv's pool costs 20
// to 300 (and thousands of small files make thousands of trips). A call that takes longer than
// this in the thread may show a disk that is not answering from cache…
const slowCallMs = 2
// …and this many in a row do (one alone may be a garbage collection or the thread preempted)…
const slowCallsInARow = 3
// …so the calls go through the pool for this long before the thread is tried again.
const poolPeriodMs = 2_000

/**
 * Runs cheap local file-system calls in the thread while they answer as cached ones do; after a
 * few slow ones in a row, through the pool for a while, so a cold disk or a network mount holds
 * the event loop no longer than those few calls.
 */
export class InThreadWhileFast {
  private pooledUntil = 0
  private slowInARow = 0

  constructor(private readonly slowMs = slowCallMs) {}

  /** False while calls go through the pool. */
  get isOpen(): boolean {
    return performance.now() >= this.pooledUntil
  }

  /** Runs `call` in the thread, timed: the answer to {@link isOpen} follows from how long it took. */
  timed<T>(call: () => T): T {
    const started = performance.now()
    try {
      return call()
    } finally {
      const ended = performance.now()
      this.slowInARow = ended - started >= this.slowMs ? this.slowInARow + 1 : 0
      if (this.slowInARow >= slowCallsInARow) {
        this.pooledUntil = ended + poolPeriodMs
        this.slowInARow = 0
      }
    }
  }

  async run<T>(inThread: () => T, pooled: () => Promise<T>): Promise<T> {
    return this.isOpen ? this.timed(inThread) : pooled()
  }
}
