import type { KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SyncResolution, SyncRow } from '../../../shared/models/sync'
import { useSyncStore } from '../../stores/sync-store'
import { displayName } from '../file-grid/display-name'
import { conflictChoices } from './sync-format'

/**
 * The choice in a conflict row's Action cell: `Skip` (the default: nothing happens), or which
 * side's version to keep. Tab from the preview reaches the cursor row's choice (Space there too);
 * Escape goes back to the preview.
 */
export function ConflictChoice({ row, keep, isCursor }: { row: SyncRow; keep: SyncResolution['keep'] | undefined; isCursor: boolean }) {
  const choices = conflictChoices(row)
  const current = choices.find((choice) => choice.value === (keep ?? 'skip'))!
  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    // The preview's own keys (arrows, Space) stay with the choice while it has the focus.
    event.stopPropagation()
    if (event.key !== 'Escape') return
    event.preventDefault()
    event.currentTarget.closest<HTMLElement>('[role="grid"]')?.focus()
  }
  return (
    <select
      className="sync-conflict-choice"
      value={keep ?? 'skip'}
      tabIndex={isCursor ? 0 : -1}
      title={current.title}
      aria-label={`Resolve conflict ${displayName(row.path)}`}
      data-conflict-id={row.id}
      onKeyDown={onKeyDown}
      onChange={(event) => useSyncStore.getState().resolve(row.id, event.target.value === 'skip' ? null : (event.target.value as SyncResolution['keep']))}
    >
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value} title={choice.title}>
          {choice.label}
        </option>
      ))}
    </select>
  )
}

/** Under a two-way preview with conflicts: how many are settled, and what Start does with the rest. */
export function ConflictNote() {
  const { conflicts, settled } = useSyncStore(useShallow((state) => ({ conflicts: state.rows.filter((row) => row.action === 'conflict').length, settled: state.resolutions.size })))
  if (conflicts === 0) return null
  const left = conflicts - settled
  const what = `${conflicts.toLocaleString('en-US')} ${conflicts === 1 ? 'conflict' : 'conflicts'}`
  const rest = left === 0 ? 'all settled.' : `${left.toLocaleString('en-US')} not settled: Start leaves ${left === 1 ? 'it' : 'them'} as ${left === 1 ? 'it is' : 'they are'} on both sides, and the next preview asks again.`
  return (
    <p className="sync-conflict-note" role="note" aria-label="Conflicts">
      {`${what} (a file changed on both sides, or changed on one and deleted on the other): choose in each row which version to keep; ${rest}`}
    </p>
  )
}
