import { randomUUID } from 'node:crypto'
import { isSkiffError, SkiffError } from '../../shared/models/errors'
import { parseFileMask } from '../../shared/models/file-mask'
import type { FsTarget } from '../../shared/models/fs'
import type { SyncPreviewId, TransferId } from '../../shared/models/ids'
import type { SyncAction, SyncPreviewEnded, SyncPreviewRows, SyncRequest, SyncStartRequest } from '../../shared/models/sync'
import { mapBounded } from '../fs/bounded-map'
import type { FileSystem } from '../fs/file-system'
import { splitPath } from '../fs/fs-path'
import { mapError } from '../ipc/map-error'
import type { Endpoint, Endpoints } from '../transfer/queue/transfer-endpoints'
import { workOf, type SyncWork } from './sync-work'
import { SyncFilter } from './sync-filter'
import { planOneWay, type PlannedRow } from './sync-plan'
import { readSide, type SideTree } from './sync-side'

/** Where a preview's rows and end go: the client that asked. */
export interface SyncEmit {
  readonly rows: (batch: SyncPreviewRows) => void
  readonly ended: (ended: SyncPreviewEnded) => void
}

/** What synchronizations need from their host. */
export interface SyncServiceOptions {
  /** A preview's own channels (the local disk as it is). */
  readonly endpoints: Endpoints
  /** Queues a started synchronization as one job. */
  readonly enqueue: (work: SyncWork) => TransferId
  readonly platform: NodeJS.Platform
}

interface Preview {
  readonly request: SyncRequest
  readonly controller: AbortController
  readonly owner: unknown
  rows?: readonly PlannedRow[]
  sides?: Pick<SyncWork, 'name' | 'from' | 'sourceRoot' | 'to' | 'targetRoot'>
}

// Rows per event: small enough for browser mode's WebSocket frames, big enough to be few.
const rowsPerBatch = 2000
// Previews kept for a Start at once; the oldest goes first.
const maxPreviews = 8
const checksumConcurrency = 8
const actions: readonly SyncAction[] = ['upload', 'download', 'replace', 'delete', 'conflict', 'problem']

/**
 * Synchronize (Ctrl+S in a pane): a preview reads both trees in the main process (links kept as
 * entries, masks applied as the walk goes), plans every action and streams the rows to the client
 * that asked; `start` turns the rows left checked into one job of the transfer queue. Nothing
 * changes on either side before `start`.
 */
export class SyncService {
  private readonly previews = new Map<SyncPreviewId, Preview>()

  constructor(private readonly options: SyncServiceOptions) {}

  /** Starts a preview; a mask that cannot be parsed (or a request the preview cannot do) is INVALID_REQUEST at once. */
  preview(request: SyncRequest, emit: SyncEmit, owner: unknown = emit): SyncPreviewId {
    const parsed = parseFileMask(request.mask)
    if (!parsed.ok) throw new SkiffError('INVALID_REQUEST', parsed.message)
    if (request.direction === 'both') throw new SkiffError('UNSUPPORTED', 'Two-way synchronization (Both) is not available yet: choose Upload or Download.')
    assertFullServerPath(request.remoteFolder)
    const previewId = randomUUID() as SyncPreviewId
    const preview: Preview = { request, controller: new AbortController(), owner }
    this.previews.set(previewId, preview)
    for (const id of [...this.previews.keys()].slice(0, Math.max(0, this.previews.size - maxPreviews))) this.discard(id)
    void this.run(previewId, preview, new SyncFilter(parsed.mask), emit)
    return previewId
  }

  /** Queues the checked rows of a finished preview as one job; the preview is gone after. */
  start(request: SyncStartRequest): TransferId {
    const preview = this.previews.get(request.previewId)
    if (!preview?.rows || !preview.sides) throw new SkiffError('NOT_FOUND', 'That preview is no longer there (or not finished): preview again.')
    this.previews.delete(request.previewId)
    return this.options.enqueue(workOf(preview.rows, new Set(request.uncheckedIds), preview.sides))
  }

  /** Stops and forgets a preview. */
  discard(previewId: SyncPreviewId): void {
    this.previews.get(previewId)?.controller.abort()
    this.previews.delete(previewId)
  }

  /** Forgets every preview `owner` asked for (its window closed). */
  discardOwnedBy(owner: unknown): void {
    for (const [id, preview] of this.previews) if (preview.owner === owner) this.discard(id)
  }

  private async run(previewId: SyncPreviewId, preview: Preview, filter: SyncFilter, emit: SyncEmit): Promise<void> {
    const { request } = preview
    const signal = preview.controller.signal
    const local: FsTarget = { kind: 'local' }
    const opened: Endpoint[] = []
    const tallies = Object.fromEntries(actions.map((action) => [action, { count: 0, bytes: 0 }])) as Record<SyncAction, { count: number; bytes: number }>
    try {
      const [localSide, remoteSide] = await Promise.all([this.options.endpoints.open(local, signal), this.options.endpoints.open(request.remote, signal)])
      opened.push(localSide, remoteSide)
      const isUpload = request.direction === 'upload'
      const sourceFs = isUpload ? localSide.fs : remoteSide.fs
      const [localTree, remoteTree] = await Promise.all([
        readFolder(localSide.fs, request.localFolder, signal, filter, isUpload),
        readFolder(remoteSide.fs, request.remoteFolder, signal, filter, !isUpload),
      ])
      const sourceTree = isUpload ? localTree : remoteTree
      if (request.isGitignoreHonoured) await filter.readGitignores(sourceFs, sourceTree, signal)
      const checksums = request.criteria.isChecksumCompared ? await sumsOfPairs(localSide.fs, localTree, remoteSide.fs, remoteTree, signal) : undefined
      const isTargetLocal = !isUpload
      const rows = planOneWay(localTree, remoteTree, {
        from: isUpload ? 'local' : 'remote',
        mode: request.mode,
        isDeleteExtra: request.isDeleteExtra,
        criteria: request.criteria,
        checksums,
        isIncluded: (node) => filter.isIncluded(node),
        isTargetWindows: isTargetLocal && this.options.platform === 'win32',
        isTargetCaseBlind: isTargetLocal && (this.options.platform === 'win32' || this.options.platform === 'darwin'),
      })
      const withProblems = [...rows, ...walkProblemRows([localTree, remoteTree], rows.length)]
      if (signal.aborted) throw new SkiffError('CANCELLED', 'The preview was stopped.')
      preview.rows = withProblems
      const sourceRoot = isUpload ? localTree.root : remoteTree.root
      const targetRoot = isUpload ? remoteTree.root : localTree.root
      preview.sides = { name: splitPath(sourceRoot, isUpload ? localSide.fs.separator : '/').name, from: isUpload ? local : request.remote, sourceRoot, to: isUpload ? request.remote : local, targetRoot }
      for (const row of withProblems) {
        tallies[row.action].count++
        tallies[row.action].bytes += row.action === 'delete' ? 0 : (isUpload ? row.local?.size : row.remote?.size) ?? 0
      }
      for (let start = 0; start < withProblems.length; start += rowsPerBatch) {
        emit.rows({ previewId, rows: withProblems.slice(start, start + rowsPerBatch).map(publicRow) })
      }
      emit.ended({ previewId, state: 'done', tallies, entriesCompared: localTree.nodes.size + remoteTree.nodes.size })
    } catch (error) {
      this.previews.delete(previewId)
      const isCancelled = signal.aborted || (isSkiffError(error) && error.code === 'CANCELLED')
      emit.ended({ previewId, state: isCancelled ? 'cancelled' : 'failed', tallies, entriesCompared: 0, ...(isCancelled ? {} : { error: mapError(error) }) })
    } finally {
      for (const endpoint of opened) endpoint.close()
    }
  }
}

/** Refuses a server folder not named from the root (INVALID_REQUEST): a relative one would land wherever the server starts. */
export function assertFullServerPath(folder: string): void {
  if (!folder.startsWith('/')) throw new SkiffError('INVALID_REQUEST', `Name the server's folder by its full path (starting with /), not "${folder}".`)
}

/** Reads one side; the source's folder must be there, a target's may be new (an empty tree). */
async function readFolder(fs: FileSystem, folder: string, signal: AbortSignal, filter: SyncFilter, isSource: boolean): Promise<SideTree> {
  const entry = await fs.lookup(folder, signal)
  if (entry && entry.type !== 'directory' && entry.type !== 'symlink') throw new SkiffError('INVALID_REQUEST', `${folder} is not a folder.`)
  if (!entry && isSource) throw new SkiffError('NOT_FOUND', `There is no folder ${folder} to synchronize from.`)
  return readSide(fs, folder, signal, (relPath) => filter.isEntered(relPath))
}

/** A row as the client sees it: what running it needs stays in the main process. */
function publicRow(row: PlannedRow): SyncPreviewRows['rows'][number] {
  const { source: _source, target: _target, inside: _inside, ...shown } = row
  return shown
}

/** What a walk could not read, as problem rows after the plan's. */
function walkProblemRows(trees: readonly SideTree[], firstId: number): PlannedRow[] {
  const rows: PlannedRow[] = []
  trees.forEach((tree, index) => {
    for (const problem of tree.problems) {
      const side = index === 0 ? 'local' : 'remote'
      rows.push({ id: firstId + rows.length, action: 'problem', side, path: problem.path, type: 'file', reason: problem.message.replace(/^Not copied: /, 'not read: ') })
    }
  })
  return rows
}

/** SHA-256 of each file present on both sides with the same size (a side that cannot hash leaves the pair to times and sizes). */
async function sumsOfPairs(localFs: FileSystem, local: SideTree, remoteFs: FileSystem, remote: SideTree, signal: AbortSignal): Promise<Map<string, { local: string; remote: string }>> {
  const pairs = [...local.nodes].filter(([key, node]) => {
    const other = remote.nodes.get(key)
    return node.type === 'file' && other?.type === 'file' && other.size === node.size
  })
  const sums = new Map<string, { local: string; remote: string }>()
  await mapBounded(pairs, checksumConcurrency, async ([key, node]) => {
    const [localSum, remoteSum] = await Promise.all([localFs.checksum(node.path, signal), remoteFs.checksum(remote.nodes.get(key)!.path, signal)])
    if (localSum !== null && remoteSum !== null) sums.set(key, { local: localSum, remote: remoteSum })
  })
  return sums
}

