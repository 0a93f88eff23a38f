import { randomUUID } from 'node:crypto'
import { mkdir, open, rm, utimes, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { SkiffError } from '../../shared/models/errors'
import { ContiguousMark } from './contiguous-mark'
import { nameProblem } from './plan/remote-name'

interface Upload {
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
  readonly file: FileHandle
  readonly mark: ContiguousMark
}

// Uploads of files a browser dropped that may be open at once: a bound on open handles.
const maxOpenUploads = 64

/**
 * Browser mode has no paths for files dropped from the OS file manager: the page streams
 * their bytes over the socket into a staging folder of the data directory, and the transfer
 * queue then moves them to where they were dropped. Files only take a checked name.
 */
export class UploadStaging {
  private readonly uploads = new Map<string, Upload>()

  constructor(private readonly dir: string) {}

  /** Forgets what an earlier run left behind. */
  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }

  /** Opens a staging file for `name`; returns its id. */
  async begin(name: string, size: number, mtimeMs: number): Promise<string> {
    const problem = nameProblem(name)
    if (problem) throw new SkiffError('INVALID_REQUEST', `Cannot take the dropped file: ${problem}.`)
    if (this.uploads.size >= maxOpenUploads) throw new SkiffError('INVALID_REQUEST', 'Too many dropped files at once; drop fewer.')
    const uploadId = randomUUID()
    const folder = join(this.dir, uploadId)
    await mkdir(folder, { recursive: true, mode: 0o700 })
    const path = join(folder, name)
    const file = await open(path, 'wx', 0o600)
    this.uploads.set(uploadId, { path, size, mtimeMs, file, mark: new ContiguousMark(0) })
    return uploadId
  }

  /** Writes one piece at its offset. */
  async write(uploadId: string, offset: number, data: Buffer): Promise<void> {
    const upload = this.get(uploadId)
    if (offset + data.length > upload.size) throw new SkiffError('INVALID_REQUEST', 'More bytes arrived than the dropped file has.')
    await upload.file.write(data, 0, data.length, offset)
    upload.mark.add(offset, offset + data.length)
  }

  /** Closes a complete upload and returns where it is staged. */
  async finish(uploadId: string): Promise<string> {
    const upload = this.get(uploadId)
    this.uploads.delete(uploadId)
    await upload.file.close()
    if (upload.mark.value !== upload.size) {
      await rm(join(this.dir, uploadId), { recursive: true, force: true })
      throw new SkiffError('INVALID_REQUEST', 'The dropped file did not arrive whole; nothing was copied.')
    }
    if (upload.mtimeMs > 0) await utimes(upload.path, upload.mtimeMs / 1000, upload.mtimeMs / 1000)
    return upload.path
  }

  /** Drops an unfinished upload. */
  async discard(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId)
    if (!upload) return
    this.uploads.delete(uploadId)
    await upload.file.close().catch(() => undefined)
    await rm(join(this.dir, uploadId), { recursive: true, force: true })
  }

  private get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId)
    if (!upload) throw new SkiffError('NOT_FOUND', 'That upload is finished or was dropped.')
    return upload
  }
}
