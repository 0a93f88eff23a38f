import { describe, expect, it } from 'vitest'
import { cursorTarget } from './grid-keys'

describe('cursorTarget', () => {
  it('moves within bounds', () => {
    expect(cursorTarget('ArrowDown', 3, 10, 5)).toBe(4)
    expect(cursorTarget('ArrowDown', 9, 10, 5)).toBe(9)
    expect(cursorTarget('ArrowUp', 0, 10, 5)).toBe(0)
    expect(cursorTarget('ArrowDown', -1, 10, 5)).toBe(0)
  })

  it('jumps by page and to the ends', () => {
    expect(cursorTarget('PageDown', 3, 10, 5)).toBe(8)
    expect(cursorTarget('PageDown', 8, 10, 5)).toBe(9)
    expect(cursorTarget('PageUp', 3, 10, 5)).toBe(0)
    expect(cursorTarget('Home', 7, 10, 5)).toBe(0)
    expect(cursorTarget('End', 0, 10, 5)).toBe(9)
  })

  it('ignores other keys and empty grids', () => {
    expect(cursorTarget('Enter', 0, 10, 5)).toBeNull()
    expect(cursorTarget('ArrowDown', 0, 0, 5)).toBeNull()
  })
})
