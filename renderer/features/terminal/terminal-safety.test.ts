import { describe, expect, it } from 'vitest'
import { clipboardWriteOf, isOpenableLink } from './terminal-safety'

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

describe('isOpenableLink', () => {
  it('opens http and https only', () => {
    expect(isOpenableLink('https://example.org/a?b')).toBe(true)
    expect(isOpenableLink('http://127.0.0.1:8080/')).toBe(true)
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ssh://host', 'data:text/html,x', 'not a url', '']) expect(isOpenableLink(url)).toBe(false)
  })
})

describe('clipboardWriteOf (OSC 52)', () => {
  it('reads a write', () => {
    expect(clipboardWriteOf(`c;${base64('copied ✓')}`)).toBe('copied ✓')
  })

  it('refuses a read request, a bad payload and an oversized one', () => {
    expect(clipboardWriteOf('c;?')).toBeNull()
    expect(clipboardWriteOf('c;%%%not-base64')).toBeNull()
    expect(clipboardWriteOf('no-separator')).toBeNull()
    expect(clipboardWriteOf(`c;${base64('x'.repeat(1024 * 1024 + 10))}`)).toBeNull()
  })
})
