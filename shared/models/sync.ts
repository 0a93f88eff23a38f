import type { ErrorInfo } from './errors'
import type { FsTarget } from './fs'
import type { SyncPreviewId } from './ids'

/** How two entries of the same name are judged alike (WinSCP's comparison criteria). */
export interface SyncCriteria {
  /** Compare modification times (with `toleranceSeconds`). */
  readonly isTimeCompared: boolean
  /** Compare sizes. */
  readonly isSizeCompared: boolean
  /** Compare SHA-256 of files whose size matches (on a server over exec, where it runs sha256sum). */
  readonly isChecksumCompared: boolean
  /**
   * Times closer than this are the same: SFTP carries whole seconds and FAT rounds to 2 s, so the
   * default is 2. Times are always compared as UTC instants, so a DST change shifts nothing.
   */
  readonly toleranceSeconds: number
}

/** The comparison Skiff uses unless told otherwise: time (2 s apart at most) and size. */
export const defaultSyncCriteria: SyncCriteria = { isTimeCompared: true, isSizeCompared: true, isChecksumCompared: false, toleranceSeconds: 2 }

/** What is known of one side's entry, for comparing. */
export interface SideEntry {
  readonly type: 'file' | 'directory' | 'symlink' | 'other'
  readonly size: number
  /** Milliseconds since the epoch (UTC); 0 when unknown. */
  readonly mtimeMs: number
  /** For a link: where it points, as written. */
  readonly linkTarget?: string
}

/**
 * How an entry of one side stands against the same name on the other side, from this side's
 * view: `only-here`, `newer`, `older`, `different-size` (same time, another size), `different`
 * (another checksum, or a link to elsewhere), `different-type` (a file here, a folder there),
 * `same`; for a folder on both sides, `not-compared` until its contents are, then
 * `different-inside` or `same`.
 */
export type CompareState = 'only-here' | 'newer' | 'older' | 'different-size' | 'different' | 'different-type' | 'different-inside' | 'not-compared' | 'same'

/** The word a pane's `Compare` column shows (and a screen reader reads) for a state. */
export const compareWords: Readonly<Record<CompareState, string>> = {
  'only-here': 'only here',
  newer: 'newer',
  older: 'older',
  'different-size': 'different size',
  different: 'different content',
  'different-type': 'different type',
  'different-inside': 'different inside',
  'not-compared': 'not compared',
  same: 'same',
}

/**
 * Compares one entry with the same name on the other side, from `here`'s view. A folder on both
 * sides is `not-compared`: only its contents can say (see `compare.folders`); links compare by target.
 * `checksums`, when given, decides for files of equal size: a different hash is `different`
 * even when the times agree, an equal hash is `same` even when they do not.
 */
export function compareEntry(here: SideEntry, there: SideEntry | undefined, criteria: SyncCriteria, checksums?: { readonly here: string; readonly there: string }): CompareState {
  if (!there) return 'only-here'
  if (here.type !== there.type) return 'different-type'
  if (here.type === 'directory') return 'not-compared'
  if (here.type === 'symlink') return here.linkTarget === there.linkTarget ? 'same' : timeOrder(here, there, criteria) ?? 'different'
  if (checksums && here.size === there.size) {
    if (checksums.here === checksums.there) return 'same'
    return timeOrder(here, there, criteria) ?? 'different'
  }
  const order = criteria.isTimeCompared ? timeOrder(here, there, criteria) : null
  if (order) return order
  if (criteria.isSizeCompared && here.size !== there.size) return 'different-size'
  return 'same'
}

/** `newer` or `older` when the times differ by more than the tolerance, else null. */
function timeOrder(here: SideEntry, there: SideEntry, criteria: SyncCriteria): 'newer' | 'older' | null {
  if (here.mtimeMs === 0 || there.mtimeMs === 0) return null
  const apart = here.mtimeMs - there.mtimeMs
  const tolerance = Math.max(0, criteria.toleranceSeconds) * 1000
  if (apart > tolerance) return 'newer'
  if (apart < -tolerance) return 'older'
  return null
}

/** Which way a synchronization copies. `both`: each side gets what changed on the other since the last sync. */
export type SyncDirection = 'upload' | 'download' | 'both'

/** `update` copies what is new or newer on the source; `mirror` makes the target like the source, newer target files too. */
export type SyncMode = 'update' | 'mirror'

/** A synchronization as the `Synchronize` dialog sets it up. */
export interface SyncRequest {
  readonly localFolder: string
  readonly remote: Extract<FsTarget, { kind: 'remote' }>
  readonly remoteFolder: string
  readonly direction: SyncDirection
  readonly mode: SyncMode
  /** Remove what the target has and the source does not (never for `both`, where a deletion is seen, not guessed). */
  readonly isDeleteExtra: boolean
  readonly criteria: SyncCriteria
  /** WinSCP file masks, `include|exclude` (`*.tmp`, `node_modules/`); empty for everything. */
  readonly mask: string
  /** Leave out what `.gitignore` files on the source side ignore. */
  readonly isGitignoreHonoured: boolean
}

/** What one preview row does: copy a new entry, replace an existing one, delete one, or ask (a conflict); a problem is only shown. */
export type SyncAction = 'upload' | 'download' | 'replace' | 'delete' | 'conflict' | 'problem'

/** One row of the `Synchronize preview`. */
export interface SyncRow {
  /** Its number in this preview, 0 up. */
  readonly id: number
  readonly action: SyncAction
  /** Which side it changes (for `replace` and `delete`; for `upload`, the server). */
  readonly side: 'local' | 'remote'
  /** Its path below the two folders, `/`-separated (may hold hostile raw names: show them escaped). */
  readonly path: string
  readonly type: 'file' | 'directory' | 'symlink'
  /** Each side's entry as seen: its own type (a problem row may have a file here, a folder there). */
  readonly local?: SyncRowSide
  readonly remote?: SyncRowSide
  /** Why, for a person: `newer here`, `only on the server`, `differs only in case from Readme.md`. */
  readonly reason: string
  /** For a deleted folder: how many entries it holds, all deleted with it. */
  readonly entriesInside?: number
}

/** One side's entry of a preview row. */
export interface SyncRowSide {
  readonly type: SyncRow['type']
  readonly size: number
  readonly mtimeMs: number
}

/** Count and bytes of one action of a preview. */
export interface SyncTally {
  readonly count: number
  readonly bytes: number
}

/** A batch of preview rows, in path order. */
export interface SyncPreviewRows {
  readonly previewId: SyncPreviewId
  readonly rows: readonly SyncRow[]
}

/** The end of a preview: its totals per action, or why it failed. */
export interface SyncPreviewEnded {
  readonly previewId: SyncPreviewId
  readonly state: 'done' | 'failed' | 'cancelled'
  readonly tallies: Readonly<Record<SyncAction, SyncTally>>
  /** Entries compared on both sides, for the summary line. */
  readonly entriesCompared: number
  readonly error?: ErrorInfo
}

/**
 * How a person settled a `conflict` row of a two-way preview: keep this computer's version
 * (`local`: upload it, or delete the server's when this computer deleted it) or the server's
 * (`remote`: download it, or delete this computer's). A conflict with no resolution is left as it is.
 */
export interface SyncResolution {
  readonly id: number
  readonly keep: 'local' | 'remote'
}

/** Starts a previewed synchronization: every row but the unchecked ones (problems never run), and the conflicts resolved. */
export interface SyncStartRequest {
  readonly previewId: SyncPreviewId
  readonly uncheckedIds: readonly number[]
  /**
   * The same synchronization deployed to several servers: every job of one group runs beside the
   * queue's other jobs, at most `parallelServers` (a setting) at once.
   */
  readonly deployGroup?: string
  /** Two-way only; absent or empty leaves every conflict untouched. */
  readonly resolutions?: readonly SyncResolution[]
}
