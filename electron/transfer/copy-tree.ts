import { isSkiffError, SkiffError } from '../../shared/models/errors'
import type { FsEntry } from '../../shared/models/fs'
import { copyFile, resumeMarginBytes } from './copy-file'
import { mismatch, resolveConflict, type ConflictChoice, type ConflictResolution } from './plan/conflict'
import { keepBothName } from './plan/keep-both'
import { partNameOf } from './plan/part-name'
import { joinChild } from './plan/remote-name'
import { resumeStart } from './plan/resume-offset'
import { walkTree, type PlannedFile } from './plan/tree-walk'
import { TargetFolders } from './target-folders'
import type { TransferFs } from './transfer-fs'

/** Progress of one copyTree call, throttled by the caller as it likes. */
export interface TreeProgress {
  /** Bytes written to their targets so far (a resumed file counts its resumed part). */
  readonly bytesDone: number
  readonly bytesTotal: number
  readonly filesDone: number
  readonly filesTotal: number
}

/** A target name that is already taken, as the `File exists` dialog shows it. */
export interface FileConflict {
  /** The target path. */
  readonly path: string
  readonly source: { readonly size: number; readonly mtimeMs: number }
  readonly target: FsEntry
}

/** Inputs of one recursive copy. */
export interface CopyTreeOptions {
  readonly source: TransferFs
  /** Absolute paths of the files and folders to copy (a selection in one folder). */
  readonly sourcePaths: readonly string[]
  readonly target: TransferFs
  /** Absolute path of the folder they are copied into. */
  readonly targetFolder: string
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: TreeProgress) => void
  /** Asked once per taken name (the caller remembers "apply to all"); overwrite when absent. */
  readonly onConflict?: (conflict: FileConflict) => Promise<ConflictChoice>
  /** Give targets the source's permission bits (default true). */
  readonly preserveMode?: boolean
  /** Compare SHA-256 of each file on both sides before it is put in place (default false). */
  readonly verify?: boolean
}

/** What a copyTree call did. */
export interface CopyTreeSummary {
  readonly bytes: number
  readonly files: number
  readonly folders: number
  readonly skipped: number
  /** With `verify`: files whose checksums matched, and files that could not be checked (no sha256sum there). */
  readonly verified: number
  readonly unverified: number
  /** Source paths of the files copied, and of the folders walked (parents first): what a move may delete. */
  readonly copiedFiles: readonly string[]
  readonly sourceFolders: readonly string[]
  /** Files that failed (or were refused), with the reason; the rest of the tree still copied. */
  readonly failures: readonly { readonly path: string; readonly code: string; readonly message: string }[]
}

// Files in flight at once: many small ones hide per-file round trips (a small file costs three
// or four over SFTP, so a 40 ms link needs hundreds in flight); few large ones, each with its
// own window of blocks in flight. The bytes the small ones hold at once are capped too.
const fileConcurrency = 512
const largeFileConcurrency = 2
const smallFileBudgetBytes = 48 * 1024 * 1024

/** Limits how many large files copy at once, inside the pool of all files. */
class Gate {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.active++
    try {
      return await work()
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }
}

/** The folder a selected path is in (its last separator cut off; the root stays the root). */
function parentOf(path: string, separator: string): string {
  const cut = path.lastIndexOf(separator)
  return cut <= 0 ? path.slice(0, cut + 1) || separator : path.slice(0, cut)
}

/** Lets work start while the bytes it holds, with everyone else's, stay under a limit. */
class ByteBudget {
  private used = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limit: number) {}

  async run<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    // One piece of work always may start, however large, or nothing would ever move.
    while (this.used > 0 && this.used + bytes > this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.used += bytes
    try {
      return await work()
    } finally {
      this.used -= bytes
      for (const wake of this.waiting.splice(0)) wake()
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * Copies files and folders (recursively) from one file system into a folder of another:
 * the source tree is listed in parallel, folders are created ahead, several files copy at
 * once, each through copyFile's safe part-file protocol. One failing file does not stop the
 * rest; it is reported in the summary.
 */
export async function copyTree(options: CopyTreeOptions): Promise<CopyTreeSummary> {
  const { source, target, signal } = options
  // Listing is round trips too: over a slow link many folders must be read at once.
  const plan = await walkTree({ fs: source, roots: options.sourcePaths, signal, concurrency: 32 })
  const failures: { path: string; code: string; message: string }[] = plan.problems.map((p) => ({ path: p.path, code: 'INVALID_REQUEST', message: p.message }))
  const folders = new TargetFolders(target, options.targetFolder)
  const folderFailures = await folders.create(plan.folders, signal)
  failures.push(...folderFailures)

  const progress = { bytesDone: 0, bytesTotal: plan.totalBytes, filesDone: 0, filesTotal: plan.files.length }
  const report = () => options.onProgress?.({ ...progress })
  const gate = new Gate(largeFileConcurrency)
  const budget = new ByteBudget(smallFileBudgetBytes)
  const blockSize = Math.min(source.blockSize, target.blockSize)
  let skipped = 0
  const checks = { verified: 0, unverified: 0 }
  const copiedFiles: string[] = []

  // A dropped connection fails every file alike: stop the tree, so the job can reconnect and resume.
  let fatal: SkiffError | undefined
  const copyOne = async (file: PlannedFile) => {
    if (signal?.aborted || fatal) return
    const path = folders.pathOf(file.relPath)
    try {
      const outcome = await copyPlanned(options, folders, file, checks, (delta) => {
        progress.bytesDone += delta
        report()
      }, (work) => (file.size > 4 * blockSize ? gate.run(work) : budget.run(Math.max(file.size, 1), work)))
      if (outcome === 'skipped') {
        skipped++
        progress.bytesTotal -= file.size
      } else copiedFiles.push(file.sourcePath)
    } catch (error) {
      const known = isSkiffError(error) ? error : new SkiffError('INTERNAL', `Copying ${path} failed.`)
      if (known.code === 'DISCONNECTED') fatal ??= known
      else failures.push({ path, code: known.code, message: known.message })
    }
    progress.filesDone++
    report()
  }

  await eachLimited(plan.files, fileConcurrency, copyOne)
  if (signal?.aborted) throw new SkiffError('CANCELLED', 'The transfer was cancelled.')
  if (fatal) throw fatal
  const sourceParent = parentOf(options.sourcePaths[0] ?? '', source.separator)
  const sourceFolders = plan.folders.map((folder) => folder.relPath.reduce((path, name) => joinChild(path, name, source.separator), sourceParent))
  return { bytes: progress.bytesDone, files: copiedFiles.length, folders: plan.folders.length - folderFailures.length, skipped, ...checks, copiedFiles, sourceFolders, failures }
}

/** Decides what to do about one planned file (taken name, leftover partial) and does it. */
async function copyPlanned(
  options: CopyTreeOptions,
  folders: TargetFolders,
  file: PlannedFile,
  checks: { verified: number; unverified: number },
  onProgress: (delta: number) => void,
  throttle: (work: () => Promise<void>) => Promise<void>,
): Promise<'copied' | 'skipped'> {
  const { target } = options
  const folder = folders.folderOf(file.relPath)
  let name = file.relPath.at(-1)!
  let fromOffset = 0
  const existing = folders.entry(file.relPath)
  if (existing) {
    // Nothing to ask when no answer could help (a folder is in the way).
    const refusal = mismatch({ source: file, target: existing })
    if (refusal?.kind === 'refuse') throw new SkiffError(refusal.code, refusal.message)
    const choice = options.onConflict ? await options.onConflict({ path: folders.pathOf(file.relPath), source: file, target: existing }) : 'overwrite'
    const resolution: ConflictResolution = resolveConflict({ source: file, target: existing }, choice, () =>
      keepBothName(name, (candidate) => folders.isTaken(file.relPath, candidate)),
    )
    if (resolution.kind === 'skip') return 'skipped'
    if (resolution.kind === 'refuse') throw new SkiffError(resolution.code, resolution.message)
    if (resolution.kind === 'write-as') {
      name = resolution.name
      folders.claim(file.relPath, name)
    }
    if (resolution.kind === 'resume') {
      // The existing target becomes the partial: a failure leaves it under the part name, clearly partial.
      await target.rename(joinChild(folder, name, target.separator), joinChild(folder, partNameOf(name), target.separator))
      fromOffset = resolution.fromOffset
    }
  } else {
    const leftover = folders.sibling(file.relPath, partNameOf(name))
    if (leftover?.type === 'file') {
      const start = resumeStart(leftover.size, file.size)
      fromOffset = 'fromOffset' in start ? Math.max(0, start.fromOffset - resumeMarginBytes) : 0
    }
  }
  if (fromOffset > 0) onProgress(fromOffset)
  const mode = options.preserveMode === false || !file.mode ? undefined : file.mode & 0o7777
  const partPath = joinChild(folder, partNameOf(name), target.separator)
  const verify = options.verify ? () => verifyPart(options, file.sourcePath, partPath, checks) : undefined
  await throttle(() =>
    copyFile({
      source: options.source,
      sourcePath: file.sourcePath,
      target,
      targetPath: joinChild(folder, name, target.separator),
      partPath,
      size: file.size,
      fromOffset,
      mtimeMs: file.mtimeMs || undefined,
      mode,
      signal: options.signal,
      onProgress,
      verify,
    }),
  )
  return 'copied'
}

/** Compares SHA-256 of the source and the finished partial; a mismatch fails the file. */
async function verifyPart(options: CopyTreeOptions, sourcePath: string, partPath: string, checks: { verified: number; unverified: number }): Promise<void> {
  const [sourceSum, targetSum] = await Promise.all([options.source.checksum(sourcePath), options.target.checksum(partPath)])
  if (sourceSum === null || targetSum === null) {
    checks.unverified++
    return
  }
  if (sourceSum !== targetSum) throw new SkiffError('INTERNAL', `The copy of ${sourcePath} does not match it (SHA-256 differs); it was not put in place.`)
  checks.verified++
}
