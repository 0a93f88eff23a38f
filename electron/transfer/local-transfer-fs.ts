import { constants, type Stats } from 'node:fs'
import { chmod, lstat, mkdir, open, readlink, realpath, rename, rmdir, stat, symlink, unlink, utimes, type FileHandle } from 'node:fs/promises'
import { sep } from 'node:path'
import type { FsEntry } from '../../shared/models/fs'
import { SkiffError } from '../../shared/models/errors'
import { entryTypeOf, permissionString } from '../fs/file-mode'
import { toFsError } from '../fs/fs-errors'
import { createLocalFs } from '../local/local-fs'
import type { ReadHandle, TransferFs, WriteHandle, WriteMode } from './transfer-fs'
import { localSha256 } from './checksum'

// Local disks have no request size limit; 1 MiB per call keeps syscalls few and buffers modest.
const localBlockSize = 1024 * 1024
// Where the platform has it, O_NOFOLLOW makes opening a planted symlink fail instead of writing through it.
const noFollow = constants.O_NOFOLLOW ?? 0

async function mapped<T>(work: Promise<T>, path: string): Promise<T> {
  try {
    return await work
  } catch (error) {
    throw toFsError(error, path)
  }
}

function entryOf(name: string, stats: Stats): FsEntry {
  const mode = stats.mode
  return { name, type: entryTypeOf(mode), size: stats.size, mtimeMs: Math.floor(stats.mtimeMs), mode, permissions: permissionString(mode) }
}

function readHandle(file: FileHandle, path: string): ReadHandle {
  return {
    async read(offset, length) {
      const buffer = Buffer.allocUnsafe(length)
      const { bytesRead } = await mapped(file.read(buffer, 0, length, offset), path)
      return bytesRead === length ? buffer : buffer.subarray(0, bytesRead)
    },
    close: () => mapped(file.close(), path),
  }
}

function writeHandle(file: FileHandle, path: string): WriteHandle {
  return {
    async write(offset, data) {
      let written = 0
      while (written < data.length) {
        const { bytesWritten } = await mapped(file.write(data, written, data.length - written, offset + written), path)
        written += bytesWritten
      }
    },
    truncate: (size) => mapped(file.truncate(size), path),
    sync: () => mapped(file.sync(), path),
    size: async () => (await mapped(file.stat(), path)).size,
    setTimes: (mtimeMs) => mapped(file.utimes(mtimeMs / 1000, mtimeMs / 1000), path),
    setMode: (mode) => mapped(file.chmod(mode & 0o7777), path),
    close: () => mapped(file.close(), path),
  }
}

// Without O_NOFOLLOW (Windows), a symlink at the target is removed before opening.
async function refuseSymlink(path: string): Promise<void> {
  if (noFollow !== 0) return
  const stats = await lstat(path).catch(() => null)
  if (stats?.isSymbolicLink()) await unlink(path)
}

/** This machine's disk as one side of a transfer. */
export function createLocalTransferFs(): TransferFs {
  const browse = createLocalFs()
  const entryAt = async (path: string, read: (path: string) => Promise<Stats>): Promise<FsEntry | null> => {
    try {
      return entryOf(path.slice(path.lastIndexOf(sep) + 1), await read(path))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw toFsError(error, path)
    }
  }
  return {
    separator: sep,
    blockSize: localBlockSize,
    isOrdered: false,
    lanes: Number.POSITIVE_INFINITY,
    lookup: (path) => entryAt(path, lstat),
    followLink: (path) => entryAt(path, stat),
    realpath: (path) => mapped(realpath(path), path),
    list: async (path) => (await browse.list(path)).entries,
    async mkdir(path, mode) {
      try {
        await mkdir(path, { mode: mode ?? 0o777 })
      } catch (error) {
        const existing = await lstat(path).catch(() => null)
        if (existing?.isDirectory()) return
        if (existing) throw new SkiffError('EXISTS', `Cannot create the folder ${path}: a file with that name is in the way.`)
        throw toFsError(error, path)
      }
    },
    openRead: async (path) => readHandle(await mapped(open(path, 'r'), path), path),
    async openWrite(path, how: WriteMode, mode) {
      await mapped(refuseSymlink(path), path)
      const flags = constants.O_WRONLY | noFollow | (how === 'truncate' ? constants.O_CREAT | constants.O_TRUNC : 0)
      return writeHandle(await mapped(open(path, flags, mode ?? 0o666), path), path)
    },
    rename: (from, to) => mapped(rename(from, to), to),
    readLink: (path) => mapped(readlink(path), path),
    symlink: (target, path) => mapped(symlink(target, path), path),
    remove: (path) => mapped(unlink(path), path),
    removeFolder: (path) => mapped(rmdir(path), path),
    setTimes: (path, mtimeMs) => mapped(utimes(path, mtimeMs / 1000, mtimeMs / 1000), path),
    setMode: (path, mode) => mapped(chmod(path, mode & 0o7777), path),
    checksum: (path) => mapped(localSha256(path), path),
  }
}
