import { create } from 'zustand'
import type { CompareProgress, FolderComparison } from '../../shared/models/compare'
import type { CompareId } from '../../shared/models/ids'
import type { DirListing, FsTarget } from '../../shared/models/fs'
import { defaultSyncCriteria, type SyncCriteria } from '../../shared/models/sync'
import { identicalNames, markFolders, withComparison, type CompareMarks, type PaneMarks } from '../features/compare/compare-marks'
import { rpc } from '../ipc/client'
import { remotePaneKey, type PaneKey } from './pane-state'
import { usePanesStore } from './panes-store'
import { useSessionsStore } from './sessions-store'
import { useSettingsStore } from './settings-store'

/** Where the main process's part of a comparison (Subfolders, Checksum) is. */
export type DeepCompare =
  | { readonly status: 'off' }
  | { readonly status: 'running'; readonly entriesRead: number }
  | { readonly status: 'done'; readonly entriesCompared: number; readonly unhashedPairs: number }
  | { readonly status: 'failed'; readonly message: string }

/** The two folders being compared and how each entry of them stands. */
export interface Comparison {
  /** The server pane compared with the local pane. */
  readonly remoteKey: PaneKey
  /** The listings the marks were made from: another listing of the same folder makes them again. */
  readonly localListing: DirListing
  readonly remoteListing: DirListing
  readonly marks: PaneMarks
  readonly isHidingIdentical: boolean
  /** Compared by checksum too: until the sums are in, a `same` by time and size is not yet known to be one. */
  readonly isChecksum: boolean
  readonly deep: DeepCompare
}

/** How the folders are compared; kept for the session (the next comparison starts the same). */
export interface CompareOptions {
  /** Subfolders: a folder on both sides is compared by everything inside it. */
  readonly isDeep: boolean
  /** Checksum (SHA-256): files of equal size are compared by content. */
  readonly isChecksum: boolean
}

interface CompareStore {
  readonly comparison: Comparison | null
  readonly options: CompareOptions
  /** Compares the local pane's folder with the folder of the server pane `remoteKey` (both must be listed). */
  start(remoteKey: PaneKey): void
  /** Takes the marks down (a deep comparison running stops), and shows the identical rows again. */
  stop(): void
  /** Hide identical: the rows marked `same` leave both panes (and their selections). */
  setHidingIdentical(isHiding: boolean): void
  /** Changes how the folders are compared; a comparison shown compares again. */
  setOptions(patch: Partial<CompareOptions>): void
  /** `compare.progress`: how far the running comparison has read (an older run's reports are dropped). */
  onProgress(progress: CompareProgress): void
}

const noNames: ReadonlySet<string> = new Set()

function criteria(isChecksum: boolean): SyncCriteria {
  return { ...defaultSyncCriteria, isChecksumCompared: isChecksum, toleranceSeconds: useSettingsStore.getState().settings.sync.toleranceSeconds }
}

// Puts (or takes back) Hide identical on both panes; with checksums, only once they are in.
function applyHiding(comparison: Comparison | null, before: Comparison | null): void {
  const panes = usePanesStore.getState()
  const isKnown = comparison !== null && !(comparison.isChecksum && comparison.deep.status === 'running')
  const names = (side: 'local' | 'remote') => (comparison?.isHidingIdentical && isKnown ? identicalNames(comparison.marks[side]) : noNames)
  if (before && before.remoteKey !== comparison?.remoteKey) panes.setExcluded(before.remoteKey, noNames)
  panes.setExcluded('local', names('local'))
  if (comparison) panes.setExcluded(comparison.remoteKey, names('remote'))
}

// The deep comparison running, if any: a new start, a stop or leaving the folder aborts it.
let running: { readonly compareId: CompareId; readonly controller: AbortController } | null = null

/** `Compare folders` (Shift+F2): marks of both panes' folders until either pane leaves its folder. */
export const useCompareStore = create<CompareStore>()((set, get) => {
  const show = (comparison: Comparison | null) => {
    const before = get().comparison
    set({ comparison })
    if (comparison?.isHidingIdentical || before?.isHidingIdentical) applyHiding(comparison, before)
  }
  // The one-level marks show at once; the main process's answer replaces them when it comes.
  const compareDeep = async (shown: Comparison, remote: Extract<FsTarget, { kind: 'remote' }>) => {
    const { isDeep, isChecksum } = get().options
    const controller = new AbortController()
    const compareId = crypto.randomUUID() as CompareId
    const run = { compareId, controller }
    running = run
    const request = { compareId, localFolder: shown.localListing.path, remote, remoteFolder: shown.remoteListing.path, criteria: criteria(isChecksum), isDeep }
    const reply = await rpc.request('compare.folders', request, { signal: controller.signal })
    const current = get().comparison
    if (running !== run || !current || current.localListing !== shown.localListing || current.remoteListing !== shown.remoteListing) return
    running = null
    if (reply.ok) show({ ...current, marks: withComparison(current.marks, reply.value), deep: finished(reply.value) })
    else show({ ...current, deep: { status: 'failed', message: reply.error.message } })
  }
  return {
    comparison: null,
    options: { isDeep: true, isChecksum: false },
    start(remoteKey) {
      running?.controller.abort()
      running = null
      const { panes } = usePanesStore.getState()
      const localListing = panes.local?.listing
      const remote = panes[remoteKey]
      if (!localListing || !remote?.listing || remote.target.kind !== 'remote') return
      const { isDeep, isChecksum } = get().options
      const isHidingIdentical = get().comparison?.isHidingIdentical ?? false
      const marks = markFolders(localListing.entries, remote.listing.entries, criteria(false))
      const comparison: Comparison = { remoteKey, localListing, remoteListing: remote.listing, marks, isHidingIdentical, isChecksum, deep: isDeep || isChecksum ? { status: 'running', entriesRead: 0 } : { status: 'off' } }
      show(comparison)
      if (comparison.deep.status === 'running') void compareDeep(comparison, remote.target)
    },
    stop() {
      running?.controller.abort()
      running = null
      if (get().comparison) show(null)
    },
    setHidingIdentical(isHiding) {
      const comparison = get().comparison
      if (comparison && comparison.isHidingIdentical !== isHiding) show({ ...comparison, isHidingIdentical: isHiding })
    },
    onProgress({ compareId, entriesRead }) {
      const comparison = get().comparison
      if (running?.compareId !== compareId || comparison?.deep.status !== 'running') return
      set({ comparison: { ...comparison, deep: { status: 'running', entriesRead } } })
    },
    setOptions(patch) {
      set({ options: { ...get().options, ...patch } })
      const comparison = get().comparison
      if (comparison) get().start(comparison.remoteKey)
    },
  }
})

function finished(comparison: FolderComparison): DeepCompare {
  return { status: 'done', entriesCompared: comparison.entriesCompared, unhashedPairs: comparison.unhashedPairs }
}

/** The marks of one pane's rows while its folder is compared, else null. */
export function paneMarks(comparison: Comparison | null, key: PaneKey): CompareMarks | null {
  if (!comparison) return null
  if (key === 'local') return comparison.marks.local
  return key === comparison.remoteKey ? comparison.marks.remote : null
}

// Either pane in another folder (or the other session's pane shown) ends the comparison; another
// listing of the same folders, or another tolerance, compares them again.
function follow(): void {
  const { comparison, start, stop } = useCompareStore.getState()
  if (!comparison) return
  const { panes } = usePanesStore.getState()
  const local = panes.local?.listing
  const remote = panes[comparison.remoteKey]?.listing
  const activeId = useSessionsStore.getState().activeId
  const isShown = activeId !== null && remotePaneKey(activeId) === comparison.remoteKey
  if (!local || !remote || !isShown || local.path !== comparison.localListing.path || remote.path !== comparison.remoteListing.path) stop()
  else if (local !== comparison.localListing || remote !== comparison.remoteListing) start(comparison.remoteKey)
}

usePanesStore.subscribe(follow)
useSessionsStore.subscribe(follow)
useSettingsStore.subscribe((state, before) => {
  const { comparison, start } = useCompareStore.getState()
  if (comparison && state.settings.sync.toleranceSeconds !== before.settings.sync.toleranceSeconds) start(comparison.remoteKey)
})
