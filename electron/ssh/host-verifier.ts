import { SkiffError, type HostKeyChange } from '../../shared/models/errors'
import type { HostKeyInfo } from '../../shared/models/session'
import { describeHostKey } from './host-key'
import type { Ask } from './prompt-broker'

/** What Skiff knows of host keys: the known_hosts files (see known-hosts.ts). */
export interface HostKeyBook {
  check(
    host: string,
    port: number,
    blob: Buffer,
  ): Promise<
    | { status: 'known' | 'revoked' | 'unknown' }
    | { status: 'changed'; knownTypes: readonly string[]; knownKeys: readonly Buffer[] }
    | { status: 'other-type'; knownTypes: readonly string[] }
  >
  trust(host: string, port: number, blob: Buffer): Promise<void>
}

/** A HOST_KEY_CHANGED refusal, with the offered key kept (in this process only) for a confirmed replace. */
export class HostKeyChangedError extends SkiffError {
  constructor(
    message: string,
    hostKeyChange: HostKeyChange,
    readonly offeredKey: Buffer,
  ) {
    super('HOST_KEY_CHANGED', message, { hostKeyChange })
  }
}

/** Inputs of one connection's verifier. */
export interface HostVerifierOptions {
  readonly book: HostKeyBook
  readonly host: string
  readonly port: number
  readonly ask: Ask
  readonly signal: AbortSignal
  /** A key the person trusted once for this session: a reconnect accepts it again without asking. */
  readonly trustedOnce?: Buffer
}

/** The verifier ssh2 calls, plus what it decided. */
export interface HostVerifier {
  /** For ssh2's `hostVerifier`; called on the first key exchange and again on every rekey. */
  readonly verify: (key: Buffer, done: (isTrusted: boolean) => void) => void
  /** Why the key was refused, when it was. */
  readonly failure: () => SkiffError | undefined
  /** The key the session is pinned to, once the first exchange passed. */
  readonly pinned: () => { readonly blob: Buffer; readonly info: HostKeyInfo; readonly isSaved: boolean } | undefined
}

function where(host: string, port: number): string {
  return port === 22 ? host : `${host}:${port}`
}

/**
 * Verifies a server's key before any credential is sent, the way OpenSSH does: known keys
 * pass, a changed or revoked key is refused, an unknown one is put to the person. The first
 * key is pinned: a rekey that offers another key ends the session.
 */
export function createHostVerifier(options: HostVerifierOptions): HostVerifier {
  let failure: SkiffError | undefined
  let pinned: { blob: Buffer; info: HostKeyInfo; isSaved: boolean } | undefined

  const decide = async (blob: Buffer): Promise<boolean> => {
    const info = describeHostKey(blob)
    if (pinned) {
      if (pinned.blob.equals(blob)) return true
      failure = new SkiffError('HOST_KEY_CHANGED', `The server at ${where(options.host, options.port)} offered a different host key (${info.type} ${info.fingerprint}) in the middle of the session.`)
      return false
    }
    const isSaved = await admit(blob, info)
    if (isSaved !== null) pinned = { blob, info, isSaved }
    return isSaved !== null
  }

  // Returns whether the key is saved in known_hosts, or null when it is refused.
  const admit = async (blob: Buffer, info: HostKeyInfo): Promise<boolean | null> => {
    const { host, port, book } = options
    const known = await book.check(host, port, blob)
    const shown = `${info.type} key ${info.fingerprint}`
    switch (known.status) {
      case 'known':
        return true
      case 'revoked':
        failure = new SkiffError('HOST_KEY_REVOKED', `The server at ${where(host, port)} offered the ${shown}, which is marked @revoked in known_hosts.`)
        return null
      case 'changed': {
        const change = { host, port, offered: info, known: known.knownKeys.map(describeHostKey), isTrustedOnce: false }
        failure = new HostKeyChangedError(`The host key for ${where(host, port)} has changed. The server now offers the ${shown}, which does not match the key you trusted.`, change, blob)
        return null
      }
    }
    if (options.trustedOnce) {
      if (options.trustedOnce.equals(blob)) return false
      // Another key was trusted once for this server in this run: a new one is a change, not a first contact.
      const change = { host, port, offered: info, known: [describeHostKey(options.trustedOnce)], isTrustedOnce: true }
      failure = new HostKeyChangedError(`The host key for ${where(host, port)} has changed since you trusted it once in this run of Skiff. The server now offers the ${shown}.`, change, blob)
      return null
    }
    const knownTypes = known.status === 'other-type' ? known.knownTypes : []
    const answer = await options.ask({ kind: 'host-key', host, port, key: info, knownAs: known.status, knownTypes }, options.signal)
    const decision = answer.kind === 'host-key' ? answer.decision : 'reject'
    if (decision === 'reject') {
      failure = new SkiffError('CANCELLED', `You did not trust the host key of ${where(host, port)}.`)
      return null
    }
    return decision === 'trust-save' ? save(blob) : false
  }

  // The person trusted the key: a known_hosts that cannot be written does not undo that
  // (OpenSSH only warns, too); the key is trusted for this session and the failure logged.
  const save = async (blob: Buffer): Promise<boolean> => {
    try {
      await options.book.trust(options.host, options.port, blob)
      return true
    } catch (error) {
      console.error(`Could not save the host key of ${where(options.host, options.port)} to known_hosts:`, error)
      return false
    }
  }

  return {
    verify(key, done) {
      decide(key).then(done, (error: unknown) => {
        if (!(error instanceof SkiffError)) console.error('Host key check failed:', error)
        failure = error instanceof SkiffError ? error : new SkiffError('INTERNAL', 'Skiff could not check the host key.', { cause: error })
        done(false)
      })
    },
    failure: () => failure,
    pinned: () => pinned,
  }
}
