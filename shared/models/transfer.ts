import type { ErrorInfo } from './errors'
import type { JobKind, TreeCount } from './file-ops'
import type { FsTarget } from './fs'
import type { TransferId } from './ids'

/** Where a job is in its life. `paused` and `failed` jobs can be resumed or retried. */
export type TransferState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled'

/** Which way the bytes go: to a server, from one, between two places of the same kind, or (a two-way synchronization) both ways. */
export type TransferDirection = 'upload' | 'download' | 'local' | 'remote' | 'both'

/** What to do when a target name is taken (the `File exists` dialog's buttons). */
export type ConflictChoice = 'overwrite' | 'skip' | 'rename' | 'resume' | 'overwrite-if-newer'

/** A copy (or move) of a selection of files and folders into a folder on the other side. */
export interface TransferRequest {
  readonly from: FsTarget
  /** Absolute paths of the selected entries, all in one folder: together they are one job. */
  readonly paths: readonly string[]
  readonly to: FsTarget
  /** Absolute path of the folder they go into. */
  readonly folder: string
  /** Move: copy, check, then delete the source. */
  readonly isMove?: boolean
  /** One server of an upload sent to several (see SyncStartRequest.deployGroup): runs beside the other jobs. */
  readonly deployGroup?: string
}

/** One file of a job that was not copied, and why. `path` may hold a hostile raw name. */
export interface TransferProblem {
  readonly path: string
  readonly message: string
}

/** One job of the queue, as the Transfers list shows it. */
export interface TransferInfo {
  readonly transferId: TransferId
  /** A copy or move of files, or a file operation run as a job (a delete, a permission change, a folder size); `copy` for moves too. */
  readonly kind: JobKind
  /** For a finished `size` job: what it counted. */
  readonly count?: TreeCount
  /** The selected entry's name, or `2,000 items` for a selection of several. */
  readonly name: string
  /** How many entries were selected. */
  readonly itemCount: number
  /** Their names, the first 100 (may hold hostile raw names: show them escaped). */
  readonly items: readonly string[]
  /** While running: the source path of the file being copied now. */
  readonly currentPath?: string
  /** Part files (`name.skiffpart`) the job keeps to resume from; a cancel removes those it wrote. */
  readonly partialFiles: number
  readonly direction: TransferDirection
  readonly isMove: boolean
  readonly from: FsTarget
  /** The folder the selected entry is in. */
  readonly sourceFolder: string
  readonly to: FsTarget
  /** The folder it goes into. */
  readonly folder: string
  readonly state: TransferState
  readonly bytesDone: number
  /** 0 until the source tree has been listed. */
  readonly bytesTotal: number
  /** Files copied (a file operation: entries done) and how many there are; 0 total until listed. */
  readonly filesDone: number
  readonly filesTotal: number
  /** Recent throughput while running, bytes per second; 0 otherwise. */
  readonly bytesPerSecond: number
  /** Seconds left at the recent rate; null when unknown. */
  readonly etaSeconds: number | null
  /** While running: what it waits for, when it waits (a free channel on the connection). */
  readonly note?: string
  /** Files left as they were: the target already had them and the choice was to skip. */
  readonly filesSkipped: number
  /** Why the job failed (or why it is retrying a dropped connection). */
  readonly error?: ErrorInfo
  /** Files skipped for a reason (refused names, per-file failures); the first few. */
  readonly problems: readonly TransferProblem[]
  readonly problemCount: number
  /** With checksum verification on: true once every file's SHA-256 matched on both sides. */
  readonly isVerified: boolean
  /** For a synchronization: what its preview's checked rows come to. */
  readonly sync?: TransferSyncFacts
  /** For a synchronization deployed to several servers: the deploy it belongs to (its jobs are named after their servers). */
  readonly deployGroup?: string
}

/** What a synchronization job does, for its row in Transfers. */
export interface TransferSyncFacts {
  /** Files and links to copy, and folders to create. */
  readonly files: number
  readonly folders: number
  /** Entries to delete on the target (a folder with what it holds counts each entry). */
  readonly deletions: number
  /** Deletions done so far (they run last, once every copy succeeded). */
  readonly deleted: number
}

/** A taken target name waiting for the person's choice (dialog `File exists`). */
export interface TransferConflict {
  readonly conflictId: string
  readonly transferId: TransferId
  /** The target path. */
  readonly path: string
  readonly source: { readonly size: number; readonly mtimeMs: number }
  /** `owner` when the server names it: replacing a file makes the connecting user its owner. */
  readonly target: { readonly size: number; readonly mtimeMs: number; readonly owner?: string }
  /** True when `Resume` makes sense: the target is a smaller regular file. */
  readonly isResumable: boolean
  /** Why it is asked, when more than the name is taken (a synchronization's target changed after the preview). */
  readonly reason?: string
}
