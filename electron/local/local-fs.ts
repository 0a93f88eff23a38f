import type { Dirent, Stats } from 'node:fs'
import { lstat, readdir, readlink, realpath, rename, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, join, sep } from 'node:path'
import type { DirListing, FsEntry } from '../../shared/models/fs'
import { mapBounded } from '../fs/bounded-map'
import { throwIfCancelled, untilCancelled } from '../fs/cancellation'
import { entryTypeOf, permissionString, targetTypeOf } from '../fs/file-mode'
import { toFsError } from '../fs/fs-errors'
import type { RemoteFs } from '../fs/remote-fs'

// lstat calls in flight per listing: enough to hide disk latency without exhausting libuv's pool queue.
const statConcurrency = 64
// Windows reports uid/gid 0 for everything; owner names are not available cheaply anywhere.
const hasOwnerIds = process.platform !== 'win32'

/** Runs one fs call, cancellable while it waits, with its failure mapped to a SkiffError naming `path`. */
async function attempt<T>(work: Promise<T>, path: string, signal: AbortSignal | undefined): Promise<T> {
  try {
    return await untilCancelled(work, signal)
  } catch (error) {
    throw toFsError(error, path)
  }
}

function entryFromStats(name: string, stats: Stats): FsEntry {
  return {
    name,
    type: entryTypeOf(stats.mode),
    size: stats.size,
    mtimeMs: Math.floor(stats.mtimeMs),
    mode: stats.mode,
    permissions: permissionString(stats.mode),
    ...(hasOwnerIds ? { owner: String(stats.uid), group: String(stats.gid) } : {}),
  }
}

/** An entry that readdir shows but lstat may not read (a folder with `r` but no `x`): type only, like `ls` shows `?`. */
function entryFromDirent(dirent: Dirent): FsEntry {
  const type = dirent.isSymbolicLink() ? 'symlink' : dirent.isDirectory() ? 'directory' : dirent.isFile() ? 'file' : 'other'
  return { name: dirent.name, type, size: 0, mtimeMs: 0, mode: 0, permissions: permissionString(0) }
}

/** Where a symlink points and what it resolves to; each part absent when it cannot be read (dangling, looping). */
async function linkDetails(path: string): Promise<Pick<FsEntry, 'linkTarget' | 'linkTargetType'>> {
  const [target, targetStats] = await Promise.allSettled([readlink(path), stat(path)])
  return {
    ...(target.status === 'fulfilled' ? { linkTarget: target.value } : {}),
    ...(targetStats.status === 'fulfilled' ? { linkTargetType: targetTypeOf(targetStats.value.mode) } : {}),
  }
}

async function entryAt(path: string, name: string): Promise<FsEntry> {
  const stats = await lstat(path)
  const entry = entryFromStats(name, stats)
  return stats.isSymbolicLink() ? { ...entry, ...(await linkDetails(path)) } : entry
}

/** One listed entry; undefined when it vanished between readdir and lstat. */
async function listedEntry(folder: string, dirent: Dirent, signal: AbortSignal | undefined): Promise<FsEntry | undefined> {
  throwIfCancelled(signal)
  try {
    return await entryAt(join(folder, dirent.name), dirent.name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return entryFromDirent(dirent)
  }
}

function parentOf(canonical: string): string | null {
  const parent = dirname(canonical)
  return parent === canonical ? null : parent
}

async function list(path: string, signal?: AbortSignal): Promise<DirListing> {
  throwIfCancelled(signal)
  const canonical = await attempt(realpath(path), path, signal)
  const dirents = await attempt(readdir(canonical, { withFileTypes: true }), canonical, signal)
  const entries = await mapBounded(dirents, statConcurrency, (dirent) => listedEntry(canonical, dirent, signal))
  return {
    path: canonical,
    parentPath: parentOf(canonical),
    separator: sep,
    entries: entries.filter((entry): entry is FsEntry => entry !== undefined),
  }
}

async function statPath(path: string, signal?: AbortSignal): Promise<FsEntry> {
  throwIfCancelled(signal)
  return attempt(entryAt(path, basename(path) || path), path, signal)
}

/** This machine's file system behind the {@link RemoteFs} interface, over node:fs/promises. */
export function createLocalFs(): RemoteFs {
  return {
    separator: sep,
    list,
    stat: statPath,
    async realpath(path, signal) {
      throwIfCancelled(signal)
      return attempt(realpath(path), path, signal)
    },
    async home(signal) {
      throwIfCancelled(signal)
      return homedir()
    },
    async rename(from, to, signal) {
      throwIfCancelled(signal)
      // rename(2) would silently replace a file at `to`: a move never overwrites without asking.
      if (await lstat(to).then(() => true, () => false)) throw toFsError(Object.assign(new Error('exists'), { code: 'EEXIST' }), to)
      await attempt(rename(from, to), to, signal)
    },
  }
}
