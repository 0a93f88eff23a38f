import { describe, expect, it } from 'vitest'
import { finalNameOf, isPartName, partNameOf } from './part-name'
import { nameProblem } from './remote-name'
import { utf8Length } from './utf8-bytes'

describe('part names', () => {
  it('writes a file under its name plus .skiffpart, and finds the name again', () => {
    expect(partNameOf('report.pdf')).toBe('report.pdf.skiffpart')
    expect(isPartName('report.pdf.skiffpart')).toBe(true)
    expect(finalNameOf('report.pdf.skiffpart')).toBe('report.pdf')
  })

  it('does not take ordinary names for part names', () => {
    expect(isPartName('report.pdf')).toBe(false)
    expect(isPartName('.skiffpart')).toBe(false)
    expect(isPartName('skiffpart')).toBe(false)
    expect(finalNameOf('report.pdf')).toBeNull()
    expect(finalNameOf('.skiffpart')).toBeNull()
  })

  it('keeps the suffix as is for a name that just fits', () => {
    const name = 'x'.repeat(245)
    expect(partNameOf(name)).toBe(name + '.skiffpart')
    expect(utf8Length(partNameOf(name))).toBe(255)
  })

  it('shortens the stem of a long name so the part name stays within 255 bytes', () => {
    for (const name of ['x'.repeat(255), 'é'.repeat(127), '😀'.repeat(63), 'x'.repeat(246)]) {
      const part = partNameOf(name)
      expect(utf8Length(part), name).toBeLessThanOrEqual(255)
      expect(isPartName(part)).toBe(true)
      expect(nameProblem(part)).toBeNull()
      expect(part.startsWith(name.slice(0, 100))).toBe(true)
    }
  })

  it('gives a long name the same part name every time, and different long names different ones', () => {
    const shared = 'y'.repeat(240)
    expect(partNameOf(shared + 'aaaaaaaaaaaaaaa')).toBe(partNameOf(shared + 'aaaaaaaaaaaaaaa'))
    expect(partNameOf(shared + 'aaaaaaaaaaaaaaa')).not.toBe(partNameOf(shared + 'bbbbbbbbbbbbbbb'))
  })

  it('never splits a character when shortening', () => {
    const part = partNameOf('😀'.repeat(63))
    expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(part).toMatch(/^(😀)+~[0-9a-f]{16}\.skiffpart$/)
  })
})
