import { describe, expect, it } from 'vitest'
import { displayName, isPlainName, nameParts } from './display-name'

describe('display names', () => {
  it('keeps ordinary names exactly, unicode included', () => {
    expect(displayName('Grüße — 日本語 ✓.txt')).toBe('Grüße — 日本語 ✓.txt')
    expect(displayName('back\\slash "quoted" <b>')).toBe('back\\slash "quoted" <b>')
    expect(isPlainName('notes from home.txt')).toBe(true)
  })

  it('shows newlines, tabs and other controls as escapes', () => {
    expect(displayName('line\nbreak.txt')).toBe('line\\nbreak.txt')
    expect(displayName('a\tb\rc')).toBe('a\\tb\\rc')
    expect(displayName('bell\x07')).toBe('bell\\x07')
    expect(displayName('del\x7f')).toBe('del\\x7f')
  })

  it('defuses bidi overrides that could disguise an extension', () => {
    expect(displayName('invoice\u202Etxt.exe')).toBe('invoice\\u202etxt.exe')
  })

  it('marks which runs are escapes', () => {
    expect(nameParts('a\nb')).toEqual([
      { text: 'a', isEscape: false },
      { text: '\\n', isEscape: true },
      { text: 'b', isEscape: false },
    ])
    expect(nameParts('\n\n')).toHaveLength(2)
  })
})
