import { describe, expect, it } from 'vitest'
import { ContiguousMark } from './contiguous-mark'

describe('ContiguousMark', () => {
  it('moves only over a gap-free prefix', () => {
    const mark = new ContiguousMark(0)
    expect(mark.add(10, 20)).toBe(0)
    expect(mark.add(20, 30)).toBe(0)
    expect(mark.value).toBe(0)
    expect(mark.add(0, 10)).toBe(30)
    expect(mark.value).toBe(30)
  })

  it('starts at a resume offset and ignores empty ranges', () => {
    const mark = new ContiguousMark(100)
    expect(mark.add(100, 100)).toBe(0)
    expect(mark.add(100, 150)).toBe(50)
    expect(mark.value).toBe(150)
  })

  it('handles a range split by a short read', () => {
    const mark = new ContiguousMark(0)
    mark.add(0, 4)
    mark.add(8, 16)
    mark.add(4, 8)
    expect(mark.value).toBe(16)
  })
})
