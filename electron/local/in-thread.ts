// A cached file-system call answers in microseconds, where a trip through libuv's pool costs 20
// to 300 (and thousands of small files make thousands of trips). A call that takes longer than
// this in the thread shows the disk is not answering from cache…
const slowCallMs = 2
// …and the calls go through the pool for this long before the thread is tried again.
const poolPeriodMs = 5_000

/**
 * Runs cheap local file-system calls in the thread while they answer as cached ones do; after a
 * slow one, through the pool for a while, so a cold disk or a network mount never holds the
 * event loop more than one call's time.
 */
export class InThreadWhileFast {
  private pooledUntil = 0

  constructor(private readonly slowMs = slowCallMs) {}

  async run<T>(inThread: () => T, pooled: () => Promise<T>): Promise<T> {
    const started = performance.now()
    if (started < this.pooledUntil) return pooled()
    try {
      return inThread()
    } finally {
      const ended = performance.now()
      if (ended - started >= this.slowMs) this.pooledUntil = ended + poolPeriodMs
    }
  }
}
