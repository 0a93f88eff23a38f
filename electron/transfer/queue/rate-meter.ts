/**
 * Throughput over the last few seconds, for a job's speed and ETA: recent enough to follow a
 * change of pace, long enough not to jump with every block.
 */
export class RateMeter {
  private readonly samples: { readonly at: number; readonly bytes: number }[] = []

  constructor(private readonly windowMs = 3_000) {}

  /** Notes that `bytes` in total were done at time `at` (ms). */
  record(at: number, bytes: number): void {
    this.samples.push({ at, bytes })
    while (this.samples.length > 2 && this.samples[0]!.at < at - this.windowMs) this.samples.shift()
  }

  /** Bytes per second over the window; 0 until two samples lie apart. */
  bytesPerSecond(): number {
    const first = this.samples[0]
    const last = this.samples.at(-1)
    if (!first || !last || last.at - first.at < 200) return 0
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at))
  }

  /** Seconds to move `remaining` bytes at the current rate; null when the rate is unknown. */
  etaSeconds(remaining: number): number | null {
    const rate = this.bytesPerSecond()
    return rate > 0 ? Math.ceil(remaining / rate) : null
  }

  /** Forgets the history (a pause or a reconnect breaks the pace). */
  reset(): void {
    this.samples.length = 0
  }
}
