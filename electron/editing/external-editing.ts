import { createHash, randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { ExternalEdit, ExternalEditRequest, FileVersion } from '../../shared/models/editor'
import { type FsTarget, isSameTarget } from '../../shared/models/fs'
import type { TransferId } from '../../shared/models/ids'
import type { SessionInfo } from '../../shared/models/session'
import type { TransferInfo, TransferState } from '../../shared/models/transfer'
import { SkiffError, isSkiffError } from '../../shared/models/errors'
import type { FileSystem } from '../fs/file-system'
import { splitPath } from '../fs/fs-path'
import type { OperationPlan } from '../operations/operation-job'
import type { OperationOutcome } from '../operations/operation-outcome'
import { assertRegularFile, readFileBytes } from './file-bytes'
import { saveFile, versionOf } from './save-file'

/** Starts the program a person edits with, on a local file; rejects with a sentence when it cannot. */
export type LaunchEditor = (command: string, filePath: string) => Promise<void>

/** What the service needs from the rest of the main process. */
export interface ExternalEditingOptions {
  readonly fsOf: (target: FsTarget) => FileSystem
  /** Queues a `save` job (the Transfers list shows it). */
  readonly enqueue: (plan: OperationPlan) => TransferId
  /** Where a job stands; undefined once the queue forgot it. */
  readonly jobState: (transferId: TransferId) => TransferState | undefined
  /** Puts a failed or cancelled job back in line (its work reads the copy afresh). */
  readonly retry: (transferId: TransferId) => void
  readonly launch: LaunchEditor
  /** Every client hears of each change (`editing.changed`, `editing.removed`). */
  readonly onChange: (edit: ExternalEdit) => void
  readonly onRemove: (editId: string) => void
  /** Where the private temp folders go; the OS's temp folder by default. */
  readonly tempRoot?: string
  /** How long the copy must stay quiet before it is uploaded: editors write a file in steps. */
  readonly debounceMs?: number
  readonly setTimer?: (run: () => void, ms: number) => unknown
  readonly clearTimer?: (timer: unknown) => void
  readonly now?: () => number
}

// One file being edited: what is shown, and what the uploads need.
interface Watched {
  info: ExternalEdit
  readonly folder: string
  readonly watcher: FSWatcher
  /** The server's copy as Skiff last read or wrote it: the next upload expects it. */
  version: FileVersion
  timer: unknown
  /** The last save job; while it is open, a new save waits for it. */
  job: TransferId | null
  /** A save is being compared with what the server has. */
  isChecking: boolean
  /** A save came while the last one was looked at or uploading: look again after it. */
  isPending: boolean
  /** SHA-256 of what the server was last given (or what was downloaded). */
  uploaded: string
  /** The person chose Overwrite: the next upload skips the changed-on-server check once. */
  isForced: boolean
}

const waitingMessage = 'Not uploaded: the connection is down. This save goes up after Reconnect.'

const emptyCount = { folders: 0, files: 1, links: 0, others: 0, bytes: 0 }

/**
 * `Edit with…`: downloads a file to a private temp folder (0700) under its own name, starts the
 * person's program on it, watches the folder (not the file: editors that save by writing a new
 * file and renaming it over the old one replace the file's inode) and uploads each save, debounced,
 * through the queue. A save that comes while an upload runs is uploaded after it. Stopping closes
 * the watcher and removes the temp copy.
 */
export class ExternalEditing {
  private readonly edits = new Map<string, Watched>()
  private readonly debounceMs: number
  private readonly setTimer: (run: () => void, ms: number) => unknown
  private readonly clearTimer: (timer: unknown) => void
  private readonly now: () => number

  constructor(private readonly options: ExternalEditingOptions) {
    this.debounceMs = options.debounceMs ?? 500
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
    this.now = options.now ?? Date.now
  }

  list(): ExternalEdit[] {
    return [...this.edits.values()].map((edit) => edit.info)
  }

  /** Starts editing; a local file is opened where it is (nothing to upload), and null comes back. */
  async start(request: ExternalEditRequest, signal?: AbortSignal): Promise<ExternalEdit | null> {
    const command = request.command?.trim() ?? ''
    const fs = this.options.fsOf(request.target)
    const path = await fs.realpath(request.path, signal)
    const entry = await fs.stat(path, signal)
    assertRegularFile(entry.type, path)
    if (request.target.kind === 'local') {
      await this.options.launch(command, path)
      return null
    }
    const same = [...this.edits.values()].find((edit) => edit.info.path === path && isSameTarget(edit.info.target, request.target))
    if (same) {
      await this.options.launch(command, same.info.localPath)
      return same.info
    }
    const name = splitPath(path, fs.separator).name
    const folder = await mkdtemp(join(this.options.tempRoot ?? tmpdir(), 'skiff-edit-'))
    const localPath = join(folder, name)
    try {
      const bytes = await readFileBytes(fs, path, entry.size, signal)
      await writeFile(localPath, bytes, { mode: 0o600 })
      const editId = randomUUID()
      const info: ExternalEdit = { editId, target: request.target, path, name, localPath, state: 'watching', lastUploadAt: null }
      const watcher = watch(folder, { ignoreInitial: true, depth: 0 })
      const watched: Watched = { info, folder, watcher, version: versionOf(entry), timer: undefined, job: null, isChecking: false, isPending: false, uploaded: digest(bytes), isForced: false }
      // Any event in the folder: a quick second save may reach the file as no event of its own
      // (chokidar folds changes close together), but its temp file's add and unlink still come.
      watcher.on('all', () => this.schedule(watched))
      watcher.on('error', () => this.update(watched, { state: 'failed', message: `Skiff can no longer watch ${localPath}; stop editing and start again.` }))
      await new Promise<void>((resolve) => watcher.once('ready', resolve))
      this.edits.set(editId, watched)
      this.options.onChange(info)
      await this.options.launch(command, localPath).catch((error: unknown) => {
        void this.stop(editId)
        throw error
      })
      return info
    } catch (error) {
      if (![...this.edits.values()].some((edit) => edit.folder === folder)) await rm(folder, { recursive: true, force: true })
      throw error
    }
  }

  /** Stops watching and removes the temp copy; saves not yet uploaded are dropped with it. */
  async stop(editId: string): Promise<void> {
    const watched = this.edits.get(editId)
    if (!watched) return
    this.edits.delete(editId)
    this.clearTimer(watched.timer)
    await watched.watcher.close()
    await rm(watched.folder, { recursive: true, force: true })
    this.options.onRemove(editId)
  }

  /** After `changed`: uploads the copy over the server's, once. */
  overwrite(editId: string): void {
    const watched = this.edits.get(editId)
    if (!watched) throw new SkiffError('NOT_FOUND', 'That file is no longer being edited.')
    watched.isForced = true
    this.upload(watched)
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.edits.keys()].map((editId) => this.stop(editId)))
  }

  /**
   * A save job changed. One that failed before its work ran (the connection was down when it
   * started) or was cancelled in the list says so here, instead of `uploading` forever.
   */
  onJobChanged(job: TransferInfo): void {
    const watched = [...this.edits.values()].find((edit) => edit.job === job.transferId)
    if (!watched || watched.info.state !== 'uploading') return
    if (job.state === 'cancelled') this.update(watched, { state: 'failed', message: 'The upload was cancelled: save again, or press Overwrite, to upload.' })
    else if (job.state === 'failed') this.update(watched, { state: 'failed', message: job.error?.code === 'DISCONNECTED' ? waitingMessage : (job.error?.message ?? 'The upload failed.') })
  }

  /** A session is back: saves that could not go up while it was down go now. */
  onSessionChanged(session: SessionInfo): void {
    if (session.state !== 'connected') return
    for (const watched of this.edits.values()) {
      const { target } = watched.info
      if (target.kind === 'remote' && target.sessionId === session.sessionId && watched.info.state === 'failed') this.upload(watched)
    }
  }

  private isJobOpen(watched: Watched): boolean {
    const state = watched.job === null ? undefined : this.options.jobState(watched.job)
    return state === 'queued' || state === 'running' || state === 'paused'
  }

  private schedule(watched: Watched): void {
    this.clearTimer(watched.timer)
    watched.timer = this.setTimer(() => this.upload(watched), this.debounceMs)
  }

  private update(watched: Watched, change: Partial<ExternalEdit>): void {
    if (!this.edits.has(watched.info.editId)) return
    const { message: _dropped, ...rest } = watched.info
    watched.info = { ...rest, ...change }
    this.options.onChange(watched.info)
  }

  private upload(watched: Watched): void {
    if (!this.edits.has(watched.info.editId)) return
    // One save at a time per file, in order: while one is looked at, queued or running, a newer one
    // waits and goes after it. A job cancelled in the Transfers list is no longer open.
    if (watched.isChecking || this.isJobOpen(watched)) {
      watched.isPending = true
      return
    }
    watched.isChecking = true
    watched.isPending = false
    void this.enqueueIfChanged(watched).finally(() => {
      watched.isChecking = false
      if (watched.isPending) this.next(watched)
    })
  }

  // Editors touch their folder for many reasons (swap files, backups): only a copy whose bytes
  // differ from what the server was last given is uploaded.
  private async enqueueIfChanged(watched: Watched): Promise<void> {
    const { path, name, target, localPath } = watched.info
    const bytes = await readFile(localPath).catch(() => null)
    // Gone for a moment (between an editor's unlink and rename): its next event brings it back.
    if (bytes === null || (digest(bytes) === watched.uploaded && !watched.isForced)) return
    this.update(watched, { state: 'uploading', lastUploadAt: watched.info.lastUploadAt })
    // The job reads the copy when it runs, so a Retry from the Transfers list sends the latest save.
    const work = async (fs: FileSystem): Promise<OperationOutcome> => {
      try {
        if (!this.edits.has(watched.info.editId)) throw new SkiffError('NOT_FOUND', `${name} is no longer being edited: Stop editing removed its copy, so there is nothing to upload.`)
        const latest = await readFile(localPath)
        const isForced = watched.isForced
        watched.isForced = false
        const saved = await saveFile({ fs, path, bytes: latest, expected: watched.version, isForced })
        watched.version = saved.version
        watched.uploaded = digest(latest)
        this.update(watched, { state: 'watching', lastUploadAt: this.now() })
        return { done: 1, total: 1, failures: [], notes: [], count: { ...emptyCount, bytes: latest.length } }
      } catch (error) {
        const known = isSkiffError(error) ? error : new SkiffError('INTERNAL', `Uploading ${name} failed unexpectedly.`, { cause: error })
        const message =
          known.code === 'CHANGED' ? `${known.message} Your save was not uploaded: Overwrite replaces the server's copy.` : known.code === 'DISCONNECTED' ? waitingMessage : known.message
        this.update(watched, { state: known.code === 'CHANGED' ? 'changed' : 'failed', message })
        throw new SkiffError(known.code, message)
      } finally {
        if (watched.isPending) this.next(watched)
      }
    }
    // A save job that failed is tried again rather than left failed beside a new one: the list shows
    // one outcome per attempt to upload, and a failure stays only while it is true.
    const state = watched.job === null ? undefined : this.options.jobState(watched.job)
    if (watched.job !== null && (state === 'failed' || state === 'cancelled')) this.options.retry(watched.job)
    else watched.job = this.options.enqueue({ kind: 'save', target, paths: [path], folder: splitPath(path, '/').folder, names: [name], work })
  }

  // The job that just ran is still open until its outcome is recorded: the next save starts after.
  private next(watched: Watched): void {
    if (this.isJobOpen(watched)) return void setTimeout(() => this.next(watched), 20)
    this.upload(watched)
  }
}

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

