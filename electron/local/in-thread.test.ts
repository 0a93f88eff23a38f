import { describe, expect, it } from 'vitest'
import { InThreadWhileFast } from './in-thread'

describe('InThreadWhileFast', () => {
  it('runs in the thread while calls are fast, and through the pool after three slow ones in a row', async () => {
    const gate = new InThreadWhileFast(5)
    const ran: string[] = []
    const call = (work: () => void) =>
      gate.run(
        () => (work(), ran.push('thread')),
        async () => ran.push('pool'),
      )
    await call(() => undefined)
    await call(() => undefined)
    const slow = () => {
      const busyUntil = performance.now() + 10
      while (performance.now() < busyUntil);
    }
    // One slow call (a collection, a preempted thread) changes nothing.
    await call(slow)
    await call(() => undefined)
    await call(slow)
    await call(slow)
    await call(slow)
    await call(() => undefined)
    expect(ran).toEqual(['thread', 'thread', 'thread', 'thread', 'thread', 'thread', 'thread', 'pool'])
  })

  it('passes a failure in the thread on, and still times it', async () => {
    const gate = new InThreadWhileFast(0)
    const failing = () =>
      gate.run(
        () => {
          throw new Error('ENOENT')
        },
        async () => 'pool',
      )
    for (let i = 0; i < 3; i++) await expect(failing()).rejects.toThrow('ENOENT')
    await expect(gate.run(() => 'thread', async () => 'pool')).resolves.toBe('pool')
  })
})
