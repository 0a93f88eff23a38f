import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { defaultSyncCriteria } from '../../../shared/models/sync'
import { compareSummary, identicalNames, markFolders } from './compare-marks'

const t0 = Date.UTC(2026, 2, 29, 0, 30)
const file = (name: string, size: number, mtimeMs: number): FsEntry => ({ name, type: 'file', size, mtimeMs, mode: 0o100644, permissions: 'rw-r--r--' })
const folder = (name: string, mtimeMs = t0): FsEntry => ({ name, type: 'directory', size: 4096, mtimeMs, mode: 0o40755, permissions: 'rwxr-xr-x' })

describe('marking two folders', () => {
  const local = [file('new.txt', 3, t0 + 120_000), file('old.txt', 3, t0), file('close.txt', 3, t0 + 1000), file('size.txt', 5, t0), file('mine.txt', 1, t0), file('Readme.md', 1, t0), folder('docs'), file('kind', 1, t0)]
  const remote = [file('new.txt', 3, t0), file('old.txt', 3, t0 + 120_000), file('close.txt', 3, t0), file('size.txt', 9, t0), file('theirs.txt', 1, t0), file('README.md', 1, t0), folder('docs', t0 + 600_000), folder('kind')]
  const marks = markFolders(local, remote, defaultSyncCriteria)

  it('marks each side from its own view', () => {
    expect(Object.fromEntries(marks.local)).toEqual({
      'new.txt': 'newer',
      'old.txt': 'older',
      'close.txt': 'same',
      'size.txt': 'different-size',
      'mine.txt': 'only-here',
      'Readme.md': 'only-here',
      docs: 'same',
      kind: 'different-type',
    })
    expect(Object.fromEntries(marks.remote)).toEqual({
      'new.txt': 'older',
      'old.txt': 'newer',
      'close.txt': 'same',
      'size.txt': 'different-size',
      'theirs.txt': 'only-here',
      'README.md': 'only-here',
      docs: 'same',
      kind: 'different-type',
    })
  })

  it('takes the time tolerance it is given', () => {
    const strict = markFolders(local, remote, { ...defaultSyncCriteria, toleranceSeconds: 0 })
    expect(strict.local.get('close.txt')).toBe('newer')
    expect(strict.remote.get('close.txt')).toBe('older')
  })

  it('sums each side up, what differs first and states with none left out', () => {
    expect(compareSummary(marks.local, true)).toBe('2 only here · 1 newer · 1 older · 1 different size · 1 different type · 2 same')
    expect(compareSummary(markFolders([file('a', 1, t0)], [file('a', 1, t0)], defaultSyncCriteria).local, true)).toBe('1 same')
    expect(compareSummary(new Map(), true)).toBe('empty folder')
  })

  it('counts hidden names only when the pane shows them', () => {
    const hidden = markFolders([file('.env', 1, t0), file('a', 1, t0)], [file('a', 1, t0)], defaultSyncCriteria).local
    expect(compareSummary(hidden, true)).toBe('1 only here · 1 same')
    expect(compareSummary(hidden, false)).toBe('1 same')
  })

  it('hides identical entries only', () => {
    expect([...identicalNames(marks.local)].sort()).toEqual(['close.txt', 'docs'])
  })
})
