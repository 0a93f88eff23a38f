import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { emptyTypeAhead, isTypeAheadKey, typeAheadMatch, typeAheadStep } from './type-ahead'

const rows = ['alpha', 'beta', 'zeta.txt', 'Zulu.txt', 'zz'].map((name): FsEntry => ({ name, type: 'file', size: 0, mtimeMs: 0, mode: 0, permissions: '' }))

describe('type-ahead', () => {
  it('builds a buffer from quick keystrokes and resets after a pause', () => {
    const first = typeAheadStep(emptyTypeAhead, 'Z', 10_000)
    const second = typeAheadStep(first, 'u', 10_300)
    expect(second.buffer).toBe('zu')
    expect(typeAheadStep(second, 'b', 12_000).buffer).toBe('b')
  })

  it('jumps to the first name with the prefix, case-insensitively', () => {
    expect(typeAheadMatch(rows, 'zu', 0)).toBe(3)
    expect(typeAheadMatch(rows, 'z', 4)).toBe(2)
    expect(typeAheadMatch(rows, 'q', 0)).toBe(-1)
  })

  it('cycles through names when the same letter is pressed again', () => {
    expect(typeAheadMatch(rows, 'zz', 2)).toBe(3)
    expect(typeAheadMatch(rows, 'zzz', 4)).toBe(2)
  })

  it('only takes plain printable keys', () => {
    expect(isTypeAheadKey({ key: 'a', ctrlKey: false, altKey: false, metaKey: false })).toBe(true)
    expect(isTypeAheadKey({ key: 'a', ctrlKey: true, altKey: false, metaKey: false })).toBe(false)
    expect(isTypeAheadKey({ key: 'Enter', ctrlKey: false, altKey: false, metaKey: false })).toBe(false)
  })
})
