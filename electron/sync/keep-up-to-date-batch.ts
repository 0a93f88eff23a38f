import type { FsTarget } from '../../shared/models/fs'
import type { KeepUpToDateRequest } from '../../shared/models/keep-up-to-date'
import type { Endpoint, Endpoints } from '../transfer/queue/transfer-endpoints'
import { splitPath } from '../fs/fs-path'
import { readChanges } from './changed-trees'
import type { SyncFilter } from './sync-filter'
import { planOneWay } from './sync-plan'
import { relKey } from './sync-side'
import { workOf, type SyncLeg, type SyncWork } from './sync-work'

/** What one batch of changes does, for the status line once its job is done. */
export interface BatchWork {
  readonly work: SyncWork
  /** Files and links uploaded. */
  readonly uploads: number
  readonly deletions: number
  /** For the status line: what it did, and what it could not (`not uploaded: thing: a file here, a folder on the server`). */
  readonly text: string
  /** Nothing to run (a change undone, a file left out, only problems): no job. */
  readonly isEmpty: boolean
}

// A watcher's event says a file may have changed; the two copies decide. SFTP keeps whole seconds
// (an upload's time is this file's, rounded down), so a time within the same second and the same
// size is the copy already uploaded (an event that came late, a file touched again) and anything
// else goes up; a server copy newer than this one is replaced too (this folder is the one kept).
const changedCriteria = { isTimeCompared: true, isSizeCompared: true, isChecksumCompared: false, toleranceSeconds: 0.999 } as const

/**
 * Plans one batch of changed paths as one synchronization job: a fresh look at just those paths
 * on both sides (a new folder read whole, a removed one read whole on the server), planned by the
 * same rules as Synchronize (masks, `.gitignore`, links as links, problems never run). Empty when
 * there is nothing to run, with what could not be done said in its text.
 */
export async function planBatch(endpoints: Endpoints, request: KeepUpToDateRequest, filter: SyncFilter, changed: readonly (readonly string[])[], signal: AbortSignal): Promise<BatchWork> {
  const local: FsTarget = { kind: 'local' }
  const opened: Endpoint[] = []
  try {
    const localSide = await endpoints.open(local, signal)
    opened.push(localSide)
    const remoteSide = await endpoints.open(request.remote, signal)
    opened.push(remoteSide)
    const trees = await readChanges({ fs: localSide.fs, root: request.localFolder }, { fs: remoteSide.fs, root: request.remoteFolder }, changed, (relPath) => request.isSubfoldersIncluded && filter.isEntered(relPath), signal)
    const rows = planOneWay(trees.local, trees.remote, {
      from: 'local',
      mode: 'mirror',
      isDeleteExtra: request.isDeleteExtra,
      criteria: changedCriteria,
      isIncluded: (node) => (request.isSubfoldersIncluded || node.type !== 'directory') && filter.isIncluded(node),
      isTargetWindows: false,
      isTargetCaseBlind: false,
    })
    const name = splitPath(request.localFolder, localSide.fs.separator).name
    const work = workOf(rows, new Set(), { name, from: local, sourceRoot: request.localFolder, to: request.remote, targetRoot: request.remoteFolder })
    // One leg, and no listings from the preview: these trees hold only the changed paths.
    const leg = work.legs[0]!
    const uploads = leg.files.length + leg.links.length
    const problems = rows.filter((row) => row.action === 'problem')
    const notDone = problems.length === 0 ? [] : [`not uploaded: ${problems[0]!.path}: ${problems[0]!.reason}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`]
    const isEmpty = uploads + leg.folders.length + leg.deletions.length === 0
    return { work, uploads, deletions: leg.deletions.length, text: [batchText(leg), ...notDone].filter((part) => part !== '').join(', '), isEmpty }
  } finally {
    for (const endpoint of opened) endpoint.close()
  }
}

/** `uploaded css/site.css`, `uploaded 1,000 files, deleted old.txt`, `created folder img`. */
export function batchText(work: SyncLeg): string {
  const leaves = [...work.files, ...work.links]
  const parts: string[] = []
  if (leaves.length === 1) parts.push(`uploaded ${relKey(leaves[0]!.relPath)}`)
  else if (leaves.length > 1) parts.push(`uploaded ${leaves.length.toLocaleString('en-US')} files`)
  else if (work.folders.length === 1) parts.push(`created folder ${relKey(work.folders[0]!.relPath)}`)
  else if (work.folders.length > 1) parts.push(`created ${work.folders.length.toLocaleString('en-US')} folders`)
  if (work.deletions.length === 1) parts.push(`deleted ${relKey(work.deletions[0]!.node.relPath)}`)
  else if (work.deletions.length > 1) parts.push(`deleted ${work.deletions.length.toLocaleString('en-US')} entries`)
  return parts.join(', ')
}
