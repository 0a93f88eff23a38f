import { SkiffError } from '../../shared/models/errors'
import { throwIfCancelled } from '../fs/cancellation'
import type { FileSystem, ReadHandle } from '../fs/file-system'

// Reads in flight at once: enough to fill a link's window without holding much more than the file.
const readsInFlight = 16

async function readExactly(reader: ReadHandle, offset: number, length: number): Promise<Buffer> {
  const parts: Buffer[] = []
  let done = 0
  while (done < length) {
    const data = await reader.read(offset + done, length - done)
    // The file got shorter since it was looked at: what was read is all there is.
    if (data.length === 0) break
    parts.push(data)
    done += data.length
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}

/**
 * The first `length` bytes of the file at `path` (all of it when shorter), read in blocks with
 * several requests in flight. A file that grew since it was looked at is read to `length` only.
 */
export async function readFileBytes(fs: FileSystem, path: string, length: number, signal?: AbortSignal): Promise<Buffer> {
  const reader = await fs.openRead(path)
  try {
    const offsets: number[] = []
    for (let offset = 0; offset < length; offset += fs.blockSize) offsets.push(offset)
    const blocks: Buffer[] = new Array(offsets.length)
    let next = 0
    const worker = async () => {
      while (next < offsets.length) {
        throwIfCancelled(signal)
        const index = next++
        const offset = offsets[index]!
        blocks[index] = await readExactly(reader, offset, Math.min(fs.blockSize, length - offset))
      }
    }
    await Promise.all(Array.from({ length: Math.min(readsInFlight, offsets.length) }, worker))
    // A block cut short means the file ends there: nothing after it is part of the file.
    const whole: Buffer[] = []
    for (const block of blocks) {
      whole.push(block)
      if (block.length < fs.blockSize) break
    }
    return Buffer.concat(whole)
  } finally {
    await reader.close().catch(() => undefined)
  }
}

/** Refuses what the editor cannot open: a folder, a device, a socket. */
export function assertRegularFile(type: string, path: string): void {
  if (type === 'directory') throw new SkiffError('INVALID_REQUEST', `${path} is a folder, not a file.`)
  if (type !== 'file') throw new SkiffError('INVALID_REQUEST', `${path} is not a regular file.`)
}
