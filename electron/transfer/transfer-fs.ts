import type { FsEntry } from '../../shared/models/fs'

/** An open file being read by a transfer. */
export interface ReadHandle {
  /**
   * Reads up to `length` bytes at `offset`. Fewer bytes than asked is normal (short reads);
   * an empty buffer means end of file.
   */
  read(offset: number, length: number): Promise<Buffer>
  close(): Promise<void>
}

/** An open file being written by a transfer. */
export interface WriteHandle {
  /** Writes all of `data` at `offset`. Several writes may be in flight at once. */
  write(offset: number, data: Buffer): Promise<void>
  /** Cuts (or extends) the file to `size` bytes. */
  truncate(size: number): Promise<void>
  /** Flushes to stable storage where the file system can (fsync@openssh.com over SFTP); a no-op elsewhere. */
  sync(): Promise<void>
  /** The file's size as the file system sees it now (fstat). */
  size(): Promise<number>
  /** Sets modification (and access) time on the open file, milliseconds since the epoch. */
  setTimes(mtimeMs: number): Promise<void>
  /** Sets permission bits on the open file (the low 12 bits of st_mode). */
  setMode(mode: number): Promise<void>
  close(): Promise<void>
}

/** How a file is opened for writing. */
export type WriteMode =
  /** Create the file or cut an existing one to zero: a fresh write. */
  | 'truncate'
  /** Open an existing partial file as it is, to resume writing after its first bytes. */
  | 'resume'

/**
 * One side of a transfer, local or remote: what the copy engine needs beyond browsing. Every
 * method rejects with a SkiffError (NOT_FOUND, PERMISSION_DENIED, NO_SPACE, DISCONNECTED, …).
 * Paths are absolute in the file system's own syntax.
 *
 * Calls are not serialized: over SFTP each one goes out as soon as it is made, so a caller
 * that makes several without awaiting (write, setTimes, close) pays one round trip for all.
 */
export interface TransferFs {
  readonly separator: '/' | '\\'
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
  /** lstat; null when nothing is there. */
  lookup(path: string): Promise<FsEntry | null>
  /** stat, following links: what a link resolves to; null when nothing is there (or it dangles). */
  followLink(path: string): Promise<FsEntry | null>
  /** The canonical path, links followed. */
  realpath(path: string): Promise<string>
  /** Every entry of a folder but `.` and `..`, names raw as the file system gave them. */
  list(path: string): Promise<readonly FsEntry[]>
  /** Creates one folder; succeeds when a folder is already there. */
  mkdir(path: string, mode?: number): Promise<void>
  /** Opens for reading, on lane `lane` when given (see {@link lanes}). */
  openRead(path: string, lane?: number): Promise<ReadHandle>
  /** Opens for writing with `mode` permission bits on creation, on lane `lane` when given. Never follows a symlink at `path`. */
  openWrite(path: string, how: WriteMode, mode?: number, lane?: number): Promise<WriteHandle>
  /** Renames over an existing target atomically where the file system can (posix-rename@openssh.com). */
  rename(from: string, to: string): Promise<void>
  /** Where the link at `path` points, as written. */
  readLink(path: string): Promise<string>
  /**
   * Creates a symlink at `path` pointing to `target` (as written, not resolved); fails when the
   * name is taken or the file system cannot hold links (UNSUPPORTED, PERMISSION_DENIED).
   */
  symlink(target: string, path: string): Promise<void>
  /** Removes a file or a symlink (never what it points to). */
  remove(path: string): Promise<void>
  /** Removes an empty folder; fails (with the file system's reason) when it is not empty. */
  removeFolder(path: string): Promise<void>
  /** Sets the modification (and access) time, milliseconds since the epoch. */
  setTimes(path: string, mtimeMs: number): Promise<void>
  /** Sets permission bits (the low 12 bits of st_mode). */
  setMode(path: string, mode: number): Promise<void>
  /** SHA-256 of a file, hex; null when this side cannot compute one (a server without sha256sum). */
  checksum(path: string): Promise<string | null>
}
