import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TerminalOutput } from './terminal-output'

const limits = { flushMs: 16, batchChars: 100, pauseAboveChars: 250, resumeBelowChars: 50 }

function recorder() {
  const sent: string[] = []
  const calls: string[] = []
  return { sent, calls, sink: { send: (data: string) => sent.push(data), pause: () => calls.push('pause'), resume: () => calls.push('resume') } }
}

describe('TerminalOutput', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('collects small pieces into one message per frame', () => {
    const { sent, sink } = recorder()
    const output = new TerminalOutput(sink, limits)
    output.push('a')
    output.push('b')
    vi.advanceTimersByTime(15)
    expect(sent).toEqual([])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual(['ab'])
  })

  it('sends at once when a batch is full', () => {
    const { sent, sink } = recorder()
    const output = new TerminalOutput(sink, limits)
    output.push('x'.repeat(60))
    output.push('y'.repeat(60))
    expect(sent).toEqual(['x'.repeat(60) + 'y'.repeat(60)])
  })

  it('pauses the source above the mark and resumes once the screen catches up', () => {
    const { calls, sink } = recorder()
    const output = new TerminalOutput(sink, limits)
    output.push('z'.repeat(150))
    output.push('z'.repeat(150))
    expect(calls).toEqual(['pause'])
    expect(output.isHeld).toBe(true)
    output.ack(200)
    expect(calls).toEqual(['pause'])
    output.ack(60)
    expect(calls).toEqual(['pause', 'resume'])
    expect(output.inFlightChars).toBe(40)
  })

  it('close sends what waits, and nothing after', () => {
    const { sent, sink } = recorder()
    const output = new TerminalOutput(sink, limits)
    output.push('last')
    output.close()
    output.push('late')
    vi.advanceTimersByTime(100)
    expect(sent).toEqual(['last'])
  })
})
