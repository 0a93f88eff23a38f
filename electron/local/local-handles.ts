import type { FileHandle } from 'node:fs/promises'
import type { ReadHandle, WriteHandle } from '../fs/file-system'
import { toFsError } from '../fs/fs-errors'

async function mapped<T>(work: Promise<T>, path: string): Promise<T> {
  try {
    return await work
  } catch (error) {
    throw toFsError(error, path)
  }
}

/** An open local file being read. */
export function localReadHandle(file: FileHandle, path: string): ReadHandle {
  return {
    async read(offset, length) {
      const buffer = Buffer.allocUnsafe(length)
      const { bytesRead } = await mapped(file.read(buffer, 0, length, offset), path)
      return bytesRead === length ? buffer : buffer.subarray(0, bytesRead)
    },
    close: () => mapped(file.close(), path),
  }
}

/** An open local file being written. */
export function localWriteHandle(file: FileHandle, path: string): WriteHandle {
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
