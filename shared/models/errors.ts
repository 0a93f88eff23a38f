/**
 * Every way a request can fail, as a closed set the UI switches on.
 * The message that travels with a code is for people; code decides behaviour.
 */
export const errorCodes = [
  'AUTH_FAILED',
  'BAD_PASSPHRASE',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'HOST_KEY_REVOKED',
  'CONNECT_FAILED',
  'TIMEOUT',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'EXISTS',
  'NO_SPACE',
  'DISCONNECTED',
  'CANCELLED',
  'INVALID_REQUEST',
  'UNSUPPORTED',
  /** A resource the server limits (channels per connection) stayed taken for too long. */
  'BUSY',
  /** A file changed on disk since it was read (its size or modification time differ): a save would lose that change. */
  'CHANGED',
  /** Saving would give a file owned by someone else to the user (the server lets only root keep its owner). */
  'OWNER_CHANGE',
  'INTERNAL',
] as const

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number]

/** A host key as shown to people (see session.ts's HostKeyInfo, which this mirrors). */
export interface KeyFingerprint {
  readonly type: string
  /** `SHA256:…` as `ssh-keygen -l` prints it. */
  readonly fingerprint: string
}

/** What HOST_KEY_CHANGED knows: the server, the key it offers now, and the keys trusted for it. */
export interface HostKeyChange {
  readonly host: string
  readonly port: number
  readonly offered: KeyFingerprint
  /** The trusted keys of the same type that the offered one does not match. */
  readonly known: readonly KeyFingerprint[]
  /** The old key was trusted once (in memory, until Skiff quits), not saved in known_hosts. */
  readonly isTrustedOnce: boolean
}

/** A failure as it crosses the IPC boundary: plain data, no stack. */
export interface ErrorInfo {
  readonly code: ErrorCode
  /** One or two readable sentences; never a stack trace, never a secret. */
  readonly message: string
  /** With HOST_KEY_CHANGED from a first key exchange: what the `Host key changed` dialog shows. */
  readonly hostKeyChange?: HostKeyChange
}

/**
 * The error services throw. Anything else that escapes a handler is mapped
 * (or becomes INTERNAL) before it reaches the renderer.
 */
export class SkiffError extends Error {
  readonly code: ErrorCode
  readonly hostKeyChange?: HostKeyChange

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; hostKeyChange?: HostKeyChange }) {
    super(message, options)
    this.name = 'SkiffError'
    this.code = code
    if (options?.hostKeyChange) this.hostKeyChange = options.hostKeyChange
  }

  /** The wire form of this error. */
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, ...(this.hostKeyChange ? { hostKeyChange: this.hostKeyChange } : {}) }
  }
}

/** True when `value` is a {@link SkiffError} (also across realms, by shape). */
export function isSkiffError(value: unknown): value is SkiffError {
  return (
    value instanceof SkiffError ||
    (value instanceof Error && value.name === 'SkiffError' && typeof (value as { code?: unknown }).code === 'string')
  )
}
