import { isSkiffError, SkiffError, type ErrorInfo } from '../../../shared/models/errors'
import type { FsTarget } from '../../../shared/models/fs'
import type { TransferId } from '../../../shared/models/ids'
import type { ConflictChoice, TransferDirection, TransferInfo, TransferProblem, TransferState } from '../../../shared/models/transfer'
import { copyTree, type CopyTreeSummary, type FileConflict, type TreeProgress } from '../copy-tree'
import { removeSources } from '../remove-sources'
import type { Endpoint, Endpoints } from './transfer-endpoints'
import { RateMeter } from './rate-meter'
import type { Settings } from '../../../shared/models/settings'

/** What one job copies: a selected entry into a folder on the other side. */
export interface JobPlan {
  readonly from: FsTarget
  readonly path: string
  /** The folder `path` is in. */
  readonly sourceFolder: string
  readonly name: string
  readonly to: FsTarget
  readonly folder: string
  readonly isMove: boolean
  /** The source is Skiff's own staging copy of a dropped file: removed once copied. */
  readonly isStaged: boolean
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

function directionOf(from: FsTarget, to: FsTarget): TransferDirection {
  if (from.kind === 'local') return to.kind === 'local' ? 'local' : 'upload'
  return to.kind === 'local' ? 'download' : 'remote'
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/** Why a run stopped early, as the controller's abort reason. */
type StopReason = 'pause' | 'cancel'

/**
 * One job of the queue: runs copyTree for its entry, reconnects and resumes after a dropped
 * connection (bounded backoff), and can be paused, resumed, cancelled and retried. Partial
 * files stay on pause and failure, so a later run resumes them.
 */
export class TransferJob {
  readonly direction: TransferDirection
  private state: TransferState = 'queued'
  private progress: TreeProgress = { bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 }
  private error: ErrorInfo | undefined
  private problems: TransferProblem[] = []
  private isVerified = false
  private controller: AbortController | undefined
  private readonly meter = new RateMeter()

  constructor(
    readonly transferId: TransferId,
    readonly plan: JobPlan,
    private readonly context: JobContext,
  ) {
    this.direction = directionOf(plan.from, plan.to)
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
    return {
      transferId: this.transferId,
      name: this.plan.name,
      direction: this.direction,
      isMove: this.plan.isMove,
      from: this.plan.from,
      sourceFolder: this.plan.sourceFolder,
      to: this.plan.to,
      folder: this.plan.folder,
      state: this.state,
      ...this.progress,
      bytesPerSecond: isRunning ? Math.round(this.meter.bytesPerSecond()) : 0,
      etaSeconds: isRunning ? this.meter.etaSeconds(remaining) : null,
      ...(this.error ? { error: this.error } : {}),
      problems: this.problems.slice(0, shownProblems),
      problemCount: this.problems.length,
      isVerified: this.isVerified,
    }
  }

  /** Runs the job to its end (done, failed, paused or cancelled). Called by the queue. */
  async run(): Promise<void> {
    const controller = new AbortController()
    this.controller = controller
    this.meter.reset()
    this.setState('running', undefined)
    for (let attempt = 0; ; attempt++) {
      try {
        const summary = await this.copyOnce(controller.signal)
        return this.finish(summary)
      } catch (error) {
        if (controller.signal.aborted) return this.setState(controller.signal.reason === 'pause' ? 'paused' : 'cancelled', undefined)
        const known = isSkiffError(error) ? error : new SkiffError('INTERNAL', 'The transfer failed unexpectedly.')
        if (known.code !== 'DISCONNECTED' || attempt >= maxReconnects) return this.setState('failed', known.toInfo())
        await this.waitAndReconnect(attempt, known, controller.signal)
        if (controller.signal.aborted) return this.setState(controller.signal.reason === 'pause' ? 'paused' : 'cancelled', undefined)
      }
    }
  }

  /** Stops a running (or queued) job; it can resume later. */
  pause(): void {
    if (this.state === 'running') this.controller?.abort('pause' satisfies StopReason)
    else if (this.state === 'queued') this.setState('paused', undefined)
  }

  /** Stops for good; partial files stay clearly named. */
  cancel(): void {
    if (this.state === 'running') this.controller?.abort('cancel' satisfies StopReason)
    else if (this.isOpen) this.setState('cancelled', undefined)
  }

  /** Puts a paused, failed or cancelled job back in line. */
  requeue(): void {
    if (this.state === 'paused' || this.state === 'failed' || this.state === 'cancelled') this.setState('queued', undefined)
  }

  private async copyOnce(signal: AbortSignal): Promise<CopyTreeSummary> {
    let source: Endpoint | undefined
    let target: Endpoint | undefined
    try {
      source = await this.context.endpoints.open(this.plan.from)
      target = await this.context.endpoints.open(this.plan.to)
      const settings = this.context.settings()
      const summary = await copyTree({
        preserveMode: settings.preservePermissions,
        verify: settings.verifyChecksums,
        source: source.fs,
        sourcePaths: [this.plan.path],
        target: target.fs,
        targetFolder: this.plan.folder,
        signal,
        onProgress: (progress) => this.onProgress(progress),
        onConflict: (conflict) => this.context.askConflict(this.transferId, conflict, signal),
      })
      if ((this.plan.isMove || this.plan.isStaged) && summary.failures.length === 0) await removeSources(source.fs, summary)
      return summary
    } finally {
      source?.close()
      target?.close()
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
    this.meter.record(Date.now(), progress.bytesDone)
    this.context.onChange(this, false)
  }

  private finish(summary: CopyTreeSummary): void {
    this.problems = summary.failures.map((failure) => ({ path: failure.path, message: failure.message }))
    this.isVerified = summary.verified > 0 && summary.unverified === 0 && summary.verified === summary.files
    if (summary.unverified > 0) {
      this.problems.push({ path: this.plan.name, message: `${summary.unverified} file(s) could not be verified: the server runs neither sha256sum nor shasum.` })
    }
    if (summary.failures.length === 0) return this.setState('done', undefined)
    const count = summary.failures.length
    const first = summary.failures[0]!
    const message = count === 1 ? first.message : `${count} items were not copied. The first: ${first.message}`
    this.setState('failed', { code: first.code as ErrorInfo['code'], message })
  }

  private setState(state: TransferState, error: ErrorInfo | undefined): void {
    this.state = state
    this.error = error
    if (state !== 'running') this.controller = undefined
    this.context.onChange(this, true)
  }
}
