import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { nextSort, sortEntries } from './sort-entries'

const file = (name: string, size = 0, mtimeMs = 0): FsEntry => ({ name, type: 'file', size, mtimeMs, mode: 0, permissions: 'rw-r--r--' })
const dir = (name: string): FsEntry => ({ ...file(name), type: 'directory' })
const linkToDir = (name: string): FsEntry => ({ ...file(name), type: 'symlink', linkTargetType: 'directory' })

const entries = [file('b.txt', 2), file('a.txt', 4), file('.hidden'), file('line\nbreak.txt'), dir('zfolder'), dir('target'), linkToDir('link-to-folder')]
const names = (list: readonly FsEntry[]) => list.map((e) => e.name)

describe('sortEntries', () => {
  it('puts folders and links to folders first, by name', () => {
    expect(names(sortEntries(entries, { column: 'name', isDescending: false }, true))).toEqual([
      'link-to-folder', 'target', 'zfolder', '.hidden', 'a.txt', 'b.txt', 'line\nbreak.txt',
    ])
  })

  it('reverses each group but keeps folders first', () => {
    expect(names(sortEntries(entries, { column: 'name', isDescending: true }, true))).toEqual([
      'zfolder', 'target', 'link-to-folder', 'line\nbreak.txt', 'b.txt', 'a.txt', '.hidden',
    ])
  })

  it('compares numerically and case-insensitively', () => {
    const list = [file('file10'), file('File2'), file('file1')]
    expect(names(sortEntries(list, { column: 'name', isDescending: false }, true))).toEqual(['file1', 'File2', 'file10'])
  })

  it('drops dotfiles when hidden files are off', () => {
    expect(names(sortEntries(entries, { column: 'name', isDescending: false }, false))).not.toContain('.hidden')
  })

  it('sorts by size with name as tie-break', () => {
    const list = [file('b', 5), file('a', 5), file('c', 1)]
    expect(names(sortEntries(list, { column: 'size', isDescending: false }, true))).toEqual(['c', 'a', 'b'])
  })

  it('toggles direction on the same column and resets on another', () => {
    expect(nextSort({ column: 'name', isDescending: false }, 'name')).toEqual({ column: 'name', isDescending: true })
    expect(nextSort({ column: 'name', isDescending: true }, 'size')).toEqual({ column: 'size', isDescending: false })
  })

  it('orders 100,000 names completely', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => file(`f-${String((i * 7919) % 100_000).padStart(6, '0')}.dat`))
    const sorted = sortEntries(many, { column: 'name', isDescending: false }, true)
    expect(sorted).toHaveLength(100_000)
    expect(sorted[0]!.name).toBe('f-000000.dat')
    expect(sorted[99_999]!.name).toBe('f-099999.dat')
  })

  it('files accented names beside their plain letters', () => {
    const list = [file('zebra'), file('Éclair'), file('eagle'), file('apple')]
    expect(names(sortEntries(list, { column: 'name', isDescending: false }, true))).toEqual(['apple', 'eagle', 'Éclair', 'zebra'])
  })
})
