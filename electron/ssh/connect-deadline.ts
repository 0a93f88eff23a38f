/**
 * A connect timeout that stops while the person reads a dialog: the clock measures the
 * network, not how long someone takes to check a fingerprint.
 */
export class ConnectDeadline {
  private timer: NodeJS.Timeout | undefined
  private remainingMs: number
  private startedAt = 0
  private pauses = 0
  private isDone = false

  constructor(
    timeoutMs: number,
    private readonly onExpire: () => void,
  ) {
    this.remainingMs = timeoutMs
    this.run()
  }

  /** Runs `work` with the clock stopped. */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    if (this.pauses++ === 0 && this.timer) {
      clearTimeout(this.timer)
      this.timer = undefined
      this.remainingMs -= Date.now() - this.startedAt
    }
    try {
      return await work()
    } finally {
      if (--this.pauses === 0) this.run()
    }
  }

  /** The connect settled: the clock stops for good. */
  clear(): void {
    this.isDone = true
    clearTimeout(this.timer)
  }

  private run(): void {
    if (this.isDone) return
    this.startedAt = Date.now()
    this.timer = setTimeout(() => {
      this.isDone = true
      this.onExpire()
    }, Math.max(0, this.remainingMs))
  }
}
