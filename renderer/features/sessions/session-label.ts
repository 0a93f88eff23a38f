import type { SessionInfo } from '../../../shared/models/session'

/** `user@host`, as a tab shows it. */
export function sessionTitle(session: SessionInfo): string {
  return `${session.username}@${session.host}`
}

/** `user@host:port`, as the status bar shows it. */
export function sessionAddress(session: SessionInfo): string {
  return `${session.username}@${session.host}:${session.port}`
}

const stateWords = { connecting: 'Connecting', connected: 'Connected', disconnected: 'Disconnected' } as const

/** The state word a person reads: `Connected`, `Connecting`, `Disconnected`. */
export function stateWord(session: SessionInfo): string {
  return stateWords[session.state]
}

/** The status bar line, e.g. `Connected · alice@example.org:22 · aes128-gcm@openssh.com`. */
export function statusLine(session: SessionInfo | undefined): string {
  if (!session) return 'Not connected'
  const parts = [stateWord(session), sessionAddress(session)]
  if (session.via?.length) parts.push(`via ${session.via.join(' → ')}`)
  if (session.state === 'disconnected') {
    if (session.reason) parts.push(session.reason)
  } else if (session.cipher) {
    parts.push(session.cipher)
  }
  return parts.join(' · ')
}
