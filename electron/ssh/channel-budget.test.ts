import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import type { SFTPWrapper } from 'ssh2'
import { describe, expect, it, vi } from 'vitest'
import { useSshdFolder } from '../transfer/transfer-test-kit'
import { ChannelBudget } from './channel-budget'

/** A channel that closes when told to. */
class FakeChannel extends EventEmitter {
  close(): void {
    this.emit('close')
  }
}

function refusal(): Error {
  return new Error('(SSH) Channel open failure: open failed')
}

/** A server that refuses any channel beyond `max` open at once. */
function fakeServer(max: number) {
  const open = new Set<FakeChannel>()
  let refused = 0
  return {
    open: open as ReadonlySet<FakeChannel>,
    get refused() {
      return refused
    },
    async openChannel(): Promise<FakeChannel> {
      await Promise.resolve()
      if (open.size >= max) {
        refused++
        throw refusal()
      }
      const channel = new FakeChannel()
      open.add(channel)
      channel.once('close', () => open.delete(channel))
      return channel
    },
  }
}

describe('ChannelBudget', () => {
  it('a transfer waits for a free slot (and says so); its extra lanes leave two free for terminals', async () => {
    const server = fakeServer(10)
    const budget = new ChannelBudget({ closed: new AbortController().signal })
    for (let i = 0; i < 7; i++) await budget.open('interactive', () => server.openChannel())
    // Seven terminals open: a transfer still gets its lane, but no extra one from the last two.
    await budget.open('transfer', () => server.openChannel())
    expect(await budget.openIfFree('transfer', () => server.openChannel())).toBeNull()
    const waits: number[] = []
    await budget.open('transfer', () => server.openChannel())
    await budget.open('interactive', () => server.openChannel())
    expect(server.open.size).toBe(10)
    const waiting = budget.open('transfer', () => server.openChannel(), undefined, (limit) => waits.push(limit))
    await vi.waitFor(() => expect(waits).toEqual([10]))
    ;[...server.open][0]!.close()
    await waiting
    expect(server.open.size).toBe(10)
    expect(server.refused).toBe(0)
  })

  it('an interactive open (a terminal) goes ahead of waiting transfers', async () => {
    const server = fakeServer(10)
    const budget = new ChannelBudget({ closed: new AbortController().signal })
    for (let i = 0; i < 10; i++) await budget.open('transfer', () => server.openChannel())
    // Both wait at once (a waiter is queued as soon as its open is called).
    const transfer = budget.open('transfer', () => server.openChannel())
    const terminal = budget.open('interactive', () => server.openChannel())
    ;[...server.open][0]!.close()
    await terminal
    // The freed slot went to the terminal; the transfer still waits.
    expect(server.open.size).toBe(10)
    ;[...server.open][0]!.close()
    await transfer
  })

  it('an interactive open that finds no slot in time fails with BUSY, saying why', async () => {
    const server = fakeServer(10)
    const budget = new ChannelBudget({ closed: new AbortController().signal, interactiveWaitMs: 50 })
    for (let i = 0; i < 10; i++) await budget.open('interactive', () => server.openChannel())
    await expect(budget.open('interactive', () => server.openChannel())).rejects.toMatchObject({ code: 'BUSY', message: expect.stringContaining('allows 10 channels') })
  })

  it('learns a lower limit from refusals and waits under it instead of failing', async () => {
    const server = fakeServer(4)
    const budget = new ChannelBudget({ closed: new AbortController().signal })
    const opening = Array.from({ length: 6 }, () => budget.open('transfer', () => server.openChannel()))
    await vi.waitFor(() => expect(budget.limit).toBe(4), { timeout: 5_000 })
    expect(server.open.size).toBe(4)
    ;[...server.open].forEach((channel) => channel.close())
    expect(await Promise.all(opening)).toHaveLength(6)
  })

  it('a refusal with nothing else open is the server saying no, and is reported', async () => {
    const budget = new ChannelBudget({ closed: new AbortController().signal })
    await expect(budget.open('interactive', () => Promise.reject(refusal()))).rejects.toThrow('Channel open failure')
  })

  it('stops waiting when the connection closes or the caller gives up', async () => {
    const server = fakeServer(10)
    const closed = new AbortController()
    const budget = new ChannelBudget({ closed: closed.signal })
    for (let i = 0; i < 10; i++) await budget.open('transfer', () => server.openChannel())
    const cancel = new AbortController()
    const given = budget.open('transfer', () => server.openChannel(), cancel.signal)
    cancel.abort()
    await expect(given).rejects.toMatchObject({ code: 'CANCELLED' })
    const waiting = budget.open('transfer', () => server.openChannel())
    closed.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'DISCONNECTED' })
  })
})

describe('ChannelBudget against a real sshd', () => {
  describe('with OpenSSH defaults (MaxSessions 10)', () => {
    const server = useSshdFolder('budget')

    it('twenty transfer lanes and five commands at once all open, never more than the server allows', async () => {
      let peak = 0
      const lanes = Array.from({ length: 20 }, async () => {
        const sftp: SFTPWrapper = await server.session.channels.sftp('transfer')
        peak = Math.max(peak, server.session.channels.budget.inUse)
        await new Promise((resolve) => setTimeout(resolve, 30))
        sftp.end()
      })
      const commands = Array.from({ length: 5 }, () => server.session.channels.exec('echo hi'))
      await Promise.all(lanes)
      expect((await Promise.all(commands)).map((result) => result.stdout)).toEqual(Array(5).fill('hi\n'))
      expect(peak).toBeLessThanOrEqual(10)
      expect(await readFile(server.sshd.logPath, 'utf8')).not.toContain('no more sessions')
    })
  })

  describe('with MaxSessions 4', () => {
    const server = useSshdFolder('budget', { config: ['MaxSessions 4'] })

    it('learns the limit from refusals that last, and then waits for free channels', async () => {
      const lanes = Array.from({ length: 8 }, async () => {
        const sftp = await server.session.channels.sftp('transfer')
        // Held long enough for the refused ones to be refused again (a server frees a slot a little after a close).
        await new Promise((resolve) => setTimeout(resolve, 800))
        sftp.end()
      })
      await Promise.all(lanes)
      expect(server.session.channels.budget.limit).toBe(4)
    })
  })
})
