import type { SessionId } from './ids'

/** Which file system a request is about: this machine, or one connected server. */
export type FsTarget = { readonly kind: 'local' } | { readonly kind: 'remote'; readonly sessionId: SessionId }

/** True when both name the same file system: this machine, or the same session's server. */
export function isSameTarget(a: FsTarget, b: FsTarget): boolean {
  return a.kind === 'local' ? b.kind === 'local' : b.kind === 'remote' && a.sessionId === b.sessionId
}

/** What a directory entry is, after following nothing (lstat semantics). */
export type EntryType = 'file' | 'directory' | 'symlink' | 'other'

/** One entry of a directory listing, or the result of a stat. */
export interface FsEntry {
  /** The raw name as the file system gave it; may hold any character but `/` and NUL (hostile servers: anything). */
  readonly name: string
  readonly type: EntryType
  /** Size in bytes (of the link itself for a symlink). */
  readonly size: number
  /** Modification time, milliseconds since the epoch; 0 when unknown. */
  readonly mtimeMs: number
  /** Permission and type bits as in st_mode; 0 when unknown. */
  readonly mode: number
  /** `rwxr-xr-x` style, nine characters, from `mode`. */
  readonly permissions: string
  /** Owner and group names where the file system tells them, else numeric ids as text, else absent. */
  readonly owner?: string
  readonly group?: string
  /** Owner and group as numbers, where the file system gives them (SFTP attributes, POSIX stat). */
  readonly uid?: number
  readonly gid?: number
  /** For a symlink: where it points (as written) … */
  readonly linkTarget?: string
  /** … and what it resolves to; absent when dangling or looping. */
  readonly linkTargetType?: Exclude<EntryType, 'symlink'>
}

/** One directory's contents. */
export interface DirListing {
  /** The directory's canonical absolute path, as the file system spells it. */
  readonly path: string
  /** The parent directory, or null at a root. */
  readonly parentPath: string | null
  /** Path separator of this file system: `/` for remote and POSIX, `\\` for Windows local paths. */
  readonly separator: '/' | '\\'
  /** Every entry except `.` and `..`, unsorted. */
  readonly entries: readonly FsEntry[]
}

/** What one file system can do, so the UI offers only what works there. */
export interface FsCapabilities {
  /** Symlinks can be made (SFTP symlink; local disks but Windows without the privilege). */
  readonly canSymlink: boolean
  /** Owner and group can be asked to change (the server still decides, per file). */
  readonly canChown: boolean
  /** Files can be copied within it without the bytes passing through Skiff (copy-data@openssh.com, a local copy). */
  readonly hasServerCopy: boolean
  /** Whole entries can be copied by a command on the server (`cp -pPR` over SSH), where copy-data is missing. */
  readonly hasCopyCommand: boolean
  /** A rename can replace a taken name atomically (posix-rename@openssh.com, rename(2)). */
  readonly hasAtomicReplace: boolean
  /** Deletes can go to the OS trash (local, in the desktop app). */
  readonly canTrash: boolean
}
