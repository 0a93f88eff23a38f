import { create } from 'zustand'
import type { ErrorInfo } from '../../shared/models/errors'
import type { ProfileId, SessionId, SyncPreviewId, TransferId } from '../../shared/models/ids'
import type { HostProfile } from '../../shared/models/profile'
import type { SyncPreviewEnded, SyncPreviewRows, SyncRow } from '../../shared/models/sync'
import { rpc } from '../ipc/client'
import { notifyFailure, notifyInfo } from './notices-store'
import { useProfilesStore } from './profiles-store'
import { useSessionsStore } from './sessions-store'
import { useSettingsStore } from './settings-store'
import type { SyncOptions } from './sync-store'
import { useTransfersStore } from './transfers-store'

/** Where one more server of a deploy is: connecting, comparing, previewed, failed, or handed to Transfers. */
export type DeployState = 'connecting' | 'previewing' | 'ready' | 'failed' | 'started'

/** One server the synchronization is also sent to (`Also to…`), and its own preview. */
export interface DeployTarget {
  readonly profileId: ProfileId
  readonly name: string
  readonly state: DeployState
  readonly sessionId?: SessionId
  readonly previewId?: SyncPreviewId
  readonly rows: readonly SyncRow[]
  readonly ended?: SyncPreviewEnded
  readonly error?: ErrorInfo
  readonly transferId?: TransferId
}

/** A started deploy, until every server's job ended: then one summary says what happened where. */
interface DeployRun {
  readonly name: string
  /** A plain upload of a selection, not a synchronization. */
  readonly isUpload?: boolean
  readonly servers: readonly { readonly name: string; readonly transferId?: TransferId; readonly error?: ErrorInfo }[]
}

interface DeployStore {
  /** The saved hosts picked with `Also to…`, in the order picked. */
  readonly chosen: readonly ProfileId[]
  readonly targets: readonly DeployTarget[]
  readonly run: DeployRun | null
  setChosen(profileIds: readonly ProfileId[]): void
  /** Connects each chosen host (a tab each, not brought forward) and previews the same synchronization there. */
  preview(options: SyncOptions): Promise<void>
  /** Forgets the previews (the options change, or the dialog closes). */
  discard(): void
  /**
   * Starts every previewed server as a job of `deployGroup`: the rows the person unchecked in the
   * first server's preview (by path, with everything below a folder) are left out everywhere.
   */
  start(runName: string, first: { readonly name: string; readonly transferId: TransferId }, uncheckedPaths: ReadonlySet<string>, deployGroup: string): Promise<void>
  onRows(batch: SyncPreviewRows): void
  onEnded(ended: SyncPreviewEnded): void
  /** The local selection `Upload to servers…` asks about, while its dialog is open. */
  readonly uploading: UploadSelection | null
  openUpload(selection: UploadSelection | null): void
  /**
   * Uploads the selection into `folder` (`~/x`: in each server's home) on each saved host, one job
   * each, at most the setting's number at once; one notice says what happened on each.
   */
  uploadTo(selection: UploadSelection, profileIds: readonly ProfileId[], folder: string): Promise<void>
}

/** Local paths, all in one folder, to upload to several servers. */
export interface UploadSelection {
  readonly paths: readonly string[]
  /** For the dialog and the notice: `notes.txt`, or `3 items`. */
  readonly name: string
}

// A newer preview (or a discard) makes the answers to an older one stale.
let generation = 0

function profileOf(profileId: ProfileId): HostProfile | undefined {
  return useProfilesStore.getState().profiles.find((profile) => profile.profileId === profileId)
}

/** True when `path` is an unchecked path or below an unchecked folder. */
function isLeftOut(path: string, unchecked: ReadonlySet<string>): boolean {
  if (unchecked.has(path)) return true
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) if (unchecked.has(path.slice(0, cut))) return true
  return false
}

/** The paths of the rows the person unchecked (in the first server's preview). */
export function uncheckedPathsOf(rows: readonly SyncRow[], unchecked: ReadonlySet<number>): ReadonlySet<string> {
  return new Set(rows.filter((row) => unchecked.has(row.id)).map((row) => row.path))
}

/** Another server's rows left out by those paths: the same synchronization, wherever it runs. */
export function leftOutIds(rows: readonly SyncRow[], uncheckedPaths: ReadonlySet<string>): ReadonlySet<number> {
  return new Set(uncheckedPaths.size === 0 ? [] : rows.filter((row) => isLeftOut(row.path, uncheckedPaths)).map((row) => row.id))
}

/** Runs `work` on each item, at most `limit` at once. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

function asErrorInfo(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) return error as ErrorInfo
  return { code: 'INTERNAL', message: 'It failed unexpectedly.' }
}

/** A server folder as a full path (`~/x` below the login's home there), created when it is not there yet. */
async function serverFolder(sessionId: SessionId, folder: string): Promise<string> {
  const target = { kind: 'remote', sessionId } as const
  let path = folder
  if (folder === '~' || folder.startsWith('~/')) {
    const home = await rpc.request('fs.realpath', { target, path: '.' })
    if (!home.ok) throw home.error
    const rest = folder.slice(2)
    path = rest === '' ? home.value.path : `${home.value.path.replace(/\/$/, '')}/${rest}`
  }
  const entry = await rpc.request('fs.stat', { target, path })
  if (entry.ok && entry.value.type !== 'directory' && entry.value.type !== 'symlink') throw { code: 'INVALID_REQUEST', message: `${path} is not a folder.` } satisfies ErrorInfo
  if (!entry.ok && entry.error.code !== 'NOT_FOUND') throw entry.error
  if (!entry.ok) {
    const made = await rpc.request('fs.mkdir', { target, path })
    if (!made.ok) throw made.error
  }
  return path
}

/** The connected session of a profile already open in a tab, else null. */
function openSessionOf(profileId: ProfileId): SessionId | null {
  return useSessionsStore.getState().sessions.find((session) => session.profile?.profileId === profileId && session.state === 'connected')?.sessionId ?? null
}

/** `Also to…` of the `Synchronize` dialog: the same synchronization previewed and run on more saved hosts, in parallel. */
export const useDeployStore = create<DeployStore>()((set, get) => {
  const patch = (profileId: ProfileId, change: Partial<DeployTarget>) =>
    set((state) => ({ targets: state.targets.map((target) => (target.profileId === profileId ? { ...target, ...change } : target)) }))
  const connect = async (profileId: ProfileId): Promise<SessionId> => {
    const open = openSessionOf(profileId)
    if (open) return open
    const reply = await rpc.request('profiles.connect', { profileId })
    if (!reply.ok) throw reply.error
    useSessionsStore.getState().upsert(reply.value)
    return reply.value.sessionId
  }
  const previewOne = async (profileId: ProfileId, options: SyncOptions, mine: number) => {
    try {
      const sessionId = await connect(profileId)
      if (mine !== generation) return
      patch(profileId, { state: 'previewing', sessionId })
      const reply = await rpc.request('sync.preview', { ...options, remote: { kind: 'remote', sessionId } })
      if (!reply.ok) throw reply.error
      if (mine !== generation) return void rpc.request('sync.discard', { previewId: reply.value.previewId })
      patch(profileId, { previewId: reply.value.previewId })
      const early = pending.get(reply.value.previewId) ?? []
      pending.delete(reply.value.previewId)
      // What is still kept belongs to no server of this deploy (the first server's own preview).
      if (!get().targets.some((target) => target.state === 'previewing' && !target.previewId)) pending.clear()
      for (const replay of early) replay()
    } catch (error) {
      if (mine === generation) patch(profileId, { state: 'failed', error: asErrorInfo(error) })
    }
  }
  // Rows that arrive before the reply naming their preview.
  const pending = new Map<SyncPreviewId, (() => void)[]>()
  const targetOf = (previewId: SyncPreviewId) => get().targets.find((target) => target.previewId === previewId)
  const later = (previewId: SyncPreviewId, replay: () => void) => {
    if (get().targets.some((target) => target.state === 'previewing' && !target.previewId)) pending.set(previewId, [...(pending.get(previewId) ?? []), replay])
  }
  return {
    chosen: [],
    targets: [],
    run: null,
    uploading: null,
    openUpload(selection) {
      set({ uploading: selection })
    },
    async uploadTo(selection, profileIds, folder) {
      set({ uploading: null })
      const deployGroup = crypto.randomUUID()
      const servers: DeployRun['servers'][number][] = []
      await eachBounded(profileIds, useSettingsStore.getState().settings.sync.parallelServers, async (profileId) => {
        const name = profileOf(profileId)?.name ?? 'a saved host'
        try {
          const sessionId = await connect(profileId)
          const to = { kind: 'remote', sessionId } as const
          const reply = await rpc.request('transfer.enqueue', { from: { kind: 'local' }, paths: selection.paths, to, folder: await serverFolder(sessionId, folder), deployGroup })
          if (!reply.ok) throw reply.error
          servers.push({ name, transferId: reply.value.transferIds[0]! })
        } catch (error) {
          servers.push({ name, error: asErrorInfo(error) })
        }
      })
      set({ run: { name: selection.name, servers, isUpload: true } })
      summarizeWhenEnded()
    },
    setChosen(profileIds) {
      get().discard()
      set({ chosen: profileIds })
    },
    async preview(options) {
      get().discard()
      const mine = generation
      const targets = get().chosen.flatMap((profileId) => {
        const profile = profileOf(profileId)
        return profile ? [{ profileId, name: profile.name, state: 'connecting' as const, rows: [] }] : []
      })
      set({ targets })
      await eachBounded(targets, useSettingsStore.getState().settings.sync.parallelServers, (target) => previewOne(target.profileId, options, mine))
    },
    discard() {
      generation++
      pending.clear()
      for (const target of get().targets) if (target.previewId && target.state !== 'started') void rpc.request('sync.discard', { previewId: target.previewId })
      set({ targets: [] })
    },
    async start(runName, first, uncheckedPaths, deployGroup) {
      const servers: DeployRun['servers'][number][] = [first]
      for (const target of get().targets) {
        if (target.state !== 'ready' || !target.previewId) {
          servers.push({ name: target.name, error: target.error ?? { code: 'CANCELLED', message: 'its preview did not finish' } })
          continue
        }
        const uncheckedIds = [...leftOutIds(target.rows, uncheckedPaths)]
        const reply = await rpc.request('sync.start', { previewId: target.previewId, uncheckedIds, deployGroup })
        if (reply.ok) patch(target.profileId, { state: 'started', transferId: reply.value.transferId })
        servers.push(reply.ok ? { name: target.name, transferId: reply.value.transferId } : { name: target.name, error: reply.error })
      }
      generation++
      pending.clear()
      set({ targets: [], run: { name: runName, servers } })
      summarizeWhenEnded()
    },
    onRows(batch) {
      const target = targetOf(batch.previewId)
      if (!target) return later(batch.previewId, () => get().onRows(batch))
      if (target.state === 'previewing') patch(target.profileId, { rows: [...target.rows, ...batch.rows] })
    },
    onEnded(ended) {
      const target = targetOf(ended.previewId)
      if (!target) return later(ended.previewId, () => get().onEnded(ended))
      if (target.state !== 'previewing') return
      if (ended.state === 'done') patch(target.profileId, { state: 'ready', ended })
      else patch(target.profileId, { state: 'failed', ended, error: ended.error ?? { code: 'CANCELLED', message: 'the preview was stopped' } })
    },
  }
})

const endedStates = new Set(['done', 'failed', 'cancelled'])

/** Once every server's job has ended: one line per server, as a failure when any failed. */
function summarizeWhenEnded(): void {
  const run = useDeployStore.getState().run
  if (!run) return
  const jobs = useTransfersStore.getState().jobs
  const outcome = run.servers.map((server) => {
    if (server.error) return { name: server.name, word: `not done: ${server.error.message}`, isFailed: true }
    const job = jobs.find((each) => each.transferId === server.transferId)
    if (!job || !endedStates.has(job.state)) return null
    const word = job.state === 'done' ? (job.problemCount > 0 ? `done, ${job.problemCount} not copied` : 'done') : job.state === 'failed' ? `failed: ${job.error?.message ?? 'see Transfers'}` : 'cancelled'
    return { name: server.name, word, isFailed: job.state !== 'done' || job.problemCount > 0 }
  })
  if (outcome.some((line) => line === null)) return
  useDeployStore.setState({ run: null })
  const lines = outcome.map((line) => `${line!.name}: ${line!.word}`).join(' · ')
  const message = `${run.isUpload ? 'Upload' : 'Synchronize'} ${run.name} on ${run.servers.length} servers — ${lines}`
  if (outcome.some((line) => line!.isFailed)) notifyFailure({ code: 'INTERNAL', message }, 'deploy')
  else notifyInfo(message, 'deploy', true)
}

useTransfersStore.subscribe(summarizeWhenEnded)
