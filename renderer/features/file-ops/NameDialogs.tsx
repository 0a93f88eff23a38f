import { useState, type FormEvent } from 'react'
import type { ErrorInfo } from '../../../shared/models/errors'
import { Dialog } from '../../components/Dialog'
import { useFileOpsStore, type FileDialog } from '../../stores/file-ops-store'
import { usePanesStore } from '../../stores/panes-store'
import { displayName } from '../file-grid/display-name'
import { copyName, createEntry, createLink, extensionOf, nameProblemIn, runDuplicate } from './file-commands'

const close = () => useFileOpsStore.getState().show(null)

/** One textbox `Name` with its problem shown under it, checked as it is typed. */
function NameField({ label, value, onChange, problem, selectTo }: { label: string; value: string; onChange: (value: string) => void; problem: string | null; selectTo?: number }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        data-autofocus
        value={value}
        spellCheck={false}
        aria-invalid={problem !== null}
        onChange={(event) => onChange(event.target.value)}
        onFocus={(event) => event.target.setSelectionRange(0, selectTo ?? event.target.value.length)}
      />
    </label>
  )
}

/** Submits, then shows what the file system answered, or closes. */
function useSubmit(work: () => Promise<ErrorInfo | null>) {
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    setBusy(true)
    const error = await work()
    setBusy(false)
    if (error) setFailure(error.message)
    else close()
  }
  return { failure, isBusy, submit, clear: () => setFailure(null) }
}

/** `New folder` (F7), `New file` (Shift+F4) and `Duplicate` (Shift+F5): one name, checked before anything is sent. */
export function NameDialog({ dialog }: { readonly dialog: Extract<FileDialog, { kind: 'new-folder' | 'new-file' | 'duplicate' }> }) {
  const isDuplicate = dialog.kind === 'duplicate'
  const source = isDuplicate ? dialog.name : ''
  const rows = usePanesStore.getState().panes[dialog.paneKey]?.rows ?? []
  const initial = isDuplicate ? copyName(source, dialog.isFolder, new Set(rows.map((row) => row.name))) : ''
  const [name, setName] = useState(initial)
  const problem = name === '' ? null : nameProblemIn(dialog.paneKey, name)
  const { failure, isBusy, submit, clear } = useSubmit(() =>
    isDuplicate ? runDuplicate(dialog.paneKey, source, name) : createEntry(dialog.paneKey, dialog.kind, name),
  )
  const canSubmit = name !== '' && problem === null && !isBusy && name !== source
  const title = dialog.kind === 'new-folder' ? 'New folder' : dialog.kind === 'new-file' ? 'New file' : 'Duplicate'
  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault()
    if (canSubmit) void submit()
  }
  return (
    <Dialog
      title={title}
      onCancel={close}
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canSubmit} onClick={() => onSubmit()}>
            {isDuplicate ? 'Duplicate' : 'Create'}
          </button>
        </>
      }
    >
      <form className="profile-form name-form" onSubmit={onSubmit}>
        {isDuplicate && <p>{`A copy of "${displayName(source)}" in the same folder. The server copies it itself where it can.`}</p>}
        <NameField
          label="Name"
          value={name}
          problem={problem}
          selectTo={isDuplicate ? initial.length - extensionOf(source, dialog.isFolder).length : undefined}
          onChange={(value) => {
            clear()
            setName(value)
          }}
        />
        {(problem ?? failure) && (
          <p className="form-error" role="alert">
            {problem ?? failure}
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}

/** `New link` (Alt+F6): a link's name and where it points, as written. */
export function NewLinkDialog({ dialog }: { readonly dialog: Extract<FileDialog, { kind: 'new-link' }> }) {
  const [linkName, setLinkName] = useState(dialog.linkName)
  const [pointsTo, setPointsTo] = useState(dialog.pointsTo)
  const problem = linkName === '' ? null : nameProblemIn(dialog.paneKey, linkName)
  const { failure, isBusy, submit, clear } = useSubmit(() => createLink(dialog.paneKey, linkName, pointsTo))
  const canSubmit = linkName !== '' && pointsTo !== '' && problem === null && !isBusy
  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault()
    if (canSubmit) void submit()
  }
  return (
    <Dialog
      title="New link"
      onCancel={close}
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canSubmit} onClick={() => onSubmit()}>
            Create
          </button>
        </>
      }
    >
      <form className="profile-form name-form" onSubmit={onSubmit}>
        <NameField
          label="Link name"
          value={linkName}
          problem={problem}
          onChange={(value) => {
            clear()
            setLinkName(value)
          }}
        />
        <label className="field">
          <span>Points to</span>
          <input
            value={pointsTo}
            spellCheck={false}
            onChange={(event) => {
              clear()
              setPointsTo(event.target.value)
            }}
          />
        </label>
        <p className="form-hint">A symbolic link, kept as written: a relative target is taken from the link’s folder.</p>
        {(problem ?? failure) && (
          <p className="form-error" role="alert">
            {problem ?? failure}
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}
