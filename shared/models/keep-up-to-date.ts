import type { FsTarget } from './fs'
import type { TransferId, WatchId } from './ids'

/** `Keep up to date` (Ctrl+U) as its dialog sets it up: a local folder watched, its changes uploaded to a server folder. */
export interface KeepUpToDateRequest {
  readonly localFolder: string
  readonly remote: Extract<FsTarget, { kind: 'remote' }>
  /** The server's folder, by its full path. */
  readonly remoteFolder: string
  /** Watch the folders below too; off watches only the files directly in the local folder. */
  readonly isSubfoldersIncluded: boolean
  /** WinSCP file masks, as Synchronize takes them; left out means neither uploaded nor deleted. */
  readonly mask: string
  /** Leave out what the local `.gitignore` files ignore. */
  readonly isGitignoreHonoured: boolean
  /** Delete on the server what was removed here (off unless asked). */
  readonly isDeleteExtra: boolean
  /** How long the folder must stay quiet before its changes go, in milliseconds (1,000 by default). */
  readonly debounceMs: number
  /** A job (the `Synchronize first` run) to let finish before the first changes go. */
  readonly afterTransferId?: TransferId
}

/**
 * Where a watch stands: `watching` (nothing waiting), `uploading` (a job of its own is queued or
 * running; changes meanwhile go after it), `offline` (the connection is down: changes are kept
 * and go once it is back), `failed` (the last job failed; the next change tries again), `stopped`.
 */
export type KeepUpToDateState = 'watching' | 'uploading' | 'offline' | 'failed' | 'stopped'

/** What the `Keep up to date` status line shows. Sent to the client that started the watch. */
export interface KeepUpToDateStatus {
  readonly watchId: WatchId
  readonly localFolder: string
  readonly remoteFolder: string
  readonly state: KeepUpToDateState
  /** The last thing done, for a person: `uploaded css/site.css`, `deleted old.txt`, `uploaded 1,000 files`. */
  readonly lastAction: string | null
  /** Files (and links) uploaded since the watch started. */
  readonly uploaded: number
  readonly deleted: number
  /** Changes seen and not yet uploaded. */
  readonly pending: number
  /** Why it is offline or failed. */
  readonly message?: string
}
