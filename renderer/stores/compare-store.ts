import { create } from 'zustand'
import type { DirListing } from '../../shared/models/fs'
import { defaultSyncCriteria, type SyncCriteria } from '../../shared/models/sync'
import { identicalNames, markFolders, type CompareMarks, type PaneMarks } from '../features/compare/compare-marks'
import { remotePaneKey, type PaneKey } from './pane-state'
import { usePanesStore } from './panes-store'
import { useSessionsStore } from './sessions-store'
import { useSettingsStore } from './settings-store'

/** The two folders being compared and how each entry of them stands. */
export interface Comparison {
  /** The server pane compared with the local pane. */
  readonly remoteKey: PaneKey
  /** The listings the marks were made from: another listing of the same folder makes them again. */
  readonly localListing: DirListing
  readonly remoteListing: DirListing
  readonly marks: PaneMarks
  readonly isHidingIdentical: boolean
}

interface CompareStore {
  readonly comparison: Comparison | null
  /** Compares the local pane's folder with the folder of the server pane `remoteKey` (both must be listed). */
  start(remoteKey: PaneKey): void
  /** Takes the marks down, and shows the identical rows again. */
  stop(): void
  /** Hide identical: the rows marked `same` leave both panes (and their selections). */
  setHidingIdentical(isHiding: boolean): void
}

const noNames: ReadonlySet<string> = new Set()

function criteria(): SyncCriteria {
  return { ...defaultSyncCriteria, toleranceSeconds: useSettingsStore.getState().settings.sync.toleranceSeconds }
}

// Puts (or takes back) Hide identical on both panes.
function applyHiding(comparison: Comparison | null, before: Comparison | null): void {
  const panes = usePanesStore.getState()
  const names = (side: 'local' | 'remote') => (comparison?.isHidingIdentical ? identicalNames(comparison.marks[side]) : noNames)
  if (before && before.remoteKey !== comparison?.remoteKey) panes.setExcluded(before.remoteKey, noNames)
  panes.setExcluded('local', names('local'))
  if (comparison) panes.setExcluded(comparison.remoteKey, names('remote'))
}

/** `Compare folders` (Shift+F2): marks of both panes' folders until either pane leaves its folder. */
export const useCompareStore = create<CompareStore>()((set, get) => {
  const show = (comparison: Comparison | null) => {
    const before = get().comparison
    set({ comparison })
    if (comparison?.isHidingIdentical || before?.isHidingIdentical) applyHiding(comparison, before)
  }
  return {
    comparison: null,
    start(remoteKey) {
      const { panes } = usePanesStore.getState()
      const localListing = panes.local?.listing
      const remoteListing = panes[remoteKey]?.listing
      if (!localListing || !remoteListing) return
      const isHidingIdentical = get().comparison?.isHidingIdentical ?? false
      show({ remoteKey, localListing, remoteListing, marks: markFolders(localListing.entries, remoteListing.entries, criteria()), isHidingIdentical })
    },
    stop() {
      if (get().comparison) show(null)
    },
    setHidingIdentical(isHiding) {
      const comparison = get().comparison
      if (comparison && comparison.isHidingIdentical !== isHiding) show({ ...comparison, isHidingIdentical: isHiding })
    },
  }
})

/** The marks of one pane's rows while its folder is compared, else null. */
export function paneMarks(comparison: Comparison | null, key: PaneKey): CompareMarks | null {
  if (!comparison) return null
  if (key === 'local') return comparison.marks.local
  return key === comparison.remoteKey ? comparison.marks.remote : null
}

// Either pane in another folder (or the other session's pane shown) ends the comparison; another
// listing of the same folders, or another tolerance, marks them again.
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
