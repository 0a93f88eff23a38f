import { SkiffError } from '../../shared/models/errors'

/** The error every file-system operation rejects with once its caller's signal aborts. */
export function cancelledError(): SkiffError {
  return new SkiffError('CANCELLED', 'Cancelled.')
}

/** Throws {@link cancelledError} when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError()
}

/**
 * Settles like `work`, or rejects with {@link cancelledError} as soon as `signal` aborts (the work
 * itself runs on; its late result is dropped). Meant for one slow call at a time, not per entry.
 */
export function untilCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  if (signal.aborted) {
    work.catch(() => undefined)
    return Promise.reject(cancelledError())
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError())
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Waits `ms`, or less when `signal` aborts first (it resolves either way: the caller looks at the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
