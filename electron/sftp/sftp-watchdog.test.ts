import { getEventListeners } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSftpWatchdog, type SftpRequest } from './sftp-watchdog'

// A request the way ssh2 leaves one after a dropped connection: its callback never comes.
const neverAnswers: SftpRequest<string> = () => undefined

function setup(timeoutMs = 1_000) {
  const closed = new AbortController()
  const watchdog = createSftpWatchdog({ closed: closed.signal, timeoutMs })
  return { closed, watchdog }
}

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length

describe('SFTP watchdog', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('settles with the request result and leaves no listener or timer behind', async () => {
    vi.useFakeTimers()
    const { closed, watchdog } = setup()
    const cancel = new AbortController()
    const result = watchdog.calls(cancel.signal).run<string>('reading', '/a', (done) => queueMicrotask(() => done(undefined, 'ok')))
    expect(abortListeners(closed.signal)).toBe(1)
    await expect(result).resolves.toBe('ok')
    expect(abortListeners(closed.signal)).toBe(0)
    expect(abortListeners(cancel.signal)).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('rejects a call that was never answered with DISCONNECTED when the connection closes', async () => {
    const { closed, watchdog } = setup()
    const pending = watchdog.calls().run('reading folder', '/srv', neverAnswers)
    closed.abort()
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED', message: expect.stringContaining('/srv') })
    await expect(watchdog.calls().run('reading', '/b', neverAnswers)).rejects.toMatchObject({ code: 'DISCONNECTED' })
  })

  it('rejects with TIMEOUT when the server does not answer in time', async () => {
    vi.useFakeTimers()
    const { closed, watchdog } = setup(5_000)
    const pending = watchdog.calls().run('resolving', '/slow', neverAnswers)
    const outcome = expect(pending).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('5 s') })
    await vi.advanceTimersByTimeAsync(5_000)
    await outcome
    expect(abortListeners(closed.signal)).toBe(0)
  })

  it('rejects with CANCELLED when the caller aborts, and ignores the late answer', async () => {
    const { closed, watchdog } = setup()
    const cancel = new AbortController()
    let answer: ((error: Error | undefined, value: string) => void) | undefined
    const pending = watchdog.calls(cancel.signal).run<string>('reading', '/a', (done) => {
      answer = done
    })
    cancel.abort()
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(() => answer?.(undefined, 'too late')).not.toThrow()
    expect(abortListeners(cancel.signal)).toBe(0)
    expect(abortListeners(closed.signal)).toBe(0)
    await expect(watchdog.calls(cancel.signal).run('reading', '/a', neverAnswers)).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('maps a failure the request reports, or throws, to a SkiffError', async () => {
    const { watchdog } = setup()
    const calls = watchdog.calls()
    const noSuchFile = Object.assign(new Error('No such file'), { code: 2 })
    await expect(calls.run('reading', '/a', (done) => done(noSuchFile))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const throwing: SftpRequest<string> = () => {
      throw new Error('boom')
    }
    await expect(calls.run('reading', '/a', throwing)).rejects.toMatchObject({ code: 'INTERNAL' })
  })
})
