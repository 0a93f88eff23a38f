import { isSkiffError, SkiffError } from '../../shared/models/errors'

interface Ssh2Error extends Error {
  readonly level?: string
  readonly code?: string | number
}

const socketMessages: Readonly<Record<string, (target: string) => string>> = {
  ECONNREFUSED: (t) => `Connection refused by ${t}. Is an SSH server listening on that port?`,
  ENOTFOUND: (t) => `Host not found: ${t}. Check the host name.`,
  EAI_AGAIN: (t) => `Could not look up ${t}: name resolution failed. Check the network.`,
  EHOSTUNREACH: (t) => `${t} is unreachable from this machine.`,
  ENETUNREACH: (t) => `${t} is unreachable: no route to its network.`,
  ECONNRESET: (t) => `${t} reset the connection unexpectedly.`,
  ETIMEDOUT: (t) => `Timed out connecting to ${t}.`,
  EADDRNOTAVAIL: (t) => `Cannot connect to ${t}: the address is not available.`,
}

/**
 * Maps whatever ssh2 or the socket reported while connecting to one readable SkiffError.
 * `target` is `user@host:port` as the person typed it.
 */
export function connectError(error: unknown, target: string): SkiffError {
  if (isSkiffError(error)) return error
  const err = error as Ssh2Error
  const code = typeof err?.code === 'string' ? err.code : undefined
  if (code === 'ETIMEDOUT') return new SkiffError('TIMEOUT', socketMessages.ETIMEDOUT!(target))
  const socketMessage = code ? socketMessages[code] : undefined
  if (socketMessage) return new SkiffError('CONNECT_FAILED', socketMessage(target))
  if (err?.level === 'client-timeout') return new SkiffError('TIMEOUT', `Timed out waiting for ${target} to answer.`)
  if (err?.level === 'handshake') {
    return new SkiffError('CONNECT_FAILED', `Could not agree on encryption with ${target}: ${err.message}.`)
  }
  const detail = err instanceof Error && err.message ? ` (${err.message})` : ''
  return new SkiffError('CONNECT_FAILED', `The connection to ${target} failed${detail}.`)
}
