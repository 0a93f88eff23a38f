import { describe, expect, it } from 'vitest'
import type { ProfileId, SessionId } from '../../../shared/models/ids'
import type { SessionInfo } from '../../../shared/models/session'
import { distinctNames, sessionTitle, statusLine } from './session-label'

const session: SessionInfo = {
  sessionId: 's1' as SessionId,
  host: 'example.org',
  port: 22,
  username: 'alice',
  state: 'connected',
  cipher: 'aes128-gcm@openssh.com',
}

describe('session labels', () => {
  it('names a tab after its profile, else user@host', () => {
    expect(sessionTitle(session)).toBe('alice@example.org')
    expect(sessionTitle({ ...session, profile: { profileId: 'p1' as ProfileId, name: 'web1', color: 'green' } })).toBe('web1')
  })

  it('numbers tabs that would read the same', () => {
    expect(distinctNames(['web1', 'db', 'web1', 'web1', 'db'])).toEqual(['web1', 'db', 'web1 (2)', 'web1 (3)', 'db (2)'])
    expect(distinctNames(['❯ web1', '❯ web1'], (count) => ` #${count}`)).toEqual(['❯ web1', '❯ web1 #2'])
  })

  it('writes the status line', () => {
    expect(statusLine(session)).toBe('Connected · alice@example.org:22 · aes128-gcm@openssh.com')
    expect(statusLine({ ...session, state: 'disconnected', reason: 'Connection reset.' })).toBe(
      'Disconnected · alice@example.org:22 · Connection reset.',
    )
    expect(statusLine(undefined)).toBe('Not connected')
  })
})
