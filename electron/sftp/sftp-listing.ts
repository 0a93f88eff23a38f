import type { FileEntry, SFTPWrapper, Stats } from 'ssh2'
import { isSkiffError } from '../../shared/models/errors'
import type { DirListing, FsEntry } from '../../shared/models/fs'
import { mapBounded } from '../fs/bounded-map'
import { targetTypeOf } from '../fs/file-mode'
import { childPath, listedEntry, parentPath } from './sftp-entry'
import type { SftpCalls } from './sftp-watchdog'

// Symlinks resolved at once while listing; each takes a stat and a readlink, so twice as many requests in flight.
const linkConcurrency = 16
// READDIR requests kept in flight on one folder handle.
const readdirDepth = 4
// SSH_FX_EOF: how a READDIR says the folder has no more entries.
const endOfFolder = 1

/** Failures that end a whole listing, rather than leaving one link's details absent. */
function isFatal(error: unknown): boolean {
  return isSkiffError(error) && (error.code === 'DISCONNECTED' || error.code === 'CANCELLED')
}

/** Lists folders over one SFTP channel; `unscoped` closes handles even after a cancel. */
export class SftpListing {
  constructor(
    private readonly sftp: SFTPWrapper,
    private readonly unscoped: SftpCalls,
  ) {}

  async list(calls: SftpCalls, path: string): Promise<DirListing> {
    // Side by side: the folder opens by the path as given while its canonical form is asked for.
    const resolving = calls.run<string>('resolving', path, (done) => this.sftp.realpath(path, done))
    const reading = this.readFolder(calls, path)
    const [canonical, files] = await Promise.all([resolving, reading.catch(async (error: unknown) => {
      await resolving.catch(() => undefined)
      throw error
    })])
    const entries: FsEntry[] = []
    for (const file of files) {
      const entry = listedEntry(file)
      if (entry) entries.push(entry)
    }
    await this.resolveLinks(calls, canonical, entries)
    return { path: canonical, parentPath: parentPath(canonical), separator: '/', entries }
  }

  /** Where a symlink points and what it resolves to; each part absent when the server cannot tell (dangling, looping). */
  async linkDetails(calls: SftpCalls, path: string): Promise<Pick<FsEntry, 'linkTarget' | 'linkTargetType'>> {
    const [target, targetAttrs] = await Promise.allSettled([
      calls.run<string>('reading link', path, (done) => this.sftp.readlink(path, done)),
      calls.run<Stats>('following link', path, (done) => this.sftp.stat(path, done)),
    ])
    for (const result of [target, targetAttrs]) {
      if (result.status === 'rejected' && isFatal(result.reason)) throw result.reason
    }
    return {
      ...(target.status === 'fulfilled' ? { linkTarget: target.value } : {}),
      ...(targetAttrs.status === 'fulfilled' && targetAttrs.value.mode ? { linkTargetType: targetTypeOf(targetAttrs.value.mode) } : {}),
    }
  }

  /**
   * Every raw entry of a folder: OPENDIR, READDIR until EOF, CLOSE. Several READDIRs are kept
   * in flight on the handle: the protocol processes requests on one handle in order, so each
   * returns the next batch, and the server never idles waiting for our next request (this
   * halves the time for 100,000 entries on loopback, more over real latency).
   */
  private async readFolder(calls: SftpCalls, folder: string): Promise<FileEntry[]> {
    const handle = await calls.run<Buffer>('opening', folder, (done) => this.sftp.opendir(folder, done))
    try {
      const files: FileEntry[] = []
      // Set in the reply's own callback: the replies to one packet all arrive before any reader
      // goes on, so none sends another READDIR once one of them has seen the end.
      const end = { isReached: false }
      const reader = async () => {
        while (!end.isReached) {
          const batch = await this.readBatch(calls, handle, folder, end)
          if (batch) for (const file of batch) files.push(file)
        }
      }
      await Promise.all(Array.from({ length: readdirDepth }, reader))
      return files
    } finally {
      // Not awaited: the listing is complete (or failed) either way. Unscoped, so a cancelled listing still closes.
      this.unscoped.run('closing', folder, (done) => this.sftp.close(handle, done)).catch(() => undefined)
    }
  }

  /** The next batch of entries, or undefined (with `end` marked) at the end of the folder. */
  private readBatch(calls: SftpCalls, handle: Buffer, folder: string, end: { isReached: boolean }): Promise<FileEntry[] | undefined> {
    return calls.run<FileEntry[] | undefined>('reading folder', folder, (done) =>
      this.sftp.readdir(handle, (error, files) => {
        if ((error as { code?: unknown } | undefined)?.code !== endOfFolder) return done(error, files)
        end.isReached = true
        done(undefined, undefined)
      }),
    )
  }

  /** Fills in target and target type of each symlink in `entries`, in place. */
  private async resolveLinks(calls: SftpCalls, folder: string, entries: FsEntry[]): Promise<void> {
    const linkIndexes: number[] = []
    entries.forEach((entry, index) => {
      if (entry.type === 'symlink') linkIndexes.push(index)
    })
    await mapBounded(linkIndexes, linkConcurrency, async (index) => {
      const entry = entries[index] as FsEntry
      entries[index] = { ...entry, ...(await this.linkDetails(calls, childPath(folder, entry.name))) }
    })
  }
}
