import type { ExternalEdit } from '../../../shared/models/editor'
import { Dialog } from '../../components/Dialog'
import { useExternalEditsStore } from '../../stores/external-edits-store'

function stateLine(edit: ExternalEdit): string {
  const uploaded = edit.lastUploadAt === null ? 'no save uploaded yet' : `last uploaded ${new Date(edit.lastUploadAt).toLocaleTimeString(undefined, { hour12: false })}`
  switch (edit.state) {
    case 'uploading':
      return 'Uploading…'
    case 'changed':
    case 'failed':
      return edit.message ?? 'Not uploaded.'
    default:
      return `Watching for saves; ${uploaded}`
  }
}

/** `Stop editing` while the last save is not on the server: what would be lost, and Cancel (the default). */
export function StopEditingDialog() {
  const edit = useExternalEditsStore((state) => state.edits.find((e) => e.editId === state.stopping))
  if (!edit) return null
  const { requestStop, stop } = useExternalEditsStore.getState()
  const cancel = () => requestStop(null)
  return (
    <Dialog
      role="alertdialog"
      title="Stop editing"
      onCancel={cancel}
      actions={
        <>
          <button type="button" className="primary" data-autofocus onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={() => void stop(edit.editId)}>
            Stop editing
          </button>
        </>
      }
    >
      <p>
        The last save of <strong>{edit.name}</strong> is not on the server.
      </p>
      {edit.message && <p>{edit.message}</p>}
      <p>Stopping removes Skiff’s copy ({edit.localPath}), and that save with it, unless the program that edits it still holds it.</p>
    </Dialog>
  )
}

/** The files being edited with other programs: each with its last upload, Overwrite when the server's copy changed, and Stop editing. */
export function EditingList() {
  const edits = useExternalEditsStore((state) => state.edits)
  if (edits.length === 0) return null
  const { requestStop, overwrite } = useExternalEditsStore.getState()
  return (
    <section className="editing-list" aria-label="Editing">
      <h2 className="transfers-title">Editing</h2>
      <ul>
        {edits.map((edit) => (
          <li key={edit.editId} className={`editing-item state-${edit.state}`} aria-label={edit.name}>
            <span className="editing-name" title={edit.path}>
              {edit.name}
            </span>
            <span className="editing-state">{stateLine(edit)}</span>
            {edit.state === 'changed' && (
              <button type="button" className="danger" onClick={() => void overwrite(edit.editId)}>
                Overwrite
              </button>
            )}
            <button type="button" title={`Stop uploading saves of ${edit.localPath} and remove that copy`} onClick={() => requestStop(edit.editId)}>
              Stop editing
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
