import { SkiffError } from '../../shared/models/errors'
import { cancelledError } from '../fs/cancellation'
import { toFsError } from '../fs/fs-errors'

/** Starts one ssh2 SFTP request; `done` is the request's own callback. */
export type SftpRequest<T> = (done: (error: Error | null | undefined, value?: T) => void) => void

/** The SFTP calls of one operation, each guarded by the watchdog. */
export interface SftpCalls {
  /**
   * Runs `request`, settling with its result, or with DISCONNECTED, TIMEOUT or CANCELLED when the
   * watchdog fires first (a late callback is then ignored). `activity` and `path` name the call in messages.
   */
  run<T>(activity: string, path: string, request: SftpRequest<T>): Promise<T>
}

/** Guards SFTP calls against callbacks that never come. */
export interface SftpWatchdog {
  /** Calls for one operation; they reject with CANCELLED once `signal` aborts. */
  calls(signal?: AbortSignal): SftpCalls
}

export interface SftpWatchdogOptions {
  /** Aborts when the connection is gone: pending and later calls reject with DISCONNECTED. */
  readonly closed: AbortSignal
  /** How long one call may go unanswered before it rejects with TIMEOUT; restarts for every call. */
  readonly timeoutMs: number
}

type Failure = 'disconnected' | 'cancelled' | 'timeout'

interface PendingCall {
  fail(failure: Failure): void
}

/** Pending calls that fail together when `signal` aborts; listens only while one is pending. */
class FailGroup {
  private readonly members = new Set<PendingCall>()
  private readonly onAbort = () => {
    for (const call of [...this.members]) call.fail(this.failure)
  }

  constructor(
    private readonly signal: AbortSignal | undefined,
    readonly failure: Failure,
  ) {}

  get isAborted(): boolean {
    return this.signal?.aborted ?? false
  }

  add(call: PendingCall): void {
    if (this.members.size === 0) this.signal?.addEventListener('abort', this.onAbort)
    this.members.add(call)
  }

  remove(call: PendingCall): void {
    if (this.members.delete(call) && this.members.size === 0) this.signal?.removeEventListener('abort', this.onAbort)
  }
}

function failureError(failure: Failure, activity: string, path: string, timeoutMs: number): SkiffError {
  switch (failure) {
    case 'disconnected':
      return new SkiffError('DISCONNECTED', `Connection to the server lost while ${activity} ${path}.`)
    case 'timeout':
      return new SkiffError('TIMEOUT', `The server did not answer within ${timeoutMs / 1000} s while ${activity} ${path}.`)
    case 'cancelled':
      return cancelledError()
  }
}

function guardedCall<T>(groups: readonly FailGroup[], timeoutMs: number, activity: string, path: string, request: SftpRequest<T>) {
  return new Promise<T>((resolve, reject) => {
    const early = groups.find((group) => group.isAborted)
    if (early) return reject(failureError(early.failure, activity, path, timeoutMs))
    let isSettled = false
    const settle = (finish: () => void) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      for (const group of groups) group.remove(call)
      finish()
    }
    const call: PendingCall = { fail: (failure) => settle(() => reject(failureError(failure, activity, path, timeoutMs))) }
    const timer = setTimeout(() => call.fail('timeout'), timeoutMs)
    for (const group of groups) group.add(call)
    try {
      request((error, value) => settle(() => (error ? reject(toFsError(error, path)) : resolve(value as T))))
    } catch (error) {
      settle(() => reject(toFsError(error, path)))
    }
  })
}

/**
 * A watchdog for one SFTP channel. ssh2 can leave a callback uncalled after the connection drops
 * (ssh2 issues #1490, #1175), so every call also settles on `closed`, on its timeout and on its
 * caller's signal, whichever comes first. Nothing (listener or timer) outlives a settled call.
 */
export function createSftpWatchdog(options: SftpWatchdogOptions): SftpWatchdog {
  const connection = new FailGroup(options.closed, 'disconnected')
  const unsignalled = [connection, new FailGroup(undefined, 'cancelled')]
  // One group (one abort listener) per signal, however many operations a job runs under it.
  const bySignal = new WeakMap<AbortSignal, readonly FailGroup[]>()
  const groupsOf = (signal: AbortSignal) => {
    const known = bySignal.get(signal)
    if (known) return known
    const groups = [connection, new FailGroup(signal, 'cancelled')]
    bySignal.set(signal, groups)
    return groups
  }
  return {
    calls(signal) {
      const groups = signal ? groupsOf(signal) : unsignalled
      return { run: (activity, path, request) => guardedCall(groups, options.timeoutMs, activity, path, request) }
    },
  }
}
