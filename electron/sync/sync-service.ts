import { randomUUID } from 'node:crypto'
import { isSkiffError, SkiffError } from '../../shared/models/errors'
import { parseFileMask } from '../../shared/models/file-mask'
import type { FsTarget } from '../../shared/models/fs'
import type { SessionId, SyncPreviewId, TransferId } from '../../shared/models/ids'
import type { SyncAction, SyncPreviewEnded, SyncPreviewRows, SyncRequest, SyncStartRequest } from '../../shared/models/sync'
import { mapError } from '../ipc/map-error'
import type { Endpoint, Endpoints } from '../transfer/queue/transfer-endpoints'
import type { SyncWork } from './sync-work'
import { SyncFilter } from './sync-filter'
import { previewOneWay } from './sync-preview-one'
import { previewTwoWay } from './sync-preview-both'
import { isHomeRelative, type PlannedPreview, type PreviewInput } from './sync-read'
import type { PlannedRow } from './sync-rows'
import type { SyncStateStore } from './sync-state'

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
  /** `deployGroup`: one of several servers the same synchronization is deployed to. */
  readonly enqueue: (work: SyncWork, deployGroup?: string) => TransferId
  readonly platform: NodeJS.Platform
  /** Where two-way synchronization keeps what each side had after the last run. */
  readonly states: SyncStateStore
  /** `user@host:port` of a session's server, naming a folder pair's state. */
  readonly serverOf: (sessionId: SessionId) => string
}

interface Preview {
  readonly request: SyncRequest
  readonly controller: AbortController
  readonly owner: unknown
  planned?: PlannedPreview
}

// Rows per event: small enough for browser mode's WebSocket frames, big enough to be few.
const rowsPerBatch = 2000
// Previews kept for a Start at once; the oldest goes first.
const maxPreviews = 8
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
    if (request.direction === 'both' && request.isDeleteExtra) throw new SkiffError('INVALID_REQUEST', 'Both deletes only what was deleted on the other side since the last synchronization: Delete extra files on the target is for Upload and Download.')
    if (!isHomeRelative(request.remoteFolder) && !request.remoteFolder.startsWith('/')) {
      throw new SkiffError('INVALID_REQUEST', `Name the server's folder by its full path (starting with / or ~/), not "${request.remoteFolder}".`)
    }
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
    if (!preview?.planned) throw new SkiffError('NOT_FOUND', 'That preview is no longer there (or not finished): preview again.')
    if (request.resolutions?.length && preview.request.direction !== 'both') throw new SkiffError('INVALID_REQUEST', 'Only a two-way synchronization has conflicts to resolve.')
    this.previews.delete(request.previewId)
    return this.options.enqueue(preview.planned.toWork(request), request.deployGroup)
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
      const input: PreviewInput = { request, localFs: localSide.fs, remoteFs: remoteSide.fs, filter, signal, platform: this.options.platform }
      const planned = request.direction === 'both' ? await previewTwoWay(input, { store: this.options.states, server: this.options.serverOf(request.remote.sessionId) }) : await previewOneWay(input)
      if (signal.aborted) throw new SkiffError('CANCELLED', 'The preview was stopped.')
      preview.planned = planned
      for (const row of planned.rows) {
        tallies[row.action].count++
        tallies[row.action].bytes += bytesOf(row)
      }
      for (let start = 0; start < planned.rows.length; start += rowsPerBatch) {
        emit.rows({ previewId, rows: planned.rows.slice(start, start + rowsPerBatch).map(publicRow) })
      }
      emit.ended({ previewId, state: 'done', tallies, entriesCompared: planned.entriesCompared })
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

/** A row as the client sees it: what running it needs stays in the main process. */
function publicRow(row: PlannedRow): SyncPreviewRows['rows'][number] {
  const { source: _source, target: _target, inside: _inside, ...shown } = row
  return shown
}


/** What a row copies: the size on the side it does not change (nothing for a deletion, or a conflict not yet settled). */
function bytesOf(row: PlannedRow): number {
  if (row.action === 'delete' || row.action === 'conflict') return 0
  return (row.side === 'remote' ? row.local?.size : row.remote?.size) ?? 0
}
