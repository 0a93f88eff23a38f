/**
 * Where one pane has been, as a web browser keeps it: the folders behind it (Back), the ones
 * ahead of it (Forward, after going back) and the folders it visited lately, newest first.
 */
export interface NavHistory {
  /** Oldest first: Back goes to the last one. */
  readonly back: readonly string[]
  /** The folder shown; null before the first listing. */
  readonly current: string | null
  /** Nearest first: Forward goes to the first one. */
  readonly forward: readonly string[]
  /** Newest first, each folder once, the current one included. */
  readonly recent: readonly string[]
}

/** How a listing was reached: a new folder (typed, opened, Up, a bookmark…), or a step through the history. */
export type HistoryStep = 'visit' | 'back' | 'forward'

/** A pane that has not been anywhere yet. */
export const emptyHistory: NavHistory = { back: [], current: null, forward: [], recent: [] }

// Enough to walk back through a working session; a longer trail is never used and only costs storage.
const maxSteps = 100
/** How many folders the Recent folders menu offers at most. */
export const maxRecent = 20

function withRecent(recent: readonly string[], path: string): string[] {
  return [path, ...recent.filter((folder) => folder !== path)].slice(0, maxRecent)
}

/**
 * The history once `path` (the listing's canonical folder) is shown after `step`. A visit to a
 * new folder drops what was ahead, as in a browser; listing the folder shown again (a refresh)
 * changes nothing. Back and Forward move the current folder across, without losing either side.
 */
export function afterListing(history: NavHistory, step: HistoryStep, path: string): NavHistory {
  const { back, current, forward } = history
  const recent = withRecent(history.recent, path)
  if (step === 'back' && back.length > 0) {
    return { back: back.slice(0, -1), current: path, forward: current === null ? forward : [current, ...forward].slice(0, maxSteps), recent }
  }
  if (step === 'forward' && forward.length > 0) {
    return { back: current === null ? back : [...back, current].slice(-maxSteps), current: path, forward: forward.slice(1), recent }
  }
  if (path === current) return history
  return { back: current === null ? back : [...back, current].slice(-maxSteps), current: path, forward: [], recent }
}

/** The history without the folder a Back or Forward could not list because it is gone: the next press goes past it. */
export function withoutStep(history: NavHistory, step: Exclude<HistoryStep, 'visit'>): NavHistory {
  return step === 'back' ? { ...history, back: history.back.slice(0, -1) } : { ...history, forward: history.forward.slice(1) }
}

/** The folders the Recent folders menu offers: visited lately, newest first, without the one shown. */
export function recentFolders(history: NavHistory): readonly string[] {
  return history.recent.filter((folder) => folder !== history.current)
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

/** A history read back from storage, or null when what was stored is not one (older format, tampering). */
export function parseHistory(value: unknown): NavHistory | null {
  if (typeof value !== 'object' || value === null) return null
  const { back, current, forward, recent } = value as Record<string, unknown>
  if (!isTextList(back) || !isTextList(forward) || !isTextList(recent)) return null
  if (current !== null && typeof current !== 'string') return null
  return { back: back.slice(-maxSteps), current, forward: forward.slice(0, maxSteps), recent: recent.slice(0, maxRecent) }
}
