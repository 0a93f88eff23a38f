import { lstatSync, type Dirent, type Stats } from 'node:fs'
import { lstat, readlink, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { FsEntry } from '../../shared/models/fs'
import { mapBounded } from '../fs/bounded-map'
import { throwIfCancelled } from '../fs/cancellation'
import { entryTypeOf, permissionString, targetTypeOf } from '../fs/file-mode'
import type { InThreadWhileFast } from './in-thread'

// lstat calls in flight per listing on the pool: enough to hide disk latency without exhausting libuv's queue.
const statConcurrency = 64
// While the disk answers from cache (see InThreadWhileFast), a listing asks in the thread, in
// slices this long, the event loop free between them.
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

/** What lstat found (undefined: nothing, an Error: unreadable), as a listed entry; undefined when it vanished between readdir and lstat. */
function entryOf(dirent: Dirent, stats: Stats | Error | undefined): FsEntry | undefined {
  if (stats instanceof Error) return entryFromDirent(dirent)
  return stats ? entryFromStats(dirent.name, stats) : undefined
}

function threadEntry(folder: string, dirent: Dirent): FsEntry | undefined {
  try {
    return entryOf(dirent, lstatSync(join(folder, dirent.name), { throwIfNoEntry: false }))
  } catch (error) {
    return entryOf(dirent, error as Error)
  }
}

async function pooledEntry(folder: string, dirent: Dirent, signal: AbortSignal | undefined): Promise<FsEntry | undefined> {
  throwIfCancelled(signal)
  const stats = await lstat(join(folder, dirent.name)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error))
  return entryOf(dirent, stats)
}

/**
 * The entries of one folder read by `readdir`, each lstat'ed, in the dirents' order (undefined
 * where one vanished meanwhile), symlinks with their details. They are asked in the thread, in
 * short slices, while `gate` finds the answers as fast as cached ones; once it does not, the
 * pool takes the rest.
 */
export async function listedEntries(folder: string, dirents: readonly Dirent[], signal: AbortSignal | undefined, gate: InThreadWhileFast): Promise<(FsEntry | undefined)[]> {
  const entries = new Array<FsEntry | undefined>(dirents.length)
  let next = 0
  while (gate.isOpen && next < dirents.length) {
    throwIfCancelled(signal)
    const sliceEnd = performance.now() + sliceMs
    for (; gate.isOpen && next < dirents.length && performance.now() < sliceEnd; next++) {
      const dirent = dirents[next]!
      entries[next] = gate.timed(() => threadEntry(folder, dirent))
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
