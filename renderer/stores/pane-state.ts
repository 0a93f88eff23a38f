import type { DirListing, FsEntry, FsTarget } from '../../shared/models/fs'
import type { SessionId } from '../../shared/models/ids'
import { emptySelection, initialSelection, remapSelection, type GridSelection } from '../features/file-grid/grid-selection'
import { defaultSort, sortEntries, type SortSpec } from '../features/file-grid/sort-entries'

/** Which pane: the local one, or the remote pane of one session (each session keeps its own). */
export type PaneKey = 'local' | `remote:${string}`

/** The pane key of a session's remote pane. */
export function remotePaneKey(sessionId: SessionId): PaneKey {
  return `remote:${sessionId}`
}

/** Everything one pane shows. `rows` is derived (filtered + sorted) once per change, never per render. */
export interface PaneState {
  readonly target: FsTarget
  /** The folder shown: the listing's canonical path once loaded. */
  readonly path: string
  readonly listing: DirListing | null
  readonly rows: readonly FsEntry[]
  readonly isLoading: boolean
  readonly sort: SortSpec
  readonly showHidden: boolean
  readonly selection: GridSelection
  /** Bumped whenever a navigation settles, so the path box drops an unsent edit (e.g. after a failure). */
  readonly pathVersion: number
}

/** A pane that has not listed anything yet. */
export function createPane(target: FsTarget, path: string): PaneState {
  return {
    target,
    path,
    listing: null,
    rows: [],
    isLoading: false,
    sort: defaultSort,
    showHidden: true,
    selection: emptySelection,
    pathVersion: 0,
  }
}

/** The pane after a listing arrived. A refresh of the same folder keeps the selection; a new folder starts fresh. */
export function withListing(pane: PaneState, listing: DirListing, focusName?: string): PaneState {
  const rows = sortEntries(listing.entries, pane.sort, pane.showHidden)
  const isSameFolder = pane.listing?.path === listing.path && focusName === undefined
  const selection = isSameFolder ? remapSelection(pane.rows, rows, pane.selection) : initialSelection(rows, focusName)
  return { ...pane, listing, rows, selection, path: listing.path, isLoading: false, pathVersion: pane.pathVersion + 1 }
}

/** The pane after its sort or hidden-files setting changed: rows re-derived, selection carried over. */
export function withView(pane: PaneState, sort: SortSpec, showHidden: boolean): PaneState {
  const rows = pane.listing ? sortEntries(pane.listing.entries, sort, showHidden) : []
  return { ...pane, sort, showHidden, rows, selection: remapSelection(pane.rows, rows, pane.selection) }
}
