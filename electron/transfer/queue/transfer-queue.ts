import { randomUUID } from 'node:crypto'
import type { Emit } from '../../../shared/ipc/messages'
import { SkiffError } from '../../../shared/models/errors'
import { isSameTarget, type FsTarget } from '../../../shared/models/fs'
import type { TransferId } from '../../../shared/models/ids'
import type { ConflictChoice, TransferInfo, TransferRequest } from '../../../shared/models/transfer'
import { defaultSettings, type Settings } from '../../../shared/models/settings'
import { nameProblem } from '../plan/remote-name'
import { splitPath } from '../../fs/fs-path'
import { ConflictDesk } from './conflict-desk'
import type { Endpoints } from './transfer-endpoints'
import { TransferJob, type DeployGroup, type JobContext, type JobPlan } from './transfer-job'
import type { QueueJob } from './queue-job'
import type { SyncWork } from '../../sync/sync-work'
import { OperationJob, type OperationContext, type OperationPlan } from '../../operations/operation-job'

/** What the queue needs from its host. */
export interface TransferQueueOptions {
  readonly endpoints: Endpoints
  /** Every client hears about every job. */
  readonly broadcast: Emit
  /** Brings a dropped session back (the session manager's reconnect). */
  readonly reconnect: (target: FsTarget, signal: AbortSignal) => Promise<void>
  /** The transfer settings as they are when a job starts. */
  readonly settings?: () => Settings['transfer']
  /** Jobs running at once. */
  readonly maxRunning?: number
  /** Servers of one deploy running at once (Settings → Servers at once when deploying); 4 when absent. */
  readonly deployLimit?: () => number
  readonly backoffMs?: (attempt: number) => number
}

// Progress events per job at most this often; state changes go out at once.
const progressIntervalMs = 100

/** The target paths a job writes (and everything below them). */
function writtenPaths(plan: JobPlan): readonly string[] {
  if (plan.sync) return [plan.sync.targetRoot]
  const separator = plan.to.kind === 'local' && process.platform === 'win32' ? '\\' : '/'
  return plan.names.map((name) => (plan.folder.endsWith(separator) ? plan.folder + name : plan.folder + separator + name))
}

/** True when `inner` is `outer` or inside it. */
function isWithin(inner: string, outer: string): boolean {
  return inner === outer || [outer + '/', outer + '\\'].some((prefix) => inner.startsWith(prefix))
}

/** True when two jobs write into one place on one side: the same path, or one inside the other. */
function isOverlapping(a: JobPlan, b: JobPlan): boolean {
  if (!isSameTarget(a.to, b.to)) return false
  const theirs = writtenPaths(b)
  return writtenPaths(a).some((mine) => theirs.some((other) => isWithin(mine, other) || isWithin(other, mine)))
}

/**
 * The transfer queue of the main process: jobs run here (two at a time by default), survive
 * the window that started them, and every client sees the same list through events.
 */
export class TransferQueue {
  private readonly jobs = new Map<TransferId, QueueJob>()
  private readonly desk: ConflictDesk
  private readonly context: JobContext
  private readonly operationContext: OperationContext
  private readonly timers = new Map<TransferId, NodeJS.Timeout>()
  private readonly running = new Set<QueueJob>()

  constructor(private readonly options: TransferQueueOptions) {
    this.desk = new ConflictDesk(options.broadcast)
    this.context = {
      endpoints: options.endpoints,
      askConflict: (transferId, conflict, signal) => this.desk.ask(transferId, conflict, signal),
      reconnect: options.reconnect,
      onChange: (job, isUrgent) => this.announce(job, isUrgent),
      settings: () => options.settings?.() ?? defaultSettings.transfer,
      backoffMs: options.backoffMs,
    }
    this.operationContext = { endpoints: options.endpoints, onChange: (job, isUrgent) => this.announce(job, isUrgent) }
  }

  /** A file operation (delete, permissions, size, duplicate) as a job; it starts at once, beside the transfers. */
  enqueueOperation(plan: OperationPlan): TransferId {
    const job = new OperationJob(randomUUID() as TransferId, plan, this.operationContext)
    this.jobs.set(job.transferId, job)
    this.announce(job, true)
    this.schedule()
    return job.transferId
  }

  /**
   * One job for the selection, queued behind the others: its files share lanes and the small-file
   * pipeline. `isStaged`: the sources are staging copies of files dropped onto browser mode,
   * deleted once copied (shown as a plain copy).
   */
  enqueue(request: TransferRequest, isStaged = false): TransferId[] {
    const split = request.paths.map((path) => {
      const { folder, name } = splitPath(path, request.from.kind === 'local' && process.platform === 'win32' ? '\\' : '/')
      const problem = nameProblem(name)
      if (problem) throw new SkiffError('INVALID_REQUEST', `Cannot copy ${path}: ${problem}.`)
      return { folder, name }
    })
    const plan = {
      from: request.from,
      paths: request.paths,
      sourceFolder: split[0]!.folder,
      names: split.map((part) => part.name),
      to: request.to,
      folder: request.folder,
      isMove: request.isMove ?? false,
      isStaged,
      ...(request.deployGroup ? { group: { id: request.deployGroup, limit: this.options.deployLimit ?? (() => 4) } } : {}),
    }
    const job = new TransferJob(randomUUID() as TransferId, plan, this.context)
    this.jobs.set(job.transferId, job)
    this.announce(job, true)
    this.schedule()
    return [job.transferId]
  }

  /**
   * A synchronization's previewed work as one job, queued behind the others like a copy; one of a
   * deploy `group` runs beside them instead, at most the group's limit at once.
   */
  enqueueSync(work: SyncWork, group?: DeployGroup): TransferId {
    const plan = { from: work.from, paths: [], sourceFolder: work.sourceRoot, names: [work.name], to: work.to, folder: work.targetRoot, isMove: false, isStaged: false, sync: work, ...(group ? { group } : {}) }
    const job = new TransferJob(randomUUID() as TransferId, plan, this.context)
    this.jobs.set(job.transferId, job)
    this.announce(job, true)
    this.schedule()
    return job.transferId
  }

  list(): TransferInfo[] {
    return [...this.jobs.values()].map((job) => job.info())
  }

  pause(transferId: TransferId): void {
    this.get(transferId).pause()
  }

  resume(transferId: TransferId): void {
    const job = this.get(transferId)
    if (job.currentState === 'paused') job.requeue()
    this.schedule()
  }

  cancel(transferId: TransferId): void {
    this.get(transferId).cancel()
  }

  retry(transferId: TransferId): void {
    const job = this.get(transferId)
    this.desk.forget(transferId)
    job.requeue()
    this.schedule()
  }

  /** Every failed job, back in line. */
  retryFailed(): void {
    for (const job of this.jobs.values()) if (job.currentState === 'failed') this.retry(job.transferId)
  }

  /** Cancels what is still open; failed jobs keep their part files, to be retried. */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.isOpen) job.cancel()
  }

  /** Forgets jobs that are done or cancelled; failed ones stay until retried or cancelled. */
  clearFinished(): void {
    const finished = [...this.jobs.values()].filter((job) => job.currentState === 'done' || job.currentState === 'cancelled').map((job) => job.transferId)
    for (const id of finished) {
      this.jobs.delete(id)
      this.desk.forget(id)
    }
    if (finished.length > 0) this.options.broadcast('transfer.removed', { transferIds: finished })
  }

  resolveConflict(conflictId: string, choice: ConflictChoice, isApplyToAll: boolean): void {
    this.desk.resolve(conflictId, choice, isApplyToAll)
  }

  /** Stops everything (the host is shutting down); partial files stay for next time. */
  dispose(): void {
    for (const job of this.jobs.values()) job.pause()
    for (const timer of this.timers.values()) clearTimeout(timer)
  }

  private get(transferId: TransferId): QueueJob {
    const job = this.jobs.get(transferId)
    if (!job) throw new SkiffError('NOT_FOUND', 'That transfer is no longer in the list.')
    return job
  }

  private schedule(): void {
    const limit = this.options.maxRunning ?? 2
    for (const job of this.jobs.values()) {
      if (job.currentState !== 'queued') continue
      // File operations are short and asked for now: they do not wait behind transfers.
      if (job instanceof OperationJob) {
        void job.run()
        continue
      }
      if (!this.hasRoom(job, limit)) continue
      // Two jobs writing one name at once would share its part file: the later waits, then finds the name taken and asks.
      if (job instanceof TransferJob && [...this.running].some((other) => other instanceof TransferJob && isOverlapping(other.plan, job.plan))) continue
      this.running.add(job)
      void job.run().finally(() => {
        this.running.delete(job)
        this.schedule()
      })
    }
  }

  /** The queue's limit for a job; a deploy's server counts only against its own group's limit. */
  private hasRoom(job: QueueJob, limit: number): boolean {
    const group = job instanceof TransferJob ? job.plan.group : undefined
    const running = [...this.running]
    if (!group) return running.filter((other) => !(other instanceof TransferJob && other.plan.group)).length < limit
    return running.filter((other) => other instanceof TransferJob && other.plan.group?.id === group.id).length < Math.max(1, group.limit())
  }

  // Progress is coalesced per job; a state change flushes at once.
  private announce(job: QueueJob, isUrgent: boolean): void {
    const pending = this.timers.get(job.transferId)
    if (isUrgent) {
      if (pending) clearTimeout(pending)
      this.timers.delete(job.transferId)
      this.options.broadcast('transfer.changed', job.info())
      return
    }
    if (pending) return
    this.timers.set(
      job.transferId,
      setTimeout(() => {
        this.timers.delete(job.transferId)
        this.options.broadcast('transfer.changed', job.info())
      }, progressIntervalMs),
    )
  }
}
