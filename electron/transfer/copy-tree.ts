import { isSkiffError, SkiffError } from '../../shared/models/errors'
import { mapBounded } from '../fs/bounded-map'
import { WeightedGate } from '../fs/weighted-gate'
import { copyLinks, type CopyFailure } from './copy-links'
import { CopyMemory } from './copy-memory'
import { copyPlanned, type FileConflict } from './copy-planned'
import type { ConflictChoice } from './plan/conflict'
import { notRegular, walkTree, type LinkPolicy, type PlannedFile, type TreePlan } from './plan/tree-walk'
import { TargetFolders, type SeenListings } from './target-folders'
import type { FileSystem } from '../fs/file-system'

export type { FileConflict } from './copy-planned'
export type { CopyFailure } from './copy-links'

/** Progress of one copyTree call, throttled by the caller as it likes. */
export interface TreeProgress {
  /** Bytes written to their targets so far (a resumed file counts its resumed part). */
  readonly bytesDone: number
  readonly bytesTotal: number
  readonly filesDone: number
  readonly filesTotal: number
  /** The source path of the file started last, while files are being copied. */
  readonly currentPath?: string
  /** Of `bytesDone`, what was not sent in this run: files already in place, the resumed part of partials. */
  readonly bytesCarried?: number
}

/** Inputs of one recursive copy. */
export interface CopyTreeOptions {
  readonly source: FileSystem
  /** Absolute paths of the files and folders to copy (a selection in one folder). */
  readonly sourcePaths: readonly string[]
  readonly target: FileSystem
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
  /** What links are (default `follow`, as scp copies); a move walks with `preserve`. */
  readonly links?: LinkPolicy
  /** What earlier runs of the same job did (see CopyMemory); a fresh one when absent. */
  readonly memory?: CopyMemory
  /**
   * The target folders as just read (a synchronization's preview): they are not listed again,
   * and each file is checked where it lands instead (see copyPlanned).
   */
  readonly seenListings?: SeenListings
}

/** What a copyTree call did. */
export interface CopyTreeSummary {
  readonly bytes: number
  /** Files in place, this run and earlier runs of the same memory. */
  readonly files: number
  readonly folders: number
  readonly skipped: number
  /** With `verify`: files whose checksums matched, and files that could not be checked (no sha256sum there). */
  readonly verified: number
  readonly unverified: number
  /**
   * What a move may delete: source paths of the files in place and of the links recreated,
   * and the folders walked (real folders only, parents first). Never anything behind a link.
   */
  readonly copiedFiles: readonly string[]
  readonly movedLinks: readonly string[]
  readonly sourceFolders: readonly string[]
  /** Files that failed (or were refused), with the reason; the rest of the tree still copied. */
  readonly failures: readonly CopyFailure[]
}

// Files in flight at once: many small ones hide per-file round trips (a small file costs three
// or four over SFTP, so a 40 ms link needs hundreds in flight); few large ones, each with its
// own window of blocks in flight. The bytes the small ones hold at once are capped too.
const fileConcurrency = 512
const largeFileConcurrency = 2
const smallFileBudgetBytes = 48 * 1024 * 1024

/**
 * Copies files and folders (recursively) from one file system into a folder of another:
 * the source tree is listed in parallel, folders are created ahead, several files copy at
 * once, each through copyFile's safe part-file protocol. One failing file does not stop the
 * rest; it is reported in the summary. A lost connection rejects (DISCONNECTED), so the job
 * can reconnect and run again with the same memory.
 */
export async function copyTree(options: CopyTreeOptions): Promise<CopyTreeSummary> {
  // Listing is round trips too: over a slow link many folders must be read at once.
  const plan = await walkTree({ fs: options.source, roots: options.sourcePaths, signal: options.signal, concurrency: 32, links: options.links })
  return copyPlan(options, plan)
}

/** What copyPlan needs: copyTree's inputs but the walk's. */
export type CopyPlanOptions = Omit<CopyTreeOptions, 'sourcePaths' | 'links'>

/**
 * Copies a planned tree into `targetFolder`: the plan's folders (relPaths below it, parents
 * first) are created ahead, its links recreated, its files copied several at once, as copyTree
 * does after its walk. A synchronization hands it the plan its preview made.
 */
export async function copyPlan(options: CopyPlanOptions, plan: TreePlan): Promise<CopyTreeSummary> {
  const { source, target, signal } = options
  const memory = options.memory ?? new CopyMemory()
  const refused = [...plan.problems, ...plan.specials.map((special) => ({ path: special.sourcePath, message: notRegular }))]
  const failures: CopyFailure[] = refused.map((p) => ({ path: p.path, code: 'INVALID_REQUEST', message: p.message }))
  const folders = new TargetFolders(target, options.targetFolder, options.seenListings)
  const folderFailures = await folders.create(plan.folders, signal)
  failures.push(...folderFailures)
  const movedLinks = await copyLinks(plan.links, target, folders, memory, failures)

  const progress = { bytesDone: 0, bytesTotal: plan.totalBytes, filesDone: 0, filesTotal: plan.files.length, currentPath: undefined as string | undefined, bytesCarried: 0 }
  const report = () => options.onProgress?.({ ...progress })
  const blockSize = Math.min(source.blockSize, target.blockSize)
  const large = new WeightedGate(largeFileConcurrency)
  const small = new WeightedGate(smallFileBudgetBytes)
  const checks = { verified: 0, unverified: 0 }
  const copy = {
    source,
    target,
    folders,
    memory,
    signal,
    preserveMode: options.preserveMode !== false,
    verify: options.verify === true,
    onConflict: options.onConflict,
    checks,
    throttle: (file: PlannedFile, work: () => Promise<void>) => (file.size > 4 * blockSize ? large.run(1, work) : small.run(Math.max(file.size, 1), work)),
  }
  let skipped = 0
  const copiedFiles: string[] = []

  // A dropped connection fails every file alike: stop the tree, so the job can reconnect and resume.
  let fatal: SkiffError | undefined
  const copyOne = async (file: PlannedFile) => {
    if (signal?.aborted || fatal) return
    const placed = memory.placed.get(file.sourcePath)
    if (placed !== undefined) {
      copiedFiles.push(file.sourcePath)
      progress.bytesDone += file.size
      progress.bytesCarried += file.size
      progress.filesDone++
      return report()
    }
    progress.currentPath = file.sourcePath
    try {
      const outcome = await copyPlanned(
        copy,
        file,
        (delta) => {
          progress.bytesDone += delta
          report()
        },
        (carried) => {
          progress.bytesDone += carried
          progress.bytesCarried += carried
          report()
        },
      )
      if (outcome === 'skipped') {
        skipped++
        progress.bytesTotal -= file.size
      } else {
        memory.placed.set(file.sourcePath, file.size)
        copiedFiles.push(file.sourcePath)
      }
    } catch (error) {
      const known = isSkiffError(error) ? error : new SkiffError('INTERNAL', `Copying ${folders.pathOf(file.relPath)} failed.`)
      if (known.code === 'DISCONNECTED') fatal ??= known
      else failures.push({ path: folders.pathOf(file.relPath), code: known.code, message: known.message })
    }
    progress.filesDone++
    report()
  }

  await mapBounded(plan.files, fileConcurrency, copyOne)
  if (signal?.aborted) throw new SkiffError('CANCELLED', 'The transfer was cancelled.')
  if (fatal) throw fatal
  const sourceFolders = plan.folders.map((folder) => folder.sourcePath)
  return {
    bytes: progress.bytesDone,
    files: copiedFiles.length,
    folders: plan.folders.length - folderFailures.length,
    skipped,
    ...checks,
    copiedFiles,
    movedLinks,
    sourceFolders,
    failures,
  }
}
