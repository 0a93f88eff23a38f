import { isSkiffError, SkiffError, type ErrorCode } from '../../shared/models/errors'
import { cancelledError } from './cancellation'

interface Mapping {
  readonly code: ErrorCode
  /** Readable text; the path is appended after a colon. */
  readonly text: string
}

// Node's errno codes for file-system calls (POSIX names; libuv uses them on Windows too).
const errnoMappings: ReadonlyMap<string, Mapping> = new Map(Object.entries({
  ENOENT: { code: 'NOT_FOUND', text: 'No such file or folder' },
  // A path component that is a file, or a file listed as a folder: either way nothing is there to open.
  ENOTDIR: { code: 'NOT_FOUND', text: 'Not a folder' },
  // Unresolvable like a missing path; OpenSSH's sftp-server reports it as NO_SUCH_FILE too.
  ELOOP: { code: 'NOT_FOUND', text: 'Too many levels of symbolic links' },
  EACCES: { code: 'PERMISSION_DENIED', text: 'Permission denied' },
  EPERM: { code: 'PERMISSION_DENIED', text: 'Operation not permitted' },
  EROFS: { code: 'PERMISSION_DENIED', text: 'Read-only file system' },
  EEXIST: { code: 'EXISTS', text: 'Already exists' },
  ENOSPC: { code: 'NO_SPACE', text: 'No space left on the device' },
  EDQUOT: { code: 'NO_SPACE', text: 'Disk quota exceeded' },
  EISDIR: { code: 'INVALID_REQUEST', text: 'Is a folder, not a file' },
  ENOTEMPTY: { code: 'INVALID_REQUEST', text: 'Folder is not empty' },
  ENAMETOOLONG: { code: 'INVALID_REQUEST', text: 'Name too long' },
} satisfies Record<string, Mapping>))

// SFTP status codes (draft-ietf-secsh-filexfer). OpenSSH sends 1–8; 9 and up are v5/v6 codes
// some other servers send, mapped where the meaning is plain. The rest take FAILURE's path.
const sftpStatusMappings: Readonly<Record<number, Mapping>> = {
  1: { code: 'INTERNAL', text: 'Unexpected end of file' },
  2: { code: 'NOT_FOUND', text: 'No such file or folder' },
  3: { code: 'PERMISSION_DENIED', text: 'Permission denied' },
  5: { code: 'INVALID_REQUEST', text: 'The server rejected the request as malformed' },
  6: { code: 'DISCONNECTED', text: 'No connection to the server' },
  7: { code: 'DISCONNECTED', text: 'Connection to the server lost' },
  8: { code: 'UNSUPPORTED', text: 'The server does not support this operation' },
  10: { code: 'NOT_FOUND', text: 'No such path' },
  11: { code: 'EXISTS', text: 'Already exists' },
  12: { code: 'PERMISSION_DENIED', text: 'Write-protected' },
  14: { code: 'NO_SPACE', text: 'No space left on the server' },
  15: { code: 'NO_SPACE', text: 'Quota exceeded on the server' },
}

// ssh2 raises some failures with a message only: its own 'No response from server' when the
// channel ends with requests pending, and servers' texts passed through without a status.
const messageMappings: ReadonlyArray<{ readonly pattern: RegExp; readonly mapping: Mapping }> = [
  { pattern: /no such file/i, mapping: { code: 'NOT_FOUND', text: 'No such file or folder' } },
  { pattern: /permission denied/i, mapping: { code: 'PERMISSION_DENIED', text: 'Permission denied' } },
  { pattern: /no response from server/i, mapping: { code: 'DISCONNECTED', text: 'Connection to the server lost' } },
]

function fromMapping(mapping: Mapping, path: string, cause: unknown): SkiffError {
  return new SkiffError(mapping.code, `${mapping.text}: ${path}`, { cause })
}

/** First line of an error's message: servers' texts are short, but never pass on anything stack-like. */
function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n', 1)[0]?.trim().slice(0, 200) || 'unknown error'
}

function fromSftpStatus(status: number, error: Error, path: string): SkiffError {
  const mapping = sftpStatusMappings[status]
  if (mapping) return fromMapping(mapping, path, error)
  return new SkiffError('INTERNAL', `The server could not complete the request for ${path}: ${plainMessage(error)}`, {
    cause: error,
  })
}

/**
 * The one mapping from a failed file-system call (Node fs, or ssh2's SFTP) to a SkiffError whose
 * message names `path`. A SkiffError passes through unchanged; anything unknown becomes INTERNAL.
 */
export function toFsError(error: unknown, path: string): SkiffError {
  if (isSkiffError(error)) return error
  const code = (error as { code?: unknown } | null | undefined)?.code
  const errnoMapping = typeof code === 'string' ? errnoMappings.get(code) : undefined
  if (errnoMapping) return fromMapping(errnoMapping, path, error)
  if (typeof code === 'number' && error instanceof Error) return fromSftpStatus(code, error, path)
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return cancelledError()
  const message = plainMessage(error)
  const match = messageMappings.find(({ pattern }) => pattern.test(message))
  if (match) return fromMapping(match.mapping, path, error)
  return new SkiffError('INTERNAL', `Could not access ${path}: ${describeUnknown(message, code)}`, { cause: error })
}

/** Node's `EBUSY: resource busy or locked, open '/x'` becomes `resource busy or locked (EBUSY)`. */
function describeUnknown(message: string, code: unknown): string {
  if (typeof code !== 'string' || !message.startsWith(`${code}: `)) return message
  const description = message.slice(code.length + 2).split(',', 1)[0]
  return `${description} (${code})`
}
