import { isSkiffError, SkiffError, type ErrorInfo } from '../../shared/models/errors'
import type { JobKind, TreeCount } from '../../shared/models/file-ops'
import type { FsTarget } from '../../shared/models/fs'
import type { TransferId } from '../../shared/models/ids'
import type { TransferInfo, TransferProblem, TransferState } from '../../shared/models/transfer'
import type { FileSystem } from '../fs/file-system'
import type { Endpoint, Endpoints } from '../transfer/queue/transfer-endpoints'
import type { QueueJob } from '../transfer/queue/queue-job'
import type { OperationOptions, OperationOutcome, OperationProgress } from './operation-outcome'

/** What one operation job does. */
export interface OperationPlan {
  readonly kind: Exclude<JobKind, 'copy' | 'sync'>
  readonly target: FsTarget
  /** The selected entries, all in `folder`. */
  readonly paths: readonly string[]
  readonly folder: string
  readonly names: readonly string[]
  /** Does the work on the job's own file system (its own channels on a server). */
  readonly work: (fs: FileSystem, options: OperationOptions) => Promise<OperationOutcome>
}

/** What an operation job needs from the queue. */
export interface OperationContext {
  readonly endpoints: Endpoints
  readonly onChange: (job: OperationJob, isUrgent: boolean) => void
}

const shownProblems = 20
const shownItems = 100

function jobName(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.length.toLocaleString('en-US')} items`
}

/** `3 items failed. The first: …`, naming the file. */
function failureSummary(problems: readonly (TransferProblem & { code: string })[]): ErrorInfo {
  const first = problems[0]!
  const firstText = first.message.includes(first.path) ? first.message : `${first.path}: ${first.message}`
  const message = problems.length === 1 ? firstText : `${problems.length.toLocaleString('en-US')} entries were left as they were. The first: ${firstText}`
  return { code: first.code as ErrorInfo['code'], message }
}

/**
 * A file operation as a job of the queue: a delete, a permission change, a folder size, a
 * duplicate. It runs on its own channels, reports entries done of entries found, can be
 * cancelled (what is done stays done, and the job says how much), and ends Done, or Failed
 * naming what was left and why. A dropped connection fails it with what was done; a retry
 * walks again, so it only does what is still to do.
 */
export class OperationJob implements QueueJob {
  private state: TransferState = 'queued'
  private progress: OperationProgress = { done: 0, total: 0 }
  private error: ErrorInfo | undefined
  private problems: TransferProblem[] = []
  private count: TreeCount | undefined
  private controller: AbortController | undefined

  constructor(
    readonly transferId: TransferId,
    readonly plan: OperationPlan,
    private readonly context: OperationContext,
  ) {}

  get currentState(): TransferState {
    return this.state
  }

  get isOpen(): boolean {
    return this.state === 'queued' || this.state === 'running'
  }

  info(): TransferInfo {
    const isRunning = this.state === 'running'
    return {
      transferId: this.transferId,
      kind: this.plan.kind,
      ...(this.count ? { count: this.count } : {}),
      name: jobName(this.plan.names),
      itemCount: this.plan.names.length,
      items: this.plan.names.slice(0, shownItems),
      ...(isRunning && this.progress.currentPath ? { currentPath: this.progress.currentPath } : {}),
      partialFiles: 0,
      direction: this.plan.target.kind === 'local' ? 'local' : 'remote',
      isMove: false,
      from: this.plan.target,
      sourceFolder: this.plan.folder,
      to: this.plan.target,
      folder: this.plan.folder,
      state: this.state,
      bytesDone: this.count?.bytes ?? 0,
      bytesTotal: this.count?.bytes ?? 0,
      filesDone: this.progress.done,
      filesTotal: this.progress.total,
      bytesPerSecond: 0,
      etaSeconds: null,
      filesSkipped: 0,
      ...(this.error ? { error: this.error } : {}),
      problems: this.problems.slice(0, shownProblems),
      problemCount: this.problems.length,
      isVerified: false,
    }
  }

  async run(): Promise<void> {
    const controller = new AbortController()
    this.controller = controller
    this.problems = []
    this.progress = { done: 0, total: 0 }
    this.setState('running', undefined)
    let endpoint: Endpoint | undefined
    try {
      endpoint = await this.context.endpoints.open(this.plan.target, controller.signal)
      const outcome = await this.plan.work(endpoint.fs, {
        signal: controller.signal,
        onProgress: (progress) => {
          this.progress = progress
          this.context.onChange(this, false)
        },
      })
      this.finish(outcome)
    } catch (error) {
      if (controller.signal.aborted) {
        const message = this.progress.total > 0 ? `Cancelled after ${this.doneText()}.` : 'Cancelled before anything was done.'
        return this.setState('cancelled', { code: 'CANCELLED', message })
      }
      const known = isSkiffError(error) ? error : new SkiffError('INTERNAL', 'The operation failed unexpectedly.')
      const message = known.code === 'DISCONNECTED' ? `${known.message} ${this.doneText()} had been done; Retry does the rest.` : known.message
      this.setState('failed', { code: known.code, message })
    } finally {
      endpoint?.close()
    }
  }

  /** An operation cannot hold its place: a pause cancels (what is done stays done). */
  pause(): void {
    this.cancel()
  }

  cancel(): void {
    if (this.state === 'running') this.controller?.abort()
    else if (this.state === 'queued' || this.state === 'failed') this.setState('cancelled', undefined)
  }

  requeue(): void {
    if (this.state === 'paused' || this.state === 'failed' || this.state === 'cancelled') this.setState('queued', undefined)
  }

  private doneText(): string {
    const { done, total } = this.progress
    return total > 0 ? `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${total === 1 ? 'entry' : 'entries'}` : 'nothing'
  }

  private finish(outcome: OperationOutcome): void {
    this.count = outcome.count
    this.progress = { done: outcome.done, total: outcome.total }
    const failures = outcome.failures.map((failure) => ({ path: failure.path, message: failure.message, code: failure.code }))
    this.problems = [...failures, ...outcome.notes]
    this.setState(failures.length === 0 ? 'done' : 'failed', failures.length === 0 ? undefined : failureSummary(failures))
  }

  private setState(state: TransferState, error: ErrorInfo | undefined): void {
    this.state = state
    this.error = error
    if (state !== 'running') this.controller = undefined
    this.context.onChange(this, true)
  }
}
