import { SkiffError } from '../../../shared/models/errors'
import { maxNameBytes, quotedName } from './remote-name'
import { truncateUtf8, utf8Length } from './utf8-bytes'

/** How many numbered names are tried before giving up. */
export const maxKeepBothTries = 10_000

// Kept whole, so `backup.tar.gz` becomes `backup (1).tar.gz`, not `backup.tar (1).gz`.
const compoundExtensions = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tar.zst']
// ` (12)` at the end of a stem: an earlier "keep both" copy, whose number is continued.
const counterPattern = /^(.+) \((\d{1,9})\)$/
// Room left for the stem and ` (10000)` when an extension is this long it is treated as part of the stem.
const longestExtensionBytes = maxNameBytes - 20

interface SplitName {
  readonly stem: string
  readonly extension: string
}

/** `report.pdf` → report + .pdf; dotfiles (`.bashrc`), `Makefile` and `file.` have no extension. */
function splitExtension(name: string): SplitName {
  const lower = name.toLowerCase()
  const compound = compoundExtensions.find((extension) => lower.endsWith(extension) && name.length > extension.length)
  const cut = compound ? name.length - compound.length : name.lastIndexOf('.')
  if (cut <= 0 || cut === name.length - 1) return { stem: name, extension: '' }
  const extension = name.slice(cut)
  if (utf8Length(extension) > longestExtensionBytes) return { stem: name, extension: '' }
  return { stem: name.slice(0, cut), extension }
}

/** The numbered name: the stem cut (between code points) when needed so the whole stays within 255 bytes. */
function numbered(base: string, counter: number, extension: string): string {
  const tail = ` (${counter})${extension}`
  return truncateUtf8(base, maxNameBytes - utf8Length(tail)) + tail
}

/**
 * The first free "keep both" name for `name`, as file managers make them: `report (1).pdf`,
 * `backup (1).tar.gz`, `.bashrc (1)`, `Makefile (1)`; `report (2).pdf` continues to
 * `report (3).pdf`. `isTaken` answers from a listing of the target folder the caller already holds.
 * Throws SkiffError EXISTS after {@link maxKeepBothTries} taken names.
 */
export function keepBothName(name: string, isTaken: (candidate: string) => boolean): string {
  const { stem, extension } = splitExtension(name)
  const counted = counterPattern.exec(stem)
  const base = counted?.[1] ?? stem
  const first = counted?.[2] ? Number(counted[2]) + 1 : 1
  for (let counter = first; counter < first + maxKeepBothTries; counter++) {
    const candidate = numbered(base, counter, extension)
    if (!isTaken(candidate)) return candidate
  }
  throw new SkiffError('EXISTS', `No free name like ${quotedName(name)} after ${maxKeepBothTries.toLocaleString('en')} tries.`)
}
