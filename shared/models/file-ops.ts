import type { FsTarget } from './fs'

/** What is inside a selection, counted by the walker (links counted as links, never entered). */
export interface TreeCount {
  readonly folders: number
  readonly files: number
  readonly links: number
  /** Devices, sockets, pipes. */
  readonly others: number
  /** Bytes of the files (a link's own size is not counted). */
  readonly bytes: number
}

/** A delete of a selection (dialog `Delete`). */
export interface DeleteRequest {
  readonly target: FsTarget
  /** Absolute paths of the selected entries; folders go with everything in them, links as links. */
  readonly paths: readonly string[]
  /** True: gone for good. False: to the OS trash where this file system has one (see FsCapabilities.canTrash), else refused. */
  readonly isPermanent: boolean
}

/**
 * A change of permissions and/or owner (dialog `Properties`). Bits in neither `set` nor
 * `clear` stay as each entry has them: that is how a mixed checkbox leaves things alone.
 */
export interface AttributesRequest {
  readonly target: FsTarget
  readonly paths: readonly string[]
  /** Permission bits to turn on and to turn off (the low 12 bits of st_mode: rwx for each class, setuid, setgid, sticky). */
  readonly permissions?: { readonly set: number; readonly clear: number }
  /** New owner or group: a name (looked up on that host) or a number. */
  readonly owner?: string
  readonly group?: string
  /** Everything inside the selected folders too (links are never changed, nor what they point to). */
  readonly isRecursive: boolean
  /** With permissions: a folder gets `x` wherever it gets `r`, so it stays enterable (WinSCP's "Add X to directories"). */
  readonly isAddFolderExecute: boolean
}

/** A copy of one entry in its own folder under a new name (Shift+F5). */
export interface DuplicateRequest {
  readonly target: FsTarget
  readonly path: string
  /** The new name, in the same folder. */
  readonly name: string
}

/** What kind of long work a job in the Transfers list is. */
export type JobKind = 'copy' | 'sync' | 'delete' | 'trash' | 'attributes' | 'size' | 'duplicate' | 'save'
