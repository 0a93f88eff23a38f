import { describe, expect, it } from 'vitest'
import { InThreadWhileFast } from './in-thread'

describe('InThreadWhileFast', () => {
  it('runs in the thread while calls are fast, and through the pool after a slow one', async () => {
    const gate = new InThreadWhileFast(5)
    const ran: string[] = []
    const call = (work: () => void) =>
      gate.run(
        () => (work(), ran.push('thread')),
        async () => ran.push('pool'),
      )
    await call(() => undefined)
    await call(() => undefined)
    const busyUntil = performance.now() + 10
    await call(() => {
      while (performance.now() < busyUntil);
    })
    await call(() => undefined)
    expect(ran).toEqual(['thread', 'thread', 'thread', 'pool'])
  })

  it('passes a failure in the thread on, and still times it', async () => {
    const gate = new InThreadWhileFast(0)
    await expect(
      gate.run(
        () => {
          throw new Error('ENOENT')
        },
        async () => 'pool',
      ),
    ).rejects.toThrow('ENOENT')
    await expect(gate.run(() => 'thread', async () => 'pool')).resolves.toBe('pool')
  })
})
