import type { SessionInfo } from '../../../shared/models/session'

/** A server as a person names it, `user@host:port`: the same across reloads, reconnects and restarts, unlike a session id. */
export function serverKey(session: Pick<SessionInfo, 'username' | 'host' | 'port'>): string {
  return `${session.username}@${session.host}:${session.port}`
}

/** Where a session's remote pane keeps its history: per saved profile when it came from one, else per server. */
export function remoteHistoryKey(session: SessionInfo): string {
  return session.profile ? `remote:profile:${session.profile.profileId}` : `remote:${serverKey(session)}`
}
