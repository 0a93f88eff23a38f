import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ImportAction } from '../../../shared/models/profile-import'
import { Dialog } from '../../components/Dialog'
import { useProfilesStore } from '../../stores/profiles-store'

function describe(action: ImportAction): string {
  const { candidate } = action
  const address = `${candidate.username ? `${candidate.username}@` : ''}${candidate.host}${candidate.port ? `:${candidate.port}` : ''}`
  const via = candidate.proxyJump ? ` via ${candidate.proxyJump}` : ''
  if (action.kind === 'create') return `new: ${address}${via}`
  if (action.kind === 'update') return `update: ${action.changes.join(', ')}`
  return `skip: ${action.reason}`
}

/** `Import hosts`: reads an OpenSSH client config, previews what it would do, then does the chosen part. */
export function ImportDialog() {
  const { isImporting, preview, error } = useProfilesStore(
    useShallow((state) => ({ isImporting: state.isImporting, preview: state.importPreview, error: state.importError })),
  )
  const [path, setPath] = useState('')
  const [unchosen, setUnchosen] = useState<ReadonlySet<string>>(new Set())
  if (!isImporting) return null
  const store = useProfilesStore.getState()
  const importable = preview?.actions.filter((action) => action.kind !== 'skip') ?? []
  const chosen = importable.map((action) => action.candidate.alias).filter((alias) => !unchosen.has(alias))

  const onPreview = (event?: FormEvent) => {
    event?.preventDefault()
    setUnchosen(new Set())
    void store.previewImport(path)
  }
  const toggle = (alias: string, isChosen: boolean) => {
    const next = new Set(unchosen)
    if (isChosen) next.delete(alias)
    else next.add(alias)
    setUnchosen(next)
  }

  return (
    <Dialog
      title="Import hosts"
      onCancel={() => store.openImport(false)}
      actions={
        <>
          <button type="button" onClick={() => store.openImport(false)}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={chosen.length === 0} onClick={() => void store.runImport(path, chosen)}>
            Import {chosen.length > 0 ? chosen.length : ''}
          </button>
        </>
      }
    >
      <form className="profile-form import-form" onSubmit={onPreview}>
        <label className="field">
          <span>Config file</span>
          <input data-autofocus value={path} placeholder="~/.ssh/config" spellCheck={false} onChange={(event) => setPath(event.target.value)} />
        </label>
        <button type="submit">Preview</button>
      </form>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {preview && (
        <div className="import-preview">
          <p className="muted">From {preview.path}. Nothing is written until you press Import.</p>
          <ul aria-label="Import preview" className="import-actions">
            {preview.actions.map((action) => (
              <li key={action.candidate.alias} className={`import-${action.kind}`}>
                {action.kind === 'skip' ? (
                  <span>
                    <strong>{action.candidate.alias}</strong> — {describe(action)}
                  </span>
                ) : (
                  <label className="toggle">
                    <input type="checkbox" checked={!unchosen.has(action.candidate.alias)} onChange={(event) => toggle(action.candidate.alias, event.target.checked)} />
                    <strong>{action.candidate.alias}</strong> — {describe(action)}
                  </label>
                )}
              </li>
            ))}
          </ul>
          {preview.problems.length > 0 && (
            <ul aria-label="Import notes" className="import-problems muted">
              {preview.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  )
}
