/** When output leaves, and when it must stop coming. */
export interface TerminalOutputLimits {
  /** Collect for at most this long before sending (one frame). */
  readonly flushMs: number
  /** Send at once when this many characters are waiting. */
  readonly batchChars: number
  /** Stop the source when this many characters are sent but not yet drawn. */
  readonly pauseAboveChars: number
  /** Start it again when the screen has caught up to this. */
  readonly resumeBelowChars: number
}

export const defaultOutputLimits: TerminalOutputLimits = {
  flushMs: 16,
  batchChars: 64 * 1024,
  pauseAboveChars: 512 * 1024,
  resumeBelowChars: 128 * 1024,
}

/** Where batched output goes, and how to hold back the source (the SSH channel). */
export interface TerminalOutputSink {
  send(data: string): void
  pause(): void
  resume(): void
}

/**
 * A terminal's output on its way to the screen: batched into messages (about one per frame,
 * or every 64 KiB), and flow-controlled end to end. The screen acknowledges what it has drawn;
 * while too much is unacknowledged the source is paused, so a `cat` of a huge file costs
 * bounded memory and Ctrl+C lands in front of little queued output.
 */
export class TerminalOutput {
  private pending: string[] = []
  private pendingChars = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private unacked = 0
  private isPaused = false
  private isClosed = false

  constructor(
    private readonly sink: TerminalOutputSink,
    private readonly limits: TerminalOutputLimits = defaultOutputLimits,
  ) {}

  /** Characters sent and not yet acknowledged. */
  get inFlightChars(): number {
    return this.unacked
  }

  /** True while the source is held back. */
  get isHeld(): boolean {
    return this.isPaused
  }

  /** New output from the source. */
  push(text: string): void {
    if (this.isClosed || text.length === 0) return
    this.pending.push(text)
    this.pendingChars += text.length
    if (this.pendingChars >= this.limits.batchChars) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.limits.flushMs)
  }

  /** The screen drew `chars` more characters. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars)
    if (this.isPaused && this.unacked <= this.limits.resumeBelowChars) {
      this.isPaused = false
      this.sink.resume()
    }
  }

  /** Sends what is waiting now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pendingChars === 0) return
    const data = this.pending.length === 1 ? this.pending[0]! : this.pending.join('')
    this.pending = []
    this.pendingChars = 0
    this.unacked += data.length
    this.sink.send(data)
    if (!this.isPaused && this.unacked > this.limits.pauseAboveChars) {
      this.isPaused = true
      this.sink.pause()
    }
  }

  /** Sends the rest and stops. */
  close(): void {
    this.flush()
    this.isClosed = true
  }
}
