import type { SessionInfo } from '../../../shared/models/session'

/** What a session's tab is called: the name of the profile it was opened from, else `user@host`. */
export function sessionTitle(session: SessionInfo): string {
  return session.profile?.name || `${session.username}@${session.host}`
}

/**
 * `names` in order, each one that reads like an earlier one numbered: `web1`, `web1 (2)`,
 * `web1 (3)` (sessions), or with `number` given, `❯ web1`, `❯ web1 #2` (terminals).
 */
export function distinctNames(names: readonly string[], number: (count: number) => string = (count) => ` (${count})`): string[] {
  const seen = new Map<string, number>()
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1
    seen.set(name, count)
    return count === 1 ? name : `${name}${number(count)}`
  })
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
export function statusLine(session: SessionInfo | undefined, openCount = 0): string {
  if (!session) return openCount === 0 ? 'Not connected' : `${openCount} ${openCount === 1 ? 'connection' : 'connections'} open`
  const parts = [stateWord(session), sessionAddress(session)]
  if (session.via?.length) parts.push(`via ${session.via.join(' → ')}`)
  if (session.state === 'disconnected') {
    if (session.reason) parts.push(session.reason)
  } else if (session.cipher) {
    parts.push(session.cipher)
  }
  return parts.join(' · ')
}
