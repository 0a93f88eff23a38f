import { useState, type FormEvent } from 'react'
import { parseFileMask } from '../../../shared/models/file-mask'
import { Dialog } from '../../components/Dialog'
import { useKeepUpToDateStore } from '../../stores/keep-up-to-date-store'
import type { SyncPlace } from '../../stores/sync-store'
import './sync.css'

function Check({ label, checked, onChange, title }: { label: string; checked: boolean; onChange: (checked: boolean) => void; title?: string }) {
  return (
    <label className="toggle" title={title}>
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  )
}

function KeepForm({ place }: { readonly place: SyncPlace }) {
  const failure = useKeepUpToDateStore((state) => state.failure)
  const [localFolder, setLocalFolder] = useState(place.localFolder)
  const [remoteFolder, setRemoteFolder] = useState(place.remoteFolder)
  const [isSubfoldersIncluded, setSubfoldersIncluded] = useState(true)
  const [mask, setMask] = useState('')
  const [isGitignoreHonoured, setGitignoreHonoured] = useState(false)
  const [isDeleteExtra, setDeleteExtra] = useState(false)
  const [isSyncFirst, setSyncFirst] = useState(false)
  const [debounce, setDebounce] = useState('1')
  const [isStarting, setStarting] = useState(false)
  const parsed = parseFileMask(mask)
  const debounceSeconds = Number(debounce)
  const isDebounceValid = debounce.trim() !== '' && Number.isFinite(debounceSeconds) && debounceSeconds >= 0.1 && debounceSeconds <= 600
  const canStart = parsed.ok && isDebounceValid && localFolder.trim() !== '' && remoteFolder.trim() !== '' && !isStarting
  const close = () => useKeepUpToDateStore.getState().close()
  const onStart = (event?: FormEvent) => {
    event?.preventDefault()
    if (!canStart) return
    setStarting(true)
    const options = { localFolder: localFolder.trim(), remoteFolder: remoteFolder.trim(), isSubfoldersIncluded, mask, isGitignoreHonoured, isDeleteExtra, debounceMs: Math.round(debounceSeconds * 1000) }
    void useKeepUpToDateStore.getState().start(options, isSyncFirst).finally(() => setStarting(false))
  }
  return (
    <Dialog
      title="Keep up to date"
      className="keep-dialog"
      onCancel={close}
      actions={
        <>
          <button type="submit" form="keep-form" className="primary" disabled={!canStart}>
            Start
          </button>
          <button type="button" onClick={close}>
            Close
          </button>
        </>
      }
    >
      <form id="keep-form" className="sync-form" onSubmit={onStart}>
        <p className="form-hint">Watches the local folder and uploads what changes there (new, changed and renamed files) to the server folder, a moment after it goes quiet.</p>
        <fieldset className="sync-options stacked-fields">
          <label className="field">
            <span>Local folder</span>
            <input data-autofocus value={localFolder} spellCheck={false} onChange={(event) => setLocalFolder(event.target.value)} />
          </label>
          <label className="field">
            <span>{`Remote folder (${place.serverName})`}</span>
            <input value={remoteFolder} spellCheck={false} aria-label="Remote folder" onChange={(event) => setRemoteFolder(event.target.value)} />
          </label>
          <label className="field sync-mask">
            <span>File mask</span>
            <input value={mask} spellCheck={false} placeholder="everything" aria-invalid={!parsed.ok} aria-describedby="keep-mask-hint" onChange={(event) => setMask(event.target.value)} />
          </label>
          <label className="field keep-debounce">
            <span>Debounce (seconds)</span>
            <input value={debounce} inputMode="decimal" aria-invalid={!isDebounceValid} title="How long the folder must stay quiet before its changes go (0.1 to 600)" onChange={(event) => setDebounce(event.target.value)} />
          </label>
          {parsed.ok ? (
            <p id="keep-mask-hint" className="form-hint">
              {'*.html;*.css only these · |*.tmp; node_modules/ leave out after | · left out means neither uploaded nor deleted'}
            </p>
          ) : (
            <p id="keep-mask-hint" className="form-error" role="alert">
              {parsed.message}
            </p>
          )}
          <div className="sync-choice" role="group" aria-label="Options">
            <span className="sync-choice-label">Options</span>
            <Check label="Subfolders" checked={isSubfoldersIncluded} onChange={setSubfoldersIncluded} title="Watch the folders below too" />
            <Check label="Leave out what .gitignore files ignore" checked={isGitignoreHonoured} onChange={setGitignoreHonoured} />
            <Check label="Synchronize first" checked={isSyncFirst} onChange={setSyncFirst} title="Preview an upload synchronization of the two folders; watching starts after its Start" />
          </div>
          <div className="sync-choice">
            <span className="sync-choice-label" />
            <Check label="Delete extra files on the target" checked={isDeleteExtra} onChange={setDeleteExtra} title="What is removed here is deleted on the server" />
          </div>
        </fieldset>
        <div className="sync-controls">
          {isDeleteExtra && <span className="sync-warning">Files removed (or renamed) here will be deleted on the server too.</span>}
          {failure && (
            <span className="form-error" role="alert">
              {failure.message}
            </span>
          )}
        </div>
      </form>
    </Dialog>
  )
}

/** The dialog `Keep up to date` (Ctrl+U in a pane), when open. */
export function KeepUpToDateDialog() {
  const place = useKeepUpToDateStore((state) => state.place)
  return place ? <KeepForm key={`${place.localFolder}\0${place.remoteFolder}`} place={place} /> : null
}
