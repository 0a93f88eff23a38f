import type { ErrorInfo } from './errors'
import type { EntryType, FsTarget } from './fs'
import type { FindId } from './ids'

/** A search (dialog `Find files`): every file below `folder` that the mask matches. */
export interface FindRequest {
  readonly target: FsTarget
  /** Absolute path of the folder to search in (it and every folder below it). */
  readonly folder: string
  /** In WinSCP's file mask language (see file-mask.ts); empty matches every file. */
  readonly mask: string
  /** False: names starting with `.` are left out, and hidden folders are not searched. */
  readonly isHiddenIncluded: boolean
}

/** One file a search found (files, links and special files; never a folder). `path` may hold a hostile raw name. */
export interface FoundEntry {
  readonly path: string
  readonly name: string
  /** The folder it is in. */
  readonly folder: string
  /** `symlink` for a link (never followed: its own size and time). */
  readonly type: EntryType
  readonly size: number
  /** Modification time, milliseconds since the epoch; 0 when unknown. */
  readonly mtimeMs: number
}

/** Files found since the last report (at most ~10 reports a second). */
export interface FindProgress {
  readonly findId: FindId
  readonly entries: readonly FoundEntry[]
  /** The folder being searched now (shown in the status line). */
  readonly folder: string
  /** Files found so far, these included. */
  readonly count: number
}

/** How a search ended; no more `find.found` follows. */
export interface FindEnded {
  readonly findId: FindId
  readonly state: 'done' | 'failed' | 'cancelled'
  readonly count: number
  /** True when it stopped at the most results one search keeps ({@link maxFindResults}). */
  readonly isTruncated: boolean
  /** Folders that could not be read (permission denied, gone): the search went on without them. */
  readonly unreadable: number
  readonly error?: ErrorInfo
}

/** The most files one search reports; past this it stops, saying so. */
export const maxFindResults = 50_000
