/**
 * Lets work start while the weight it holds, with everyone else's, stays under a limit: a
 * count of large files (weight 1 each), or the bytes of small files in flight. One piece of
 * work may always start, however heavy, or nothing would ever move.
 */
export class WeightedGate {
  private used = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limit: number) {}

  async run<T>(weight: number, work: () => Promise<T>): Promise<T> {
    while (this.used > 0 && this.used + weight > this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.used += weight
    try {
      return await work()
    } finally {
      this.used -= weight
      for (const wake of this.waiting.splice(0)) wake()
    }
  }
}
