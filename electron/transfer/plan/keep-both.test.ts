import { describe, expect, it } from 'vitest'
import { isSkiffError } from '../../../shared/models/errors'
import { keepBothName } from './keep-both'
import { utf8Length } from './utf8-bytes'

const nothingTaken = () => false

describe('keep both names', () => {
  it('puts the counter before the last extension', () => {
    expect(keepBothName('report.pdf', nothingTaken)).toBe('report (1).pdf')
    expect(keepBothName('my.holiday.photo.jpg', nothingTaken)).toBe('my.holiday.photo (1).jpg')
  })

  it('keeps .tar.gz, .tar.bz2, .tar.xz and .tar.zst whole', () => {
    expect(keepBothName('backup.tar.gz', nothingTaken)).toBe('backup (1).tar.gz')
    expect(keepBothName('backup.tar.bz2', nothingTaken)).toBe('backup (1).tar.bz2')
    expect(keepBothName('backup.TAR.XZ', nothingTaken)).toBe('backup (1).TAR.XZ')
    expect(keepBothName('backup.tar.zst', nothingTaken)).toBe('backup (1).tar.zst')
    expect(keepBothName('backup.tar', nothingTaken)).toBe('backup (1).tar')
  })

  it('counts after the whole name for dotfiles and names without an extension', () => {
    expect(keepBothName('.bashrc', nothingTaken)).toBe('.bashrc (1)')
    expect(keepBothName('Makefile', nothingTaken)).toBe('Makefile (1)')
    expect(keepBothName('notes.', nothingTaken)).toBe('notes. (1)')
    expect(keepBothName('.eslintrc.json', nothingTaken)).toBe('.eslintrc (1).json')
  })

  it('takes the first number that is free', () => {
    const taken = new Set(['report (1).pdf', 'report (2).pdf'])
    expect(keepBothName('report.pdf', (candidate) => taken.has(candidate))).toBe('report (3).pdf')
  })

  it('continues the count of a name that already has one', () => {
    expect(keepBothName('report (2).pdf', nothingTaken)).toBe('report (3).pdf')
    expect(keepBothName('.bashrc (9)', nothingTaken)).toBe('.bashrc (10)')
    expect(keepBothName('(2).pdf', nothingTaken)).toBe('(2) (1).pdf')
  })

  it('stays within 255 bytes for a long name', () => {
    const name = 'é'.repeat(125) + '.txt'
    const result = keepBothName(name, nothingTaken)
    expect(utf8Length(result)).toBeLessThanOrEqual(255)
    expect(result.endsWith(' (1).txt')).toBe(true)
  })

  it('gives up with EXISTS after 10,000 taken names', () => {
    let asked = 0
    let caught: unknown
    try {
      keepBothName('report.pdf', () => {
        asked++
        return true
      })
    } catch (error) {
      caught = error
    }
    expect(asked).toBe(10_000)
    expect(isSkiffError(caught) && caught.code).toBe('EXISTS')
  })
})
