import { SkiffError } from '../../../shared/models/errors'
import { utf8Length } from './utf8-bytes'

/** The longest name ext4, XFS, APFS and most SFTP servers accept, in UTF-8 bytes. */
export const maxNameBytes = 255

// `C:` and `c:x` are drive paths on Windows, even without a separator after the colon.
const drivePrefix = /^[A-Za-z]:/

/**
 * Why `name`, as a server or disk gave it, must not be used as one file name on either side; null
 * when it is fine. The answer is a lower-case clause ("the name contains "/"") to put in a sentence.
 *
 * Spaces, unicode, newlines and other control characters are allowed. A newline is legal in a
 * POSIX name and real files carry them (macOS's `Icon\r`, names from scripts); refusing them would
 * make such files impossible to copy. They are harmless here because Skiff never builds a shell
 * command or a log line from a name (SFTP carries names as length-prefixed bytes) and the UI shows
 * them escaped. What is refused is what would change *where* a file lands: separators, dot
 * entries, absolute-looking names, NUL (which ends a path in C), and names no file system takes.
 */
export function nameProblem(name: string): string | null {
  if (name === '') return 'the name is empty'
  if (name === '.' || name === '..') return `the name is "${name}"`
  if (name.startsWith('/') || name.startsWith('\\\\') || drivePrefix.test(name)) return 'the name starts like an absolute path'
  if (name.includes('/')) return 'the name contains "/"'
  if (name.includes('\\')) return 'the name contains "\\"'
  if (name.includes('\0')) return 'the name contains a NUL character'
  if (utf8Length(name) > maxNameBytes) return `the name is longer than ${maxNameBytes} bytes`
  return null
}

/** `name` quoted and escaped for a message (newlines and control characters visible), cut to a readable length. */
export function quotedName(name: string): string {
  const quoted = JSON.stringify(name)
  return quoted.length > 80 ? `${quoted.slice(0, 76)}…"` : quoted
}

/**
 * `folder` + `separator` + `name`, exactly as given: no `..` or `.` resolution, no doubled
 * separators removed, ever. Throws SkiffError INVALID_REQUEST when {@link nameProblem} refuses `name`.
 */
export function joinChild(folder: string, name: string, separator: '/' | '\\'): string {
  const problem = nameProblem(name)
  if (problem) throw new SkiffError('INVALID_REQUEST', `Refused the name ${quotedName(name)}: ${problem}.`)
  return folder.endsWith(separator) ? folder + name : folder + separator + name
}
