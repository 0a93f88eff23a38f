import { describe, expect, it } from 'vitest'
import { nameSortKey } from './name-key'

const ordered = (names: string[]) => [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : nameSortKey(a) > nameSortKey(b) ? 1 : 0))

describe('nameSortKey', () => {
  it('orders numbers by value, leading zeros aside', () => {
    expect(ordered(['v10', 'v9', 'v100', 'v09b', 'v1'])).toEqual(['v1', 'v9', 'v09b', 'v10', 'v100'])
  })

  it('ignores case and accents', () => {
    expect(nameSortKey('Résumé.PDF')).toBe(nameSortKey('resume.pdf'))
  })

  it('puts digits before letters and keeps punctuation before both', () => {
    expect(ordered(['b', '2', 'a', '.x', '-y'])).toEqual(['-y', '.x', '2', 'a', 'b'])
  })

  it('copes with very long digit runs and odd characters', () => {
    const long = '9'.repeat(150)
    expect(nameSortKey(long)).toContain('99')
    expect(nameSortKey('line\nbreak')).toBe('line\nbreak')
  })
})
