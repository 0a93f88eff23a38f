import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FindEnded, FindProgress, FoundEntry } from '../../shared/models/find'
import type { FindId } from '../../shared/models/ids'
import { FindReport } from './find-report'

const entry = (i: number): FoundEntry => ({ path: `/srv/f${i}.log`, name: `f${i}.log`, folder: '/srv', type: 'file', size: i, mtimeMs: 0 })

describe('FindReport', () => {
  let reports: FindProgress[]
  let ended: FindEnded[]
  const emit = { found: (progress: FindProgress) => reports.push(progress), ended: (end: FindEnded) => ended.push(end) }

  beforeEach(() => {
    vi.useFakeTimers()
    reports = []
    ended = []
  })
  afterEach(() => vi.useRealTimers())

  it('sends the first result at once, then at most ten reports a second, every result in one of them', () => {
    const report = new FindReport('f' as FindId, emit, 1000, () => undefined)
    report.found(entry(0))
    vi.advanceTimersByTime(0)
    expect(reports).toHaveLength(1)
    // 500 results over two seconds, one every 4 ms.
    for (let i = 1; i <= 500; i++) {
      report.found(entry(i))
      vi.advanceTimersByTime(4)
    }
    report.end('done')
    expect(reports.length).toBeLessThanOrEqual(1 + 2000 / 100 + 1)
    expect(reports.flatMap((each) => each.entries)).toHaveLength(501)
    expect(reports.at(-1)?.count).toBe(501)
    expect(ended).toEqual([{ findId: 'f', state: 'done', count: 501, isTruncated: false, unreadable: 0 }])
  })

  it('tells the folder being searched even when nothing is found there', () => {
    const report = new FindReport('f' as FindId, emit, 1000, () => undefined)
    report.folder('/srv/a')
    vi.advanceTimersByTime(100)
    expect(reports).toEqual([{ findId: 'f', entries: [], folder: '/srv/a', count: 0 }])
  })

  it('stops the search at the limit and says it was cut short; nothing is sent after the end', () => {
    const stop = vi.fn()
    const report = new FindReport('f' as FindId, emit, 3, stop)
    for (let i = 0; i < 5; i++) report.found(entry(i))
    expect(stop).toHaveBeenCalledTimes(1)
    report.unreadable()
    report.end('done')
    report.found(entry(9))
    report.end('failed')
    vi.advanceTimersByTime(1000)
    expect(reports.flatMap((each) => each.entries)).toHaveLength(3)
    expect(ended).toEqual([{ findId: 'f', state: 'done', count: 3, isTruncated: true, unreadable: 1 }])
  })
})
