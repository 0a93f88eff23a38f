import { describe, expect, it } from 'vitest'
import { scanForMarker, shellCommand } from './shell-marker'

describe('scanForMarker', () => {
  it('takes the pid out of the first output', () => {
    expect(scanForMarker('\x1b]7771;4242\x07Last login: today\r\n')).toEqual({ isPending: false, pid: 4242, text: 'Last login: today\r\n' })
  })

  it('waits while the marker may still be arriving', () => {
    expect(scanForMarker('')).toMatchObject({ isPending: true })
    expect(scanForMarker('\x1b]77')).toMatchObject({ isPending: true })
    expect(scanForMarker('\x1b]7771;42')).toMatchObject({ isPending: true })
  })

  it('passes output without a marker through untouched', () => {
    expect(scanForMarker('sh: cd: no such folder\r\n')).toEqual({ isPending: false, text: 'sh: cd: no such folder\r\n' })
    expect(scanForMarker('\x1b[1mbold')).toEqual({ isPending: false, text: '\x1b[1mbold' })
  })

  it('gives up on a marker that never ends, or holds no number', () => {
    expect(scanForMarker(`\x1b]7771;${'9'.repeat(80)}`)).toMatchObject({ isPending: false })
    expect(scanForMarker('\x1b]7771;$(reboot)\x07rest')).toEqual({ isPending: false, text: 'rest' })
  })
})

describe('shellCommand', () => {
  it('announces the pid, then becomes the login shell; a folder is entered first', () => {
    expect(shellCommand()).toBe(`printf '\\033]7771;%s\\007' "$$"; exec "\${SHELL:-/bin/sh}" -l`)
    expect(shellCommand("cd '/srv/a b'")).toMatch(/^cd '\/srv\/a b' && printf .* && exec /)
  })
})
