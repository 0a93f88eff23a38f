import { SkiffError } from '../../shared/models/errors'
import { sleep } from '../fs/cancellation'

/**
 * What a channel is for. Interactive channels (the browsing SFTP channel, terminals, short
 * commands) go ahead of transfers waiting for a slot. A transfer's first lane may take any free
 * slot, but its extra lanes leave a few free, so a large transfer does not lock a person out of
 * opening a terminal, and terminals do not starve a transfer of its one lane.
 */
export type ChannelUse = 'interactive' | 'transfer'

/** Anything ssh2 opens on a connection: it says when it has closed. */
export interface BudgetedChannel {
  once(event: 'close', listener: () => void): unknown
}

/** Inputs of a budget. */
export interface ChannelBudgetOptions {
  /** The connection's: once it aborts, nothing waits any more. */
  readonly closed: AbortSignal
  /** Channels the server is believed to allow: OpenSSH's MaxSessions, 10 unless the server says otherwise by refusing. */
  readonly limit?: number
  /** How long an interactive open waits for a free slot before it fails with BUSY. */
  readonly interactiveWaitMs?: number
}

/** The default of OpenSSH's MaxSessions (sshd_config(5)). */
export const defaultChannelLimit = 10
// Slots transfers leave free for terminals and commands, where the limit allows that many.
const interactiveReserve = 2
// A refused open is tried again this many times (with growing pauses) before the limit is
// lowered: a server frees a session only once its process has exited, a little after the close.
const refusalsBeforeLearning = 3
// A closed channel's slot is taken again only this much later. The server counts a session
// until it has read our close and reaped the process behind it; an open sent right behind
// the close arrives in the same read and is refused. Spaced out, it arrives after: 50 ms was
// too little with requests sent at once (TCP_NODELAY) on a busy machine; a refusal is still retried.
const reuseDelayMs = 200

interface Waiter {
  readonly use: ChannelUse
  readonly wake: () => void
}

/** A channel open the server refused (as opposed to a lost connection or a failed subsystem). */
export function isChannelRefusal(error: unknown): boolean {
  const message = error instanceof Error ? error.message : ''
  return /Channel open failure/i.test(message) && !/closed channel unexpectedly/i.test(message)
}

/**
 * How many channels one SSH connection has open, against how many its server allows. Every
 * channel (browsing, transfer lanes, checksums, terminals, commands) is opened through it: an
 * open waits for a free slot instead of being refused, and a refusal while others are open
 * teaches the real limit (a server with MaxSessions below 10), after which opens wait for it.
 */
export class ChannelBudget {
  private used = 0
  private limitNow: number
  private readonly waiting: Waiter[] = []
  private readonly closed: AbortSignal
  private readonly interactiveWaitMs: number

  constructor(options: ChannelBudgetOptions) {
    this.closed = options.closed
    this.limitNow = options.limit ?? defaultChannelLimit
    this.interactiveWaitMs = options.interactiveWaitMs ?? 20_000
    this.closed.addEventListener('abort', () => this.wakeAll(), { once: true })
  }

  /** Channels open (or being opened) now. */
  get inUse(): number {
    return this.used
  }

  /** Channels the server is believed to allow. */
  get limit(): number {
    return this.limitNow
  }

  /**
   * Opens a channel once there is room for it, and counts it until it closes. Rejects with
   * `open`'s own error (a refusal with nothing else open is the server's real answer), with
   * BUSY when an interactive open found no slot in time, or CANCELLED when `signal` aborts.
   */
  async open<T extends BudgetedChannel>(use: ChannelUse, open: () => Promise<T>, signal?: AbortSignal, onWait?: (limit: number) => void): Promise<T> {
    const deadline = use === 'interactive' ? Date.now() + this.interactiveWaitMs : Number.POSITIVE_INFINITY
    for (let refusals = 0; ; ) {
      await this.take(use, deadline, signal, onWait)
      try {
        return this.count(await open())
      } catch (error) {
        this.give()
        if (!isChannelRefusal(error) || this.closed.aborted) throw error
        refusals++
        if (refusals >= refusalsBeforeLearning) {
          if (this.used === 0) throw error
          this.limitNow = Math.min(this.limitNow, this.used)
          refusals = 0
        } else {
          // A plain timer, not a wake-up: a slot freed meanwhile may be one the server has not let go of yet.
          await sleep(50 * 2 ** refusals, signal)
        }
      }
    }
  }

  /** Opens a channel only when there is room right now (an extra transfer lane); null when there is not, or the server refused. */
  async openIfFree<T extends BudgetedChannel>(use: ChannelUse, open: () => Promise<T>): Promise<T | null> {
    if (!this.hasRoom(use, true) || this.closed.aborted) return null
    this.used++
    try {
      return this.count(await open())
    } catch (error) {
      this.give()
      if (!isChannelRefusal(error) || this.closed.aborted) throw error
      // Refused with this many open: that is the server's limit.
      this.limitNow = Math.max(1, Math.min(this.limitNow, this.used))
      return null
    }
  }

  private count<T extends BudgetedChannel>(channel: T): T {
    let isCounted = true
    channel.once('close', () => {
      if (!isCounted) return
      isCounted = false
      if (this.closed.aborted) return this.give()
      setTimeout(() => this.give(), reuseDelayMs)
    })
    return channel
  }

  /** `isExtra`: a transfer's further lane, which leaves the reserve free. */
  private hasRoom(use: ChannelUse, isExtra = false): boolean {
    const reserve = use === 'transfer' && isExtra ? Math.min(interactiveReserve, Math.max(0, this.limitNow - 2)) : 0
    // A person's channel goes first: a transfer does not take a slot someone is waiting for.
    const isPersonWaiting = use === 'transfer' && this.waiting.some((waiter) => waiter.use === 'interactive')
    return !isPersonWaiting && this.used < this.limitNow - reserve
  }

  private async take(use: ChannelUse, deadline: number, signal?: AbortSignal, onWait?: (limit: number) => void): Promise<void> {
    let hasSaid = false
    while (!this.hasRoom(use)) {
      if (!hasSaid) onWait?.(this.limitNow)
      hasSaid = true
      if (this.closed.aborted) throw new SkiffError('DISCONNECTED', 'The connection closed.')
      if (signal?.aborted) throw new SkiffError('CANCELLED', 'Cancelled while waiting for a free channel.')
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new SkiffError(
          'BUSY',
          `The server allows ${this.limitNow} channels on one connection and all are in use (transfers and terminals). Close a terminal or wait for a transfer to finish.`,
        )
      }
      await this.wait(use, left, signal)
    }
    if (this.closed.aborted) throw new SkiffError('DISCONNECTED', 'The connection closed.')
    this.used++
  }

  private wait(use: ChannelUse, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        const at = this.waiting.indexOf(waiter)
        if (at >= 0) this.waiting.splice(at, 1)
        resolve()
      }
      const waiter: Waiter = { use, wake: done }
      const timer = setTimeout(done, Math.min(timeoutMs, 2 ** 31 - 1))
      signal?.addEventListener('abort', done, { once: true })
      // A person waits ahead of a transfer lane.
      if (use === 'interactive') this.waiting.unshift(waiter)
      else this.waiting.push(waiter)
    })
  }

  private give(): void {
    this.used = Math.max(0, this.used - 1)
    // Everyone looks again: the first with room takes the slot, the rest wait on.
    this.wakeAll()
  }

  private wakeAll(): void {
    for (const waiter of this.waiting.splice(0)) waiter.wake()
  }
}
