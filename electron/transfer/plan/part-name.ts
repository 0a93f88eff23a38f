import { createHash } from 'node:crypto'
import { maxNameBytes } from './remote-name'
import { truncateUtf8, utf8Length } from './utf8-bytes'

/** Ends every temporary name a file is written under before it is renamed into place. */
export const partSuffix = '.skiffpart'

// `~` and 16 hex digits of SHA-256 of the whole name: two long names that share their first
// 228 bytes still get different part names, so two jobs never write one partial.
const hashLength = 16

function shortenedStem(name: string): string {
  const tag = '~' + createHash('sha256').update(name, 'utf8').digest('hex').slice(0, hashLength)
  return truncateUtf8(name, maxNameBytes - utf8Length(partSuffix) - tag.length) + tag
}

/**
 * The temporary name `name` is written under: `${name}.skiffpart`. When that would pass 255 bytes,
 * the stem is cut (between code points) and tagged with a hash of the whole name, so the part name
 * stays within 255 bytes, is the same on every call (a later resume finds it), and differs for
 * different names. Such a part name cannot be turned back into `name`: keep the target name in the
 * job, never derive it from the part name.
 */
export function partNameOf(name: string): string {
  if (utf8Length(name) + utf8Length(partSuffix) <= maxNameBytes) return name + partSuffix
  return shortenedStem(name) + partSuffix
}

/** True for a name {@link partNameOf} could have made (a non-empty stem before `.skiffpart`). */
export function isPartName(name: string): boolean {
  return name.length > partSuffix.length && name.endsWith(partSuffix)
}

/**
 * The name a part file becomes once complete, or null when `partName` is not a part name. Exact
 * for names that fit; for a shortened part name this is the shortened, tagged stem, not the
 * original (see {@link partNameOf}), so use it to recognise leftovers, not to name targets.
 */
export function finalNameOf(partName: string): string | null {
  return isPartName(partName) ? partName.slice(0, -partSuffix.length) : null
}
