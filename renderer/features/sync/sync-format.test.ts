import { describe, expect, it } from 'vitest'
import type { SyncRow } from '../../../shared/models/sync'
import { checkedTallies, talliesText } from './sync-format'

const file = (size: number) => ({ type: 'file' as const, size, mtimeMs: 1 })
const rows: SyncRow[] = [
  { id: 0, action: 'upload', side: 'remote', path: 'a.txt', type: 'file', local: file(100), reason: 'only on this computer' },
  { id: 1, action: 'replace', side: 'remote', path: 'b.txt', type: 'file', local: file(40), remote: file(7), reason: 'newer on this computer' },
  { id: 2, action: 'delete', side: 'remote', path: 'old', type: 'directory', remote: { type: 'directory', size: 0, mtimeMs: 0 }, reason: 'only on the server' },
  { id: 3, action: 'download', side: 'local', path: 'c.txt', type: 'file', remote: file(5), reason: 'only on the server' },
  { id: 4, action: 'problem', side: 'remote', path: 'kind', type: 'file', local: file(1), remote: { type: 'directory', size: 0, mtimeMs: 0 }, reason: 'a file here, a folder there' },
]

describe('preview tallies', () => {
  it('count what Start will do: unchecked rows are out, bytes are the copy source size, problems always show', () => {
    const all = checkedTallies(rows, new Set())
    expect(all.upload).toEqual({ count: 1, bytes: 100 })
    expect(all.replace).toEqual({ count: 1, bytes: 40 })
    expect(all.download).toEqual({ count: 1, bytes: 5 })
    expect(all.delete).toEqual({ count: 1, bytes: 0 })
    const some = checkedTallies(rows, new Set([0, 2, 4]))
    expect(some.upload.count).toBe(0)
    expect(some.delete.count).toBe(0)
    expect(some.problem.count).toBe(1)
    expect(talliesText(some, 9)).toBe('1 download (5 B) · 1 replace (40 B) · 1 problem — 9 entries compared')
    expect(talliesText(checkedTallies([], new Set()), 4)).toBe('Nothing to do: the folders are in sync (4 entries compared).')
  })
})
