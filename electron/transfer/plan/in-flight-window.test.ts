import { describe, expect, it } from 'vitest'
import { InFlightWindow } from './in-flight-window'

const KiB = 1024
const MiB = 1024 * KiB

/** A window on a hand-driven clock. */
function windowAt(limits: { floorBytes: number; ceilingBytes: number }) {
  const clock = { ms: 0 }
  return { window: new InFlightWindow({ ...limits, sampleMs: 100, samples: 3 }, () => clock.ms), clock }
}

/** Lets `rounds` round trips of `rttMs` pass, each carrying `bytesPerTrip`. */
function carry(window: InFlightWindow, clock: { ms: number }, rounds: number, rttMs: number, bytesPerTrip: number): void {
  for (let round = 0; round < rounds; round++) {
    const sentAt = clock.ms
    clock.ms += rttMs
    void window.acquire(bytesPerTrip)
    window.release(bytesPerTrip, sentAt)
  }
}

describe('InFlightWindow', () => {
  it('starts at the ceiling, before anything is measured', () => {
    const { window } = windowAt({ floorBytes: 1 * MiB, ceilingBytes: 24 * MiB })
    expect(window.targetBytes).toBe(24 * MiB)
  })

  it('settles at twice the bandwidth-delay product it measures', () => {
    const { window, clock } = windowAt({ floorBytes: 1 * MiB, ceilingBytes: 64 * MiB })
    // 40 ms round trips carrying 4 MiB each: 100 MiB/s, so 4 MiB per trip, 8 MiB wanted.
    carry(window, clock, 10, 40, 4 * MiB)
    expect(window.targetBytes).toBeCloseTo(8 * MiB, -3)
  })

  it('follows a link that gets faster, using the best recent rate', () => {
    const { window, clock } = windowAt({ floorBytes: 1 * MiB, ceilingBytes: 64 * MiB })
    carry(window, clock, 10, 40, 2 * MiB)
    const slow = window.targetBytes
    carry(window, clock, 10, 40, 6 * MiB)
    expect(window.targetBytes).toBeGreaterThan(2.5 * slow)
  })

  it('stays within its floor and ceiling', () => {
    const low = windowAt({ floorBytes: 2 * MiB, ceilingBytes: 16 * MiB })
    carry(low.window, low.clock, 10, 50, 16 * KiB)
    expect(low.window.targetBytes).toBe(2 * MiB)
    const high = windowAt({ floorBytes: 2 * MiB, ceilingBytes: 16 * MiB })
    carry(high.window, high.clock, 10, 200, 64 * MiB)
    expect(high.window.targetBytes).toBe(16 * MiB)
  })

  it('holds callers back while the window is full and lets them go in order as blocks land', async () => {
    const { window } = windowAt({ floorBytes: 1 * MiB, ceilingBytes: 2 * MiB })
    const started: string[] = []
    const go = (name: string) => window.acquire(1 * MiB).then(() => started.push(name))
    void go('a')
    void go('b')
    void go('c')
    void go('d')
    await Promise.resolve()
    expect(started).toEqual(['a', 'b'])
    window.release(1 * MiB, 0)
    await Promise.resolve()
    expect(started).toEqual(['a', 'b', 'c'])
    window.giveBack(1 * MiB)
    await Promise.resolve()
    expect(started).toEqual(['a', 'b', 'c', 'd'])
  })

  it('always lets one block go when nothing is in flight, however large', async () => {
    const { window } = windowAt({ floorBytes: 1 * MiB, ceilingBytes: 2 * MiB })
    await expect(window.acquire(8 * MiB)).resolves.toBeUndefined()
  })

  it('abandon releases every waiter', async () => {
    const { window } = windowAt({ floorBytes: 1 * MiB, ceilingBytes: 1 * MiB })
    await window.acquire(1 * MiB)
    const waiting = window.acquire(1 * MiB)
    window.abandon()
    await expect(waiting).resolves.toBeUndefined()
  })
})
