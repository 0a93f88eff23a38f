import type { FileMask } from '../../shared/models/file-mask'
import type { EntryType } from '../../shared/models/fs'
import { shellQuote } from '../ssh/remote-exec'

/** What the search script prints first: which form the records that follow take. */
export type FindFormat = 'gnu' | 'plain'

/** One entry `find` printed: with its type, size and time (GNU `-printf`), or its path alone (`-print0`). */
export interface FindRecord {
  readonly path: string
  readonly type?: EntryType
  readonly size?: number
  readonly mtimeMs?: number
}

const formatMarker = 'skiff-find:'
const printfFormat = '%y %s %T@ %p\\0'

/**
 * Name patterns `find -iname` can narrow the output with, so only candidates cross the network: a
 * superset of what the masks match, never less (Skiff's matcher still judges every entry). Only
 * plain ASCII with `*`, compared bytewise (LC_ALL=C) and without case, qualifies; null when any
 * include mask is not like that, or matches every name, or there are none.
 */
export function namePrefilter(mask: FileMask): readonly string[] | null {
  const globs = mask.include.files.map((each) => each.nameGlob)
  if (globs.length === 0) return null
  const isNarrowing = (glob: string) => glob !== '' && glob !== '*.*' && glob !== '*.' && /^[\x20-\x7e]+$/.test(glob) && !/[?[\]\\]/.test(glob) && /[^*]/.test(glob)
  return globs.every(isNarrowing) ? [...new Set(globs)] : null
}

// GNU find (and busybox built with it) knows -printf; elsewhere (BSD, macOS) -print0 gives the paths
// alone. The first record says which: a marker the script prints before find's own output. Folders
// are not printed: the masks judge them from the paths of the files below them.
function script(names: readonly string[] | null): string {
  const narrowed = names && names.length > 0 ? ` \\( ${names.map((name) => `-iname ${shellQuote(name)}`).join(' -o ')} \\)` : ''
  return [
    'if find / -maxdepth 0 -printf "" >/dev/null 2>&1',
    `then printf '${formatMarker}gnu\\0'; LC_ALL=C exec find "$1" ! -type d${narrowed} -printf '${printfFormat}'`,
    `else printf '${formatMarker}plain\\0'; exec find "$1" ! -type d -print0`,
    'fi',
  ].join('\n')
}

/**
 * The command that searches `folder` on a POSIX server: `sh -c` with the script above and the folder
 * as its one argument, quoted, so no character of the path (spaces, quotes, newlines) reaches a shell
 * unquoted; `names` (see {@link namePrefilter}) are quoted into the script the same way. The folder
 * must be absolute: a path starting with `-` would read as an option of find.
 */
export function findCommand(folder: string, names: readonly string[] | null = null): string {
  if (!folder.startsWith('/')) throw new Error(`A search on a server starts from an absolute path, not ${JSON.stringify(folder)}.`)
  return `sh -c ${shellQuote(script(names))} sh ${shellQuote(folder)}`
}

const typeOfLetter: Readonly<Record<string, EntryType>> = { f: 'file', d: 'directory', l: 'symlink' }
// `f 1234 1767225600.1234567890 /path`: the path is the rest, whatever it holds.
const gnuRecord = /^([a-zA-Z]) (\d+) (-?\d+)(?:\.\d*)? ([^]*)$/

/**
 * Reads what the search script prints, NUL-separated records in chunks as they come, split anywhere
 * (inside a record, inside a UTF-8 character). Names are decoded as UTF-8 once a record is whole.
 * Times are whole seconds, as SFTP gives them, so both ways of searching compare the same.
 */
export class FindOutputParser {
  private pending: Buffer = Buffer.alloc(0)
  private formatNow: FindFormat | null = null

  /** Which form the records take; null until the script said so. */
  get format(): FindFormat | null {
    return this.formatNow
  }

  /** The whole records completed by `chunk`. A record that cannot be read is skipped. */
  push(chunk: Buffer): FindRecord[] {
    const buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    const records: FindRecord[] = []
    let start = 0
    for (let end = buffer.indexOf(0, start); end >= 0; end = buffer.indexOf(0, start)) {
      const record = this.read(buffer.toString('utf8', start, end))
      if (record) records.push(record)
      start = end + 1
    }
    this.pending = buffer.subarray(start)
    return records
  }

  /** True when output ended inside a record (the command was cut off). */
  get hasPartialRecord(): boolean {
    return this.pending.length > 0
  }

  private read(text: string): FindRecord | null {
    if (this.formatNow === null) {
      if (text === `${formatMarker}gnu` || text === `${formatMarker}plain`) this.formatNow = text.slice(formatMarker.length) as FindFormat
      return null
    }
    if (this.formatNow === 'plain') return text === '' ? null : { path: text }
    const match = gnuRecord.exec(text)
    if (!match) return null
    return { path: match[4]!, type: typeOfLetter[match[1]!] ?? 'other', size: Number(match[2]), mtimeMs: Number(match[3]) * 1000 }
  }
}
