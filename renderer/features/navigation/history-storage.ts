import { parseHistory, type NavHistory } from './nav-history'

/** A pane's history as kept for the page a reload brings, with the pane it belonged to. */
export interface StoredHistory {
  /** The pane key that wrote it: a remote pane of the same session (a reload) resumes in its folder. */
  readonly owner: string
  readonly history: NavHistory
}

const prefix = 'skiff.history.'

/**
 * The history kept under `storageKey` in this tab's sessionStorage, or null. Kept per tab, as a
 * browser keeps its own: a new window starts with none.
 */
export function loadHistory(storageKey: string): StoredHistory | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(prefix + storageKey) ?? 'null') as unknown
    if (typeof stored !== 'object' || stored === null) return null
    const { owner, history } = stored as Record<string, unknown>
    const parsed = parseHistory(history)
    return typeof owner === 'string' && parsed ? { owner, history: parsed } : null
  } catch {
    return null
  }
}

/** Keeps a pane's history for the next page of this tab; a full storage only costs the history. */
export function saveHistory(storageKey: string, stored: StoredHistory): void {
  try {
    sessionStorage.setItem(prefix + storageKey, JSON.stringify(stored))
  } catch {
    // Quota or a storage the browser refuses: the history lives on in memory for this page.
  }
}
