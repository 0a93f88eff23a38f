import type { FsEntry } from '../../shared/models/fs'
import { joinChild } from './plan/remote-name'
import type { PlannedFolder } from './plan/tree-walk'
import type { FileSystem } from '../fs/file-system'

type Listing = Map<string, FsEntry>

/**
 * The target folders' entries as someone read them a moment ago (a synchronization's preview),
 * by relative path: a folder given here is not listed again. Undefined: not read, list it.
 */
export type SeenListings = (relPath: readonly string[]) => readonly FsEntry[] | undefined

// Folders created or listed at once.
const folderConcurrency = 64

function keyOf(relPath: readonly string[]): string {
  return relPath.join('\0')
}

/** A placeholder for a name this copy has claimed but not written yet. */
function claimed(name: string): FsEntry {
  return { name, type: 'file', size: 0, mtimeMs: 0, mode: 0, permissions: '---------' }
}

/**
 * The target side of a tree copy: creates the planned folders ahead of the files, and keeps
 * one listing per target folder, so what is already there (a taken name, a leftover partial)
 * is known without a round trip per file. Folders that did not exist start empty, unlisted.
 */
export class TargetFolders {
  private readonly listings = new Map<string, Listing>()
  /** Folders whose listing is `seen`'s, not read now: what they show may have changed since. */
  private readonly fromEarlier = new Set<string>()

  constructor(
    private readonly target: FileSystem,
    private readonly root: string,
    private readonly seen?: SeenListings,
  ) {}

  /** Lists the root, then creates (or lists) each folder after its parent; returns the folders that failed. */
  async create(folders: readonly PlannedFolder[], signal?: AbortSignal): Promise<{ path: string; code: string; message: string }[]> {
    await this.read([], this.root)
    const failures: { path: string; code: string; message: string }[] = []
    const depths = [...new Set(folders.map((folder) => folder.relPath.length))].sort((a, b) => a - b)
    for (const depth of depths) {
      if (signal?.aborted) break
      const wave = folders.filter((folder) => folder.relPath.length === depth)
      let next = 0
      const worker = async () => {
        while (next < wave.length) {
          const folder = wave[next++]!
          await this.prepare(folder).catch((error: { code?: string; message?: string }) => {
            // A dropped connection is not this folder's fault: the whole copy stops (and may resume).
            if (error.code === 'DISCONNECTED') throw error
            failures.push({ path: this.pathOf(folder.relPath), code: error.code ?? 'INTERNAL', message: error.message ?? 'The folder could not be created.' })
          })
        }
      }
      await Promise.all(Array.from({ length: Math.min(folderConcurrency, wave.length) }, worker))
    }
    return failures
  }

  /** The target path of a planned file or folder. */
  pathOf(relPath: readonly string[]): string {
    return relPath.reduce((path, name) => joinChild(path, name, this.target.separator), this.root)
  }

  /** The target folder a planned file goes into. */
  folderOf(relPath: readonly string[]): string {
    return this.pathOf(relPath.slice(0, -1))
  }

  /** What is at the target name already, if anything. */
  entry(relPath: readonly string[]): FsEntry | undefined {
    return this.sibling(relPath, relPath.at(-1)!)
  }

  /** What is at another name in the same target folder, if anything. */
  sibling(relPath: readonly string[], name: string): FsEntry | undefined {
    return this.listings.get(keyOf(relPath.slice(0, -1)))?.get(name)
  }

  /** True when the folder of `relPath` is known from an earlier reading (see SeenListings), not listed now. */
  isFromEarlier(relPath: readonly string[]): boolean {
    return this.fromEarlier.has(keyOf(relPath.slice(0, -1)))
  }

  /** True when `name` is taken in the folder of `relPath` (on disk or claimed by this copy). */
  isTaken(relPath: readonly string[], name: string): boolean {
    return this.sibling(relPath, name) !== undefined
  }

  /** Marks `name` as taken by this copy, so two files never pick the same new name. */
  claim(relPath: readonly string[], name: string): void {
    this.listings.get(keyOf(relPath.slice(0, -1)))?.set(name, claimed(name))
  }

  private async prepare(folder: PlannedFolder): Promise<void> {
    const parent = this.listings.get(keyOf(folder.relPath.slice(0, -1)))
    if (!parent) throw new Error('Its parent folder could not be created.')
    const name = folder.relPath.at(-1)!
    const path = this.pathOf(folder.relPath)
    const existing = parent.get(name)
    if (existing?.type === 'directory') return this.read(folder.relPath, path)
    if (existing) throw new Error(`${path} exists and is not a folder; its contents were not copied.`)
    // Owner rwx on creation, or the files could not be written into a read-only source folder's copy.
    await this.target.mkdir(path, folder.mode ? (folder.mode & 0o7777) | 0o700 : undefined)
    parent.set(name, { name, type: 'directory', size: 0, mtimeMs: 0, mode: 0, permissions: '' })
    this.listings.set(keyOf(folder.relPath), new Map())
  }

  /** The listing of an existing folder: as seen earlier when it was, else read now. */
  private async read(relPath: readonly string[], path: string): Promise<void> {
    const seen = this.seen?.(relPath)
    if (seen) this.fromEarlier.add(keyOf(relPath))
    const entries = seen ?? (await this.target.list(path)).entries
    this.listings.set(keyOf(relPath), new Map(entries.map((entry) => [entry.name, entry])))
  }
}
