import type { FsTarget } from './fs'

/** What a file was when Skiff read or last wrote it: a save compares the server's copy against this. */
export interface FileVersion {
  readonly size: number
  /** Modification time, milliseconds since the epoch, as the file system reports it (seconds over SFTP). */
  readonly mtimeMs: number
}

/** How a text file's bytes are laid out, kept so a save writes them back the same way. */
export interface TextFormat {
  /** The file's line ending: the one most of its lines end with. The editor always holds `\n`. */
  readonly eol: 'lf' | 'crlf'
  /** The file starts with a UTF-8 byte order mark (EF BB BF), written back on save. */
  readonly hasBom: boolean
}

/** Why the built-in editor asks first, or will not open a file as text. */
export type NotText = 'binary' | 'not-utf8'

/**
 * A file read for the editor or the viewer. `path` is where it really is (links followed), which
 * is where a save goes; the text never holds `\r\n` or the byte order mark (see {@link TextFormat}).
 */
export type OpenedFile = FilePlace &
  (
    | { readonly kind: 'text'; readonly path: string; readonly text: string; readonly format: TextFormat; readonly version: FileVersion; readonly mode: number }
    /** An image for the viewer: its bytes as base64, with the type its first bytes say. */
    | { readonly kind: 'image'; readonly path: string; readonly mime: string; readonly base64: string; readonly version: FileVersion }
    /** Not text: the first bytes (at most 64 KiB, base64) for a hex view, and why it is not text. */
    | { readonly kind: 'binary'; readonly path: string; readonly reason: NotText; readonly head: string; readonly version: FileVersion }
    /** Larger than the editor opens without asking; nothing was read. */
    | { readonly kind: 'too-large'; readonly path: string; readonly version: FileVersion }
  )

/** Where an opened file is, split by the file system that knows its separator (a `\\` is part of a name on a server). */
export interface FilePlace {
  readonly name: string
  /** The folder it is in. */
  readonly folder: string
}

/** `editor.open`: read a file for editing (F4) or viewing (F3). */
export interface OpenFileRequest {
  readonly target: FsTarget
  readonly path: string
  readonly purpose: 'edit' | 'view'
  /** The person agreed to open a file over {@link largeFileBytes}. */
  readonly isLargeAllowed?: boolean
}

/** Files larger than this (10 MiB) are opened only after the person agrees. */
export const largeFileBytes = 10 * 1024 * 1024

/**
 * `editor.save`: write `text` (with `\n` line ends) to `path` in `format`, through a part file
 * renamed into place, keeping the file's mode and owner. Rejects with CHANGED when the file on
 * disk is no longer `expected` (unless `isForced`), leaving it untouched.
 */
export interface SaveFileRequest {
  readonly target: FsTarget
  readonly path: string
  /** The last piece of the text; earlier pieces went ahead with `editor.stage` under `stageId`. */
  readonly text: string
  readonly stageId?: string
  readonly format: TextFormat
  /** The version the editor holds; absent for a file that must not exist yet. */
  readonly expected: FileVersion
  /** Overwrite even if the file changed meanwhile (the person chose Overwrite). */
  readonly isForced?: boolean
  /** Save even where the file's owner cannot be kept (the person agreed); else OWNER_CHANGE, writing nothing. */
  readonly isOwnerChangeAllowed?: boolean
}

/**
 * The most UTF-16 units of text one `editor.save` or `editor.stage` message carries: even text
 * that JSON escapes six-fold stays within browser mode's 4 MiB message limit.
 */
export const stagePieceChars = 512 * 1024

/** What a save left on disk: the new version to compare the next save against. */
export interface SavedFile {
  readonly version: FileVersion
  /** Set when the owner could not be kept (the server allows only root to give files away). */
  readonly ownerNote?: string
}

/**
 * A file being edited in another program (`Edit with…`): Skiff keeps a copy in a private temp
 * folder, watches that folder, and uploads each save through the queue (a `save` job) with the
 * same part-file path and changed-on-server check as the built-in editor.
 */
export interface ExternalEdit {
  readonly editId: string
  readonly target: FsTarget
  /** The file on the server (links followed). */
  readonly path: string
  readonly name: string
  /** The copy the program edits. */
  readonly localPath: string
  /**
   * `watching` between saves; `uploading` while a save goes up; `changed` when the server's copy
   * changed since Skiff last read or wrote it (nothing was written: Overwrite, or Stop editing);
   * `failed` when an upload failed for another reason (the next save tries again).
   */
  readonly state: 'watching' | 'uploading' | 'changed' | 'failed'
  /** When the last save reached the server, ms since the epoch; null before the first. */
  readonly lastUploadAt: number | null
  /** Why it is `changed` or `failed`. */
  readonly message?: string
}

/** `editing.start`: edit a file with another program (`command`, or the OS default when empty). */
export interface ExternalEditRequest {
  readonly target: FsTarget
  readonly path: string
  /** A command line with `%f` for the file; empty or absent: the OS's default application. */
  readonly command?: string
}
