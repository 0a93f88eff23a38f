import type { FsTarget } from './fs'
import type { CompareId } from './ids'
import type { CompareState, SyncCriteria } from './sync'

/** A comparison of the local folder with a server folder, done in the main process (`compare.folders`). */
export interface FolderCompareRequest {
  /** The caller's name for this run: its `compare.progress` events carry it. */
  readonly compareId: CompareId
  readonly localFolder: string
  readonly remote: Extract<FsTarget, { kind: 'remote' }>
  readonly remoteFolder: string
  /** Time, size and (with `isChecksumCompared`) SHA-256 of files of equal size. */
  readonly criteria: SyncCriteria
  /** Read both trees whole (Subfolders), so a folder on both sides is `same` or `different-inside`; else one level. */
  readonly isDeep: boolean
}

/**
 * What a folder present on both sides holds, entry by entry below it, from the local side's view.
 * Every entry counts once (a file, a link, a folder on one side only and each entry inside it);
 * a folder on both sides counts only through its contents.
 */
export interface InsideCounts {
  readonly onlyLocal: number
  readonly onlyRemote: number
  readonly newerLocal: number
  readonly newerRemote: number
  /** Another size at the same time, another checksum, another link target, or a file here and a folder there. */
  readonly different: number
  readonly same: number
  /** Folders (or links) below it that could not be read: the folder is never `same` with one. */
  readonly unreadable: number
}

/** One entry of the two compared folders (their top level), by name. */
export interface ComparedEntry {
  /** Its name in the folder, exactly (case included). */
  readonly name: string
  /** Which side has it: `local`, `remote`, or `both`. */
  readonly where: 'local' | 'remote' | 'both'
  /** From the local side's view (`newer`: the local copy is newer); `only-here` on the one side that has it. */
  readonly state: CompareState
  /** For a folder on both sides, compared deep: what is inside it. */
  readonly inside?: InsideCounts
}

/** How far the reading of both trees got (at most ~10 reports a second). */
export interface CompareProgress {
  readonly compareId: CompareId
  /** Entries listed so far, both sides together. */
  readonly entriesRead: number
}

/** The answer of `compare.folders`. */
export interface FolderComparison {
  readonly entries: readonly ComparedEntry[]
  /** Entries read on both sides together, folders included. */
  readonly entriesCompared: number
  /** Pairs of files of equal size without both sums (a server without sha256sum, a file it could not read): left to time and size. */
  readonly unhashedPairs: number
}
