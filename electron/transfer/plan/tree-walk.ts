import { SkiffError, isSkiffError } from '../../../shared/models/errors'
import type { FsEntry } from '../../../shared/models/fs'
import type { FileSystem } from '../../fs/file-system'
import { childKey, linkKey, pathKey } from './folder-key'
import { joinChild, nameProblem } from './remote-name'
import { TaskPool } from './task-pool'
import type { PlannedFile, PlannedFolder, PlannedLink, PlannedSpecial, TreePlan, WalkProblem } from './tree-plan'

export type { PlannedFile, PlannedFolder, PlannedLink, PlannedSpecial, TreePlan, WalkProblem } from './tree-plan'

/** Folders deeper than this below a root are not entered: the backstop against link loops no key can see. */
export const maxWalkDepth = 64
/** How many list (or link) calls a walk keeps in flight by default. */
export const defaultWalkConcurrency = 8

/** What walkTree reads: any FileSystem will do; the two optional calls make links work fully. */
export interface WalkFs extends Pick<FileSystem, 'separator' | 'lookup'> {
  /** A folder's entries (a FileSystem's listing will do). */
  list(path: string, signal?: AbortSignal): Promise<{ readonly entries: readonly FsEntry[] }>
  /**
   * stat, following links: what the link at `path` resolves to (size, mtime and mode of the
   * target), null when it dangles. Without it a link to a file is a problem (its size is unknown)
   * and a link to a folder is walked with mode 0.
   */
  followLink?(path: string): Promise<FsEntry | null>
  /** The canonical path, links followed. Without it loops are found from link targets as written. */
  realpath?(path: string): Promise<string>
  /** Where the link at `path` points, as written: for a kept link whose listing did not say. */
  readLink?(path: string): Promise<string>
}

/**
 * What a walk does with a symlink. `follow` (a copy, as scp does): a link to a file is copied
 * as that file, a link to a folder is walked into. `preserve` (a move, and everything that
 * deletes): a link is an entry of its own, planned as a link and never entered, so nothing
 * it points to can be copied and then removed.
 */
export type LinkPolicy = 'follow' | 'preserve'

/** Inputs of one walk. */
export interface WalkTreeOptions {
  readonly fs: WalkFs
  /** Absolute paths of the selected files and folders; each is copied under its own name. */
  readonly roots: readonly string[]
  readonly signal?: AbortSignal
  /** Calls in flight at most (default 8). */
  readonly concurrency?: number
  /** Default `follow`. */
  readonly links?: LinkPolicy
  /** Told the number of entries seen so far after each folder is listed (a long count shows it moves). */
  readonly onProgress?: (entriesSeen: number) => void
  /** Told of each file, link and special file as it is planned, so work on it can start before the walk ends. */
  readonly onPlanned?: (leaf: PlannedLeaf) => void
  /** Asked before each folder is listed (a root too); false leaves it out, unlisted and unplanned (a search's excluded folders). */
  readonly enters?: (path: string) => boolean
  /** Roots the caller has just looked up, by path: their lookup is not asked again (a round trip each). */
  readonly knownRoots?: ReadonlyMap<string, FsEntry>
}

/** A file, link or special file, as the walk plans it (see WalkTreeOptions.onPlanned). */
export interface PlannedLeaf {
  readonly kind: 'file' | 'link' | 'special'
  readonly sourcePath: string
  /** st_mode as listed; 0 when unknown (always 0 for a link). */
  readonly mode: number
  /** The entry as listed (lstat; for a followed link, what it points to). */
  readonly entry: FsEntry
}

interface FolderToVisit {
  readonly path: string
  readonly relPath: readonly string[]
  readonly mode: number
  readonly parent: VisitedFolder | null
  /** Present when reached through a link: its target as written ('' when unknown). */
  readonly linkTarget?: string
}

interface VisitedFolder {
  readonly path: string
  readonly relPath: readonly string[]
  readonly key: string
  /** Keys of this folder and every folder above it on the current path. */
  readonly pathKeys: readonly string[]
}

/** Why a copy leaves out a device, socket or pipe. */
export const notRegular = 'Not copied: not a regular file or folder (a device, socket or pipe).'
const dangling = 'Not copied: a link that points nowhere, not a regular file.'
const linkedFileUnknown = 'Not copied: a link to a file whose size cannot be read here.'
const unreadableLink = 'Not moved: a link whose target cannot be read here.'

function compareRelPaths(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1
  }
  return a.length - b.length
}

/** The last name of `path`, trailing separators ignored; '' for a root like `/`. */
function rootName(path: string, separator: '/' | '\\'): string {
  const separators = separator === '\\' ? /[\\/]+$/ : /\/+$/
  const trimmed = path.replace(separators, '')
  const cut = Math.max(trimmed.lastIndexOf(separator), separator === '\\' ? trimmed.lastIndexOf('/') : -1)
  return trimmed.slice(cut + 1)
}

class TreeWalk {
  private readonly folders: PlannedFolder[] = []
  private readonly files: PlannedFile[] = []
  private readonly links: PlannedLink[] = []
  private readonly specials: PlannedSpecial[] = []
  private readonly problems: WalkProblem[] = []

  constructor(
    private readonly fs: WalkFs,
    private readonly pool: TaskPool,
    private readonly policy: LinkPolicy,
    private readonly onProgress?: (entriesSeen: number) => void,
    private readonly onPlanned?: (leaf: PlannedLeaf) => void,
    private readonly enters?: (path: string) => boolean,
    private readonly knownRoots?: ReadonlyMap<string, FsEntry>,
  ) {}

  private entriesSeen = 0

  addRoot(root: string, name: string): void {
    this.pool.add(async () => {
      const known = this.knownRoots?.get(root)
      const entry = known ?? (await this.attempt(root, () => this.fs.lookup(root)))
      if (entry === null) this.problem(root, 'Not copied: it is not there any more.')
      else if (entry) this.planEntry(entry, root, [name], null)
    })
  }

  problem(path: string, message: string): void {
    this.problems.push({ path, message })
  }

  plan(): TreePlan {
    const byRelPath = (a: { relPath: readonly string[] }, b: { relPath: readonly string[] }) => compareRelPaths(a.relPath, b.relPath)
    return {
      folders: this.folders.sort(byRelPath),
      files: this.files.sort(byRelPath),
      links: this.links.sort(byRelPath),
      specials: this.specials.sort(byRelPath),
      problems: this.problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      totalBytes: this.files.reduce((sum, file) => sum + file.size, 0),
    }
  }

  /** Runs one fs call; a failure becomes a problem for `path` (undefined), except a lost connection, which ends the walk. */
  private async attempt<T>(path: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call()
    } catch (error) {
      if (isSkiffError(error) && error.code === 'DISCONNECTED') throw error
      this.problem(path, isSkiffError(error) ? error.message : `Could not be read: ${String(error)}`)
      return undefined
    }
  }

  private planEntry(entry: FsEntry, path: string, relPath: readonly string[], parent: VisitedFolder | null): void {
    if (entry.type === 'file') {
      this.files.push({ sourcePath: path, relPath, size: entry.size, mtimeMs: entry.mtimeMs, mode: entry.mode })
      this.onPlanned?.({ kind: 'file', sourcePath: path, mode: entry.mode, entry })
    }
    else if (entry.type === 'directory') this.visitFolder({ path, relPath, mode: entry.mode, parent })
    else if (entry.type === 'symlink' && this.policy === 'preserve') this.keepLink(entry, path, relPath)
    else if (entry.type === 'symlink') this.planLink(entry, path, relPath, parent)
    else {
      this.specials.push({ sourcePath: path, relPath })
      this.onPlanned?.({ kind: 'special', sourcePath: path, mode: entry.mode, entry })
    }
  }

  private keepLink(link: FsEntry, path: string, relPath: readonly string[]): void {
    if (link.linkTarget !== undefined) {
      this.links.push({ sourcePath: path, relPath, target: link.linkTarget })
      this.onPlanned?.({ kind: 'link', sourcePath: path, mode: 0, entry: link })
      return
    }
    const readLink = this.fs.readLink?.bind(this.fs)
    if (!readLink) return this.problem(path, unreadableLink)
    this.pool.add(async () => {
      const target = await this.attempt(path, () => readLink(path))
      if (target === undefined) return
      this.links.push({ sourcePath: path, relPath, target })
      this.onPlanned?.({ kind: 'link', sourcePath: path, mode: 0, entry: { ...link, linkTarget: target } })
    })
  }

  private planLink(link: FsEntry, path: string, relPath: readonly string[], parent: VisitedFolder | null): void {
    const linkTarget = link.linkTarget ?? ''
    const follow = this.fs.followLink?.bind(this.fs)
    if (!follow) {
      // No stat here: go by what the listing saw behind the link.
      if (link.linkTargetType === 'directory') this.visitFolder({ path, relPath, mode: 0, parent, linkTarget })
      else this.problem(path, link.linkTargetType === 'file' ? linkedFileUnknown : link.linkTargetType ? notRegular : dangling)
      return
    }
    this.pool.add(async () => {
      const target = await this.attempt(path, () => follow(path))
      if (target === undefined) return
      if (target === null) this.problem(path, dangling)
      else if (target.type === 'directory') this.visitFolder({ path, relPath, mode: target.mode, parent, linkTarget })
      else if (target.type === 'file') this.planEntry(target, path, relPath, parent)
      else this.problem(path, notRegular)
    })
  }

  private visitFolder(folder: FolderToVisit): void {
    if (this.enters && !this.enters(folder.path)) return
    this.pool.add(async () => {
      const visited = await this.enter(folder)
      if (!visited) return
      const entries = (await this.attempt(folder.path, () => this.fs.list(folder.path)))?.entries
      if (!entries) return
      // Planned only once listed: a folder that cannot be read is not created empty, as if copied.
      this.folders.push({ sourcePath: folder.path, relPath: folder.relPath, mode: folder.mode })
      const names = new Set<string>()
      for (const entry of entries) this.planChild(entry, visited, names)
      this.entriesSeen += entries.length
      this.onProgress?.(this.entriesSeen)
    })
  }

  /** Plans one listed entry; `names` holds the names already seen in this listing. */
  private planChild(entry: FsEntry, folder: VisitedFolder, names: Set<string>): void {
    const problem = nameProblem(entry.name) ?? (names.has(entry.name) ? 'the folder lists this name twice' : null)
    const separator = this.fs.separator
    if (problem) {
      // Shown, never opened: the raw name is kept so the person sees what the server sent.
      this.problem(folder.path + (folder.path.endsWith(separator) ? '' : separator) + entry.name, `Not copied: ${problem}.`)
      return
    }
    names.add(entry.name)
    this.planEntry(entry, joinChild(folder.path, entry.name, separator), [...folder.relPath, entry.name], folder)
  }

  /** The folder's place on the current path, or null (with a problem) when it is too deep or a loop. */
  private async enter(folder: FolderToVisit): Promise<VisitedFolder | null> {
    if (folder.relPath.length > maxWalkDepth) {
      this.problem(folder.path, `Not copied: too deep (more than ${maxWalkDepth} folders; symlink loop?).`)
      return null
    }
    const key = await this.keyOf(folder)
    const above = folder.parent?.pathKeys ?? []
    if (above.includes(key)) {
      this.problem(folder.path, 'Not copied: a symlink loop (the link leads back to a folder above it).')
      return null
    }
    return { path: folder.path, relPath: folder.relPath, key, pathKeys: [...above, key] }
  }

  private async keyOf(folder: FolderToVisit): Promise<string> {
    const { parent, linkTarget } = folder
    const name = folder.relPath[folder.relPath.length - 1] as string
    if (parent && linkTarget === undefined) return childKey(parent.key, name)
    // Links are never entered when kept as links: no loop can form, and a root needs no round trip to name it.
    if (this.policy === 'preserve') return pathKey(folder.path, this.fs.separator)
    const real = this.fs.realpath ? await this.fs.realpath(folder.path).catch(() => null) : null
    if (real !== null) return pathKey(real, this.fs.separator)
    if (!parent) return pathKey(folder.path, this.fs.separator)
    return linkTarget ? linkKey(parent.key, linkTarget, this.fs.separator) : childKey(parent.key, name)
  }
}

/**
 * Plans a copy of `roots` (files and folders, a selection): every folder to create, every file to
 * copy, every link to keep as a link (see LinkPolicy), every entry refused and why. Reads only through `fs.list`, `fs.lookup` and the optional
 * `followLink`/`realpath`, with at most `concurrency` calls in flight. Names a server sends are
 * checked with nameProblem before use, so `../evil` or `a/b` become problems, never paths. A folder
 * that cannot be listed becomes a problem and the walk goes on; a lost connection (DISCONNECTED)
 * rejects. Rejects with SkiffError CANCELLED as soon as `signal` aborts.
 */
export async function walkTree(options: WalkTreeOptions): Promise<TreePlan> {
  const concurrency = options.concurrency ?? defaultWalkConcurrency
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new SkiffError('INVALID_REQUEST', `A walk needs a concurrency of 1 or more, not ${concurrency}.`)
  }
  const pool = new TaskPool(concurrency, options.signal)
  const walk = new TreeWalk(options.fs, pool, options.links ?? 'follow', options.onProgress, options.onPlanned, options.enters, options.knownRoots)
  const names = new Set<string>()
  for (const root of options.roots) {
    const name = rootName(root, options.fs.separator)
    const problem = name === '' ? 'a root folder has no name to copy under' : nameProblem(name)
    if (problem) walk.problem(root, `Not copied: ${problem}.`)
    else if (names.has(name)) walk.problem(root, 'Not copied: the selection holds this name twice.')
    else {
      names.add(name)
      walk.addRoot(root, name)
    }
  }
  await pool.whenDone()
  return walk.plan()
}
