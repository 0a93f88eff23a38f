import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { defaultSyncCriteria } from '../../../shared/models/sync'
import type { FolderComparison } from '../../../shared/models/compare'
import { identicalNames, insideCounts, markFolders, markText, summaryParts, withComparison, type CompareMarks } from './compare-marks'

const compareSummary = (marks: CompareMarks, showHidden: boolean) => summaryParts(marks, showHidden).join(' · ')

const t0 = Date.UTC(2026, 2, 29, 0, 30)
const file = (name: string, size: number, mtimeMs: number): FsEntry => ({ name, type: 'file', size, mtimeMs, mode: 0o100644, permissions: 'rw-r--r--' })
const folder = (name: string, mtimeMs = t0): FsEntry => ({ name, type: 'directory', size: 4096, mtimeMs, mode: 0o40755, permissions: 'rwxr-xr-x' })

const noneInside = { onlyLocal: 0, onlyRemote: 0, newerLocal: 0, newerRemote: 0, different: 0, same: 0, unreadable: 0 }

describe('marking two folders', () => {
  const local = [file('new.txt', 3, t0 + 120_000), file('old.txt', 3, t0), file('close.txt', 3, t0 + 1000), file('size.txt', 5, t0), file('mine.txt', 1, t0), file('Readme.md', 1, t0), folder('docs'), file('kind', 1, t0)]
  const remote = [file('new.txt', 3, t0), file('old.txt', 3, t0 + 120_000), file('close.txt', 3, t0), file('size.txt', 9, t0), file('theirs.txt', 1, t0), file('README.md', 1, t0), folder('docs', t0 + 600_000), folder('kind')]
  const marks = markFolders(local, remote, defaultSyncCriteria)
  const words = (side: CompareMarks) => Object.fromEntries([...side].map(([name, mark]) => [name, mark.state]))

  it('marks each side from its own view', () => {
    expect(words(marks.local)).toEqual({
      'new.txt': 'newer',
      'old.txt': 'older',
      'close.txt': 'same',
      'size.txt': 'different-size',
      'mine.txt': 'only-here',
      'Readme.md': 'only-here',
      docs: 'not-compared',
      kind: 'different-type',
    })
    expect(words(marks.remote)).toEqual({
      'new.txt': 'older',
      'old.txt': 'newer',
      'close.txt': 'same',
      'size.txt': 'different-size',
      'theirs.txt': 'only-here',
      'README.md': 'only-here',
      docs: 'not-compared',
      kind: 'different-type',
    })
  })

  it('takes the time tolerance it is given', () => {
    const strict = markFolders(local, remote, { ...defaultSyncCriteria, toleranceSeconds: 0 })
    expect(strict.local.get('close.txt')?.state).toBe('newer')
    expect(strict.remote.get('close.txt')?.state).toBe('older')
  })

  it('sums each side up, what differs first and states with none left out', () => {
    expect(compareSummary(marks.local, true)).toBe('2 only here · 1 newer · 1 older · 1 different size · 1 different type · 1 not compared · 1 same')
    expect(compareSummary(markFolders([file('a', 1, t0)], [file('a', 1, t0)], defaultSyncCriteria).local, true)).toBe('1 same')
    expect(summaryParts(new Map(), true)).toEqual([])
  })

  it('counts hidden names only when the pane shows them', () => {
    const hidden = markFolders([file('.env', 1, t0), file('a', 1, t0)], [file('a', 1, t0)], defaultSyncCriteria).local
    expect(compareSummary(hidden, true)).toBe('1 only here · 1 same')
    expect(compareSummary(hidden, false)).toBe('1 same')
  })

  it('hides identical entries only: a folder only once compared inside', () => {
    expect([...identicalNames(marks.local)]).toEqual(['close.txt'])
    const deep = withComparison(marks, { entries: [{ name: 'docs', where: 'both', state: 'same', inside: { ...noneInside, same: 4 } }], entriesCompared: 30, unhashedPairs: 0 })
    expect([...identicalNames(deep.local)].sort()).toEqual(['close.txt', 'docs'])
    expect([...identicalNames(deep.remote)].sort()).toEqual(['close.txt', 'docs'])
  })

})

describe('laying the deep comparison over the marks', () => {
  const local = [folder('src'), file('a.txt', 3, t0), file('mine.txt', 1, t0)]
  const remote = [folder('src'), file('a.txt', 3, t0), file('gone-since.txt', 1, t0)]
  const inside = { onlyLocal: 1, onlyRemote: 2, newerLocal: 3, newerRemote: 0, different: 1, same: 7, unreadable: 0 }
  const result: FolderComparison = {
    entries: [
      { name: 'src', where: 'both', state: 'different-inside', inside },
      { name: 'a.txt', where: 'both', state: 'newer' },
      { name: 'mine.txt', where: 'local', state: 'only-here' },
    ],
    entriesCompared: 40,
    unhashedPairs: 0,
  }
  const marks = withComparison(markFolders(local, remote, defaultSyncCriteria), result)

  it('says what differs inside a folder, from each side: here and there', () => {
    expect(marks.local.get('src')).toEqual({ state: 'different-inside', word: 'differs', counts: '3 newer, 1 only here, 2 only there, 1 different' })
    expect(markText(marks.local.get('src')!)).toBe('differs: 3 newer, 1 only here, 2 only there, 1 different')
    expect(marks.remote.get('src')).toEqual({ state: 'different-inside', word: 'differs', counts: '3 older, 2 only here, 1 only there, 1 different' })
    expect(insideCounts({ ...noneInside, unreadable: 2, newerRemote: 1200 }, 'local')).toBe('1,200 older, 2 unreadable')
  })

  it('turns newer and older round for the server side, and keeps one-level marks of names it did not see', () => {
    expect(marks.local.get('a.txt')?.word).toBe('newer')
    expect(marks.remote.get('a.txt')?.word).toBe('older')
    expect(marks.remote.get('gone-since.txt')?.word).toBe('only here')
    expect(compareSummary(marks.local, true)).toBe('1 only here · 1 newer · 1 different inside')
  })
})
