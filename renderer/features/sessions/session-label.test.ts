import { describe, expect, it } from 'vitest'
import type { SessionId } from '../../../shared/models/ids'
import type { SessionInfo } from '../../../shared/models/session'
import { sessionTitle, statusLine } from './session-label'

const session: SessionInfo = {
  sessionId: 's1' as SessionId,
  host: 'example.org',
  port: 22,
  username: 'alice',
  state: 'connected',
  cipher: 'aes128-gcm@openssh.com',
}

describe('session labels', () => {
  it('names a tab user@host', () => {
    expect(sessionTitle(session)).toBe('alice@example.org')
  })

  it('writes the status line', () => {
    expect(statusLine(session)).toBe('Connected · alice@example.org:22 · aes128-gcm@openssh.com')
    expect(statusLine({ ...session, state: 'disconnected', reason: 'Connection reset.' })).toBe(
      'Disconnected · alice@example.org:22 · Connection reset.',
    )
    expect(statusLine(undefined)).toBe('Not connected')
  })
})
