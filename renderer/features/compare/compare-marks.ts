import type { ComparedEntry, FolderComparison, InsideCounts } from '../../../shared/models/compare'
import type { FsEntry } from '../../../shared/models/fs'
import { isHiddenName } from '../file-grid/entry-format'
import { compareEntry, compareWords, type CompareState, type SideEntry, type SyncCriteria } from '../../../shared/models/sync'

/** How one entry stands, and what its `Compare` cell says. */
export interface CompareMark {
  readonly state: CompareState
  /** `newer`; for a folder that differs inside, `differs`. */
  readonly word: string
  /** For a folder that differs inside, what differs: `3 newer, 1 only here` (the cell draws only this, its tint says the rest). */
  readonly counts?: string
}

/** What a mark says in full, as a screen reader reads its cell: `newer`, `differs: 3 newer, 1 only here`. */
export function markText(mark: CompareMark): string {
  return mark.counts ? `${mark.word}: ${mark.counts}` : mark.word
}

/** Each name of one pane's folder and how it stands against the other pane's folder. */
export type CompareMarks = ReadonlyMap<string, CompareMark>

/** The marks of both panes' folders. */
export interface PaneMarks {
  readonly local: CompareMarks
  readonly remote: CompareMarks
}

function sideEntry(entry: FsEntry): SideEntry {
  const type = entry.type === 'file' || entry.type === 'directory' || entry.type === 'symlink' ? entry.type : 'other'
  return { type, size: entry.size, mtimeMs: entry.mtimeMs, ...(entry.linkTarget === undefined ? {} : { linkTarget: entry.linkTarget }) }
}

const markOf = (state: CompareState): CompareMark => ({ state, word: compareWords[state] })

function marksOf(here: readonly FsEntry[], there: ReadonlyMap<string, SideEntry>, criteria: SyncCriteria): CompareMarks {
  return new Map(here.map((entry) => [entry.name, markOf(compareEntry(sideEntry(entry), there.get(entry.name), criteria))]))
}

/**
 * Marks every entry of the two listed folders against the entry of the same name on the other
 * side, one level: a folder on both sides is `not compared`. Names match exactly: `Readme.md`
 * and `README.md` are two entries, each only on its side.
 */
export function markFolders(local: readonly FsEntry[], remote: readonly FsEntry[], criteria: SyncCriteria): PaneMarks {
  const byName = (entries: readonly FsEntry[]) => new Map(entries.map((entry) => [entry.name, sideEntry(entry)]))
  return { local: marksOf(local, byName(remote), criteria), remote: marksOf(remote, byName(local), criteria) }
}

const mirrored: Partial<Record<CompareState, CompareState>> = { newer: 'older', older: 'newer' }

/** One side's view of what a folder holds: `here` is this side. */
interface InsideView {
  readonly newer: number
  readonly older: number
  readonly onlyHere: number
  readonly onlyThere: number
  readonly different: number
  readonly unreadable: number
}

function insideView(inside: InsideCounts, side: 'local' | 'remote'): InsideView {
  const isLocal = side === 'local'
  return {
    newer: isLocal ? inside.newerLocal : inside.newerRemote,
    older: isLocal ? inside.newerRemote : inside.newerLocal,
    onlyHere: isLocal ? inside.onlyLocal : inside.onlyRemote,
    onlyThere: isLocal ? inside.onlyRemote : inside.onlyLocal,
    different: inside.different,
    unreadable: inside.unreadable,
  }
}

const insideWords: readonly (readonly [keyof InsideView, string])[] = [
  ['newer', 'newer'],
  ['older', 'older'],
  ['onlyHere', 'only here'],
  ['onlyThere', 'only there'],
  ['different', 'different'],
  ['unreadable', 'unreadable'],
]

/** What differs inside a folder, from one side's view: `3 newer, 1 only here`. */
export function insideCounts(inside: InsideCounts, side: 'local' | 'remote'): string {
  const view = insideView(inside, side)
  return insideWords
    .filter(([count]) => view[count] > 0)
    .map(([count, word]) => `${view[count].toLocaleString()} ${word}`)
    .join(', ')
}

function deepMark(entry: ComparedEntry, side: 'local' | 'remote'): CompareMark {
  const state = side === 'remote' ? (mirrored[entry.state] ?? entry.state) : entry.state
  return entry.inside && state === 'different-inside' ? { state, word: 'differs', counts: insideCounts(entry.inside, side) } : markOf(state)
}

/**
 * The one-level marks with what the main process found (folders compared inside, checksums) laid
 * over them; a name it did not see keeps its one-level mark.
 */
export function withComparison(marks: PaneMarks, comparison: FolderComparison): PaneMarks {
  const sideMarks = (side: 'local' | 'remote') => {
    const seen = comparison.entries.filter((entry) => entry.where === side || entry.where === 'both')
    return new Map([...marks[side], ...seen.map((entry) => [entry.name, deepMark(entry, side)] as const)])
  }
  return { local: sideMarks('local'), remote: sideMarks('remote') }
}

// The summary's order: what wants attention first, what matches last.
const summaryOrder: readonly CompareState[] = ['only-here', 'newer', 'older', 'different-size', 'different', 'different-type', 'different-inside', 'not-compared', 'same']

/**
 * One side's counts as the compare bar says them: `3 only here`, `2 newer`, `10 same` (states with
 * none left out). Hidden names count only when the pane shows them, so the counts match the rows.
 */
export function summaryParts(marks: CompareMarks, showHidden: boolean): string[] {
  const counts = new Map<CompareState, number>()
  for (const [name, { state }] of marks) if (showHidden || !isHiddenName(name)) counts.set(state, (counts.get(state) ?? 0) + 1)
  return summaryOrder.filter((state) => counts.has(state)).map((state) => `${counts.get(state)!.toLocaleString()} ${compareWords[state]}`)
}

/** The names Hide identical takes out of a pane: those marked `same` (a folder only when compared inside). */
export function identicalNames(marks: CompareMarks): ReadonlySet<string> {
  return new Set(Array.from(marks).flatMap(([name, { state }]) => (state === 'same' ? [name] : [])))
}
