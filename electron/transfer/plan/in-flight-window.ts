/** How far a window may move, and how it measures. */
export interface InFlightWindowLimits {
  /** Never fewer bytes in flight than this (a few blocks keep a fast local pipe busy). */
  readonly floorBytes: number
  /** Never more (bounds memory); also where the window starts, before anything is measured. */
  readonly ceilingBytes: number
  /** How long one rate sample runs. */
  readonly sampleMs?: number
  /** How many recent samples the best rate is taken from. */
  readonly samples?: number
}

// In flight: twice what the link carries per round trip, so a faster moment is never held back.
const gain = 2

/**
 * How many bytes one large copy keeps in flight, adapted to what it measures: the best recent
 * delivery rate times the shortest round trip seen (the bandwidth-delay product), doubled, and
 * kept between a floor and a ceiling. It starts at the ceiling, so the first samples see what
 * the link can do; after that a slow link holds little memory and a fast far one gets depth.
 *
 * Callers acquire room before sending a block and release it when the block has landed; the
 * waiting queue is first come, first served.
 */
export class InFlightWindow {
  private inFlight = 0
  private target: number
  private readonly waiting: { readonly bytes: number; readonly wake: () => void }[] = []
  private isAbandoned = false
  private shortestRoundTripMs = Number.POSITIVE_INFINITY
  private readonly rates: number[] = []
  private sampleStartMs: number
  private sampleBytes = 0
  private readonly sampleMs: number
  private readonly sampleCount: number

  constructor(
    private readonly limits: InFlightWindowLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.target = limits.ceilingBytes
    this.sampleStartMs = now()
    this.sampleMs = limits.sampleMs ?? 100
    this.sampleCount = limits.samples ?? 10
  }

  /** The bytes that may be in flight now. */
  get targetBytes(): number {
    return this.target
  }

  /** Resolves when `bytes` more may go out (at once when nothing is in flight, whatever the size). */
  acquire(bytes: number): Promise<void> {
    if (this.isAbandoned || (this.waiting.length === 0 && this.fits(bytes))) {
      this.inFlight += bytes
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push({ bytes, wake: resolve }))
  }

  /** `bytes` acquired at `sentAtMs` have landed: a measurement, and room for the next. */
  release(bytes: number, sentAtMs: number): void {
    const at = this.now()
    this.inFlight -= bytes
    this.shortestRoundTripMs = Math.min(this.shortestRoundTripMs, Math.max(at - sentAtMs, 0.01))
    this.sampleBytes += bytes
    if (at - this.sampleStartMs >= this.sampleMs) this.takeSample(at)
    this.wakeWaiting()
  }

  /** Gives back room without a measurement (a block that never went out). */
  giveBack(bytes: number): void {
    this.inFlight -= bytes
    this.wakeWaiting()
  }

  /** Lets every waiter go and stops limiting: the copy failed and they must see it. */
  abandon(): void {
    this.isAbandoned = true
    for (const waiter of this.waiting.splice(0)) waiter.wake()
  }

  private fits(bytes: number): boolean {
    return this.inFlight === 0 || this.inFlight + bytes <= this.target
  }

  private takeSample(at: number): void {
    this.rates.push(this.sampleBytes / (at - this.sampleStartMs))
    if (this.rates.length > this.sampleCount) this.rates.shift()
    this.sampleStartMs = at
    this.sampleBytes = 0
    const bestRate = Math.max(...this.rates)
    const wanted = gain * bestRate * this.shortestRoundTripMs
    this.target = Math.round(Math.min(this.limits.ceilingBytes, Math.max(this.limits.floorBytes, wanted)))
  }

  private wakeWaiting(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const waiter = this.waiting.shift()!
      this.inFlight += waiter.bytes
      waiter.wake()
    }
  }
}
