import { describe, expect, it } from 'vitest'
import type { SyncRow } from '../../../shared/models/sync'
import type { WatchId } from '../../../shared/models/ids'
import type { KeepUpToDateStatus } from '../../../shared/models/keep-up-to-date'
import { checkedTallies, keepStatusText, talliesText } from './sync-format'

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

const status: KeepUpToDateStatus = { watchId: 'w' as WatchId, localFolder: '/home/ann/site', remoteFolder: '/var/www', state: 'watching', lastAction: null, uploaded: 0, deleted: 0, pending: 0 }

describe('the Keep up to date status line', () => {
  it('says where it watches, the last action and the counts, the home folder as ~', () => {
    expect(keepStatusText(status, '/home/ann')).toBe('Watching ~/site → /var/www · 0 uploaded, 0 deleted')
    expect(keepStatusText({ ...status, lastAction: 'uploaded css/site.css', uploaded: 1200, deleted: 1 }, '/home/ann')).toBe('Watching ~/site → /var/www · last: uploaded css/site.css · 1,200 uploaded, 1 deleted')
    expect(keepStatusText(status, '/home/an')).toBe('Watching /home/ann/site → /var/www · 0 uploaded, 0 deleted')
  })

  it('says why it waits, and how many changes wait', () => {
    const offline = { ...status, state: 'offline', message: 'The connection is down.', pending: 3 } as const
    expect(keepStatusText(offline)).toBe('Waiting for the connection · /home/ann/site → /var/www · The connection is down. · 0 uploaded, 0 deleted, 3 waiting')
  })
})
