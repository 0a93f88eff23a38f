import { describe, expect, it } from 'vitest'
import { truncateUtf8, utf8Length } from './utf8-bytes'

describe('UTF-8 byte counting', () => {
  it('counts bytes, not UTF-16 units', () => {
    expect(utf8Length('abc')).toBe(3)
    expect(utf8Length('é')).toBe(2)
    expect(utf8Length('日本')).toBe(6)
    expect(utf8Length('😀')).toBe(4)
  })

  it('cuts only between code points', () => {
    expect(truncateUtf8('aé', 2)).toBe('a')
    expect(truncateUtf8('a😀b', 4)).toBe('a')
    expect(truncateUtf8('a😀b', 5)).toBe('a😀')
    expect(truncateUtf8('short', 100)).toBe('short')
    expect(truncateUtf8('abc', 0)).toBe('')
  })
})
