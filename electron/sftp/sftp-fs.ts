import { randomBytes } from 'node:crypto'
import type { OpenMode, SFTPWrapper, Stats } from 'ssh2'
import { SkiffError } from '../../shared/models/errors'
import type { FsCapabilities, FsEntry } from '../../shared/models/fs'
import type { FileSystem } from '../fs/file-system'
import { shellQuote, type ExecResult } from '../ssh/remote-exec'
import { baseName, entryFromAttrs } from './sftp-entry'
import { sftpReadHandle, sftpWriteHandle } from './sftp-handles'
import { SftpListing } from './sftp-listing'
import { createSftpWatchdog, type SftpCalls } from './sftp-watchdog'

/** How createSftpFs learns that the connection is gone, how long it waits, and what else it may run. */
export interface SftpFsOptions {
  /** Aborts when the SSH connection closes (the client's 'close'): every pending and later call rejects with DISCONNECTED. */
  readonly closed: AbortSignal
  /** How long one SFTP request may go unanswered before it rejects with TIMEOUT; 30 s by default (a deep pipeline wants more). */
  readonly opTimeoutMs?: number
  /** SHA-256 on the server (see remoteChecksums); without it checksum() answers null. */
  readonly checksum?: (path: string) => Promise<string | null>
  /** Runs a command on the server (for owner names); without it names cannot be resolved. */
  readonly exec?: (command: string, signal?: AbortSignal) => Promise<ExecResult>
}

// ssh2's view of the server's limits (limits@openssh.com, or its defaults): a larger request
// would be split by ssh2 into requests sent one after another, which breaks pipelining.
interface SftpLimits {
  readonly _maxReadLen?: number
  readonly _maxWriteLen?: number
  readonly _extensions?: Readonly<Record<string, string>>
}

const defaultOpTimeoutMs = 30_000
const maxBlockSize = 256 * 1024
const statusNoSuchFile = 2

function blockSizeOf(sftp: SFTPWrapper): number {
  const limits = sftp as unknown as SftpLimits
  return Math.min(maxBlockSize, limits._maxReadLen ?? 32_768, limits._maxWriteLen ?? 32_768)
}

function extensionOf(sftp: SFTPWrapper, name: string): string | undefined {
  return (sftp as unknown as SftpLimits)._extensions?.[name]
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'NOT_FOUND' || code === statusNoSuchFile
}

/** The folder part of a POSIX path, with its trailing slash. */
function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1)
}

/**
 * A server's file system over one SFTP channel. Every request is guarded by a watchdog (see
 * createSftpWatchdog), so a dropped connection settles everything in flight, and a call given a
 * signal stops waiting once it aborts.
 */
export function createSftpFs(sftp: SFTPWrapper, options: SftpFsOptions): FileSystem {
  const watchdog = createSftpWatchdog({ closed: options.closed, timeoutMs: options.opTimeoutMs ?? defaultOpTimeoutMs })
  const unscoped = watchdog.calls()
  const callsOf = (signal?: AbortSignal): SftpCalls => (signal ? watchdog.calls(signal) : unscoped)
  const folders = new SftpListing(sftp, unscoped)
  const canPosixRename = extensionOf(sftp, 'posix-rename@openssh.com') !== undefined
  const canSync = extensionOf(sftp, 'fsync@openssh.com') !== undefined
  const capabilities: FsCapabilities = {
    canSymlink: true,
    canChown: true,
    hasServerCopy: extensionOf(sftp, 'copy-data') === '1',
    hasCopyCommand: options.exec !== undefined,
    hasAtomicReplace: canPosixRename,
    canTrash: false,
  }

  const lstat = (path: string, signal?: AbortSignal) => callsOf(signal).run<Stats>('reading', path, (done) => sftp.lstat(path, done))
  const unlink = (path: string, signal?: AbortSignal) => callsOf(signal).run<void>('removing', path, (done) => sftp.unlink(path, done))
  const plainRename = (from: string, to: string, signal?: AbortSignal) =>
    callsOf(signal).run<void>('renaming', to, (done) => sftp.rename(from, to, done))
  const entryAt = async (path: string, read: (path: string) => Promise<Stats>): Promise<FsEntry | null> => {
    try {
      return entryFromAttrs(baseName(path), await read(path))
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }
  const lookup = (path: string, signal?: AbortSignal) => entryAt(path, (p) => lstat(p, signal))
  const realpath = (path: string, signal?: AbortSignal) => callsOf(signal).run<string>('resolving', path, (done) => sftp.realpath(path, done))
  const open = (path: string, flags: OpenMode, mode?: number, signal?: AbortSignal) =>
    callsOf(signal).run<Buffer>('opening', path, (done) => sftp.open(path, flags, mode === undefined ? {} : { mode: mode & 0o7777 }, done))
  const close = (handle: Buffer, path: string) => unscoped.run<void>('closing', path, (done) => sftp.close(handle, done))

  // SFTP open follows symlinks on the server. An exclusive create never does, and costs one
  // round trip for the usual fresh name; whatever is in the way (a planted link, an old
  // partial) is removed first, never written through.
  const createFresh = async (path: string, mode: number | undefined): Promise<Buffer> => {
    try {
      return await open(path, 'wx', mode)
    } catch (error) {
      const existing = await lookup(path)
      if (!existing) throw error
      if (existing.type === 'directory') throw new SkiffError('EXISTS', `Cannot write ${path}: a folder with that name is in the way.`)
      await unlink(path)
      return open(path, 'wx', mode)
    }
  }

  // Plain SFTP v3 rename refuses a taken name. To replace without posix-rename, the old entry is
  // renamed aside first and removed only once the new one is in place; if that fails it goes
  // back: at no moment is the person left with neither.
  const replaceByHand = async (from: string, to: string, signal?: AbortSignal) => {
    if (!(await lookup(to, signal))) return plainRename(from, to, signal)
    const aside = `${folderOf(to)}.skiff-replaced-${randomBytes(6).toString('hex')}`
    await plainRename(to, aside, signal)
    try {
      await plainRename(from, to)
    } catch (error) {
      await plainRename(aside, to).catch(() => undefined)
      throw error
    }
    const old = await lookup(aside)
    if (old?.type === 'directory') await callsOf().run<void>('removing', aside, (done) => sftp.rmdir(aside, done)).catch(() => undefined)
    else await unlink(aside).catch(() => undefined)
  }

  const copyData = async (from: string, to: string, signal?: AbortSignal) => {
    if (!capabilities.hasServerCopy) throw new SkiffError('UNSUPPORTED', 'This server cannot copy files itself (it lacks copy-data).')
    const source = await followEntry(from, signal)
    if (source?.type !== 'file') throw new SkiffError('INVALID_REQUEST', `Cannot copy ${from}: it is not a regular file.`)
    const input = await open(from, 'r', undefined, signal)
    try {
      const output = await open(to, 'wx', source.mode, signal)
      try {
        // A length of 0 copies to the end of the file.
        await callsOf(signal).run<void>('copying', to, (done) => sftp.ext_copy_data(input, 0, 0, output, 0, done))
        const seconds = Math.floor(source.mtimeMs / 1000)
        await callsOf(signal).run<void>('setting the time of', to, (done) => sftp.futimes(output, seconds, seconds, done))
      } finally {
        await close(output, to).catch(() => undefined)
      }
    } finally {
      await close(input, from).catch(() => undefined)
    }
  }
  const followEntry = (path: string, signal?: AbortSignal) =>
    entryAt(path, (p) => callsOf(signal).run<Stats>('reading', p, (done) => sftp.stat(p, done)))

  return {
    separator: '/',
    capabilities,
    blockSize: blockSizeOf(sftp),
    isOrdered: true,
    lanes: 1,
    list: (path, signal) => folders.list(callsOf(signal), path),
    async stat(path, signal) {
      const entry = entryFromAttrs(baseName(path), await lstat(path, signal))
      return entry.type === 'symlink' ? { ...entry, ...(await folders.linkDetails(callsOf(signal), path)) } : entry
    },
    lookup,
    followLink: followEntry,
    realpath,
    // SFTP sessions start in the user's home folder (or wherever the server says they start).
    home: (signal) => realpath('.', signal),
    async mkdir(path, mode, signal) {
      try {
        await callsOf(signal).run<void>('creating', path, (done) => sftp.mkdir(path, mode === undefined ? {} : { mode: mode & 0o7777 }, done))
      } catch (error) {
        // SFTP v3 has no "already exists" status: look before deciding it failed.
        const existing = await lookup(path).catch(() => null)
        if (existing?.type === 'directory') return
        if (existing) throw new SkiffError('EXISTS', `Cannot create the folder ${path}: a file with that name is in the way.`)
        throw error
      }
    },
    async createFile(path, signal) {
      let handle: Buffer
      try {
        handle = await open(path, 'wx', undefined, signal)
      } catch (error) {
        if (await lookup(path).catch(() => null)) throw new SkiffError('EXISTS', `Cannot create ${path}: the name is taken.`)
        throw error
      }
      await close(handle, path)
    },
    async openRead(path) {
      return sftpReadHandle(sftp, unscoped, await open(path, 'r'), path)
    },
    async openWrite(path, how, mode) {
      if (how === 'truncate') return sftpWriteHandle(sftp, unscoped, await createFresh(path, mode), path, canSync)
      const existing = await lookup(path)
      if (existing?.type !== 'file') throw new SkiffError('NOT_FOUND', `There is no partial file ${path} to resume.`)
      return sftpWriteHandle(sftp, unscoped, await open(path, 'r+'), path, canSync)
    },
    async rename(from, to, renameOptions) {
      const signal = renameOptions?.signal
      if (!renameOptions?.isReplace) {
        // OpenSSH's plain rename refuses a taken name (it links, then unlinks); servers that would replace are asked first.
        if (await lookup(to, signal)) throw new SkiffError('EXISTS', `Cannot rename to ${to}: the name is taken.`)
        return plainRename(from, to, signal)
      }
      if (canPosixRename) return callsOf(signal).run<void>('renaming', to, (done) => sftp.ext_openssh_rename(from, to, done))
      return replaceByHand(from, to, signal)
    },
    readLink: (path, signal) => callsOf(signal).run<string>('reading link', path, (done) => sftp.readlink(path, done)),
    // ssh2 swaps the two arguments for OpenSSH, whose sftp-server takes them in the reverse of the draft's order.
    symlink: (target, path, signal) => callsOf(signal).run<void>('creating link', path, (done) => sftp.symlink(target, path, done)),
    remove: unlink,
    async removeFolder(path, signal) {
      try {
        await callsOf(signal).run<void>('removing', path, (done) => sftp.rmdir(path, done))
      } catch (error) {
        // SFTP v3 says only FAILURE for a folder that is not empty: look, and say so.
        const listing = await folders.list(callsOf(signal), path).catch(() => null)
        if (listing && listing.entries.length > 0) throw new SkiffError('INVALID_REQUEST', `Folder is not empty: ${path}`, { cause: error })
        throw error
      }
    },
    setTimes(path, mtimeMs, signal) {
      const seconds = Math.floor(mtimeMs / 1000)
      return callsOf(signal).run<void>('setting the time of', path, (done) => sftp.utimes(path, seconds, seconds, done))
    },
    setMode: (path, mode, signal) => callsOf(signal).run<void>('setting permissions of', path, (done) => sftp.chmod(path, mode & 0o7777, done)),
    async setOwner(path, owner, signal) {
      // SETSTAT takes both ids together: the one not changing is read first.
      const current = owner.uid === undefined || owner.gid === undefined ? await lstat(path, signal) : undefined
      const uid = owner.uid ?? current?.uid ?? 0
      const gid = owner.gid ?? current?.gid ?? 0
      await callsOf(signal).run<void>('changing the owner of', path, (done) => sftp.chown(path, uid, gid, done))
    },
    async resolveOwner(kind, name, signal) {
      if (!options.exec) throw new SkiffError('UNSUPPORTED', 'This server cannot look up names: give the number instead.')
      const command = kind === 'user' ? `id -u -- ${shellQuote(name)}` : `getent group -- ${shellQuote(name)}`
      const result = await options.exec(command, signal)
      const text = kind === 'user' ? result.stdout.trim() : (result.stdout.split(':')[2] ?? '').trim()
      if (result.code !== 0 || !/^\d+$/.test(text)) throw new SkiffError('NOT_FOUND', `The server knows no ${kind} named ${name}.`)
      return Number(text)
    },
    copyFile: copyData,
    async copyByCommand(from, to, signal) {
      if (!options.exec) throw new SkiffError('UNSUPPORTED', 'This server runs no commands for Skiff.')
      if (await lookup(to, signal)) throw new SkiffError('EXISTS', `Cannot copy to ${to}: the name is taken.`)
      // -P: links stay links; -p: modes and times kept; -R: a folder with all it holds. Quoted, whatever the names hold.
      const result = await options.exec(`cp -pPR -- ${shellQuote(from)} ${shellQuote(to)}`, signal)
      if (result.code !== 0) throw new SkiffError('PERMISSION_DENIED', `The server could not copy ${from} to ${to} (cp ended with ${result.code ?? 'a signal'}).`)
    },
    checksum: async (path) => (options.checksum ? options.checksum(path) : null),
  }
}
