import { create } from 'zustand'
import { type FsTarget, isSameTarget } from '../../shared/models/fs'
import type { TransferId } from '../../shared/models/ids'
import type { TransferInfo } from '../../shared/models/transfer'
import { applySelection, type SelectionOp } from '../features/file-grid/grid-selection'
import { isFolderLike } from '../features/file-grid/entry-format'
import { nextSort, type SortColumn } from '../features/file-grid/sort-entries'
import { baseName, joinPath } from '../features/pane/fs-path'
import { rpc } from '../ipc/client'
import { notifyFailure, settleNotice } from './notices-store'
import { afterListing, withoutStep, type HistoryStep } from '../features/navigation/nav-history'
import { loadHistory, saveHistory } from '../features/navigation/history-storage'
import { createPane, withFilter, withListing, withSelection, withView, type PaneKey, type PaneState } from './pane-state'

interface PanesStore {
  readonly panes: Readonly<Partial<Record<PaneKey, PaneState>>>
  /**
   * Creates the pane if new and lists `path` in it. `historyKey` names where its history is kept
   * across a reload; a pane that comes back after one (same key) resumes in the folder it showed.
   */
  open(key: PaneKey, target: FsTarget, path: string, historyKey?: string): void
  /** Forgets a pane (its session closed); an in-flight listing for it is dropped. */
  close(key: PaneKey): void
  /** Lists `path`; on failure shows the alert and keeps the old folder. `focusName` puts the cursor on that row. */
  navigate(key: PaneKey, path: string, focusName?: string): Promise<void>
  /** The folder before this one in the pane's history (Alt+Left); nothing when there is none. */
  back(key: PaneKey): void
  /** The folder Back came from (Alt+Right); nothing when there is none. */
  forward(key: PaneKey): void
  up(key: PaneKey): void
  refresh(key: PaneKey): void
  /** Opens the row at `index` if it is a folder or a link to one. */
  openRow(key: PaneKey, index: number): void
  sortBy(key: PaneKey, column: SortColumn): void
  setShowHidden(key: PaneKey, showHidden: boolean): void
  select(key: PaneKey, op: SelectionOp): void
  /** The Filter box: shows only the rows whose names pass `text` (see name-filter). */
  setFilter(key: PaneKey, text: string): void
  /** Takes these names out of the rows (Compare's Hide identical); an empty set shows them all again. */
  setExcluded(key: PaneKey, names: ReadonlySet<string>): void
}

// One in-flight listing per pane: a newer navigation aborts the older, whose late reply is dropped.
const inFlight = new Map<PaneKey, AbortController>()

/** Both panes' folders, listings, sort and selection (remote panes keyed per session). */
export const usePanesStore = create<PanesStore>()((set, get) => {
  const patch = (key: PaneKey, update: (pane: PaneState) => PaneState) =>
    set((state) => {
      const pane = state.panes[key]
      return pane ? { panes: { ...state.panes, [key]: update(pane) } } : state
    })

  // Lists `path` in the pane; once shown, the history takes the step. `dropped`: a newer navigation took over.
  const load = async (key: PaneKey, path: string, step: HistoryStep, focusName?: string): Promise<'shown' | 'failed' | 'dropped'> => {
    const pane = get().panes[key]
    if (!pane) return 'dropped'
    inFlight.get(key)?.abort()
    const controller = new AbortController()
    inFlight.set(key, controller)
    patch(key, (current) => ({ ...current, isLoading: true }))
    const reply = await rpc.request('fs.list', { target: pane.target, path }, { signal: controller.signal })
    if (inFlight.get(key) !== controller) return 'dropped'
    inFlight.delete(key)
    if (reply.ok) {
      patch(key, (current) => withListing({ ...current, history: afterListing(current.history, step, reply.value.path) }, reply.value, focusName))
      settleNotice(`pane:${key}`)
      return 'shown'
    }
    // A Back or Forward to a folder that is gone says so once; the next press goes past it.
    const isGone = step !== 'visit' && reply.error.code === 'NOT_FOUND'
    patch(key, (current) => ({ ...current, isLoading: false, pathVersion: current.pathVersion + 1, history: isGone ? withoutStep(current.history, step) : current.history }))
    notifyFailure(reply.error, `pane:${key}`)
    return 'failed'
  }
  // Going back up to a parent puts the cursor on the folder we came out of, as Up does.
  const focusAfterStep = (pane: PaneState, target: string) => (pane.listing?.parentPath === target ? baseName(pane.listing.path, pane.listing.separator) : undefined)

  return {
    panes: {},
    open(key, target, path, historyKey = key) {
      if (get().panes[key]) return void load(key, path, 'visit')
      const stored = loadHistory(historyKey)
      set((state) => ({ panes: { ...state.panes, [key]: createPane(target, path, historyKey, stored?.history) } }))
      // A reload brings the same pane back: it shows the folder it showed, or `path` if that is gone.
      const resume = stored?.owner === key ? stored.history.current : null
      void (async () => {
        if (resume && resume !== path && (await load(key, resume, 'visit')) !== 'failed') return
        await load(key, path, 'visit')
      })()
    },
    close(key) {
      inFlight.get(key)?.abort()
      inFlight.delete(key)
      set((state) => {
        const { [key]: _closed, ...rest } = state.panes
        return { panes: rest }
      })
    },
    async navigate(key, path, focusName) {
      await load(key, path, 'visit', focusName)
    },
    back(key) {
      const pane = get().panes[key]
      const target = pane?.history.back.at(-1)
      if (pane && target !== undefined) void load(key, target, 'back', focusAfterStep(pane, target))
    },
    forward(key) {
      const pane = get().panes[key]
      const target = pane?.history.forward[0]
      if (pane && target !== undefined) void load(key, target, 'forward', focusAfterStep(pane, target))
    },
    up(key) {
      const listing = get().panes[key]?.listing
      if (!listing?.parentPath) return
      void get().navigate(key, listing.parentPath, baseName(listing.path, listing.separator))
    },
    refresh(key) {
      const pane = get().panes[key]
      if (pane) void get().navigate(key, pane.listing?.path ?? pane.path)
    },
    openRow(key, index) {
      const pane = get().panes[key]
      const entry = pane?.rows[index]
      if (!pane?.listing || !entry || !isFolderLike(entry)) return
      void get().navigate(key, joinPath(pane.listing.path, entry.name, pane.listing.separator))
    },
    sortBy(key, column) {
      patch(key, (pane) => withView(pane, nextSort(pane.sort, column), pane.showHidden))
    },
    setShowHidden(key, showHidden) {
      patch(key, (pane) => withView(pane, pane.sort, showHidden))
    },
    select(key, op) {
      patch(key, (pane) => withSelection(pane, applySelection(pane.rows, pane.selection, op)))
    },
    setFilter(key, text) {
      patch(key, (pane) => withFilter(pane, text))
    },
    setExcluded(key, names) {
      patch(key, (pane) => (names.size === 0 && pane.excluded.size === 0 ? pane : withView(pane, pane.sort, pane.showHidden, names)))
    },
  }
})

// Each pane's history is kept as it changes, for the page a reload brings (see open).
usePanesStore.subscribe((state, before) => {
  for (const [key, pane] of Object.entries(state.panes) as [PaneKey, PaneState | undefined][]) {
    if (pane && pane.history !== before.panes[key]?.history) saveHistory(pane.historyKey, { owner: key, history: pane.history })
  }
})


// Jobs whose end has been seen, so each refreshes the panes once.
const settledJobs = new Set<TransferId>()

/**
 * When a job ends, the panes showing its target folder (and, for a move, its source folder)
 * list again, so the new files appear without a manual Refresh.
 */
export function refreshAfterTransfer(job: TransferInfo): void {
  const isFinal = job.state === 'done' || job.state === 'failed' || job.state === 'cancelled'
  if (!isFinal) {
    settledJobs.delete(job.transferId)
    return
  }
  if (settledJobs.has(job.transferId)) return
  settledJobs.add(job.transferId)
  const store = usePanesStore.getState()
  for (const [key, pane] of Object.entries(store.panes) as [PaneKey, PaneState | undefined][]) {
    const path = pane?.listing?.path
    if (!pane || !path) continue
    if (job.kind === 'size') continue
    const separator = pane.listing?.separator ?? '/'
    // A pane inside what a delete removed goes back to where the deleted entries were.
    const isRemoval = job.kind === 'delete' || job.kind === 'trash'
    const removed = isRemoval && isSameTarget(pane.target, job.from) ? job.items.map((name) => joinPath(job.folder, name, separator)) : []
    if (removed.some((gone) => path === gone || path.startsWith(gone + separator))) {
      void store.navigate(key, job.folder)
      continue
    }
    const showsTarget = isSameTarget(pane.target, job.to) && path === job.folder
    const showsSource = job.isMove && isSameTarget(pane.target, job.from) && path === job.sourceFolder
    if (showsTarget || showsSource) store.refresh(key)
  }
}

/** Lists again every pane that shows `folder` of `target` (a file in it was saved). */
export function refreshFolder(target: FsTarget, folder: string): void {
  const store = usePanesStore.getState()
  for (const [key, pane] of Object.entries(store.panes) as [PaneKey, PaneState | undefined][]) {
    if (pane?.listing?.path === folder && isSameTarget(pane.target, target)) store.refresh(key)
  }
}
