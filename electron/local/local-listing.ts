import { lstatSync, type Dirent, type Stats } from 'node:fs'
import { lstat, readlink, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { FsEntry } from '../../shared/models/fs'
import { mapBounded } from '../fs/bounded-map'
import { throwIfCancelled } from '../fs/cancellation'
import { entryTypeOf, permissionString, targetTypeOf } from '../fs/file-mode'

// lstat calls in flight per listing on the pool: enough to hide disk latency without exhausting libuv's queue.
const statConcurrency = 64
// A cached lstat answers in microseconds, where a trip through libuv's pool costs 20 to 300. While
// the disk answers this fast, a listing asks in the thread itself…
const cachedStatMs = 1
// …in slices this long, the event loop free between them.
const sliceMs = 4
// Windows reports uid/gid 0 for everything; owner names are not available cheaply anywhere.
const hasOwnerIds = process.platform !== 'win32'

export function entryFromStats(name: string, stats: Stats): FsEntry {
  return {
    name,
    type: entryTypeOf(stats.mode),
    size: stats.size,
    mtimeMs: Math.floor(stats.mtimeMs),
    mode: stats.mode,
    permissions: permissionString(stats.mode),
    ...(hasOwnerIds ? { owner: String(stats.uid), group: String(stats.gid), uid: stats.uid, gid: stats.gid } : {}),
  }
}

/** An entry that readdir shows but lstat may not read (a folder with `r` but no `x`): type only, like `ls` shows `?`. */
function entryFromDirent(dirent: Dirent): FsEntry {
  const type = dirent.isSymbolicLink() ? 'symlink' : dirent.isDirectory() ? 'directory' : dirent.isFile() ? 'file' : 'other'
  return { name: dirent.name, type, size: 0, mtimeMs: 0, mode: 0, permissions: permissionString(0) }
}

/** Where a symlink points and what it resolves to; each part absent when it cannot be read (dangling, looping). */
export async function linkDetails(path: string): Promise<Pick<FsEntry, 'linkTarget' | 'linkTargetType'>> {
  const [target, targetStats] = await Promise.allSettled([readlink(path), stat(path)])
  return {
    ...(target.status === 'fulfilled' ? { linkTarget: target.value } : {}),
    ...(targetStats.status === 'fulfilled' ? { linkTargetType: targetTypeOf(targetStats.value.mode) } : {}),
  }
}

/** What lstat found, as a listed entry; undefined when it vanished between readdir and lstat. */
function entryOf(dirent: Dirent, read: () => Stats | undefined): FsEntry | undefined {
  try {
    const stats = read()
    return stats ? entryFromStats(dirent.name, stats) : undefined
  } catch {
    return entryFromDirent(dirent)
  }
}

async function pooledEntry(folder: string, dirent: Dirent, signal: AbortSignal | undefined): Promise<FsEntry | undefined> {
  throwIfCancelled(signal)
  const stats = await lstat(join(folder, dirent.name)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error))
  return stats instanceof Error ? entryFromDirent(dirent) : entryOf(dirent, () => stats)
}

/**
 * The entries of one folder read by `readdir`, each lstat'ed, in the dirents' order (undefined
 * where one vanished meanwhile), symlinks with their details. They are asked in the thread, in
 * short slices, while each answers as fast as a cached one (readdir has just shown the disk
 * answering); from the first slow one on (`fastStatMs`), the pool takes over.
 */
export async function listedEntries(folder: string, dirents: readonly Dirent[], signal: AbortSignal | undefined, fastStatMs = cachedStatMs): Promise<(FsEntry | undefined)[]> {
  const entries = new Array<FsEntry | undefined>(dirents.length)
  let next = 0
  let isFast = true
  while (isFast && next < dirents.length) {
    throwIfCancelled(signal)
    const sliceEnd = performance.now() + sliceMs
    for (let now = 0; isFast && next < dirents.length && now < sliceEnd; next++) {
      const dirent = dirents[next]!
      const asked = now || performance.now()
      entries[next] = entryOf(dirent, () => lstatSync(join(folder, dirent.name), { throwIfNoEntry: false }))
      now = performance.now()
      isFast = now - asked < fastStatMs
    }
    if (next < dirents.length) await nextTurn()
  }
  const rest = await mapBounded(dirents.slice(next), statConcurrency, (dirent) => pooledEntry(folder, dirent, signal))
  rest.forEach((entry, index) => (entries[next + index] = entry))
  // Only a link lstat could read has details to find (one readdir saw but lstat could not has mode 0).
  const links = entries.flatMap((entry, index) => (entry?.type === 'symlink' && entry.mode !== 0 ? [index] : []))
  await mapBounded(links, statConcurrency, async (index) => {
    const entry = entries[index]!
    entries[index] = { ...entry, ...(await linkDetails(join(folder, entry.name))) }
  })
  return entries
}
