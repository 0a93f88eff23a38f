import type { EntryType } from '../../../shared/models/fs'

import type { ConflictChoice } from '../../../shared/models/transfer'

/** What the person chose in the `File exists` dialog (or once, with `Apply to all`). */
export type { ConflictChoice }

/** What is known about both sides when the target name is already taken. */
export interface ConflictFacts {
  /** The thing being copied; `type` defaults to 'file' (a link is planned as what it points to). */
  readonly source: { readonly size: number; readonly mtimeMs: number; readonly type?: 'file' | 'directory' }
  /** What lstat found at the target name: size and mtime in bytes and ms since the epoch, 0 when unknown. */
  readonly target: { readonly size: number; readonly mtimeMs: number; readonly type: EntryType }
}

/** What to do about one conflict. */
export type ConflictResolution =
  /** Write the file over the target (through a part file); for a folder onto a folder: merge into it. */
  | { readonly kind: 'write' }
  /** Append to the existing target from `fromOffset` (its current size). */
  | { readonly kind: 'resume'; readonly fromOffset: number }
  | { readonly kind: 'skip'; readonly reason: string }
  /** Write under this other, free name in the same folder. */
  | { readonly kind: 'write-as'; readonly name: string }
  /** Cannot be done whatever was chosen; report it as this job's failure. */
  | { readonly kind: 'refuse'; readonly code: 'EXISTS'; readonly message: string }

// Timestamps are only as fine as the coarser side keeps them: FAT 2 s, SFTP v3 whole seconds.
// Within this much the two files count as equally new.
const mtimeSlackMs = 1_000

/** A conflict no choice can settle (a file onto a folder, anything onto a device): the refusal, else null. */
export function mismatch(facts: ConflictFacts): ConflictResolution | null {
  const sourceType = facts.source.type ?? 'file'
  const { type } = facts.target
  if (type === 'other') return { kind: 'refuse', code: 'EXISTS', message: 'The target is not a regular file or folder (a device, socket or pipe); it was left alone.' }
  if (sourceType === 'file' && type === 'directory') return { kind: 'refuse', code: 'EXISTS', message: 'The target is a folder; a file cannot replace it.' }
  if (sourceType === 'directory' && type === 'file') return { kind: 'refuse', code: 'EXISTS', message: 'The target is a file; a folder cannot replace it.' }
  // Writing into a linked folder could land files anywhere the link points; refuse rather than follow.
  if (sourceType === 'directory' && type === 'symlink') return { kind: 'refuse', code: 'EXISTS', message: 'The target is a link; Skiff does not copy into a folder through a link.' }
  return null
}

/** True when `Resume` would append: a regular target file that is shorter than the source and not empty. */
export function isResumable(facts: ConflictFacts): boolean {
  const isFile = (facts.source.type ?? 'file') === 'file' && facts.target.type === 'file'
  return isFile && facts.target.size > 0 && facts.target.size < facts.source.size
}

function resume(facts: ConflictFacts): ConflictResolution {
  // A link at the target has its own tiny size, meaningless to resume from; overwriting replaces the link, not what it points to.
  if (facts.target.type !== 'file') return { kind: 'write' }
  if (facts.target.size < facts.source.size) return { kind: 'resume', fromOffset: facts.target.size }
  if (facts.target.size === facts.source.size) return { kind: 'skip', reason: 'The file is already complete.' }
  // Larger than the source: not a prefix of it. Overwrite, as WinSCP does, rather than skip a file that is plainly different.
  return { kind: 'write' }
}

function overwriteIfNewer(facts: ConflictFacts): ConflictResolution {
  // An unknown time (0) on either side cannot prove the source newer; keep what is there.
  if (facts.source.mtimeMs <= 0 || facts.target.mtimeMs <= 0) return { kind: 'skip', reason: 'The modification times cannot be compared.' }
  if (facts.source.mtimeMs - facts.target.mtimeMs > mtimeSlackMs) return { kind: 'write' }
  return { kind: 'skip', reason: 'The target is as new as the source, or newer.' }
}

/**
 * What to do with a source whose target name is taken, given the person's `choice`. A file onto a
 * folder (or the reverse), or onto a device, is refused whatever the choice. A folder onto a folder
 * merges ('write') unless the choice is 'rename'. `keepBoth` is called only for 'rename' and may
 * throw (see keepBothName).
 */
export function resolveConflict(facts: ConflictFacts, choice: ConflictChoice, keepBoth: () => string): ConflictResolution {
  const refused = mismatch(facts)
  if (refused) return refused
  if (choice === 'rename') return { kind: 'write-as', name: keepBoth() }
  // Folders merge: each file inside meets its own conflict, so "skip all" skips files, not whole trees.
  if ((facts.source.type ?? 'file') === 'directory') return { kind: 'write' }
  switch (choice) {
    case 'overwrite':
      return { kind: 'write' }
    case 'skip':
      return { kind: 'skip', reason: 'A file with this name is already there.' }
    case 'resume':
      return resume(facts)
    case 'overwrite-if-newer':
      return overwriteIfNewer(facts)
  }
}
