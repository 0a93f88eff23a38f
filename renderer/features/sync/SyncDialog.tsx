import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { parseFileMask } from '../../../shared/models/file-mask'
import type { SyncDirection, SyncMode } from '../../../shared/models/sync'
import { Dialog } from '../../components/Dialog'
import { useSettingsStore } from '../../stores/settings-store'
import { hasWork, isRunnable, useSyncStore, type SyncOptions, type SyncPlace } from '../../stores/sync-store'
import { baseName } from '../pane/fs-path'
import { SyncPreview } from './SyncPreview'
import { DeployPicker, DeployStatus } from './DeployTargets'
import { uncheckedPathsOf, useDeployStore } from '../../stores/deploy-store'
import { loadSyncChoices, saveSyncChoices } from './sync-choices'
import { ConflictNote } from './ConflictChoice'
import { checkedTallies, talliesText } from './sync-format'
import './sync.css'

function Radio<T extends string>({ name, value, current, label, onChange, disabled, title }: { name: string; value: T; current: T; label: string; onChange: (value: T) => void; disabled?: boolean; title?: string }) {
  return (
    <label className="toggle" title={title}>
      <input type="radio" name={name} checked={current === value} disabled={disabled} onChange={() => onChange(value)} />
      {label}
    </label>
  )
}

/** The status line under the preview: what is being done, what Start will do (checked rows only), or why it failed. */
function useStatusText(): string {
  const { phase, ended, failure, rows, unchecked } = useSyncStore(useShallow((store) => ({ phase: store.phase, ended: store.ended, failure: store.failure, rows: store.rows, unchecked: store.unchecked })))
  const tallies = useMemo(() => (phase === 'preview' ? checkedTallies(rows, unchecked) : null), [phase, rows, unchecked])
  if (failure) return failure.message
  if (phase === 'setup') return 'Choose what to synchronize, then Preview: nothing changes before Start.'
  if (phase === 'previewing') return `Comparing both folders… ${rows.length.toLocaleString('en-US')} actions so far.`
  if (phase === 'failed') return 'The preview failed.'
  if (!ended || !tallies) return ''
  if (unchecked.size === 0) return talliesText(tallies, ended.entriesCompared)
  const left = `${unchecked.size.toLocaleString('en-US')} unchecked`
  const isNothingChecked = rows.every((row) => !isRunnable(row) || unchecked.has(row.id))
  return isNothingChecked ? `Nothing checked: Start has nothing to do · ${left}` : `${talliesText(tallies, ended.entriesCompared)} · ${left}`
}

function SyncForm({ place }: { readonly place: SyncPlace }) {
  const tolerance = useSettingsStore((state) => state.settings.sync.toleranceSeconds)
  const preset = place.preset?.options
  const [localFolder, setLocalFolder] = useState(place.localFolder)
  const [remoteFolder, setRemoteFolder] = useState(place.remoteFolder)
  const [initial] = useState(() => ({ ...loadSyncChoices(), ...preset }))
  const [direction, setDirection] = useState<SyncDirection>(initial.direction)
  const [mode, setMode] = useState<SyncMode>(initial.mode)
  const [isDeleteExtra, setDeleteExtra] = useState(initial.isDeleteExtra)
  const [isTimeCompared, setTimeCompared] = useState(initial.isTimeCompared)
  const [isSizeCompared, setSizeCompared] = useState(initial.isSizeCompared)
  const [isChecksumCompared, setChecksumCompared] = useState(initial.isChecksumCompared)
  const [mask, setMask] = useState(initial.mask)
  const [isGitignoreHonoured, setGitignoreHonoured] = useState(initial.isGitignoreHonoured)
  const { phase, hasRunnable } = useSyncStore(useShallow((store) => ({ phase: store.phase, hasRunnable: store.phase === 'preview' && hasWork(store) })))
  const status = useStatusText()
  const isDeployPending = useDeployStore((state) => state.targets.some((target) => target.state === 'connecting' || target.state === 'previewing'))
  const parsed = parseFileMask(mask)
  const isEditable = phase === 'setup' || phase === 'failed'
  const canPreview = parsed.ok && localFolder.trim() !== '' && remoteFolder.trim() !== '' && phase !== 'previewing'
  const close = () => useSyncStore.getState().close()
  const options = (): SyncOptions => ({
    localFolder: localFolder.trim(),
    remoteFolder: remoteFolder.trim(),
    direction,
    mode,
    isDeleteExtra: direction !== 'both' && isDeleteExtra,
    criteria: { isTimeCompared, isSizeCompared, isChecksumCompared, toleranceSeconds: tolerance },
    mask,
    isGitignoreHonoured,
  })
  const onPreview = (event?: FormEvent) => {
    event?.preventDefault()
    if (!canPreview) return
    saveSyncChoices(options())
    void useSyncStore.getState().preview(options())
    if (direction === 'upload') void useDeployStore.getState().preview(options())
  }
  const onStart = async () => {
    const { rows, unchecked } = useSyncStore.getState()
    const isDeploying = useDeployStore.getState().targets.length > 0
    const uncheckedPaths = uncheckedPathsOf(rows, unchecked)
    const group = isDeploying ? crypto.randomUUID() : undefined
    const transferId = await useSyncStore.getState().start(group)
    if (transferId && group) await useDeployStore.getState().start(baseName(localFolder.trim(), localFolder.includes('\\') ? '\\' : '/'), { name: place.serverName, transferId }, uncheckedPaths, group)
  }
  // Synchronize first (Keep up to date) comes with its options set: it previews at once.
  const isPreviewed = useRef(false)
  useEffect(() => {
    if (!place.preset || isPreviewed.current) return
    isPreviewed.current = true
    onPreview()
  })
  const target = direction === 'download' ? 'this computer' : 'the server'
  return (
    <Dialog
      title="Synchronize"
      className="sync-dialog"
      onCancel={close}
      actions={
        <>
          <button type="button" className="primary" disabled={(!hasRunnable || isDeployPending) && !(place.preset && phase === 'preview')} onClick={() => void onStart()}>
            Start
          </button>
          <button type="button" onClick={close}>
            Close
          </button>
        </>
      }
    >
      <form className="sync-form" onSubmit={onPreview}>
        <fieldset className="sync-options stacked-fields" disabled={!isEditable}>
          <label className="field">
            <span>Local folder</span>
            <input data-autofocus value={localFolder} spellCheck={false} onChange={(event) => setLocalFolder(event.target.value)} />
          </label>
          <label className="field">
            <span>{`Remote folder (${place.serverName})`}</span>
            <input value={remoteFolder} spellCheck={false} aria-label="Remote folder" onChange={(event) => setRemoteFolder(event.target.value)} />
          </label>
          <DeployPicker sessionId={place.sessionId} isUpload={direction === 'upload'} />
          <div className="sync-choice" role="radiogroup" aria-label="Direction">
            <span className="sync-choice-label">Direction</span>
            <Radio name="direction" value="upload" current={direction} label="Upload" onChange={setDirection} title="This computer to the server" />
            <Radio name="direction" value="download" current={direction} label="Download" onChange={setDirection} title="The server to this computer" />
            <Radio name="direction" value="both" current={direction} label="Both" onChange={setDirection} title="Each side gets what changed on the other since the last synchronization" />
          </div>
          {direction === 'both' && (
            <p className="sync-choice sync-both-note">
              {'Both copies what changed on either side since the last synchronization of these folders, deletes on each side what was deleted on the other since then, and asks about a file changed on both. The first time, the newer file wins and nothing is deleted.'}
            </p>
          )}
          <div className="sync-choice" role="radiogroup" aria-label="Mode" hidden={direction === 'both'}>
            <span className="sync-choice-label">Mode</span>
            <Radio name="mode" value="update" current={mode} label="Update" onChange={setMode} title="Copy files that are new or newer" />
            <Radio name="mode" value="mirror" current={mode} label="Mirror" onChange={setMode} title="Make the target like the source: newer target files are replaced too" />
            <label className="toggle sync-delete">
              <input type="checkbox" checked={isDeleteExtra && direction !== 'both'} disabled={direction === 'both'} onChange={(event) => setDeleteExtra(event.target.checked)} />
              Delete extra files on the target
            </label>
          </div>
          <div className="sync-choice" role="group" aria-label="Compare by">
            <span className="sync-choice-label">Compare by</span>
            <label className="toggle" title={`Times closer than ${tolerance} s are the same (settable in Settings)`}>
              <input type="checkbox" checked={isTimeCompared} onChange={(event) => setTimeCompared(event.target.checked)} />
              Modification time
            </label>
            <label className="toggle">
              <input type="checkbox" checked={isSizeCompared} onChange={(event) => setSizeCompared(event.target.checked)} />
              Size
            </label>
            <label className="toggle" title="Reads every file of equal size on both sides: slower">
              <input type="checkbox" checked={isChecksumCompared} onChange={(event) => setChecksumCompared(event.target.checked)} />
              Checksum (SHA-256)
            </label>
          </div>
          <label className="field sync-mask">
            <span>File mask</span>
            <input value={mask} spellCheck={false} placeholder="everything" aria-invalid={!parsed.ok} aria-describedby="sync-mask-hint" onChange={(event) => setMask(event.target.value)} />
          </label>
          <label className="toggle sync-gitignore">
            <input type="checkbox" checked={isGitignoreHonoured} onChange={(event) => setGitignoreHonoured(event.target.checked)} />
            Leave out what .gitignore files ignore
          </label>
          {parsed.ok ? (
            <p id="sync-mask-hint" className="form-hint">
              {'*.html;*.css only these · |*.tmp; node_modules/ leave out after | · left out means neither copied nor deleted'}
            </p>
          ) : (
            <p id="sync-mask-hint" className="form-error" role="alert">
              {parsed.message}
            </p>
          )}
        </fieldset>
        <div className="sync-controls">
          {/* Keyed apart: one element turned from button into submit during its click would submit the form. */}
          {isEditable ? (
            <button key="preview" type="submit" className="primary" disabled={!canPreview}>
              Preview
            </button>
          ) : (
            <button key="edit" type="button" onClick={() => useSyncStore.getState().edit()}>
              Change options
            </button>
          )}
          {place.preset && <span className="form-hint">Start queues this synchronization; Keep up to date watches the local folder from then on.</span>}
          {isDeleteExtra && direction !== 'both' && <span className="sync-warning">{`Files only on ${target} will be deleted there (after every copy succeeded).`}</span>}
        </div>
      </form>
      <SyncPreview />
      <ConflictNote />
      <DeployStatus />
      <p className="sync-status" role="status" aria-label="Synchronize status">
        {status}
      </p>
    </Dialog>
  )
}

/** The dialog `Synchronize` (Ctrl+S in a pane), when open. */
export function SyncDialog() {
  const place = useSyncStore((state) => state.place)
  return place ? <SyncForm key={`${place.localFolder}\0${place.remoteFolder}`} place={place} /> : null
}
