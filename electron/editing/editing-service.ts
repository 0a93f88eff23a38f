import { randomUUID } from 'node:crypto'
import { largeFileBytes, type OpenFileRequest, type OpenedFile, type SaveFileRequest, type SavedFile } from '../../shared/models/editor'
import type { FsTarget } from '../../shared/models/fs'
import { SkiffError } from '../../shared/models/errors'
import type { FileSystem } from '../fs/file-system'
import { splitPath } from '../fs/fs-path'
import { assertRegularFile, readFileBytes } from './file-bytes'
import { decodeText, encodeText, imageTypeOf } from './file-text'
import { saveFile, versionOf } from './save-file'

/** The first bytes a hex view shows, and what is read to tell text from binary before a large read. */
export const headBytes = 64 * 1024

// Text a save sends ahead in pieces (browser mode caps one message), kept until its save or this long.
const stagedLifetimeMs = 10 * 60 * 1000

interface Staged {
  readonly pieces: string[]
  touchedAt: number
}

/**
 * Opens files for the built-in editor and viewer, and saves them back: reads follow links to the
 * file itself, decode strictly (see file-text), and a save goes through {@link saveFile}.
 */
export class EditingService {
  private readonly staged = new Map<string, Staged>()

  constructor(
    private readonly fsOf: (target: FsTarget) => FileSystem,
    private readonly now: () => number = Date.now,
  ) {}

  async open(request: OpenFileRequest, signal?: AbortSignal): Promise<OpenedFile> {
    const fs = this.fsOf(request.target)
    const path = await fs.realpath(request.path, signal)
    const entry = await fs.stat(path, signal)
    assertRegularFile(entry.type, path)
    const version = versionOf(entry)
    const head = await readFileBytes(fs, path, Math.min(entry.size, headBytes), signal)
    const place = splitPath(path, fs.separator)
    const { name } = place
    const image = request.purpose === 'view' ? imageTypeOf(name, head) : null
    // A NUL in the first bytes settles it: no need to ask about a large file that will not open anyway.
    if (!image && head.includes(0)) return { ...place, kind: 'binary', path, reason: 'binary', head: head.toString('base64'), version }
    if (entry.size > largeFileBytes && !request.isLargeAllowed) return { ...place, kind: 'too-large', path, version }
    const bytes = entry.size <= head.length ? head : await readFileBytes(fs, path, entry.size, signal)
    if (image) return { ...place, kind: 'image', path, mime: image, base64: bytes.toString('base64'), version }
    const decoded = decodeText(bytes)
    if (decoded.kind === 'not-text') return { ...place, kind: 'binary', path, reason: decoded.reason, head: bytes.subarray(0, headBytes).toString('base64'), version }
    return { ...place, kind: 'text', path, text: decoded.text, format: decoded.format, version, mode: entry.mode & 0o7777 }
  }

  /** Keeps a piece of a save's text until {@link save} comes with the same id; returns the id. */
  stage(stageId: string | undefined, text: string): string {
    this.dropStale()
    const id = stageId ?? randomUUID()
    const staged = this.staged.get(id) ?? { pieces: [], touchedAt: 0 }
    staged.pieces.push(text)
    staged.touchedAt = this.now()
    this.staged.set(id, staged)
    return id
  }

  async save(request: SaveFileRequest, signal?: AbortSignal): Promise<SavedFile> {
    const fs = this.fsOf(request.target)
    const text = this.takeText(request)
    return saveFile({
      fs,
      path: request.path,
      bytes: encodeText(text, request.format),
      expected: request.expected,
      isForced: request.isForced ?? false,
      isOwnerChangeAllowed: request.isOwnerChangeAllowed ?? false,
      ...(signal ? { signal } : {}),
    })
  }

  private takeText(request: SaveFileRequest): string {
    if (request.stageId === undefined) return request.text
    const staged = this.staged.get(request.stageId)
    if (!staged) throw new SkiffError('INVALID_REQUEST', 'The text to save was not all received; save again.')
    this.staged.delete(request.stageId)
    return staged.pieces.join('') + request.text
  }

  private dropStale(): void {
    const oldest = this.now() - stagedLifetimeMs
    for (const [id, staged] of this.staged) if (staged.touchedAt < oldest) this.staged.delete(id)
  }
}
