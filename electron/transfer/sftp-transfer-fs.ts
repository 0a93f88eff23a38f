import { randomBytes } from 'node:crypto'
import type { OpenMode, SFTPWrapper, Stats } from 'ssh2'
import { SkiffError } from '../../shared/models/errors'
import type { FsEntry } from '../../shared/models/fs'
import { createSftpFs } from '../sftp/sftp-fs'
import { baseName, entryFromAttrs } from '../sftp/sftp-entry'
import { createSftpWatchdog, type SftpCalls } from '../sftp/sftp-watchdog'
import type { ReadHandle, TransferFs, WriteHandle, WriteMode } from './transfer-fs'
import type { RemoteChecksum } from './checksum'

/** Inputs of an SFTP transfer file system. */
export interface SftpTransferFsOptions {
  /** The session's: aborts when the connection is gone, and every call then rejects with DISCONNECTED. */
  readonly closed: AbortSignal
  /** How long one request may go unanswered; a deep pipeline needs more than a listing does. */
  readonly opTimeoutMs?: number
  /** SHA-256 on the server (see remoteChecksums); without it checksum() answers null. */
  readonly checksum?: RemoteChecksum
}

// ssh2's view of the server's limits (limits@openssh.com, or its defaults): a larger request
// would be split by ssh2 into requests sent one after another, which breaks pipelining.
interface SftpLimits {
  readonly _maxReadLen?: number
  readonly _maxWriteLen?: number
  readonly _extensions?: Readonly<Record<string, string>>
}

const maxBlockSize = 256 * 1024
const statusNoSuchFile = 2

function blockSizeOf(sftp: SFTPWrapper): number {
  const limits = sftp as unknown as SftpLimits
  return Math.min(maxBlockSize, limits._maxReadLen ?? 32_768, limits._maxWriteLen ?? 32_768)
}

function hasExtension(sftp: SFTPWrapper, name: string): boolean {
  return Boolean((sftp as unknown as SftpLimits)._extensions?.[name])
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'NOT_FOUND' || (error as { code?: unknown } | null)?.code === statusNoSuchFile
}

function readHandle(sftp: SFTPWrapper, calls: SftpCalls, handle: Buffer, path: string): ReadHandle {
  return {
    read: (offset, length) =>
      calls.run<Buffer>('reading', path, (done) =>
        // ssh2 reports end of file as zero bytes read.
        sftp.read(handle, Buffer.allocUnsafe(length), 0, length, offset, (error, bytesRead, buffer) =>
          done(error, error ? undefined : buffer.subarray(0, bytesRead)),
        ),
      ),
    close: () => calls.run<void>('closing', path, (done) => sftp.close(handle, done)),
  }
}

function writeHandle(sftp: SFTPWrapper, calls: SftpCalls, handle: Buffer, path: string): WriteHandle {
  const canSync = hasExtension(sftp, 'fsync@openssh.com')
  return {
    write: (offset, data) => calls.run<void>('writing', path, (done) => sftp.write(handle, data, 0, data.length, offset, done)),
    truncate: (size) => calls.run<void>('truncating', path, (done) => sftp.fsetstat(handle, { size }, done)),
    sync: () => (canSync ? calls.run<void>('syncing', path, (done) => sftp.ext_openssh_fsync(handle, done)) : Promise.resolve()),
    size: async () => (await calls.run<Stats>('checking', path, (done) => sftp.fstat(handle, done))).size,
    setTimes: (mtimeMs) => {
      const seconds = Math.floor(mtimeMs / 1000)
      return calls.run<void>('setting the time of', path, (done) => sftp.futimes(handle, seconds, seconds, done))
    },
    setMode: (mode) => calls.run<void>('setting permissions of', path, (done) => sftp.fchmod(handle, mode & 0o7777, done)),
    close: () => calls.run<void>('closing', path, (done) => sftp.close(handle, done)),
  }
}

/**
 * A server's file system over one SFTP channel, as one side of a transfer. Every request is
 * guarded by the session's watchdog, so a dropped connection settles everything in flight.
 */
export function createSftpTransferFs(sftp: SFTPWrapper, options: SftpTransferFsOptions): TransferFs {
  const calls = createSftpWatchdog({ closed: options.closed, timeoutMs: options.opTimeoutMs ?? 60_000 }).calls()
  const browse = createSftpFs(sftp, { closed: options.closed, opTimeoutMs: options.opTimeoutMs })
  const lstat = (path: string) => calls.run<Stats>('reading', path, (done) => sftp.lstat(path, done))
  const canPosixRename = hasExtension(sftp, 'posix-rename@openssh.com')
  const unlink = (path: string) => calls.run<void>('removing', path, (done) => sftp.unlink(path, done))

  // SFTP open follows symlinks on the server. An exclusive create never does, and costs one
  // round trip for the usual fresh name; whatever is in the way (a planted link, an old
  // partial) is removed first, never written through.
  const createFresh = async (path: string, open: (flags: OpenMode) => Promise<Buffer>): Promise<Buffer> => {
    try {
      return await open('wx')
    } catch (error) {
      const existing = await lookup(path)
      if (!existing) throw error
      if (existing.type === 'directory') throw new SkiffError('EXISTS', `Cannot write ${path}: a folder with that name is in the way.`)
      await unlink(path)
      return open('wx')
    }
  }

  const openExisting = async (path: string, open: (flags: OpenMode) => Promise<Buffer>): Promise<Buffer> => {
    const existing = await lookup(path)
    if (existing?.type !== 'file') throw new SkiffError('NOT_FOUND', `There is no partial file ${path} to resume.`)
    return open('r+')
  }

  const entryAt = async (path: string, read: (path: string) => Promise<Stats>): Promise<FsEntry | null> => {
    try {
      return entryFromAttrs(baseName(path), await read(path))
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }
  const lookup = (path: string) => entryAt(path, lstat)
  const stat = (path: string) => calls.run<Stats>('reading', path, (done) => sftp.stat(path, done))

  return {
    separator: '/',
    blockSize: blockSizeOf(sftp),
    isOrdered: true,
    lanes: 1,
    lookup,
    followLink: (path) => entryAt(path, stat),
    realpath: (path) => browse.realpath(path),
    list: async (path) => (await browse.list(path)).entries,
    async mkdir(path, mode) {
      try {
        await calls.run<void>('creating', path, (done) => sftp.mkdir(path, mode === undefined ? {} : { mode: mode & 0o7777 }, done))
      } catch (error) {
        // SFTP v3 has no "already exists" status: look before deciding it failed.
        const existing = await lookup(path).catch(() => null)
        if (existing?.type === 'directory') return
        if (existing) throw new SkiffError('EXISTS', `Cannot create the folder ${path}: a file with that name is in the way.`)
        throw error
      }
    },
    async openRead(path) {
      const handle = await calls.run<Buffer>('opening', path, (done) => sftp.open(path, 'r', done))
      return readHandle(sftp, calls, handle, path)
    },
    async openWrite(path, how: WriteMode, mode) {
      const attributes = mode === undefined ? {} : { mode: mode & 0o7777 }
      const open = (flags: OpenMode) => calls.run<Buffer>('opening', path, (done) => sftp.open(path, flags, attributes, done))
      return writeHandle(sftp, calls, how === 'truncate' ? await createFresh(path, open) : await openExisting(path, open), path)
    },
    async rename(from, to) {
      if (canPosixRename) return calls.run<void>('renaming', to, (done) => sftp.ext_openssh_rename(from, to, done))
      const plainRename = (a: string, b: string) => calls.run<void>('renaming', b, (done) => sftp.rename(a, b, done))
      // Plain SFTP v3 rename refuses a taken name. The old file is renamed aside first and
      // removed only once the new one is in place; if that fails it goes back: at no moment
      // is the person left with neither file.
      if (!(await lookup(to))) return plainRename(from, to)
      const aside = `${to.slice(0, to.lastIndexOf('/') + 1)}.skiff-replaced-${randomBytes(6).toString('hex')}`
      await plainRename(to, aside)
      try {
        await plainRename(from, to)
      } catch (error) {
        await plainRename(aside, to).catch(() => undefined)
        throw error
      }
      await unlink(aside).catch(() => undefined)
    },
    readLink: (path) => calls.run<string>('reading link', path, (done) => sftp.readlink(path, done)),
    // ssh2 swaps the two arguments for OpenSSH, whose sftp-server takes them in the reverse of the draft's order.
    symlink: (target, path) => calls.run<void>('creating link', path, (done) => sftp.symlink(target, path, done)),
    remove: unlink,
    removeFolder: (path) => calls.run<void>('removing', path, (done) => sftp.rmdir(path, done)),
    setTimes(path, mtimeMs) {
      const seconds = Math.floor(mtimeMs / 1000)
      return calls.run<void>('setting the time of', path, (done) => sftp.utimes(path, seconds, seconds, done))
    },
    setMode: (path, mode) => calls.run<void>('setting permissions of', path, (done) => sftp.chmod(path, mode & 0o7777, done)),
    checksum: async (path) => (options.checksum ? options.checksum(path) : null),
  }
}
