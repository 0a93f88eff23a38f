import type { DirListing, FsEntry, FsTarget } from '../../shared/models/fs'
import type { SessionId } from '../../shared/models/ids'
import { emptySelection, initialSelection, remapSelection, type GridSelection } from '../features/file-grid/grid-selection'
import { defaultSort, sortEntries, type SortSpec } from '../features/file-grid/sort-entries'
import { emptyHistory, type NavHistory } from '../features/navigation/nav-history'
import { filterRows } from '../features/navigation/name-filter'

/** Which pane: the local one, or the remote pane of one session (each session keeps its own). */
export type PaneKey = 'local' | `remote:${string}`

/** The pane key of a session's remote pane. */
export function remotePaneKey(sessionId: SessionId): PaneKey {
  return `remote:${sessionId}`
}

/**
 * Everything one pane shows. `sorted` is derived (hidden names and `excluded` dropped, sorted) once per listing
 * or sort change; `rows` is `sorted` through the filter, once per keystroke in it, never per render.
 * Everything that acts on rows (selection, keys, commands) sees `rows` only: a row the filter
 * hides cannot be selected, copied or deleted.
 */
export interface PaneState {
  readonly target: FsTarget
  /** The folder shown: the listing's canonical path once loaded. */
  readonly path: string
  readonly listing: DirListing | null
  readonly sorted: readonly FsEntry[]
  readonly rows: readonly FsEntry[]
  /** The Filter box's text; '' shows every row. Cleared when the folder changes. */
  readonly filter: string
  /**
   * The rows and selection from before this run of filter edits: each edit narrows from them, so
   * typing `*7` on the way to `*7.txt` does not lose what `*7.txt` shows. Null once the person
   * selects anew or the rows change otherwise.
   */
  readonly filterBase: { readonly rows: readonly FsEntry[]; readonly selection: GridSelection } | null
  readonly isLoading: boolean
  readonly sort: SortSpec
  readonly showHidden: boolean
  /** Names another view takes out of the rows (Compare's Hide identical), on top of hidden files and the filter. Cleared when the folder changes. */
  readonly excluded: ReadonlySet<string>
  /** How many entries `excluded` takes out of what the pane would show (the footer says so). */
  readonly excludedCount: number
  readonly selection: GridSelection
  /** Bumped whenever a navigation settles, so the path box drops an unsent edit (e.g. after a failure). */
  readonly pathVersion: number
  readonly history: NavHistory
  /** Where the history is kept across a reload: stable for a server, unlike the session's pane key. */
  readonly historyKey: string
}

const noNames: ReadonlySet<string> = new Set()

// The listing as the pane shows it before the filter: hidden files and excluded names out, sorted.
function viewOf(entries: readonly FsEntry[], sort: SortSpec, showHidden: boolean, excluded: ReadonlySet<string>): { sorted: readonly FsEntry[]; excludedCount: number } {
  const all = sortEntries(entries, sort, showHidden)
  const sorted = excluded.size > 0 ? all.filter((entry) => !excluded.has(entry.name)) : all
  return { sorted, excludedCount: all.length - sorted.length }
}

/** A pane that has not listed anything yet. */
export function createPane(target: FsTarget, path: string, historyKey: string, history: NavHistory = emptyHistory): PaneState {
  return {
    target,
    path,
    listing: null,
    sorted: [],
    rows: [],
    filter: '',
    filterBase: null,
    isLoading: false,
    sort: defaultSort,
    showHidden: true,
    excluded: noNames,
    excludedCount: 0,
    selection: emptySelection,
    pathVersion: 0,
    history,
    historyKey,
  }
}

/** The pane after a listing arrived. A refresh of the same folder keeps the selection and filter; a new folder starts fresh. */
export function withListing(pane: PaneState, listing: DirListing, focusName?: string): PaneState {
  const isNewFolder = pane.listing?.path !== listing.path
  const filter = isNewFolder ? '' : pane.filter
  const excluded = isNewFolder ? noNames : pane.excluded
  const { sorted, excludedCount } = viewOf(listing.entries, pane.sort, pane.showHidden, excluded)
  const rows = filterRows(sorted, filter)
  const isSameFolder = !isNewFolder && focusName === undefined
  const selection = isSameFolder ? remapSelection(pane.rows, rows, pane.selection) : initialSelection(rows, focusName)
  return { ...pane, listing, sorted, rows, filter, excluded, excludedCount, filterBase: null, selection, path: listing.path, isLoading: false, pathVersion: pane.pathVersion + 1 }
}

/** The pane after its sort, hidden-files setting or excluded names changed: rows re-derived, selection carried over. */
export function withView(pane: PaneState, sort: SortSpec, showHidden: boolean, excluded: ReadonlySet<string> = pane.excluded): PaneState {
  const { sorted, excludedCount } = pane.listing ? viewOf(pane.listing.entries, sort, showHidden, excluded) : { sorted: [], excludedCount: 0 }
  const rows = filterRows(sorted, pane.filter)
  return { ...pane, sort, showHidden, excluded, excludedCount, sorted, rows, filterBase: null, selection: remapSelection(pane.rows, rows, pane.selection) }
}

/**
 * The pane after the Filter box changed: only the rows that pass are shown, and only they can be
 * selected; a row the filter hides is never in the selection (nothing can delete or copy it).
 */
export function withFilter(pane: PaneState, filter: string): PaneState {
  // Typing on narrows a plain text: only the rows shown can still pass, so only they are looked at.
  const isNarrowing = pane.filter.trim() !== '' && !/[*?]/.test(filter) && filter.trim().toLowerCase().includes(pane.filter.trim().toLowerCase())
  const rows = filterRows(isNarrowing ? pane.rows : pane.sorted, filter)
  const base = pane.filterBase ?? { rows: pane.rows, selection: pane.selection }
  return { ...pane, filter, rows, filterBase: base, selection: remapSelection(base.rows, rows, base.selection) }
}

/** The pane after the person changed the selection: later filter edits narrow from this one. */
export function withSelection(pane: PaneState, selection: GridSelection): PaneState {
  return { ...pane, selection, filterBase: null }
}
