import type { DirListing, FsCapabilities, FsEntry } from '../../shared/models/fs'

/** An open file being read (a transfer, a duplicate). */
export interface ReadHandle {
  /**
   * Reads up to `length` bytes at `offset`. Fewer bytes than asked is normal (short reads);
   * an empty buffer means end of file.
   */
  read(offset: number, length: number): Promise<Buffer>
  close(): Promise<void>
}

/** An open file being written. */
export interface WriteHandle {
  /** Writes all of `data` at `offset`. Several writes may be in flight at once. */
  write(offset: number, data: Buffer): Promise<void>
  /** Cuts (or extends) the file to `size` bytes. */
  truncate(size: number): Promise<void>
  /** Flushes to stable storage where the file system can (fsync@openssh.com over SFTP); a no-op elsewhere. */
  sync(): Promise<void>
  /** The file's size as the file system sees it now (fstat). */
  size(): Promise<number>
  /**
   * Sets, on the open file, what is given: the modification (and access) time, milliseconds since
   * the epoch, and the permission bits (the low 12 bits of st_mode). One request over SFTP.
   */
  setAttributes(attributes: { readonly mtimeMs?: number; readonly mode?: number }): Promise<void>
  close(): Promise<void>
}

/** How a file is opened for writing. */
export type WriteMode =
  /** Create the file or cut an existing one to zero: a fresh write. */
  | 'truncate'
  /** Open an existing partial file as it is, to resume writing after its first bytes. */
  | 'resume'

/** What a rename does when the new name is taken. */
export interface RenameOptions {
  /** Replace what is there (atomically where the file system can: posix-rename@openssh.com, rename(2)); default false: refuse with EXISTS. */
  readonly isReplace?: boolean
  readonly signal?: AbortSignal
}

/** A new owner and group, by number; either may be absent (left as it is). */
export interface OwnerChange {
  readonly uid?: number
  readonly gid?: number
}

/**
 * One file system, local or on a server, as the whole main process sees it: browsing, file
 * operations and the copy engine's I/O. One implementation per backend (local, SFTP; later
 * SCP), with {@link capabilities} saying what a backend cannot do: nothing above it may assume
 * SFTP. Every method rejects with a SkiffError (NOT_FOUND, PERMISSION_DENIED, EXISTS, NO_SPACE,
 * DISCONNECTED, CANCELLED, UNSUPPORTED, …) naming the path, and stops waiting once `signal`
 * aborts. Paths are absolute in the file system's own syntax; names are never passed through a shell.
 *
 * Calls are not serialized: over SFTP each one goes out as soon as it is made, so a caller
 * that makes several without awaiting (write, setAttributes, close) pays one round trip for all.
 */
export interface FileSystem {
  /** `/` for POSIX and every remote; `\\` for Windows local paths. */
  readonly separator: '/' | '\\'
  readonly capabilities: FsCapabilities
  /** How large one read or write request should be: the server's limits where it tells them. */
  readonly blockSize: number
  /**
   * True when calls on one handle take effect in the order they are made, even while several
   * are in flight (SFTP: the server handles a channel's requests in order). False for the local
   * disk, where concurrent calls on one file run in parallel threads and must be awaited in turn.
   */
  readonly isOrdered: boolean
  /**
   * Independent lanes a large file may be spread over: SFTP channels of the job (each with its
   * own flow-control window and its own server process), unlimited for the local disk.
   */
  readonly lanes: number
  /** Every entry but `.` and `..` (names raw as the file system gave them, links' targets filled in); `path` in the result is canonical. */
  list(path: string, signal?: AbortSignal): Promise<DirListing>
  /** lstat: a symlink is reported as one, with its target filled in where resolvable; NOT_FOUND when nothing is there. */
  stat(path: string, signal?: AbortSignal): Promise<FsEntry>
  /** lstat without link details; null when nothing is there. */
  lookup(path: string, signal?: AbortSignal): Promise<FsEntry | null>
  /** stat, following links: what a link resolves to; null when nothing is there (or it dangles). */
  followLink(path: string, signal?: AbortSignal): Promise<FsEntry | null>
  /** Canonical absolute path (symlinks followed, `..` resolved). */
  realpath(path: string, signal?: AbortSignal): Promise<string>
  /** The user's home folder. */
  home(signal?: AbortSignal): Promise<string>
  /** Creates one folder; succeeds when a folder is already there (EXISTS when a file is). */
  mkdir(path: string, mode?: number, signal?: AbortSignal): Promise<void>
  /** Creates an empty file; EXISTS when the name is taken (never truncates, never follows a link). */
  createFile(path: string, signal?: AbortSignal): Promise<void>
  /** Opens for reading, on lane `lane` when given (see {@link lanes}). */
  openRead(path: string, lane?: number): Promise<ReadHandle>
  /**
   * Reads the first `size` bytes of a small file in one go (fewer bytes when the file is shorter),
   * where that is cheaper than opening it (a local disk); absent elsewhere.
   */
  readStart?(path: string, size: number): Promise<Buffer>
  /** Opens for writing with `mode` permission bits on creation, on lane `lane` when given. Never follows a symlink at `path`. */
  openWrite(path: string, how: WriteMode, mode?: number, lane?: number): Promise<WriteHandle>
  /** Renames (moves) within this file system; see RenameOptions for a taken name. Where the replace cannot be atomic, the old entry is kept until the new one is in place. */
  rename(from: string, to: string, options?: RenameOptions): Promise<void>
  /** Where the link at `path` points, as written. */
  readLink(path: string, signal?: AbortSignal): Promise<string>
  /**
   * Creates a symlink at `path` pointing to `target` (as written, not resolved); fails when the
   * name is taken or the file system cannot hold links (UNSUPPORTED, PERMISSION_DENIED).
   */
  symlink(target: string, path: string, signal?: AbortSignal): Promise<void>
  /** Removes a file or a symlink (never what it points to). */
  remove(path: string, signal?: AbortSignal): Promise<void>
  /** Removes an empty folder; fails (with the file system's reason) when it is not empty. */
  removeFolder(path: string, signal?: AbortSignal): Promise<void>
  /** Sets the modification (and access) time, milliseconds since the epoch. */
  setTimes(path: string, mtimeMs: number, signal?: AbortSignal): Promise<void>
  /** Sets permission bits (the low 12 bits of st_mode) of what is at `path`; callers never pass a link (the call would reach its target). */
  setMode(path: string, mode: number, signal?: AbortSignal): Promise<void>
  /** Changes owner and/or group by number; PERMISSION_DENIED where the user may not. */
  setOwner(path: string, owner: OwnerChange, signal?: AbortSignal): Promise<void>
  /** The number of a user or group name as this file system's host knows it; NOT_FOUND when unknown, UNSUPPORTED when it cannot tell. */
  resolveOwner(kind: 'user' | 'group', name: string, signal?: AbortSignal): Promise<number>
  /**
   * Copies a regular file to a new name within this file system, the bytes never leaving it
   * (copy-data over SFTP, copy_file_range locally); mode and time kept; EXISTS when `to` is
   * taken. UNSUPPORTED where {@link FsCapabilities.hasServerCopy} is false.
   */
  copyFile(from: string, to: string, signal?: AbortSignal): Promise<void>
  /**
   * Copies a whole entry (a folder with all it holds, links as links, modes and times kept) to a
   * new name by one command on the server (`cp -pPR`); EXISTS when `to` is taken. UNSUPPORTED
   * where {@link FsCapabilities.hasCopyCommand} is false.
   */
  copyByCommand(from: string, to: string, signal?: AbortSignal): Promise<void>
  /** SHA-256 of a file, hex; null when this side cannot compute one (a server without sha256sum). */
  checksum(path: string, signal?: AbortSignal): Promise<string | null>
}
