import type { SFTPWrapper, Stats } from 'ssh2'
import type { ReadHandle, WriteHandle } from '../fs/file-system'
import type { SftpCalls } from './sftp-watchdog'

/** An open SFTP file being read. */
export function sftpReadHandle(sftp: SFTPWrapper, calls: SftpCalls, handle: Buffer, path: string): ReadHandle {
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

/** An open SFTP file being written; `canSync` where the server has fsync@openssh.com. */
export function sftpWriteHandle(sftp: SFTPWrapper, calls: SftpCalls, handle: Buffer, path: string, canSync: boolean): WriteHandle {
  return {
    write: (offset, data) => calls.run<void>('writing', path, (done) => sftp.write(handle, data, 0, data.length, offset, done)),
    truncate: (size) => calls.run<void>('truncating', path, (done) => sftp.fsetstat(handle, { size }, done)),
    sync: () => (canSync ? calls.run<void>('syncing', path, (done) => sftp.ext_openssh_fsync(handle, done)) : Promise.resolve()),
    size: async () => (await calls.run<Stats>('checking', path, (done) => sftp.fstat(handle, done))).size,
    setAttributes: ({ mtimeMs, mode }) => {
      const seconds = mtimeMs === undefined ? undefined : Math.floor(mtimeMs / 1000)
      const attributes = { ...(mode === undefined ? {} : { mode: mode & 0o7777 }), ...(seconds === undefined ? {} : { atime: seconds, mtime: seconds }) }
      return calls.run<void>(seconds === undefined ? 'setting permissions of' : 'setting the time of', path, (done) => sftp.fsetstat(handle, attributes, done))
    },
    close: () => calls.run<void>('closing', path, (done) => sftp.close(handle, done)),
  }
}
