import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ConflictChoice, TransferConflict } from '../../../shared/models/transfer'
import { Dialog } from '../../components/Dialog'
import { useSessionsStore } from '../../stores/sessions-store'
import { useTransfersStore } from '../../stores/transfers-store'
import { displayName } from '../file-grid/display-name'
import { formatModified, formatSize } from '../file-grid/entry-format'

function Side({ label, side }: { readonly label: string; readonly side: TransferConflict['source'] }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{`${formatSize(side.size)}, modified ${formatModified(side.mtimeMs) || 'at an unknown time'}`}</dd>
    </>
  )
}

const choices: readonly { readonly choice: ConflictChoice; readonly label: string }[] = [
  { choice: 'overwrite', label: 'Overwrite' },
  { choice: 'skip', label: 'Skip' },
  { choice: 'rename', label: 'Rename' },
  { choice: 'resume', label: 'Resume' },
  { choice: 'overwrite-if-newer', label: 'Overwrite if newer' },
]

/** The first taken name waiting for a choice: both sizes and dates, the choices, `Apply to all`. */
export function FileExistsDialog() {
  const conflict = useTransfersStore((state) => state.conflicts[0])
  if (!conflict) return null
  return <ConflictQuestion key={conflict.conflictId} conflict={conflict} />
}

// Replacing a file gives it a new owner: the user Skiff logged in as. Say so before it happens.
function useOwnerWarning(conflict: TransferConflict): string | null {
  const users = useSessionsStore(useShallow((state) => state.sessions.map((session) => session.username)))
  const owner = conflict.target.owner
  if (!owner || /^\d+$/.test(owner) || users.includes(owner)) return null
  return `The existing file belongs to ${owner}. Overwriting replaces it with a file owned by you.`
}

function ConflictQuestion({ conflict }: { readonly conflict: TransferConflict }) {
  const [isApplyToAll, setApplyToAll] = useState(false)
  const ownerWarning = useOwnerWarning(conflict)
  const answer = (choice: ConflictChoice) => useTransfersStore.getState().resolveConflict(conflict.conflictId, choice, isApplyToAll)
  const actions = (
    <>
      {choices.map(({ choice, label }) => (
        <button
          key={choice}
          type="button"
          className={choice === 'overwrite' ? 'primary' : undefined}
          data-autofocus={choice === 'skip' ? true : undefined}
          disabled={choice === 'resume' && !conflict.isResumable}
          onClick={() => answer(choice)}
        >
          {label}
        </button>
      ))}
    </>
  )
  return (
    <Dialog title="File exists" onCancel={() => answer('skip')} actions={actions}>
      <p className="conflict-path">{displayName(conflict.path)}</p>
      {conflict.reason && <p className="warning">{conflict.reason}</p>}
      <dl className="facts">
        <Side label="Existing" side={conflict.target} />
        <Side label="New" side={conflict.source} />
      </dl>
      {ownerWarning && <p className="warning">{ownerWarning}</p>}
      <label className="toggle conflict-apply">
        <input type="checkbox" checked={isApplyToAll} onChange={(event) => setApplyToAll(event.target.checked)} />
        Apply to all
      </label>
    </Dialog>
  )
}
