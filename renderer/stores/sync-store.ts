import { create } from 'zustand'
import type { ErrorInfo } from '../../shared/models/errors'
import type { SessionId, SyncPreviewId, TransferId } from '../../shared/models/ids'
import type { SyncPreviewEnded, SyncPreviewRows, SyncRequest, SyncResolution, SyncRow } from '../../shared/models/sync'
import { rpc } from '../ipc/client'
import { useDeployStore } from './deploy-store'

/** What the `Synchronize` dialog synchronizes: the two panes' folders when it opened. */
export interface SyncPlace {
  readonly sessionId: SessionId
  /** `user@host`, for the dialog's labels. */
  readonly serverName: string
  readonly localFolder: string
  readonly remoteFolder: string
  /** Set when another dialog (`Keep up to date`'s Synchronize first) opens this one: its options, previewed at once. */
  readonly preset?: SyncPreset
}

/** What `Synchronize first` hands the dialog: the options to preview with, and what follows a Start. */
export interface SyncPreset {
  readonly options: Partial<SyncOptions>
  /** After Start: the job it queued, or null when the preview had nothing to run. */
  readonly onStarted: (transferId: TransferId | null) => void
}

/** Where the dialog is: choosing options, reading both sides, showing the preview, or handed to Transfers. */
export type SyncPhase = 'setup' | 'previewing' | 'preview' | 'failed'

/** The options of the dialog, as a request without the server. */
export type SyncOptions = Omit<SyncRequest, 'remote'>

interface SyncStore {
  readonly place: SyncPlace | null
  readonly phase: SyncPhase
  readonly previewId: SyncPreviewId | null
  readonly rows: readonly SyncRow[]
  readonly ended: SyncPreviewEnded | null
  readonly failure: ErrorInfo | null
  /** Ids of the rows the person unchecked. */
  readonly unchecked: ReadonlySet<number>
  /** Conflict rows the person settled, by row id: whose version to keep. */
  readonly resolutions: ReadonlyMap<number, SyncResolution['keep']>
  /** The row the keyboard is on. */
  readonly cursor: number
  open(place: SyncPlace): void
  /** Closes the dialog; a preview running or shown is discarded. */
  close(): void
  preview(options: SyncOptions): Promise<void>
  /** Back from a preview to the options, the preview discarded. */
  edit(): void
  /** Checks or unchecks a row; a folder's rows below it follow (a new or deleted folder is one choice). */
  setChecked(rowId: number, isChecked: boolean): void
  /** Settles a conflict row (keep this computer's or the server's version), or unsettles it (null: left as it is). */
  resolve(rowId: number, keep: SyncResolution['keep'] | null): void
  moveCursor(index: number): void
  /**
   * Runs the checked rows as one job in Transfers (of `deployGroup`, when deployed to more
   * servers) and closes the dialog; null (with `failure`) when it could not.
   */
  start(deployGroup?: string): Promise<TransferId | null>
  onRows(batch: SyncPreviewRows): void
  onEnded(ended: SyncPreviewEnded): void
}

const fresh = { phase: 'setup', previewId: null, rows: [], ended: null, failure: null, unchecked: new Set<number>(), resolutions: new Map<number, SyncResolution['keep']>(), cursor: 0 } as const

// Which preview is the latest: the answer to an older one (closed, edited, asked again) is discarded.
let latestPreview = 0
// Rows that arrive before the reply naming their preview.
const early = new Map<SyncPreviewId, { rows: SyncRow[]; ended?: SyncPreviewEnded }>()

function discard(previewId: SyncPreviewId | null): void {
  if (previewId) void rpc.request('sync.discard', { previewId })
}

/** True when a row can run: problems are only shown. */
export function isRunnable(row: SyncRow): boolean {
  return row.action !== 'problem' && row.action !== 'conflict'
}

/** True when Start has something to run: a checked row that can run, or a settled conflict. */
export function hasWork(state: Pick<SyncStore, 'rows' | 'unchecked' | 'resolutions'>): boolean {
  return state.resolutions.size > 0 || state.rows.some((row) => isRunnable(row) && !state.unchecked.has(row.id))
}

/** The `Synchronize` dialog (Ctrl+S in a pane): its options, the preview the main process streams, and the rows left checked. */
export const useSyncStore = create<SyncStore>()((set, get) => ({
  place: null,
  ...fresh,
  open(place) {
    get().close()
    set({ place, ...fresh })
  },
  close() {
    useDeployStore.getState().discard()
    latestPreview++
    discard(get().previewId)
    early.clear()
    set({ place: null, ...fresh })
  },
  async preview(options) {
    const { place } = get()
    if (!place) return
    discard(get().previewId)
    const thisPreview = ++latestPreview
    set({ ...fresh, phase: 'previewing' })
    const reply = await rpc.request('sync.preview', { ...options, remote: { kind: 'remote', sessionId: place.sessionId } })
    if (thisPreview !== latestPreview) {
      if (reply.ok) discard(reply.value.previewId)
      return
    }
    if (!reply.ok) return set({ phase: 'failed', failure: reply.error })
    const previewId = reply.value.previewId
    set({ previewId })
    const arrived = early.get(previewId)
    early.delete(previewId)
    if (arrived) {
      get().onRows({ previewId, rows: arrived.rows })
      if (arrived.ended) get().onEnded(arrived.ended)
    }
  },
  edit() {
    useDeployStore.getState().discard()
    latestPreview++
    discard(get().previewId)
    set({ ...fresh })
  },
  setChecked(rowId, isChecked) {
    const { rows, unchecked } = get()
    const row = rows[rowId]
    if (!row || !isRunnable(row)) return
    const next = new Set(unchecked)
    const below = row.type === 'directory' ? row.path + '/' : null
    for (const each of rows) {
      if (each.id !== rowId && !(below && each.path.startsWith(below))) continue
      if (isChecked) next.delete(each.id)
      else next.add(each.id)
    }
    set({ unchecked: next })
  },
  resolve(rowId, keep) {
    if (get().rows[rowId]?.action !== 'conflict') return
    const next = new Map(get().resolutions)
    if (keep) next.set(rowId, keep)
    else next.delete(rowId)
    set({ resolutions: next })
  },
  moveCursor(index) {
    set({ cursor: Math.max(0, Math.min(index, get().rows.length - 1)) })
  },
  async start(deployGroup) {
    const { previewId, unchecked, resolutions, phase, rows, place } = get()
    if (!previewId || phase !== 'preview') return null
    if (place?.preset && !rows.some((row) => isRunnable(row) && !unchecked.has(row.id))) {
      // Already alike: nothing to queue, and Keep up to date starts at once.
      latestPreview++
      discard(previewId)
      place.preset.onStarted(null)
      set({ place: null, ...fresh })
      return null
    }
    const reply = await rpc.request('sync.start', { previewId, uncheckedIds: [...unchecked], resolutions: [...resolutions].map(([id, keep]) => ({ id, keep })), ...(deployGroup ? { deployGroup } : {}) })
    if (!reply.ok) {
      set({ failure: reply.error })
      return null
    }
    latestPreview++
    get().place?.preset?.onStarted(reply.value.transferId)
    set({ place: null, ...fresh })
    return reply.value.transferId
  },
  onRows(batch) {
    const { previewId, phase } = get()
    if (phase !== 'previewing') return
    if (previewId === null) {
      const stash = early.get(batch.previewId) ?? { rows: [] }
      stash.rows.push(...batch.rows)
      early.set(batch.previewId, stash)
      return
    }
    if (batch.previewId === previewId) set((state) => ({ rows: [...state.rows, ...batch.rows] }))
  },
  onEnded(ended) {
    const { previewId, phase } = get()
    if (phase !== 'previewing') return
    if (previewId === null) {
      early.set(ended.previewId, { rows: early.get(ended.previewId)?.rows ?? [], ended })
      return
    }
    if (ended.previewId !== previewId) return
    if (ended.state === 'done') set({ phase: 'preview', ended })
    else set({ phase: 'failed', ended, failure: ended.error ?? null, previewId: null })
  },
}))
