import { randomUUID } from 'node:crypto'
import { relative, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { isSkiffError, SkiffError } from '../../shared/models/errors'
import { parseFileMask } from '../../shared/models/file-mask'
import type { TransferId, WatchId } from '../../shared/models/ids'
import type { KeepUpToDateRequest, KeepUpToDateStatus } from '../../shared/models/keep-up-to-date'
import type { SessionInfo } from '../../shared/models/session'
import type { TransferInfo, TransferState } from '../../shared/models/transfer'
import type { Endpoints } from '../transfer/queue/transfer-endpoints'
import { mapError } from '../ipc/map-error'
import { planBatch, type BatchWork } from './keep-up-to-date-batch'
import { SyncFilter } from './sync-filter'
import { assertFullServerPath } from './sync-service'
import { readSide, relKey } from './sync-side'
import type { SyncWork } from './sync-work'

/** What watches need from their host. */
export interface KeepUpToDateOptions {
  readonly endpoints: Endpoints
  /** Queues a batch as one synchronization job. */
  readonly enqueue: (work: SyncWork) => TransferId
  /** Where a job stands; undefined once the queue forgot it. */
  readonly jobState: (transferId: TransferId) => TransferState | undefined
  /** Brings a dropped session back (as a job's reconnect does). */
  readonly reconnect: (sessionId: KeepUpToDateRequest['remote']['sessionId'], signal: AbortSignal) => Promise<void>
  /** A batch goes at the latest this long after its first change, even while changes keep coming. */
  readonly maxWaitMs?: number
}

interface Watch {
  status: KeepUpToDateStatus
  readonly request: KeepUpToDateRequest
  readonly owner: unknown
  readonly emit: (status: KeepUpToDateStatus) => void
  readonly watcher: FSWatcher
  filter: SyncFilter
  isFilterStale: boolean
  /** Changed paths not yet in a job, by relative key. */
  readonly pending: Map<string, readonly string[]>
  firstPendingAt: number
  timer: NodeJS.Timeout | undefined
  /** The job this watch waits for: its own last batch, or the `Synchronize first` run. */
  job: TransferId | null
  batch: { readonly work: BatchWork; readonly keys: Map<string, readonly string[]> } | null
  isPlanning: boolean
  /** Attempts to reach the server since the connection dropped. */
  offlineAttempts: number
  readonly controller: AbortController
}

const openStates: readonly (TransferState | undefined)[] = ['queued', 'running', 'paused']
const offlineMessage = 'The connection is down: changes are kept and go up once it is back.'

/**
 * `Keep up to date` (Ctrl+U): watches a local folder with chokidar (links never followed, folders
 * the masks leave out not watched) and, once it has been quiet for the debounce, uploads what
 * changed as ONE synchronization job of the queue. While that job runs, or the connection is
 * down, new changes gather and go as the next single job: a `git checkout` of thousands of files
 * is one job or a few, never thousands.
 */
export class KeepUpToDateService {
  private readonly watches = new Map<WatchId, Watch>()

  constructor(private readonly options: KeepUpToDateOptions) {}

  /** Starts watching; resolves once the watcher is ready (changes from then on are seen). */
  async start(asked: KeepUpToDateRequest, emit: (status: KeepUpToDateStatus) => void, owner: unknown = emit): Promise<KeepUpToDateStatus> {
    assertFullServerPath(asked.remoteFolder)
    const request = { ...asked, localFolder: await this.localFolderOf(asked.localFolder) }
    const same = [...this.watches.values()].find(({ request: other }) => other.localFolder === request.localFolder && other.remoteFolder === request.remoteFolder && other.remote.sessionId === request.remote.sessionId)
    if (same) throw new SkiffError('EXISTS', `${asked.localFolder} is already kept up to date on ${request.remoteFolder}.`)
    const watchId = randomUUID() as WatchId
    const filter = await this.filterOf(request, new AbortController().signal)
    const watcher = watcherOf(request, filter)
    const status: KeepUpToDateStatus = { watchId, localFolder: asked.localFolder, remoteFolder: request.remoteFolder, state: 'watching', lastAction: null, uploaded: 0, deleted: 0, pending: 0 }
    const kept: Watch = { status, request, owner, emit, watcher, filter, isFilterStale: false, pending: new Map(), firstPendingAt: 0, timer: undefined, job: request.afterTransferId ?? null, batch: null, isPlanning: false, offlineAttempts: 0, controller: new AbortController() }
    watcher.on('all', (_event, path) => this.note(kept, relPathOf(request.localFolder, path)))
    watcher.on('error', (error) => this.update(kept, { state: 'failed', message: `Skiff can no longer watch ${request.localFolder}: ${String(error)}` }))
    await new Promise<void>((resolve) => watcher.once('ready', resolve))
    this.watches.set(watchId, kept)
    // The Synchronize first job may have ended already (a few small files): then there is nothing to wait for.
    if (kept.job && !openStates.includes(this.options.jobState(kept.job))) kept.job = null
    if (kept.job) this.update(kept, { state: 'uploading' })
    return kept.status
  }

  /** Stops a watch: changes not yet in a job are dropped; a job already queued runs on. */
  async stop(watchId: WatchId): Promise<void> {
    const kept = this.watches.get(watchId)
    if (!kept) return
    this.watches.delete(watchId)
    kept.controller.abort()
    clearTimeout(kept.timer)
    await kept.watcher.close()
    kept.emit({ ...kept.status, state: 'stopped', pending: 0 })
  }

  /** Stops every watch `owner` started (its window closed). */
  async stopOwnedBy(owner: unknown): Promise<void> {
    await Promise.all([...this.watches].filter(([, kept]) => kept.owner === owner).map(([watchId]) => this.stop(watchId)))
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.watches.keys()].map((watchId) => this.stop(watchId)))
  }

  /** A job changed: a watch's own that ended counts what it did, and the changes that gathered meanwhile go. */
  onJobChanged(job: TransferInfo): void {
    const kept = [...this.watches.values()].find((each) => each.job === job.transferId)
    if (!kept || openStates.includes(job.state)) return
    const batch = kept.batch
    kept.job = null
    kept.batch = null
    if (job.state === 'done') {
      const { status } = kept
      this.update(kept, batch ? { state: 'watching', lastAction: batch.work.text, uploaded: status.uploaded + batch.work.uploads, deleted: status.deleted + batch.work.deletions } : { state: 'watching' })
    } else if (job.state === 'failed' && job.error?.code === 'DISCONNECTED') {
      this.putBack(kept, batch?.keys)
      return this.goOffline(kept)
    } else if (job.state === 'failed') {
      // The next change tries these again with it.
      this.putBack(kept, batch?.keys)
      return this.update(kept, { state: 'failed', message: job.error?.message ?? 'The upload failed.' })
    } else this.update(kept, { state: 'watching', lastAction: 'the last upload was cancelled' })
    if (kept.pending.size > 0) this.schedule(kept)
  }

  /** A session is back: watches waiting for it catch up now. */
  onSessionChanged(session: SessionInfo): void {
    if (session.state !== 'connected') return
    for (const kept of this.watches.values()) {
      if (kept.request.remote.sessionId !== session.sessionId || kept.status.state !== 'offline') continue
      kept.offlineAttempts = 0
      void this.flush(kept)
    }
  }

  /** A session was closed: the watches that upload to it stop (there is nothing left to reconnect). */
  async onSessionClosed(sessionId: KeepUpToDateRequest['remote']['sessionId']): Promise<void> {
    await Promise.all([...this.watches].filter(([, kept]) => kept.request.remote.sessionId === sessionId).map(([watchId]) => this.stop(watchId)))
  }

  /** The folder to watch: a link to a folder is watched where it points (what is below it is not followed). */
  private async localFolderOf(folder: string): Promise<string> {
    const localSide = await this.options.endpoints.open({ kind: 'local' })
    try {
      const entry = await localSide.fs.followLink(folder)
      if (entry?.type !== 'directory') throw new SkiffError('NOT_FOUND', `There is no folder ${folder} to keep up to date.`)
      return await localSide.fs.realpath(folder)
    } finally {
      localSide.close()
    }
  }

  /** The masks, and with `.gitignore` on, the rules of every `.gitignore` below the folder as it is now. */
  private async filterOf(request: KeepUpToDateRequest, signal: AbortSignal): Promise<SyncFilter> {
    const parsed = parseFileMask(request.mask)
    if (!parsed.ok) throw new SkiffError('INVALID_REQUEST', parsed.message)
    const filter = new SyncFilter(parsed.mask)
    if (!request.isGitignoreHonoured) return filter
    const localSide = await this.options.endpoints.open({ kind: 'local' })
    try {
      const tree = await readSide(localSide.fs, request.localFolder, signal, (relPath) => request.isSubfoldersIncluded && filter.isEntered(relPath))
      await filter.readGitignores(localSide.fs, tree, signal)
      return filter
    } finally {
      localSide.close()
    }
  }

  private note(kept: Watch, relPath: readonly string[]): void {
    if (relPath.length === 0 || !this.watches.has(kept.status.watchId)) return
    if (kept.request.isGitignoreHonoured && relPath.at(-1) === '.gitignore') kept.isFilterStale = true
    if (kept.pending.size === 0) kept.firstPendingAt = Date.now()
    kept.pending.set(relKey(relPath), relPath)
    if (kept.status.state !== 'offline') this.schedule(kept)
  }

  private schedule(kept: Watch, delayMs = kept.request.debounceMs): void {
    clearTimeout(kept.timer)
    const maxWait = this.options.maxWaitMs ?? Math.max(10_000, kept.request.debounceMs * 10)
    const latest = kept.firstPendingAt + maxWait - Date.now()
    kept.timer = setTimeout(() => void this.flush(kept), Math.max(0, Math.min(delayMs, latest)))
  }

  /** Plans what gathered as one job, unless a job of the watch's own is still open (then it goes after it). */
  private async flush(kept: Watch): Promise<void> {
    clearTimeout(kept.timer)
    if (!this.watches.has(kept.status.watchId) || kept.isPlanning) return
    if (kept.pending.size === 0) return kept.status.state === 'offline' ? this.update(kept, { state: 'watching' }) : undefined
    if (kept.job && openStates.includes(this.options.jobState(kept.job))) return this.update(kept, { state: 'uploading', pending: kept.pending.size })
    kept.job = null
    const keys = new Map(kept.pending)
    kept.pending.clear()
    kept.isPlanning = true
    // Looking at both sides is part of the upload: the line says so from now on.
    this.update(kept, { state: 'uploading' })
    try {
      if (kept.isFilterStale) {
        kept.isFilterStale = false
        kept.filter = await this.filterOf(kept.request, kept.controller.signal)
      }
      const work = await planBatch(this.options.endpoints, kept.request, kept.filter, [...keys.values()], kept.controller.signal)
      kept.offlineAttempts = 0
      if (work.isEmpty || !this.watches.has(kept.status.watchId)) return this.update(kept, { state: 'watching', ...(work.text ? { lastAction: work.text } : {}) })
      kept.job = this.options.enqueue(work.work)
      kept.batch = { work, keys }
      this.update(kept, { state: 'uploading' })
    } catch (error) {
      if (kept.controller.signal.aborted) return
      this.putBack(kept, keys)
      if (isSkiffError(error) && error.code === 'DISCONNECTED') return this.goOffline(kept)
      this.update(kept, { state: 'failed', message: mapError(error).message })
    } finally {
      kept.isPlanning = false
      if (kept.pending.size > 0 && kept.status.state !== 'offline' && !kept.job) this.schedule(kept)
    }
  }

  private putBack(kept: Watch, keys: ReadonlyMap<string, readonly string[]> | undefined): void {
    if (kept.pending.size === 0) kept.firstPendingAt = Date.now()
    for (const [key, relPath] of keys ?? []) if (!kept.pending.has(key)) kept.pending.set(key, relPath)
  }

  /** Keeps the changes and tries the server again, backing off (1 s, 2 s, 4 s … 30 s); a session that comes back sooner ends the wait. */
  private goOffline(kept: Watch): void {
    this.update(kept, { state: 'offline', message: offlineMessage })
    const delay = Math.min(30_000, 1000 * 2 ** kept.offlineAttempts++)
    clearTimeout(kept.timer)
    kept.timer = setTimeout(() => {
      const signal = kept.controller.signal
      void this.options
        .reconnect(kept.request.remote.sessionId, signal)
        .catch(() => undefined)
        .then(() => this.flush(kept))
    }, delay)
  }

  private update(kept: Watch, change: Partial<KeepUpToDateStatus>): void {
    if (!this.watches.has(kept.status.watchId)) return
    const { message: _dropped, ...rest } = kept.status
    kept.status = { ...rest, pending: kept.pending.size, ...change }
    kept.emit(kept.status)
  }
}

/**
 * A chokidar watch of the folder: links reported as entries, never followed; folders the masks
 * exclude (and, with Subfolders off, every folder) not watched at all. The masks alone decide
 * which folders are entered, so the filter of the start serves for the whole watch.
 */
function watcherOf(request: KeepUpToDateRequest, filter: SyncFilter): FSWatcher {
  return watch(request.localFolder, {
    ignoreInitial: true,
    followSymlinks: false,
    ...(request.isSubfoldersIncluded ? {} : { depth: 0 }),
    ignored: (path, stats) => {
      const relPath = relPathOf(request.localFolder, path)
      return relPath.length > 0 && stats?.isDirectory() === true && (!request.isSubfoldersIncluded || !filter.isEntered(relPath))
    },
  })
}

/** The names from the watched folder down to `path` (empty for the folder itself). */
function relPathOf(root: string, path: string): string[] {
  return relative(root, path)
    .split(sep)
    .filter((name) => name !== '')
}
