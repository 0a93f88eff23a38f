import { z } from 'zod'
import type { SyncOptions } from '../../stores/sync-store'

/** What the `Synchronize` dialog remembers from the last preview: everything but the two folders and the time tolerance (a setting). */
export interface SyncChoices {
  readonly direction: SyncOptions['direction']
  readonly mode: SyncOptions['mode']
  readonly isDeleteExtra: boolean
  readonly isTimeCompared: boolean
  readonly isSizeCompared: boolean
  readonly isChecksumCompared: boolean
  readonly mask: string
  readonly isGitignoreHonoured: boolean
}

/** A first synchronization: upload what is new or newer, delete nothing, compare times and sizes. */
const firstChoices: SyncChoices = {
  direction: 'upload',
  mode: 'update',
  isDeleteExtra: false,
  isTimeCompared: true,
  isSizeCompared: true,
  isChecksumCompared: false,
  mask: '',
  isGitignoreHonoured: false,
}

const storageKey = 'skiff.sync.choices'

const schema = z.strictObject({
  direction: z.enum(['upload', 'download', 'both']),
  mode: z.enum(['update', 'mirror']),
  isDeleteExtra: z.boolean(),
  isTimeCompared: z.boolean(),
  isSizeCompared: z.boolean(),
  isChecksumCompared: z.boolean(),
  mask: z.string().max(10_000),
  isGitignoreHonoured: z.boolean(),
})

/**
 * The choices of the last preview in this browser profile, or the first ones. Kept so that a
 * second run leaves out what the first left out: a forgotten mask would copy what it excluded.
 */
export function loadSyncChoices(): SyncChoices {
  try {
    const parsed = schema.safeParse(JSON.parse(localStorage.getItem(storageKey) ?? 'null'))
    return parsed.success ? parsed.data : firstChoices
  } catch {
    return firstChoices
  }
}

/** Remembers the choices a preview ran with; a storage the browser refuses only costs the memory. */
export function saveSyncChoices(options: SyncOptions): void {
  const { direction, mode, isDeleteExtra, criteria, mask, isGitignoreHonoured } = options
  const { isTimeCompared, isSizeCompared, isChecksumCompared } = criteria
  const choices: SyncChoices = { direction, mode, isDeleteExtra, isTimeCompared, isSizeCompared, isChecksumCompared, mask, isGitignoreHonoured }
  try {
    localStorage.setItem(storageKey, JSON.stringify(choices))
  } catch {
    // Quota, or storage refused: the next dialog starts from the first choices.
  }
}
