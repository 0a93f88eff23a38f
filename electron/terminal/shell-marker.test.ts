import { describe, expect, it } from 'vitest'
import { MarkerFilter, shellCommand } from './shell-marker'

/** Feeds `chunks` through a fresh filter: what is shown, and the pid it found. */
function run(...chunks: string[]) {
  const filter = new MarkerFilter()
  const shown = chunks.map((chunk) => filter.feed(chunk)).join('') + filter.flush()
  return { shown, pid: filter.pid }
}

describe('MarkerFilter', () => {
  it('takes the pid out of the first output', () => {
    expect(run('\x1b]7771;4242\x07Last login: today\r\n')).toEqual({ shown: 'Last login: today\r\n', pid: 4242 })
  })

  it('finds it behind keystrokes echoed before the shell started', () => {
    expect(run('echo hi\r\n', '\x1b]7771;77\x07$ ')).toEqual({ shown: 'echo hi\r\n$ ', pid: 77 })
  })

  it('finds it when a packet boundary cuts it, holding back only the cut piece', () => {
    const filter = new MarkerFilter()
    expect(filter.feed('typed\x1b]77')).toBe('typed')
    expect(filter.feed('71;12')).toBe('')
    expect(filter.feed('3\x07prompt')).toBe('prompt')
    expect(filter.pid).toBe(123)
  })

  it('passes other escape sequences through untouched', () => {
    expect(run('\x1b[1mbold\x1b]0;title\x07')).toEqual({ shown: '\x1b[1mbold\x1b]0;title\x07', pid: undefined })
  })

  it('gives up on a marker that never ends, or holds no number, and after the first 8 KiB', () => {
    const endless = `\x1b]7771;${'9'.repeat(80)}`
    expect(run(endless)).toEqual({ shown: endless, pid: undefined })
    expect(run('\x1b]7771;$(reboot)\x07rest')).toEqual({ shown: 'rest', pid: undefined })
    const late = run('x'.repeat(9000), '\x1b]7771;5\x07')
    expect(late.pid).toBeUndefined()
    expect(late.shown).toContain('\x1b]7771;5\x07')
  })
})

describe('shellCommand', () => {
  it('announces the pid, then becomes the login shell; a folder is entered first', () => {
    expect(shellCommand()).toBe(`printf '\\033]7771;%s\\007' "$$"; exec "\${SHELL:-/bin/sh}" -l`)
    expect(shellCommand("cd '/srv/a b'")).toMatch(/^cd '\/srv\/a b' && printf .* && exec /)
  })
})
