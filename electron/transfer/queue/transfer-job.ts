import { isSkiffError, SkiffError, type ErrorInfo } from '../../../shared/models/errors'
import type { FsTarget } from '../../../shared/models/fs'
import type { TransferId } from '../../../shared/models/ids'
import type { ConflictChoice, TransferDirection, TransferInfo, TransferProblem, TransferState } from '../../../shared/models/transfer'
import type { Settings } from '../../../shared/models/settings'
import { copyTree, type CopyFailure, type CopyTreeSummary, type FileConflict, type TreeProgress } from '../copy-tree'
import { CopyMemory } from '../copy-memory'
import { removeSources } from '../remove-sources'
import type { Endpoint, Endpoints } from './transfer-endpoints'
import { RateMeter } from './rate-meter'
import { sleep } from '../../fs/cancellation'
import type { QueueJob } from './queue-job'
import { runSyncWork } from '../../sync/sync-run'
import { syncFacts, type SyncWork } from '../../sync/sync-work'

/** What one job copies: a selection of entries of one folder into a folder on the other side. */
export interface JobPlan {
  readonly from: FsTarget
  /** The selected entries, all in `sourceFolder`. */
  readonly paths: readonly string[]
  readonly sourceFolder: string
  /** Their names, in selection order. */
  readonly names: readonly string[]
  readonly to: FsTarget
  readonly folder: string
  readonly isMove: boolean
  /** The sources are Skiff's own staging copies of dropped files: removed once copied. */
  readonly isStaged: boolean
  /** A synchronization: its previewed copies and deletions instead of a selection's tree. */
  readonly sync?: SyncWork
  /** One server of a deploy: runs beside the other jobs, at most `limit()` of its group at once. */
  readonly group?: DeployGroup
}

/** The jobs of one synchronization deployed to several servers. */
export interface DeployGroup {
  readonly id: string
  readonly limit: () => number
}

/** What a job needs from the queue around it. */
export interface JobContext {
  readonly endpoints: Endpoints
  /** Asks about a taken name (the queue's ConflictDesk). */
  readonly askConflict: (transferId: TransferId, conflict: FileConflict, signal: AbortSignal) => Promise<ConflictChoice>
  /** Brings a dropped session back; rejects when it cannot. */
  readonly reconnect: (target: FsTarget, signal: AbortSignal) => Promise<void>
  /** Called whenever the job's info changed; `isUrgent` for state changes (not throttled). */
  readonly onChange: (job: TransferJob, isUrgent: boolean) => void
  /** Waits between reconnect attempts: 1 s, 2 s, 4 s, 8 s, 16 s. */
  readonly backoffMs?: (attempt: number) => number
  /** Transfer settings, read as each run starts. */
  readonly settings: () => Settings['transfer']
}

// A dropped link is retried this many times, with growing pauses, before the job fails.
const maxReconnects = 5
const shownProblems = 20
const shownItems = 100

function directionOf(from: FsTarget, to: FsTarget): TransferDirection {
  if (from.kind === 'local') return to.kind === 'local' ? 'local' : 'upload'
  return to.kind === 'local' ? 'download' : 'remote'
}

/** `notes.txt`, or `2,000 items` for a selection of several. */
function jobName(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.length.toLocaleString('en-US')} items`
}

/** Why a run stopped early, as the controller's abort reason. */
type StopReason = 'pause' | 'cancel'

/**
 * One job of the queue: runs copyTree for its selection, reconnects and resumes after a
 * dropped connection (bounded backoff), and can be paused, resumed, cancelled and retried.
 * Its CopyMemory carries what is done from run to run, so a resume or a retry neither copies
 * nor asks again what is already in place. Part files stay on pause and failure (to resume
 * from) and go on cancel.
 */
export class TransferJob implements QueueJob {
  readonly direction: TransferDirection
  private state: TransferState = 'queued'
  private progress: TreeProgress = { bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 }
  private error: ErrorInfo | undefined
  private problems: TransferProblem[] = []
  private isVerified = false
  private controller: AbortController | undefined
  private readonly meter = new RateMeter()
  private readonly memory = new CopyMemory()
  /** A two-way synchronization's copies back, from the job's target to its source. */
  private readonly backMemory = new CopyMemory()
  private cleaning: Promise<void> | undefined
  private note: string | undefined
  private skipped = 0
  /** A synchronization's deletions already done, per leg, kept from run to run. */
  private readonly deleted = [new Set<string>(), new Set<string>()]

  constructor(
    readonly transferId: TransferId,
    readonly plan: JobPlan,
    private readonly context: JobContext,
  ) {
    this.direction = (plan.sync?.legs.length ?? 0) > 1 ? 'both' : directionOf(plan.from, plan.to)
  }

  get currentState(): TransferState {
    return this.state
  }

  /** True while it may still do work (queued, running or paused). */
  get isOpen(): boolean {
    return this.state === 'queued' || this.state === 'running' || this.state === 'paused'
  }

  info(): TransferInfo {
    const remaining = Math.max(0, this.progress.bytesTotal - this.progress.bytesDone)
    const isRunning = this.state === 'running'
    const { currentPath, bytesCarried: _carried, ...counts } = this.progress
    return {
      transferId: this.transferId,
      kind: this.plan.sync ? 'sync' : 'copy',
      name: jobName(this.plan.names),
      itemCount: this.plan.names.length,
      items: this.plan.names.slice(0, shownItems),
      ...(isRunning && currentPath ? { currentPath } : {}),
      ...(isRunning && this.note ? { note: this.note } : {}),
      filesSkipped: this.skipped,
      partialFiles: this.memory.parts.size + this.backMemory.parts.size,
      direction: this.direction,
      isMove: this.plan.isMove,
      from: this.plan.from,
      sourceFolder: this.plan.sourceFolder,
      to: this.plan.to,
      folder: this.plan.folder,
      state: this.state,
      ...counts,
      bytesPerSecond: isRunning ? Math.round(this.meter.bytesPerSecond()) : 0,
      etaSeconds: isRunning ? this.meter.etaSeconds(remaining) : null,
      ...(this.error ? { error: this.error } : {}),
      problems: this.problems.slice(0, shownProblems),
      problemCount: this.problems.length,
      isVerified: this.isVerified,
      ...(this.plan.sync ? { sync: syncFacts(this.plan.sync, this.deleted.reduce((sum, done) => sum + done.size, 0)) } : {}),
      ...(this.plan.group ? { deployGroup: this.plan.group.id } : {}),
    }
  }

  /** Runs the job to its end (done, failed, paused or cancelled). Called by the queue. */
  async run(): Promise<void> {
    const controller = new AbortController()
    this.controller = controller
    this.note = undefined
    this.meter.reset()
    this.setState('running', undefined)
    // A retry right after a cancel waits until the cancel's part files are gone.
    await this.cleaning
    for (let attempt = 0; ; attempt++) {
      try {
        const summary = await this.copyOnce(controller.signal)
        return this.finish(summary)
      } catch (error) {
        if (controller.signal.aborted) return this.stopped(controller.signal.reason as StopReason)
        const known = isSkiffError(error) ? error : new SkiffError('INTERNAL', 'The transfer failed unexpectedly.')
        if (known.code !== 'DISCONNECTED' || attempt >= maxReconnects) return this.setState('failed', known.toInfo())
        await this.waitAndReconnect(attempt, known, controller.signal)
        if (controller.signal.aborted) return this.stopped(controller.signal.reason as StopReason)
      }
    }
  }

  /** Stops a running (or queued) job; it can resume later. */
  pause(): void {
    if (this.state === 'running') this.controller?.abort('pause' satisfies StopReason)
    else if (this.state === 'queued') this.setState('paused', undefined)
  }

  /** Stops for good and removes the part files the job wrote; a failed job can be cancelled too. */
  cancel(): void {
    if (this.state === 'running') this.controller?.abort('cancel' satisfies StopReason)
    else if (this.isOpen || this.state === 'failed') this.stopped('cancel')
  }

  /** Puts a paused, failed or cancelled job back in line. */
  requeue(): void {
    if (this.state === 'paused' || this.state === 'failed' || this.state === 'cancelled') this.setState('queued', undefined)
  }

  private stopped(reason: StopReason): void {
    if (reason === 'pause') return this.setState('paused', undefined)
    this.setState('cancelled', undefined)
    this.cleaning = this.removeParts()
  }

  private async copyOnce(signal: AbortSignal): Promise<CopyTreeSummary & { removalFailures: readonly CopyFailure[] }> {
    let source: Endpoint | undefined
    let target: Endpoint | undefined
    try {
      // Every channel of the connection may be taken (terminals, other jobs): the job says it waits.
      const onWait = (limit: number) => {
        this.note = `Waiting for a free channel: the server allows ${limit} per connection, and terminals, browsing and other transfers hold them all. Close a terminal, or wait.`
        this.context.onChange(this, true)
      }
      source = await this.context.endpoints.open(this.plan.from, signal, onWait)
      target = await this.context.endpoints.open(this.plan.to, signal, onWait)
      if (this.note) {
        this.note = undefined
        this.context.onChange(this, true)
      }
      const settings = this.context.settings()
      const engine = {
        preserveMode: settings.preservePermissions,
        verify: settings.verifyChecksums,
        source: source.fs,
        target: target.fs,
        signal,
        memory: this.memory,
        onProgress: (progress: TreeProgress) => this.onProgress(progress),
      }
      const ask = (conflict: FileConflict) => this.context.askConflict(this.transferId, conflict, signal)
      if (this.plan.sync) {
        const [sourceFs, targetFs] = [source.fs, target.fs]
        const fsOf = (side: FsTarget) => (side.kind === this.plan.from.kind ? sourceFs : targetFs)
        return await runSyncWork(this.plan.sync, { ...engine, ask, fsOf, memories: [this.memory, this.backMemory], deleted: this.deleted })
      }
      const summary = await copyTree({
        ...engine,
        sourcePaths: this.plan.paths,
        targetFolder: this.plan.folder,
        // A move deletes what it copied: it must never reach through a link into what it points to.
        // A copy follows links (as scp does) unless the person asked for links as links.
        links: this.plan.isMove || settings.copyLinksAsLinks ? 'preserve' : 'follow',
        onConflict: ask,
      })
      // What is in place may go at the source, whatever else failed: removeSources touches nothing else.
      const removalFailures = this.plan.isMove || this.plan.isStaged ? await removeSources(source.fs, summary) : []
      return { ...summary, removalFailures }
    } finally {
      source?.close()
      target?.close()
    }
  }

  /** Removes the part files this job wrote (a cancel), on the target and (copies back of a two-way sync) the source. */
  private async removeParts(): Promise<void> {
    await this.removePartsOf(this.memory, this.plan.to, this.plan.folder)
    await this.removePartsOf(this.backMemory, this.plan.from, this.plan.sourceFolder)
  }

  /** Removes one memory's own part files from `side`; those it cannot reach stay listed. */
  private async removePartsOf(memory: CopyMemory, side: FsTarget, folder: string): Promise<void> {
    const parts = memory.ownParts()
    if (parts.length === 0) return
    let endpoint: Endpoint | undefined
    try {
      endpoint = await this.context.endpoints.open(side)
      for (const path of parts) {
        await endpoint.fs.remove(path).catch((error: unknown) => {
          if (!isSkiffError(error) || error.code !== 'NOT_FOUND') throw error
        })
        memory.parts.delete(path)
      }
    } catch (error) {
      const reason = isSkiffError(error) ? error.message : 'it could not be reached'
      this.problems.push({ path: folder, message: `${memory.ownParts().length} part file(s) could not be removed: ${reason}` })
    } finally {
      endpoint?.close()
      this.context.onChange(this, true)
    }
  }

  private async waitAndReconnect(attempt: number, cause: SkiffError, signal: AbortSignal): Promise<void> {
    const delay = this.context.backoffMs?.(attempt) ?? 1000 * 2 ** attempt
    this.error = { code: 'DISCONNECTED', message: `${cause.message} Reconnecting (attempt ${attempt + 1} of ${maxReconnects})…` }
    this.context.onChange(this, true)
    await sleep(delay, signal)
    for (const side of [this.plan.from, this.plan.to]) {
      if (side.kind === 'remote' && !signal.aborted) await this.context.reconnect(side, signal).catch(() => undefined)
    }
    this.meter.reset()
  }

  private onProgress(progress: TreeProgress): void {
    this.progress = progress
    // What was already there (placed files, resumed parts) is not speed.
    this.meter.record(Date.now(), progress.bytesDone - (progress.bytesCarried ?? 0))
    this.context.onChange(this, false)
  }

  private finish(summary: CopyTreeSummary & { removalFailures: readonly CopyFailure[] }): void {
    this.skipped = summary.skipped
    const failures = [...summary.failures, ...summary.removalFailures]
    this.problems = failures.map((failure) => ({ path: failure.path, message: failure.message }))
    this.isVerified = summary.verified > 0 && summary.unverified === 0 && summary.verified === summary.files
    if (summary.unverified > 0) {
      this.problems.push({ path: jobName(this.plan.names), message: `${summary.unverified} file(s) could not be verified: the server runs neither sha256sum nor shasum.` })
    }
    if (failures.length === 0) return this.setState('done', undefined)
    const count = failures.length
    const first = failures[0]!
    // The message names the file unless it already does.
    const firstText = first.message.includes(first.path) ? first.message : `${first.path}: ${first.message}`
    const message = count === 1 ? firstText : `${count} items failed. The first: ${firstText}`
    this.setState('failed', { code: first.code as ErrorInfo['code'], message })
  }

  private setState(state: TransferState, error: ErrorInfo | undefined): void {
    this.state = state
    this.error = error
    if (state !== 'running') this.controller = undefined
    this.context.onChange(this, true)
  }
}
