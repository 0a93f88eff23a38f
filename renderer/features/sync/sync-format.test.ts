import { describe, expect, it } from 'vitest'
import type { WatchId } from '../../../shared/models/ids'
import type { KeepUpToDateStatus } from '../../../shared/models/keep-up-to-date'
import { keepStatusText } from './sync-format'

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
