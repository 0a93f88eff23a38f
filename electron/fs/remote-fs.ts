import type { DirListing, FsEntry } from '../../shared/models/fs'

/**
 * One file system, local or remote, as the rest of the main process sees it. The SFTP and
 * local implementations (and later SCP) sit behind it. Every method rejects with a
 * SkiffError (NOT_FOUND, PERMISSION_DENIED, DISCONNECTED, CANCELLED, …) and honours `signal`.
 */
export interface RemoteFs {
  /** `/` for POSIX and every remote; `\\` for Windows local paths. */
  readonly separator: '/' | '\\'
  /** Every entry but `.` and `..`; `path` in the result is canonical. */
  list(path: string, signal?: AbortSignal): Promise<DirListing>
  /** lstat: a symlink is reported as one, with its target filled in where resolvable. */
  stat(path: string, signal?: AbortSignal): Promise<FsEntry>
  /** Canonical absolute path (symlinks followed, `..` resolved). */
  realpath(path: string, signal?: AbortSignal): Promise<string>
  /** The user's home directory. */
  home(signal?: AbortSignal): Promise<string>
  /** Renames (moves) within this file system; EXISTS when the new name is taken. */
  rename(from: string, to: string, signal?: AbortSignal): Promise<void>
}
