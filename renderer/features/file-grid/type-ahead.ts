import type { FsEntry } from '../../../shared/models/fs'

/** Keystrokes further apart than this start a new search. */
export const typeAheadResetMs = 1000

/** What type-ahead remembers between keystrokes. */
export interface TypeAheadState {
  readonly buffer: string
  readonly lastKeyAt: number
}

/** Nothing typed yet. */
export const emptyTypeAhead: TypeAheadState = { buffer: '', lastKeyAt: 0 }

/** True for a key that should feed type-ahead: one printable character, no Ctrl/Alt/Meta. */
export function isTypeAheadKey(event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
  return event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.altKey && !event.metaKey
}

/** The state after one more keystroke at time `now` (ms). */
export function typeAheadStep(state: TypeAheadState, key: string, now: number): TypeAheadState {
  const isFresh = now - state.lastKeyAt > typeAheadResetMs
  return { buffer: (isFresh ? '' : state.buffer) + key.toLowerCase(), lastKeyAt: now }
}

function findFrom(rows: readonly FsEntry[], prefix: string, start: number): number {
  const count = rows.length
  for (let step = 0; step < count; step++) {
    const index = (start + step) % count
    if (rows[index]!.name.toLowerCase().startsWith(prefix)) return index
  }
  return -1
}

/**
 * Where the cursor goes for a typed prefix: the first name that starts with it.
 * Pressing the same letter again cycles through the names that start with that letter.
 */
export function typeAheadMatch(rows: readonly FsEntry[], buffer: string, cursor: number): number {
  if (!buffer || rows.length === 0) return -1
  const start = Math.max(0, cursor)
  const isRepeat = buffer.length > 1 && [...buffer].every((char) => char === buffer[0])
  if (isRepeat) return findFrom(rows, buffer[0]!, start + 1)
  return findFrom(rows, buffer, 0)
}
