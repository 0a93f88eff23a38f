import { closeSync, openSync, readSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import type { ReadHandle, WriteHandle } from '../fs/file-system'
import { toFsError } from '../fs/fs-errors'
import type { InThreadWhileFast } from './in-thread'

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
    async setAttributes({ mtimeMs, mode }) {
      if (mode !== undefined) await mapped(file.chmod(mode & 0o7777), path)
      if (mtimeMs !== undefined) await mapped(file.utimes(mtimeMs / 1000, mtimeMs / 1000), path)
    },
    close: () => mapped(file.close(), path),
  }
}

/** Up to `size` bytes from offset 0, as many as one read gives: the caller reads on from there when short. */
function readStartInThread(path: string, size: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(size)
    const bytesRead = size === 0 ? 0 : readSync(fd, buffer, 0, size, 0)
    return bytesRead === size ? buffer : buffer.subarray(0, bytesRead)
  } finally {
    closeSync(fd)
  }
}

async function readStartPooled(path: string, size: number): Promise<Buffer> {
  const file = await open(path, 'r')
  try {
    return await localReadHandle(file, path).read(0, size)
  } finally {
    await file.close()
  }
}

/** The start of a small file in one call: in the thread while the disk answers from cache (see InThreadWhileFast). */
export async function readStart(gate: InThreadWhileFast, path: string, size: number): Promise<Buffer> {
  try {
    return await gate.run(
      () => readStartInThread(path, size),
      () => readStartPooled(path, size),
    )
  } catch (error) {
    throw toFsError(error, path)
  }
}
