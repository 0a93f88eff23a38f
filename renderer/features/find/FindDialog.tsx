import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { parseFileMask } from '../../../shared/models/file-mask'
import { maxFindResults } from '../../../shared/models/find'
import { Dialog } from '../../components/Dialog'
import { useFindStore, type FindPlace } from '../../stores/find-store'
import { displayName } from '../file-grid/display-name'
import { otherPane } from '../transfers/start-transfer'
import { askDeleteResults, goToResult, transferResults, editResults } from './find-actions'
import { FindResults } from './FindResults'
import './find.css'

const counted = (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'file' : 'files'}`

/** The status line: the folder being searched and the count, or how the search ended. */
function useStatusText(): string {
  const { state, folder, count, ended, failure } = useFindStore(
    useShallow((store) => ({ state: store.state, folder: store.folder, count: store.results.length, ended: store.ended, failure: store.failure })),
  )
  const unreadable = ended && ended.unreadable > 0 ? ` ${ended.unreadable.toLocaleString('en-US')} could not be read.` : ''
  switch (state) {
    case 'idle':
      return 'Type a mask and press Start.'
    case 'running':
      return `Searching ${displayName(folder)} … ${counted(count)} found.`
    case 'done':
      return `Done: ${counted(count)} found.${ended?.isTruncated ? ` The search stopped at the first ${maxFindResults.toLocaleString('en-US')}.` : ''}${unreadable}`
    case 'cancelled':
      return `Stopped: ${counted(count)} found.${unreadable}`
    case 'failed':
      return failure?.message ?? ended?.error?.message ?? 'The search failed.'
  }
}

function FindForm({ place }: { readonly place: FindPlace }) {
  const [mask, setMask] = useState(() => useFindStore.getState().lastMask)
  const [folder, setFolder] = useState(place.folder)
  const [isHiddenIncluded, setHiddenIncluded] = useState(place.isHiddenShown)
  const { state, hasChoice } = useFindStore(useShallow((store) => ({ state: store.state, hasChoice: store.selection.selected.size > 0 || store.results[store.selection.cursor] !== undefined })))
  const status = useStatusText()
  const parsed = parseFileMask(mask)
  const isRunning = state === 'running'
  const canStart = parsed.ok && folder.trim() !== '' && !isRunning
  const transferLabel = otherPane(place.paneKey) === null ? null : place.target.kind === 'remote' ? 'Download' : 'Upload'
  const close = () => useFindStore.getState().close()
  const onStart = (event?: FormEvent) => {
    event?.preventDefault()
    if (canStart) void useFindStore.getState().start(folder.trim(), mask, isHiddenIncluded)
  }
  return (
    <Dialog
      title="Find files"
      className="find-dialog"
      onCancel={close}
      actions={
        <button type="button" onClick={close}>
          Close
        </button>
      }
    >
      <form className="find-form stacked-fields" onSubmit={onStart}>
        <label className="field">
          <span>File mask</span>
          <input data-autofocus value={mask} spellCheck={false} aria-invalid={!parsed.ok} aria-describedby="find-mask-hint" onChange={(event) => setMask(event.target.value)} />
        </label>
        <label className="field">
          <span>Search in</span>
          <input value={folder} spellCheck={false} onChange={(event) => setFolder(event.target.value)} />
        </label>
        <div className="find-controls">
          <label className="toggle">
            <input type="checkbox" checked={isHiddenIncluded} onChange={(event) => setHiddenIncluded(event.target.checked)} />
            Include hidden files
          </label>
          <button type="submit" className="primary" disabled={!canStart}>
            Start
          </button>
          <button type="button" disabled={!isRunning} onClick={() => useFindStore.getState().stop()}>
            Stop
          </button>
        </div>
        {folder.trim() === '' && (
          <p className="form-error" role="alert">
            Name the folder to search in.
          </p>
        )}
        {parsed.ok ? (
          <p id="find-mask-hint" className="form-hint">
            {'*.log;*.txt several masks · old*|*.bak exclude after | · node_modules/ a folder · >1M <100K size · >7D modified within 7 days · >2026-01-01'}
          </p>
        ) : (
          <p id="find-mask-hint" className="form-error" role="alert">
            {parsed.message}
          </p>
        )}
      </form>
      <FindResults transferLabel={transferLabel} onGoTo={goToResult} onEdit={editResults} onTransfer={transferResults} onDelete={() => void askDeleteResults()} />
      <div className="find-footer">
        <p className="find-status" role="status" aria-label="Find status">
          {/* A refusal of the last start is stale once the mask is wrong again: the mask's own message says why. */}
          {parsed.ok || state !== 'failed' ? status : ''}
        </p>
        <div className="find-actions">
          <button type="button" disabled={!hasChoice} onClick={() => goToResult()}>
            Go to
          </button>
          <button type="button" disabled={!hasChoice} onClick={editResults}>
            Edit
          </button>
          {transferLabel && (
            <button type="button" disabled={!hasChoice} onClick={transferResults}>
              {transferLabel}
            </button>
          )}
          <button type="button" disabled={!hasChoice} onClick={() => void askDeleteResults()}>
            Delete…
          </button>
        </div>
      </div>
    </Dialog>
  )
}

/** The dialog `Find files` (Alt+F7), when open: its search and results belong to the pane it was opened from. */
export function FindDialog() {
  const place = useFindStore((state) => state.place)
  return place ? <FindForm key={`${place.paneKey}:${place.folder}`} place={place} /> : null
}
