import { isSkiffError } from '../../shared/models/errors'
import type { FsTarget } from '../../shared/models/fs'
import type { FileSystem } from '../fs/file-system'
import type { CopyMemory } from '../transfer/copy-memory'
import type { CopyFailure, CopyTreeSummary, TreeProgress } from '../transfer/copy-tree'
import { runSyncCopies, runSyncDeletions, type SyncCopyOptions, type SyncWork } from './sync-work'

/** What running a synchronization needs from its job: the open file systems, and what earlier runs did. */
export type SyncRunOptions = Omit<SyncCopyOptions, 'source' | 'target' | 'memory' | 'onProgress'> & {
  readonly fsOf: (side: FsTarget) => FileSystem
  /** One per leg, kept from run to run (so a resume copies nothing twice). */
  readonly memories: readonly CopyMemory[]
  /** Per leg: the deletions already done, kept from run to run. */
  readonly deleted: readonly Set<string>[]
  readonly onProgress: (progress: TreeProgress) => void
}

/** What a synchronization run did: its copies, and its deletions that failed (or were held back). */
export type SyncRunSummary = CopyTreeSummary & { readonly removalFailures: readonly CopyFailure[] }

/**
 * Runs a synchronization: the copies of each leg in turn (progress counted across them), then the
 * deletions of every leg, only once every copy succeeded (as rclone does), then `onSucceeded`
 * when nothing failed at all. A dropped connection throws, for the job to reconnect and run again.
 */
export async function runSyncWork(work: SyncWork, options: SyncRunOptions): Promise<SyncRunSummary> {
  const summaries: CopyTreeSummary[] = []
  const before = { bytesDone: 0, filesDone: 0, bytesCarried: 0 }
  const filesTotal = work.legs.reduce((sum, leg) => sum + leg.files.length, 0)
  for (const [index, leg] of work.legs.entries()) {
    const offset = { ...before }
    const onProgress = (progress: TreeProgress) => {
      before.bytesDone = offset.bytesDone + progress.bytesDone
      before.filesDone = offset.filesDone + progress.filesDone
      before.bytesCarried = offset.bytesCarried + (progress.bytesCarried ?? 0)
      options.onProgress({ ...progress, ...before, bytesTotal: work.bytes, filesTotal })
    }
    summaries.push(await runSyncCopies(leg, { ...options, source: options.fsOf(leg.from), target: options.fsOf(leg.to), memory: options.memories[index], onProgress }))
  }
  const copies = mergeSummaries(summaries)
  const removalFailures = await deletionsOf(work, copies, options)
  if (copies.failures.length === 0 && removalFailures.length === 0 && work.onSucceeded) {
    try {
      await work.onSucceeded(options.fsOf, options.signal ?? new AbortController().signal)
    } catch (error) {
      if (!isSkiffError(error) || error.code === 'DISCONNECTED' || error.code === 'CANCELLED') throw error
      removalFailures.push({ path: work.sourceRoot, code: error.code, message: `The synchronization is done, but what both sides hold now could not be saved for the next one: ${error.message}` })
    }
  }
  return { ...copies, removalFailures }
}

/** The deletions of every leg, or, while a copy failed, none of them and why. */
async function deletionsOf(work: SyncWork, copies: CopyTreeSummary, options: SyncRunOptions): Promise<CopyFailure[]> {
  const left = work.legs.reduce((sum, leg, index) => sum + leg.deletions.length - options.deleted[index]!.size, 0)
  if (left === 0) return []
  if (copies.failures.length > 0) {
    return [{ path: work.targetRoot, code: 'INTERNAL', message: `${left} deletion(s) not done: a synchronization deletes nothing until every copy succeeded. Retry once the copies are fixed.` }]
  }
  const failures: CopyFailure[] = []
  for (const [index, leg] of work.legs.entries()) failures.push(...(await runSyncDeletions(options.fsOf(leg.to), leg.deletions, options.deleted[index]!, options.signal)))
  return failures
}

function mergeSummaries(summaries: readonly CopyTreeSummary[]): CopyTreeSummary {
  const sum = (pick: (summary: CopyTreeSummary) => number) => summaries.reduce((total, summary) => total + pick(summary), 0)
  return {
    bytes: sum((each) => each.bytes),
    files: sum((each) => each.files),
    folders: sum((each) => each.folders),
    skipped: sum((each) => each.skipped),
    verified: sum((each) => each.verified),
    unverified: sum((each) => each.unverified),
    copiedFiles: summaries.flatMap((each) => each.copiedFiles),
    movedLinks: summaries.flatMap((each) => each.movedLinks),
    sourceFolders: summaries.flatMap((each) => each.sourceFolders),
    failures: summaries.flatMap((each) => each.failures),
  }
}
