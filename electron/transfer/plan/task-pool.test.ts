import { describe, expect, it } from 'vitest'
import { TaskPool } from './task-pool'

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

describe('task pool', () => {
  it('runs added work, including work added by work, at most N at a time', async () => {
    const pool = new TaskPool(3)
    let running = 0
    let mostRunning = 0
    let finished = 0
    const task = (children: number) => async () => {
      running++
      mostRunning = Math.max(mostRunning, running)
      await tick()
      running--
      finished++
      for (let i = 0; i < children; i++) pool.add(task(0))
    }
    for (let i = 0; i < 5; i++) pool.add(task(4))
    await pool.whenDone()
    expect(finished).toBe(25)
    expect(mostRunning).toBe(3)
  })

  it('is done at once with nothing to do', async () => {
    await expect(new TaskPool(2).whenDone()).resolves.toBeUndefined()
  })

  it('rejects with the first failure and starts nothing after it', async () => {
    const pool = new TaskPool(1)
    let isLaterStarted = false
    pool.add(() => Promise.reject(new Error('boom')))
    pool.add(async () => {
      isLaterStarted = true
    })
    await expect(pool.whenDone()).rejects.toThrow('boom')
    expect(isLaterStarted).toBe(false)
  })

  it('rejects with CANCELLED as soon as the signal aborts, even while a task hangs', async () => {
    const controller = new AbortController()
    const pool = new TaskPool(2, controller.signal)
    pool.add(() => new Promise<void>(() => undefined))
    const done = pool.whenDone()
    controller.abort()
    await expect(done).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('never starts a task when the signal has already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const pool = new TaskPool(2, controller.signal)
    let isStarted = false
    pool.add(async () => {
      isStarted = true
    })
    await expect(pool.whenDone()).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(isStarted).toBe(false)
  })
})
