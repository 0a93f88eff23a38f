// What a tree walk hands the copy engine: plain data, in create-ahead order.

/** A folder to create. `relPath` is its name segments from the root's parent: `['photos', '2024']`. */
export interface PlannedFolder {
  /** Where it is: a path joined from checked names, never normalised. */
  readonly sourcePath: string
  readonly relPath: readonly string[]
  /** st_mode as read (type bits included); 0 when unknown. */
  readonly mode: number
}

/** A file to copy; for a link, the size, time and mode of the file it points to. */
export interface PlannedFile {
  /** Where to read it: a path joined from checked names, never normalised. */
  readonly sourcePath: string
  readonly relPath: readonly string[]
  /** Bytes, as listed (or as stat'ed behind a link); the copy engine copies exactly this many. */
  readonly size: number
  /** Milliseconds since the epoch; 0 when unknown. */
  readonly mtimeMs: number
  /** st_mode as read (type bits included); 0 when unknown. */
  readonly mode: number
}

/** A link kept as a link (a move): recreated on the target pointing where it pointed, never followed. */
export interface PlannedLink {
  readonly sourcePath: string
  readonly relPath: readonly string[]
  /** Where it points, as written (relative or absolute); never resolved. */
  readonly target: string
}

/** A device, socket or pipe: never copied (a problem for a copy), but an entry a delete removes. */
export interface PlannedSpecial {
  readonly sourcePath: string
  readonly relPath: readonly string[]
}

/** Something that will not be copied, and why. `path` may hold a hostile raw name: show it escaped. */
export interface WalkProblem {
  readonly path: string
  readonly message: string
}

/** Everything a copy of the selection needs, sorted by relPath so each folder comes after its parent. */
export interface TreePlan {
  readonly folders: readonly PlannedFolder[]
  readonly files: readonly PlannedFile[]
  /** Links to recreate as links; empty when the walk follows links. */
  readonly links: readonly PlannedLink[]
  readonly specials: readonly PlannedSpecial[]
  readonly problems: readonly WalkProblem[]
  readonly totalBytes: number
}
