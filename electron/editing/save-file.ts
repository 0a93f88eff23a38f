import type { FileVersion } from '../../shared/models/editor'
import type { FsEntry } from '../../shared/models/fs'
import { SkiffError, isSkiffError } from '../../shared/models/errors'
import { throwIfCancelled } from '../fs/cancellation'
import type { FileSystem, WriteHandle } from '../fs/file-system'
import { splitPath } from '../fs/fs-path'
import { partNameOf } from '../transfer/plan/part-name'

/** What {@link saveFile} writes and what it expects to find before it does. */
export interface SaveInput {
  readonly fs: FileSystem
  /** The file itself (links already followed): a save never turns a link into a file. */
  readonly path: string
  readonly bytes: Buffer
  /** The version the editor read or last saved; null for a file that must not exist yet. */
  readonly expected: FileVersion | null
  /** Write even when the file is no longer `expected`. */
  readonly isForced: boolean
  /** Write even where the owner cannot be kept (with a note); else OWNER_CHANGE and nothing changes. */
  readonly isOwnerChangeAllowed?: boolean
  readonly signal?: AbortSignal
}

/** What a save left: the file's new version, and a note when its owner could not be kept. */
export interface SaveOutcome {
  readonly version: FileVersion
  readonly ownerNote?: string
}

// Private while partial, as a transfer's part file is; the file's own bits are set before the rename.
const partMode = 0o600

/** The version of what is on disk now. */
export function versionOf(entry: Pick<FsEntry, 'size' | 'mtimeMs'>): FileVersion {
  return { size: entry.size, mtimeMs: entry.mtimeMs }
}

function isSameVersion(entry: FsEntry | null, expected: FileVersion | null): boolean {
  if (entry === null || expected === null) return entry === null && expected === null
  return entry.size === expected.size && entry.mtimeMs === expected.mtimeMs
}

/** CHANGED unless the file is still what the editor holds (or the person chose to overwrite). */
async function checkUnchanged(input: SaveInput): Promise<FsEntry | null> {
  const entry = await input.fs.lookup(input.path, input.signal)
  if (entry !== null && entry.type !== 'file') throw new SkiffError('INVALID_REQUEST', `${input.path} is no longer a file.`)
  if (!input.isForced && !isSameVersion(entry, input.expected)) {
    const what = entry === null ? 'was deleted' : 'changed'
    throw new SkiffError('CHANGED', `${input.path} ${what} on the server since it was opened.`)
  }
  return entry
}

async function writeAll(fs: FileSystem, handle: WriteHandle, bytes: Buffer, signal?: AbortSignal): Promise<void> {
  const writes: Promise<void>[] = []
  for (let offset = 0; offset < bytes.length; offset += fs.blockSize) {
    throwIfCancelled(signal)
    const write = handle.write(offset, bytes.subarray(offset, offset + fs.blockSize))
    // Over SFTP one handle's writes land in order, so they all go out at once; a local file takes them in turn.
    if (fs.isOrdered) writes.push(write)
    else await write
  }
  await Promise.all(writes)
}

/** Gives the part file the original's owner and group; a note instead where the server will not. */
async function keepOwner(fs: FileSystem, path: string, partPath: string, original: FsEntry): Promise<string | undefined> {
  if (original.uid === undefined || original.gid === undefined || !fs.capabilities.canChown) return undefined
  const part = await fs.lookup(partPath)
  if (part?.uid === original.uid && part.gid === original.gid) return undefined
  try {
    await fs.setOwner(partPath, { uid: original.uid, gid: original.gid })
    return undefined
  } catch (error) {
    if (isSkiffError(error) && (error.code === 'PERMISSION_DENIED' || error.code === 'UNSUPPORTED')) {
      const owner = `${original.owner ?? original.uid}:${original.group ?? original.gid}`
      return `Saving ${path} makes it yours: it belongs to ${owner}, and only an administrator may give a file to someone else.`
    }
    throw error
  }
}

/**
 * Saves `bytes` to `path` the way a transfer lands a file: written to a part file beside it,
 * synced, its size checked, given the original's mode (and owner, where allowed), then renamed
 * over the original in one step. The real name never holds a half-written or empty file; on any
 * failure the part file is removed and the original is as it was. Rejects with CHANGED, writing
 * nothing, when the file is not what the editor opened (size and mtime), unless forced; the
 * check runs again just before the rename.
 */
export async function saveFile(input: SaveInput): Promise<SaveOutcome> {
  const { fs, path, bytes, signal } = input
  const original = await checkUnchanged(input)
  const { folder, name } = splitPath(path, fs.separator)
  const partPath = folder + (folder.endsWith(fs.separator) ? '' : fs.separator) + partNameOf(name)
  let isPlaced = false
  try {
    const handle = await fs.openWrite(partPath, 'truncate', partMode).catch((error: unknown) => {
      if (!isSkiffError(error) || error.code !== 'PERMISSION_DENIED') throw error
      throw new SkiffError('PERMISSION_DENIED', `Cannot save ${path}: a safe save first writes ${partNameOf(name)} beside it, and its folder ${folder} does not let you create files. Nothing was changed.`, { cause: error })
    })
    try {
      await writeAll(fs, handle, bytes, signal)
      await handle.sync()
      const written = await handle.size()
      if (written !== bytes.length) throw new SkiffError('INTERNAL', `Saving ${path}: the server holds ${written} of ${bytes.length} bytes.`)
      await handle.setAttributes({ mode: (original?.mode ?? 0o644) & 0o7777 })
    } finally {
      await handle.close()
    }
    const ownerNote = original ? await keepOwner(fs, path, partPath, original) : undefined
    if (ownerNote && input.isOwnerChangeAllowed === false) throw new SkiffError('OWNER_CHANGE', ownerNote)
    throwIfCancelled(signal)
    await checkUnchanged(input)
    await fs.rename(partPath, path, { isReplace: true })
    isPlaced = true
    const saved = await fs.stat(path)
    return { version: versionOf(saved), ...(ownerNote ? { ownerNote } : {}) }
  } finally {
    if (!isPlaced) await fs.remove(partPath).catch(() => undefined)
  }
}
