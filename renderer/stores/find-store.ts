import { create } from 'zustand'
import type { ErrorInfo } from '../../shared/models/errors'
import type { FindEnded, FindProgress, FoundEntry } from '../../shared/models/find'
import { type FsTarget, isSameTarget } from '../../shared/models/fs'
import type { FindId } from '../../shared/models/ids'
import type { TransferInfo } from '../../shared/models/transfer'
import { applySelection, emptySelection, type GridSelection, type SelectionOp } from '../features/file-grid/grid-selection'
import { rpc } from '../ipc/client'
import { nextResultSort, sortResults, type ResultColumn, type ResultSort } from '../features/find/sort-results'
import type { PaneKey } from './pane-state'

/** Where the `Find files` dialog searches: the pane it was opened from. */
export interface FindPlace {
  readonly paneKey: PaneKey
  readonly target: FsTarget
  /** The pane's folder when it opened: `Search in` starts there. */
  readonly folder: string
  /** Whether the pane shows hidden files: `Include hidden files` starts the same. */
  readonly isHiddenShown: boolean
}

/** Where a search is. */
export type FindState = 'idle' | 'running' | FindEnded['state']

interface FindStore {
  /** The open dialog's pane; null when closed. */
  readonly place: FindPlace | null
  readonly findId: FindId | null
  readonly state: FindState
  readonly results: readonly FoundEntry[]
  /** The folder being searched (status line). */
  readonly folder: string
  readonly ended: FindEnded | null
  /** A refused start (a mask the host would not take, a folder not there). */
  readonly failure: ErrorInfo | null
  /** Rows are keyed by path. */
  readonly selection: GridSelection
  /** The mask of the last search started: the next dialog starts with it, as WinSCP's does. */
  readonly lastMask: string
  /** The results' order (a header click); null for the order they were found in. */
  readonly sort: ResultSort | null
  /** Sorts by `column`, or turns the order round when it is sorted by it already. */
  sortBy(column: ResultColumn): void
  open(place: FindPlace): void
  /** Closes the dialog; a running search stops. */
  close(): void
  start(folder: string, mask: string, isHiddenIncluded: boolean): Promise<void>
  stop(): void
  select(op: SelectionOp): void
  onFound(progress: FindProgress): void
  onEnded(ended: FindEnded): void
  /** A delete job ended: the results it removed go from the list. */
  onJobChanged(job: TransferInfo): void
}

const fresh = { findId: null, state: 'idle', results: [], folder: '', ended: null, failure: null, selection: emptySelection } as const

// Stop pressed before the host answered with the search's id: sent as soon as the id is known.
let isStopWanted = false
// Which start is the latest: the answer to an older one (the dialog closed, another began) is stopped.
let latestStart = 0

const keyed = (results: readonly FoundEntry[]) => results.map((result) => ({ name: result.path }))

/** `next` (the results re-sorted or grown) with the cursor and anchor still on the same results. */
function withResults(results: readonly FoundEntry[], selection: GridSelection, next: readonly FoundEntry[]): { results: readonly FoundEntry[]; selection: GridSelection } {
  const indexOf = (index: number) => {
    const path = results[index]?.path
    return path === undefined ? index : next.findIndex((result) => result.path === path)
  }
  return { results: next, selection: { ...selection, cursor: indexOf(selection.cursor), anchor: indexOf(selection.anchor) } }
}

/** The `Find files` dialog: its place, the search running in it and what it found so far. */
export const useFindStore = create<FindStore>()((set, get) => ({
  place: null,
  lastMask: '*.*',
  sort: null,
  ...fresh,
  open(place) {
    get().stop()
    latestStart++
    set({ place, ...fresh })
  },
  close() {
    get().stop()
    latestStart++
    set({ place: null, ...fresh })
  },
  async start(folder, mask, isHiddenIncluded) {
    const { place } = get()
    if (!place) return
    get().stop()
    isStopWanted = false
    set({ lastMask: mask })
    const thisStart = ++latestStart
    set({ ...fresh, state: 'running', folder })
    const reply = await rpc.request('find.start', { target: place.target, folder, mask, isHiddenIncluded })
    const isCurrent = thisStart === latestStart && get().place === place
    if (reply.ok && (!isCurrent || isStopWanted)) void rpc.request('find.stop', { findId: reply.value.findId })
    if (!isCurrent) return
    if (reply.ok) set({ findId: reply.value.findId })
    else set({ state: 'failed', failure: reply.error })
  },
  stop() {
    const { findId, state } = get()
    if (state !== 'running') return
    if (findId) void rpc.request('find.stop', { findId })
    else isStopWanted = true
  },
  sortBy(column) {
    set((state) => {
      const sort = nextResultSort(state.sort, column)
      return { sort, ...withResults(state.results, state.selection, sortResults(state.results, sort)) }
    })
  },
  select(op) {
    set((state) => ({ selection: applySelection(keyed(state.results), state.selection, op) }))
  },
  onFound(progress) {
    if (progress.findId !== get().findId) return
    set((state) => ({
      ...(progress.entries.length > 0 ? withResults(state.results, state.selection, sortResults([...state.results, ...progress.entries], state.sort)) : {}),
      folder: progress.folder || state.folder,
    }))
  },
  onEnded(ended) {
    if (ended.findId !== get().findId) return
    set({ state: ended.state, ended })
  },
  onJobChanged(job) {
    const { place, results } = get()
    const isRemoval = (job.kind === 'delete' || job.kind === 'trash') && job.state !== 'queued' && job.state !== 'running'
    if (!place || !isRemoval || !isSameTarget(place.target, job.from)) return
    const removed = new Set(job.items)
    // Only entries a failed job names as problems may still be there.
    const kept = new Set(job.problems.map((problem) => problem.path))
    const left = results.filter((result) => result.folder !== job.folder || !removed.has(result.name) || kept.has(result.path) || job.state === 'cancelled')
    if (left.length !== results.length) set((state) => ({ results: left, selection: applySelection(keyed(left), state.selection, { kind: 'none' }) }))
  },
}))

