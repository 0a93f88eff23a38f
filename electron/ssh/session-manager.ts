import { randomUUID } from 'node:crypto'
import type { Emit } from '../../shared/ipc/messages'
import { SkiffError } from '../../shared/models/errors'
import type { SessionId } from '../../shared/models/ids'
import type { ConnectRequest, SessionInfo, SessionProfile } from '../../shared/models/session'
import type { FileSystem } from '../fs/file-system'
import { HostKeyChangedError, type HostKeyBook } from './host-verifier'
import { describeHostKey } from './host-key'
import type { PromptBroker } from './prompt-broker'
import type { Duplex } from 'node:stream'
import { openConnection, openHop, type ConnectOptions, type SshConnection, type SshHop } from './ssh-connection'

/** Which server a trusted-once key belongs to. */
function trustKey(server: Pick<ConnectRequest, 'host' | 'port'>): string {
  return `${server.host.toLowerCase()}:${server.port ?? 22}`
}

/** Pushes an event to every client (all windows, every browser tab). */
export type Broadcast = Emit

/** What the manager needs from its host. */
export interface SessionManagerOptions {
  /** known_hosts, with the replace a changed key needs once the person confirms it. */
  readonly book: HostKeyBook & { replace(host: string, port: number, blob: Buffer): Promise<void> }
  readonly prompts: PromptBroker
  readonly broadcast: Broadcast
  /** SSH_AUTH_SOCK (or `pageant`) when an agent is there to ask. */
  readonly agent?: string
  /** Overrides for tests: timeouts, keepalive. */
  readonly tuning?: Pick<ConnectOptions, 'timeoutMs' | 'keepaliveIntervalMs' | 'keepaliveCountMax' | 'opTimeoutMs'>
}

interface Session {
  readonly sessionId: SessionId
  /** Kept in this process only, to reconnect without asking again (a password typed when asked included). */
  request: ConnectRequest
  readonly profile?: SessionProfile
  info: SessionInfo
  connection?: SshConnection
  reconnecting?: Promise<SessionInfo>
}

/** Who asks, and the signal of their request. */
export interface Caller {
  readonly emit: Emit
  readonly signal: AbortSignal
}

/**
 * Every SSH session this process holds: opens, reconnects and closes them, tells every
 * client when one changes, and hands out each session's file system. Later the transfer
 * queue and terminals hang off the same sessions.
 */
export class SessionManager {
  private readonly sessions = new Map<SessionId, Session>()
  /**
   * Keys trusted "once" (not saved), by `host:port`: trusted for the rest of this run, so a
   * reconnect, a second tab or a jump through the same host does not ask again. Gone when Skiff quits.
   */
  private readonly trustedOnce = new Map<string, Buffer>()
  /** The keys servers offered that did not match the trusted ones, by `host:port`, for a confirmed replace. */
  private readonly changedKeys = new Map<string, { readonly blob: Buffer; readonly isTrustedOnce: boolean }>()

  constructor(private readonly options: SessionManagerOptions) {}

  /** Opens a new session (from a saved `profile`, when given); it exists (and is listed) only once it is connected. */
  async connect(request: ConnectRequest, caller: Caller, profile?: SessionProfile): Promise<SessionInfo> {
    const sessionId = randomUUID() as SessionId
    const session: Session = { sessionId, request, ...(profile ? { profile } : {}), info: this.baseInfo(sessionId, request, 'connecting', profile) }
    await this.open(session, caller)
    this.sessions.set(sessionId, session)
    this.options.broadcast('session.changed', session.info)
    return session.info
  }

  /** Re-opens a dropped session with the credentials it was opened with. */
  async reconnect(sessionId: SessionId, caller: Caller): Promise<SessionInfo> {
    const session = this.get(sessionId)
    if (session.info.state === 'connected') return session.info
    session.reconnecting ??= this.reopen(session, caller).finally(() => (session.reconnecting = undefined))
    return session.reconnecting
  }

  /** Closes a session and forgets its credentials; closing an unknown one is a no-op. */
  disconnect(sessionId: SessionId): void {
    const session = this.sessions.get(sessionId)
    if (!session) return
    this.sessions.delete(sessionId)
    session.connection?.end()
    this.options.broadcast('session.closed', { sessionId })
  }

  /** Every session, in opening order. */
  list(): SessionInfo[] {
    return [...this.sessions.values()].map((session) => session.info)
  }

  /** The session's remote file system; DISCONNECTED while it is down. */
  fsOf(sessionId: SessionId): FileSystem {
    return this.connectionOf(sessionId).fs
  }

  /** The session's live connection (to open more channels on it); DISCONNECTED while it is down. */
  connectionOf(sessionId: SessionId): SshConnection {
    const session = this.get(sessionId)
    if (!session.connection || session.info.state !== 'connected') {
      throw new SkiffError('DISCONNECTED', `Not connected to ${session.info.host}. Press Reconnect to open the session again.`)
    }
    return session.connection
  }

  /** What a person calls the session: `user@host`. */
  labelOf(sessionId: SessionId): string {
    const { info } = this.get(sessionId)
    return `${info.username}@${info.host}`
  }

  /**
   * `Remove old key and trust the new one`, after the person compared both fingerprints: the key
   * `host`:`port` offered in its refused connection replaces the trusted one (in known_hosts, or
   * for the rest of the run when the old one was trusted once). Only that very key (its
   * fingerprint must be the one shown), and only one seen in this run.
   */
  async replaceHostKey(host: string, port: number, fingerprint: string): Promise<void> {
    const key = trustKey({ host, port })
    const offered = this.changedKeys.get(key)
    if (!offered || describeHostKey(offered.blob).fingerprint !== fingerprint) {
      throw new SkiffError('NOT_FOUND', `Skiff has no changed key ${fingerprint} from ${host}:${port} to trust. Connect again to see the key the server offers now.`)
    }
    // A key that was only trusted once is replaced the same way: for the rest of this run.
    if (offered.isTrustedOnce) this.trustedOnce.set(key, offered.blob)
    else await this.options.book.replace(host, port, offered.blob)
    this.changedKeys.delete(key)
  }

  /** Closes everything (the app is quitting). */
  closeAll(): void {
    for (const sessionId of [...this.sessions.keys()]) this.disconnect(sessionId)
  }

  private get(sessionId: SessionId): Session {
    const session = this.sessions.get(sessionId)
    if (!session) throw new SkiffError('NOT_FOUND', 'That session is closed.')
    return session
  }

  private async reopen(session: Session, caller: Caller): Promise<SessionInfo> {
    session.info = { ...session.info, state: 'connecting', reason: undefined }
    this.options.broadcast('session.changed', session.info)
    try {
      await this.open(session, caller)
    } catch (error) {
      const reason = error instanceof SkiffError ? error.message : 'Reconnecting failed.'
      session.info = { ...session.info, state: 'disconnected', reason }
      if (this.sessions.has(session.sessionId)) this.options.broadcast('session.changed', session.info)
      throw error
    }
    if (this.sessions.has(session.sessionId)) this.options.broadcast('session.changed', session.info)
    else session.connection?.end()
    return session.info
  }

  private rememberTrust(server: Pick<ConnectRequest, 'host' | 'port'>, hostKey: SshConnection['hostKey']): void {
    if (!hostKey.isSaved) this.trustedOnce.set(trustKey(server), hostKey.blob)
  }

  /** What openConnection (or openHop) needs for one server of a request. */
  private optionsFor(request: Omit<ConnectRequest, 'jumps'>, caller: Caller): ConnectOptions {
    const useAgent = request.useAgent ?? this.options.agent !== undefined
    return {
      ...this.options.tuning,
      ...(request.keepaliveSeconds ? { keepaliveIntervalMs: request.keepaliveSeconds * 1000 } : {}),
      host: request.host,
      port: request.port ?? 22,
      username: request.username,
      password: request.password,
      privateKeyPath: request.privateKeyPath,
      passphrase: request.passphrase,
      agent: useAgent ? this.options.agent : undefined,
      isKeyboardInteractiveAllowed: request.tryKeyboardInteractive ?? true,
      book: this.options.book,
      ask: this.options.prompts.askVia(caller.emit),
      signal: caller.signal,
      trustedOnce: this.trustedOnce.get(trustKey(request)),
    }
  }

  private async open(session: Session, caller: Caller): Promise<void> {
    const { request } = session
    // Each jump host is verified and logged into like a direct connection; the next server is
    // reached through a stream it opens (direct-tcpip), so nothing but SSH leaves this machine.
    const hops: SshHop[] = []
    let connection: SshConnection
    try {
      let sock: Duplex | undefined
      const jumps = request.jumps ?? []
      for (const [index, jump] of jumps.entries()) {
        const hop = await openHop({ ...this.optionsFor(jump, caller), ...(sock ? { sock } : {}) })
        hops.push(hop)
        this.rememberTrust(jump, hop.hostKey)
        const next = jumps[index + 1] ?? request
        sock = await hop.forward(next.host, next.port ?? 22)
      }
      connection = await openConnection({ ...this.optionsFor(request, caller), ...(sock ? { sock } : {}) })
    } catch (error) {
      for (const hop of hops.reverse()) hop.end()
      if (error instanceof HostKeyChangedError && error.hostKeyChange) {
        this.changedKeys.set(trustKey(error.hostKeyChange), { blob: error.offeredKey, isTrustedOnce: error.hostKeyChange.isTrustedOnce })
      }
      throw error
    }
    // The session's connection takes its hops along when it goes, whichever way it goes.
    connection.closed.addEventListener('abort', () => hops.forEach((hop) => hop.end()), { once: true })
    session.connection = connection
    if (connection.typedPassword !== undefined) session.request = { ...request, password: connection.typedPassword }
    this.rememberTrust(request, connection.hostKey)
    session.info = {
      ...this.baseInfo(session.sessionId, request, 'connected', session.profile),
      cipher: connection.cipher,
      serverIdent: connection.serverIdent,
      hostKey: connection.hostKey.info,
      homePath: connection.homePath,
    }
    connection.closed.addEventListener('abort', () => this.onDropped(session, connection), { once: true })
    // A drop between the SFTP start and this line has already fired; report it once the caller has the session.
    if (connection.closed.aborted) queueMicrotask(() => this.onDropped(session, connection))
  }

  private onDropped(session: Session, connection: SshConnection): void {
    if (session.connection !== connection || !this.sessions.has(session.sessionId)) return
    session.connection = undefined
    const reason = typeof connection.closed.reason === 'string' ? connection.closed.reason : 'The connection closed.'
    session.info = { ...session.info, state: 'disconnected', reason }
    this.options.broadcast('session.changed', session.info)
  }

  private baseInfo(sessionId: SessionId, request: ConnectRequest, state: SessionInfo['state'], profile?: SessionProfile): SessionInfo {
    const via = (request.jumps ?? []).map((jump) => `${jump.username}@${jump.host}:${jump.port ?? 22}`)
    return { sessionId, host: request.host, port: request.port ?? 22, username: request.username, state, ...(via.length > 0 ? { via } : {}), ...(profile ? { profile } : {}) }
  }
}
