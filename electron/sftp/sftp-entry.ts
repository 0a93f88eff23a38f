import { posix } from 'node:path'
import type { Attributes, FileEntry } from 'ssh2'
import type { FsEntry } from '../../shared/models/fs'
import { entryTypeOf, permissionString } from '../fs/file-mode'
import { ownerAndGroupOf } from './longname'

// SFTP attributes are optional on the wire: ssh2 leaves a field undefined when its flag is unset.
type WireAttributes = Partial<Attributes>

/** An FsEntry from SFTP attributes; owner and group from `longname` when given, else numeric ids. */
export function entryFromAttrs(name: string, attrs: WireAttributes, longname?: string): FsEntry {
  const mode = attrs.mode ?? 0
  const named = longname ? ownerAndGroupOf(longname) : undefined
  return {
    name,
    type: entryTypeOf(mode),
    size: attrs.size ?? 0,
    mtimeMs: attrs.mtime ? attrs.mtime * 1000 : 0,
    mode,
    permissions: permissionString(mode),
    owner: named?.owner ?? idText(attrs.uid),
    group: named?.group ?? idText(attrs.gid),
    ...(attrs.uid === undefined ? {} : { uid: attrs.uid }),
    ...(attrs.gid === undefined ? {} : { gid: attrs.gid }),
  }
}

function idText(id: number | undefined): string | undefined {
  return id === undefined ? undefined : String(id)
}

/** A listed entry, or undefined for `.` and `..` (servers send them; a listing never shows them). */
export function listedEntry(file: FileEntry): FsEntry | undefined {
  if (file.filename === '.' || file.filename === '..') return undefined
  return entryFromAttrs(file.filename, file.attrs, file.longname)
}

/** `folder/name`, with the name taken as is: no normalising, whatever characters it holds. */
export function childPath(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`
}

/** The POSIX parent of a canonical path, or null at `/`. */
export function parentPath(canonical: string): string | null {
  const parent = posix.dirname(canonical)
  return parent === canonical ? null : parent
}

/** The last component of a path, or the path itself at `/`. */
export function baseName(path: string): string {
  return posix.basename(path) || path
}
