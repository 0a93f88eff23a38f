import { execFile } from 'node:child_process'
import { constants, type Stats } from 'node:fs'
import {
  chmod,
  copyFile,
  lchown,
  lstat,
  mkdir,
  open,
  readdir,
  readlink,
  realpath,
  rename,
  rmdir,
  stat,
  symlink,
  unlink,
  utimes,
} from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, sep } from 'node:path'
import { promisify } from 'node:util'
import { SkiffError } from '../../shared/models/errors'
import type { DirListing, FsCapabilities, FsEntry } from '../../shared/models/fs'
import { throwIfCancelled, untilCancelled } from '../fs/cancellation'
import type { FileSystem } from '../fs/file-system'
import { toFsError } from '../fs/fs-errors'
import { localSha256 } from '../transfer/checksum'
import { InThreadWhileFast } from './in-thread'
import { localReadHandle, localWriteHandle, readStart } from './local-handles'
import { entryFromStats, linkDetails, listedEntries } from './local-listing'

// Local disks have no request size limit; 1 MiB per call keeps syscalls few and buffers modest.
const localBlockSize = 1024 * 1024
// Where the platform has it, O_NOFOLLOW makes opening a planted symlink fail instead of writing through it.
const noFollow = constants.O_NOFOLLOW ?? 0
const runFile = promisify(execFile)

/** Runs one fs call, cancellable while it waits, with its failure mapped to a SkiffError naming `path`. */
async function attempt<T>(work: Promise<T>, path: string, signal?: AbortSignal): Promise<T> {
  try {
    return await untilCancelled(work, signal)
  } catch (error) {
    throw toFsError(error, path)
  }
}

function nameOf(path: string): string {
  return basename(path) || path
}

async function entryAt(path: string, name: string): Promise<FsEntry> {
  const stats = await lstat(path)
  const entry = entryFromStats(name, stats)
  return stats.isSymbolicLink() ? { ...entry, ...(await linkDetails(path)) } : entry
}

function parentOf(canonical: string): string | null {
  const parent = dirname(canonical)
  return parent === canonical ? null : parent
}

async function list(path: string, gate: InThreadWhileFast, signal?: AbortSignal): Promise<DirListing> {
  throwIfCancelled(signal)
  const canonical = await attempt(realpath(path), path, signal)
  const dirents = await attempt(readdir(canonical, { withFileTypes: true }), canonical, signal)
  const entries = await listedEntries(canonical, dirents, signal, gate)
  return {
    path: canonical,
    parentPath: parentOf(canonical),
    separator: sep,
    entries: entries.filter((entry): entry is FsEntry => entry !== undefined),
  }
}

/** lstat or stat as an entry without link details; null when nothing is there. */
async function entryOrNull(path: string, read: (path: string) => Promise<Stats>, signal?: AbortSignal): Promise<FsEntry | null> {
  throwIfCancelled(signal)
  try {
    return entryFromStats(nameOf(path), await read(path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw toFsError(error, path)
  }
}

function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  )
}

function existsError(path: string): SkiffError {
  return toFsError(Object.assign(new Error('exists'), { code: 'EEXIST' }), path)
}

// Without O_NOFOLLOW (Windows), a symlink at the target is removed before opening.
async function refuseSymlink(path: string): Promise<void> {
  if (noFollow !== 0) return
  const stats = await lstat(path).catch(() => null)
  if (stats?.isSymbolicLink()) await unlink(path)
}

/** A user's or group's number from the system's own tools (`id -u`, `getent group`), never through a shell. */
async function resolveLocalOwner(kind: 'user' | 'group', name: string): Promise<number> {
  if (process.platform === 'win32') throw new SkiffError('UNSUPPORTED', 'Windows has no numeric owners to change.')
  const [command, args] = kind === 'user' ? ['id', ['-u', '--', name]] : ['getent', ['group', '--', name]]
  const output = await runFile(command, args).then(
    (result) => result.stdout,
    () => '',
  )
  const text = kind === 'user' ? output.trim() : (output.split(':')[2] ?? '').trim()
  if (!/^\d+$/.test(text)) throw new SkiffError('NOT_FOUND', `This machine knows no ${kind} named ${name}.`)
  return Number(text)
}

const capabilities: FsCapabilities = {
  canSymlink: true,
  canChown: process.platform !== 'win32',
  hasServerCopy: true,
  hasCopyCommand: false,
  hasAtomicReplace: true,
  canTrash: false,
}

/** This machine's file system, over node:fs/promises. */
export function createLocalFs(): FileSystem {
  const gate = new InThreadWhileFast()
  return {
    separator: sep,
    capabilities,
    blockSize: localBlockSize,
    isOrdered: false,
    lanes: Number.POSITIVE_INFINITY,
    list: (path, signal) => list(path, gate, signal),
    async stat(path, signal) {
      throwIfCancelled(signal)
      return attempt(entryAt(path, nameOf(path)), path, signal)
    },
    lookup: (path, signal) => entryOrNull(path, lstat, signal),
    followLink: (path, signal) => entryOrNull(path, stat, signal),
    realpath: (path, signal) => attempt(realpath(path), path, signal),
    async home(signal) {
      throwIfCancelled(signal)
      return homedir()
    },
    async mkdir(path, mode, signal) {
      throwIfCancelled(signal)
      try {
        await mkdir(path, { mode: mode ?? 0o777 })
      } catch (error) {
        const existing = await lstat(path).catch(() => null)
        if (existing?.isDirectory()) return
        if (existing) throw new SkiffError('EXISTS', `Cannot create the folder ${path}: a file with that name is in the way.`)
        throw toFsError(error, path)
      }
    },
    async createFile(path, signal) {
      throwIfCancelled(signal)
      const file = await attempt(open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow, 0o666), path)
      await attempt(file.close(), path)
    },
    openRead: async (path) => localReadHandle(await attempt(open(path, 'r'), path), path),
    readStart: (path, size) => readStart(gate, path, size),
    async openWrite(path, how, mode) {
      await attempt(refuseSymlink(path), path)
      const flags = constants.O_WRONLY | noFollow | (how === 'truncate' ? constants.O_CREAT | constants.O_TRUNC : 0)
      return localWriteHandle(await attempt(open(path, flags, mode ?? 0o666), path), path)
    },
    async rename(from, to, options) {
      throwIfCancelled(options?.signal)
      // rename(2) would silently replace what is at `to`: that is done only when asked.
      if (!options?.isReplace && (await exists(to))) throw existsError(to)
      await attempt(rename(from, to), to, options?.signal)
    },
    readLink: (path, signal) => attempt(readlink(path), path, signal),
    symlink: (target, path, signal) => attempt(symlink(target, path), path, signal),
    remove: (path, signal) => attempt(unlink(path), path, signal),
    removeFolder: (path, signal) => attempt(rmdir(path), path, signal),
    setTimes: (path, mtimeMs, signal) => attempt(utimes(path, mtimeMs / 1000, mtimeMs / 1000), path, signal),
    setMode: (path, mode, signal) => attempt(chmod(path, mode & 0o7777), path, signal),
    setOwner: (path, owner, signal) => attempt(lchown(path, owner.uid ?? -1, owner.gid ?? -1), path, signal),
    resolveOwner: (kind, name) => resolveLocalOwner(kind, name),
    async copyFile(from, to, signal) {
      throwIfCancelled(signal)
      const source = await attempt(stat(from), from)
      if (!source.isFile()) throw new SkiffError('INVALID_REQUEST', `Cannot copy ${from}: it is not a regular file.`)
      await attempt(copyFile(from, to, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE), to, signal)
      await attempt(chmod(to, source.mode & 0o7777), to)
      await attempt(utimes(to, source.atime, source.mtime), to)
    },
    copyByCommand: async () => {
      throw new SkiffError('UNSUPPORTED', 'Local copies are made file by file.')
    },
    checksum: (path) => attempt(localSha256(path), path),
  }
}
