import { SkiffError, isSkiffError } from '../../shared/models/errors'
import { InFlightWindow } from './plan/in-flight-window'
import { ContiguousMark } from './contiguous-mark'
import type { ReadHandle, FileSystem, WriteHandle } from '../fs/file-system'

/** One file to copy, with everything the planner decided. */
export interface CopyFileInput {
  readonly source: FileSystem
  readonly sourcePath: string
  readonly target: FileSystem
  /** The final name: it appears only once the whole file is there and checked. */
  readonly targetPath: string
  /** The temporary name in the same folder that is written first (see plan/part-name). */
  readonly partPath: string
  /** The source's size when planned; the copy ends there. */
  readonly size: number
  /** 0 for a fresh copy; else the length of a partial already at `partPath`, trusted as a correct prefix. */
  readonly fromOffset: number
  /** Modification time to give the target, ms since the epoch; absent keeps "now". */
  readonly mtimeMs?: number
  /** Permission bits to give the target; absent leaves the file system's default. */
  readonly mode?: number
  readonly signal?: AbortSignal
  /** Called with each increase of the bytes known written (the high-water mark). */
  readonly onProgress?: (delta: number) => void
  /** Bytes in flight per lane at most (the window adapts below it); requests follow from the block size. */
  readonly windowBytes?: number
  /** Checks the finished partial before it is put in place; throws (and the old target stays) on a mismatch. */
  readonly verify?: () => Promise<void>
  /**
   * False when nothing should be at `targetPath`: a name taken meanwhile fails the copy with
   * EXISTS, the finished part file kept for the caller to settle. Default true (replace).
   */
  readonly isReplace?: boolean
}

/** A failed copy, with how much of the partial file is a correct prefix (to resume from). */
export class FileCopyError extends SkiffError {
  constructor(
    cause: SkiffError,
    readonly partialBytes: number,
  ) {
    super(cause.code, cause.message, { cause })
  }
}

// Bytes in flight per lane, at most: 32 requests of 256 KiB, 200 MiB/s per lane at 40 ms. The
// window adapts below that to the rate it measures (InFlightWindow), so a slow link holds less.
// Kept modest because it also sets how much a resumed multi-lane partial must re-send.
const defaultWindowBytes = 8 * 1024 * 1024
// And at least: a few blocks keep a fast local pipe busy.
const floorWindowBytes = 1024 * 1024
// Lanes one file spreads over at most, and the size from which it is worth opening them.
const maxLanes = 4
const minLaneBytes = 32 * 1024 * 1024

/**
 * How far before a leftover partial's end a resume must start. Lanes are separate channels
 * whose writes land in no common order, so after a drop a partial may have gaps, but only
 * within the last window of bytes that were in flight; everything before is known written.
 */
export const resumeMarginBytes = defaultWindowBytes * maxLanes
// Created private while partial; the final permission bits are set before the rename.
const partMode = 0o600

function asSkiffError(error: unknown, path: string): SkiffError {
  if (isSkiffError(error)) return error
  return new SkiffError('INTERNAL', `Copying ${path} failed unexpectedly.`, { cause: error })
}

/**
 * Hands out the right to send a write, in offset order. The server applies one handle's
 * requests in the order they arrive, so the target file only ever grows as a gap-free prefix:
 * if the link dies, what landed is a correct partial, even without the mark to cut it back.
 */
class WriteTurns {
  private readonly waiting = new Map<number, () => void>()
  private isAbandoned = false

  /** `stride`: the distance from one of this lane's blocks to its next (lanes × block size). */
  constructor(
    private next: number,
    private readonly stride: number,
  ) {}

  /** Resolves when every byte before `offset` has been sent (or the copy is abandoned). */
  turn(offset: number): Promise<void> {
    if (offset === this.next || this.isAbandoned) return Promise.resolve()
    return new Promise((resolve) => this.waiting.set(offset, resolve))
  }

  /** The write at `offset` went out: this lane's next block may go. */
  sent(offset: number): void {
    this.next = offset + this.stride
    const wake = this.waiting.get(this.next)
    this.waiting.delete(this.next)
    wake?.()
  }

  /** Lets every waiter go: the copy failed and they must see it. */
  abandon(): void {
    // A worker whose read is still in flight asks for its turn later: it must not wait forever.
    this.isAbandoned = true
    for (const wake of this.waiting.values()) wake()
    this.waiting.clear()
  }
}

/** Reads [offset, offset + length), following short reads. */
async function readBlock(input: CopyFileInput, reader: ReadHandle, offset: number, length: number): Promise<Buffer> {
  const parts: Buffer[] = []
  let done = 0
  while (done < length) {
    const data = await reader.read(offset + done, length - done)
    if (data.length === 0) throw new SkiffError('INTERNAL', `${input.sourcePath} got shorter while it was being copied.`)
    parts.push(data)
    done += data.length
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}

/** The open handles of a large copy: one reader and one writer per lane. */
interface Lanes {
  readonly readers: readonly ReadHandle[]
  readonly writers: readonly WriteHandle[]
}

/**
 * Copies [from, size) with many requests in flight over every lane: block n goes on lane
 * n mod lanes; each worker reads a block, waits for its lane's turn to send the write (offset
 * order within the lane), and the mark tracks the written prefix.
 */
async function pump(input: CopyFileInput, lanes: Lanes, mark: ContiguousMark): Promise<void> {
  const blockSize = Math.min(input.source.blockSize, input.target.blockSize)
  const count = lanes.writers.length
  const remaining = input.size - input.fromOffset
  const ceiling = (input.windowBytes ?? defaultWindowBytes) * count
  const window = new InFlightWindow({ floorBytes: Math.min(floorWindowBytes * count, ceiling), ceilingBytes: ceiling })
  // Workers for the most the window can ever allow; those beyond what it allows now wait for room.
  const slots = Math.max(1, Math.min(Math.ceil(remaining / blockSize), Math.floor(ceiling / blockSize)))
  const turns = Array.from({ length: count }, (_, lane) => new WriteTurns(input.fromOffset + lane * blockSize, count * blockSize))
  let next = input.fromOffset
  let failure: unknown
  const fail = (error: unknown) => {
    failure ??= error
    window.abandon()
    for (const lane of turns) lane.abandon()
  }
  const copyBlock = async (offset: number, length: number) => {
    const lane = Math.floor((offset - input.fromOffset) / blockSize) % count
    const data = await readBlock(input, lanes.readers[lane]!, offset, length)
    await turns[lane]!.turn(offset)
    if (failure !== undefined) return
    const writing = lanes.writers[lane]!.write(offset, data)
    turns[lane]!.sent(offset)
    await writing
    const moved = mark.add(offset, offset + length)
    if (moved > 0) input.onProgress?.(moved)
  }
  const worker = async () => {
    while (failure === undefined && next < input.size) {
      // Room first, then the offset: blocks take the window in offset order, so a lane's next
      // write never waits behind a later block holding the room it needs.
      await window.acquire(blockSize)
      if (failure !== undefined || next >= input.size) {
        window.giveBack(blockSize)
        return
      }
      if (input.signal?.aborted) {
        fail(cancelled())
        return
      }
      const offset = next
      const length = Math.min(blockSize, input.size - offset)
      next += length
      const sentAt = performance.now()
      await copyBlock(offset, length).then(() => window.release(blockSize, sentAt), fail)
    }
  }
  await Promise.all(Array.from({ length: slots }, worker))
  if (failure !== undefined) throw failure
  // Everything may have been in flight when the cancel came: it still must not land.
  if (input.signal?.aborted) throw cancelled()
}

function cancelled(): SkiffError {
  return new SkiffError('CANCELLED', 'The transfer was cancelled.')
}

/**
 * Everything after the last byte, sent together so it costs one round trip: sync, times,
 * permissions, the size check and the close (a server handles one handle's requests in order).
 */
async function finish(input: CopyFileInput, writer: WriteHandle, pendingWrite?: Promise<void>): Promise<void> {
  const steps: (() => Promise<unknown>)[] = [() => writer.sync()]
  if (input.mtimeMs !== undefined || input.mode !== undefined) steps.push(() => writer.setAttributes({ mtimeMs: input.mtimeMs, mode: input.mode }))
  let size = 0
  steps.push(async () => (size = await writer.size()), () => writer.close())
  if (input.target.isOrdered) {
    const results = await Promise.allSettled([...(pendingWrite ? [pendingWrite] : []), ...steps.map((step) => step())])
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
    if (failed) throw failed.reason
  } else {
    // Calls on a local file run in parallel threads: each waits for the one before.
    await pendingWrite
    for (const step of steps) await step()
  }
  if (size !== input.size) {
    throw new SkiffError('INTERNAL', `${input.targetPath} came out ${size} bytes long instead of ${input.size}; it was not put in place.`)
  }
}

// After a failure only the prefix is trusted: cut the partial back to it where the link still works.
async function keepPrefix(writer: WriteHandle, mark: ContiguousMark): Promise<void> {
  await writer.truncate(mark.value).catch(() => undefined)
  await writer.close().catch(() => undefined)
}

/**
 * Copies one file safely: written under `partPath`, resumed from `fromOffset` when asked,
 * synced, times and permissions set, its size checked, and only then renamed over
 * `targetPath`. A failure leaves the old target untouched and a partial that is a correct
 * prefix (FileCopyError.partialBytes long), never a truncated file under the real name.
 */
export async function copyFile(input: CopyFileInput): Promise<void> {
  const mark = new ContiguousMark(input.fromOffset)
  const isSmall = input.fromOffset === 0 && input.size <= Math.min(input.source.blockSize, input.target.blockSize)
  const readers: ReadHandle[] = []
  const writers: WriteHandle[] = []
  try {
    // A small file takes whichever lane comes next; a large one starts its lanes at 0.
    const firstLane = isSmall ? undefined : 0
    // A small file is read whole before its part file is made, in one call where the source can.
    const whole = isSmall && input.source.readStart ? await input.source.readStart(input.sourcePath, input.size) : undefined
    if (whole?.length !== input.size) readers.push(await input.source.openRead(input.sourcePath, firstLane))
    writers.push(await input.target.openWrite(input.partPath, input.fromOffset > 0 ? 'resume' : 'truncate', partMode, firstLane))
    if (isSmall) {
      // One block: its write goes out with the finishing requests, one round trip for all.
      const data = whole?.length === input.size ? whole : await readBlock(input, readers[0]!, 0, input.size)
      await finish(input, writers[0]!, data.length > 0 ? writers[0]!.write(0, data) : undefined)
      if (data.length > 0) input.onProgress?.(data.length)
    } else {
      if (input.fromOffset > 0) await writers[0]!.truncate(input.fromOffset)
      await openMoreLanes(input, readers, writers)
      await pump(input, { readers, writers }, mark)
      await Promise.all(writers.splice(1).map((writer) => writer.close()))
      await finish(input, writers[0]!)
    }
    writers.length = 0
    if (input.signal?.aborted) throw cancelled()
    await input.verify?.()
    await input.target.rename(input.partPath, input.targetPath, { isReplace: input.isReplace !== false })
  } catch (error) {
    if (writers[0]) await keepPrefix(writers[0], mark)
    for (const writer of writers.slice(1)) await writer.close().catch(() => undefined)
    throw new FileCopyError(asSkiffError(error, input.sourcePath), mark.value)
  } finally {
    for (const reader of readers) await reader.close().catch(() => undefined)
  }
}

/** A large file on a side with several lanes gets a reader and a writer on each. */
async function openMoreLanes(input: CopyFileInput, readers: ReadHandle[], writers: WriteHandle[]): Promise<void> {
  const count = Math.min(maxLanes, input.source.lanes, input.target.lanes, Math.ceil((input.size - input.fromOffset) / minLaneBytes))
  for (let lane = 1; lane < count; lane++) {
    readers.push(await input.source.openRead(input.sourcePath, lane))
    writers.push(await input.target.openWrite(input.partPath, 'resume', undefined, lane))
  }
}
