import type { FsEntry } from '../../../shared/models/fs'
import { isHiddenName } from '../file-grid/entry-format'
import { compareEntry, compareWords, type CompareState, type SideEntry, type SyncCriteria } from '../../../shared/models/sync'

/** Each name of one pane's folder and how it stands against the other pane's folder. */
export type CompareMarks = ReadonlyMap<string, CompareState>

/** The marks of both panes' folders. */
export interface PaneMarks {
  readonly local: CompareMarks
  readonly remote: CompareMarks
}

function sideEntry(entry: FsEntry): SideEntry {
  const type = entry.type === 'file' || entry.type === 'directory' || entry.type === 'symlink' ? entry.type : 'other'
  return { type, size: entry.size, mtimeMs: entry.mtimeMs, ...(entry.linkTarget === undefined ? {} : { linkTarget: entry.linkTarget }) }
}

function marksOf(here: readonly FsEntry[], there: ReadonlyMap<string, SideEntry>, criteria: SyncCriteria): CompareMarks {
  return new Map(here.map((entry) => [entry.name, compareEntry(sideEntry(entry), there.get(entry.name), criteria)]))
}

/**
 * Marks every entry of the two folders against the entry of the same name on the other side.
 * Names match exactly: `Readme.md` and `README.md` are two entries, each only on its side.
 */
export function markFolders(local: readonly FsEntry[], remote: readonly FsEntry[], criteria: SyncCriteria): PaneMarks {
  const byName = (entries: readonly FsEntry[]) => new Map(entries.map((entry) => [entry.name, sideEntry(entry)]))
  return { local: marksOf(local, byName(remote), criteria), remote: marksOf(remote, byName(local), criteria) }
}

// The summary's order: what wants attention first, what matches last.
const summaryOrder: readonly CompareState[] = ['only-here', 'newer', 'older', 'different-size', 'different', 'different-type', 'same']

/**
 * One side's counts as the compare bar says them: `3 only here · 2 newer · 10 same` (states with
 * none left out). Hidden names count only when the pane shows them, so the counts match the rows.
 */
export function compareSummary(marks: CompareMarks, showHidden: boolean): string {
  const counts = new Map<CompareState, number>()
  for (const [name, state] of marks) if (showHidden || !isHiddenName(name)) counts.set(state, (counts.get(state) ?? 0) + 1)
  const parts = summaryOrder.filter((state) => counts.has(state)).map((state) => `${counts.get(state)!.toLocaleString()} ${compareWords[state]}`)
  return parts.length > 0 ? parts.join(' · ') : 'empty folder'
}

/** The names Hide identical takes out of a pane: those marked `same`. */
export function identicalNames(marks: CompareMarks): ReadonlySet<string> {
  return new Set(Array.from(marks).flatMap(([name, state]) => (state === 'same' ? [name] : [])))
}
