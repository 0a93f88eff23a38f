import { useState, type FormEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { usePanesStore } from '../../stores/panes-store'
import { useSettingsStore } from '../../stores/settings-store'
import { useTransfersStore, type PendingMove } from '../../stores/transfers-store'
import { displayName } from '../file-grid/display-name'
import { joinPath } from '../pane/fs-path'
import { runMove } from './move-selection'

/** `"notes.txt"`, or `3 items`. */
function whatMoves(names: readonly string[]): string {
  return names.length === 1 ? `"${displayName(names[0]!)}"` : `${names.length.toLocaleString('en-US')} items`
}

/** The dialog `Move`: what goes where, the folder editable, and a way to stop being asked. */
export function MoveDialog() {
  const move = useTransfersStore((state) => state.pendingMove)
  if (!move) return null
  return <MoveQuestion key={`${move.fromKey}:${move.folder}:${move.names.join('\0')}`} move={move} />
}

function MoveQuestion({ move }: { readonly move: PendingMove }) {
  const [folder, setFolder] = useState(move.folder)
  const [isDontAsk, setDontAsk] = useState(false)
  const source = usePanesStore((state) => state.panes[move.fromKey]?.listing)
  const close = () => useTransfersStore.getState().setPendingMove(null)
  const separator = source?.separator ?? '/'
  // A relative folder is taken from the folder shown, as a shell would.
  const typed = folder.trim()
  const destination = typed.startsWith(separator) || /^[A-Za-z]:[\\/]/.test(typed) ? typed : joinPath(source?.path ?? '', typed, separator)
  const isSameFolder = move.fromKey === move.toKey && destination.replace(/[\\/]+$/, '') === source?.path.replace(/[\\/]+$/, '')
  const canMove = typed !== '' && !isSameFolder
  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!canMove) return
    if (isDontAsk) void useSettingsStore.getState().update({ transfer: { confirmMove: false } })
    close()
    void runMove(move, destination)
  }
  return (
    <Dialog
      title="Move"
      onCancel={close}
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canMove} onClick={() => onSubmit()}>
            Move
          </button>
        </>
      }
    >
      <form className="profile-form move-form" onSubmit={onSubmit}>
        <p className="move-question">{`Move ${whatMoves(move.names)} to ${destination}?`}</p>
        <p className="move-note">
          {move.fromKey === move.toKey
            ? `${move.names.length === 1 ? 'It is' : 'They are'} renamed into that folder, on the same file system.`
            : 'Each file is copied, checked, and only then deleted here. Links move as links; nothing they point to is touched.'}
        </p>
        <label className="field">
          <span>Target folder</span>
          <input data-autofocus value={folder} spellCheck={false} onChange={(event) => setFolder(event.target.value)} onFocus={(event) => event.target.select()} />
        </label>
        {isSameFolder && <p className="form-error">{move.names.length === 1 ? 'It is in that folder already.' : 'They are in that folder already.'}</p>}
        {!move.isInPlace && (
          <label className="toggle">
            <input type="checkbox" checked={isDontAsk} onChange={(event) => setDontAsk(event.target.checked)} />
            Do not ask again before moving
          </label>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}
