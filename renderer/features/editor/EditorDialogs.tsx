import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { useEditorsStore, type EditorQuestion } from '../../stores/editors-store'
import { formatSize } from '../file-grid/entry-format'
import { downloadFile } from './download-file'

type Question<K extends EditorQuestion['kind']> = Extract<EditorQuestion, { kind: K }>

const dismiss = () => useEditorsStore.getState().answer(null)

/** Closing a tab with unsaved changes: `Save`, `Discard` or `Cancel`. */
function UnsavedDialog({ question }: { readonly question: Question<'unsaved'> }) {
  const tab = useEditorsStore((state) => state.editors.find((t) => t.editorId === question.editorId))
  if (!tab) return null
  const { save, close } = useEditorsStore.getState()
  const isWaiting = tab.save.kind === 'waiting'
  return (
    <Dialog
      role="alertdialog"
      title="Unsaved changes"
      onCancel={dismiss}
      actions={
        <>
          <button
            type="button"
            className="primary"
            data-autofocus
            disabled={isWaiting}
            onClick={async () => {
              dismiss()
              if (await save(tab.editorId)) close(tab.editorId)
            }}
          >
            Save
          </button>
          <button type="button" className="danger" onClick={() => close(tab.editorId)}>
            Discard
          </button>
          <button type="button" onClick={dismiss}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        <strong>{tab.name}</strong> has changes that are not on {tab.target.kind === 'remote' ? 'the server' : 'disk'} yet.
        {isWaiting && ' The connection is down, so they cannot be saved until you Reconnect.'}
      </p>
    </Dialog>
  )
}

/** The file changed on the server since it was opened: `Overwrite`, `Reload` (after a confirmation) or `Cancel`. */
function ChangedDialog({ question }: { readonly question: Question<'changed'> }) {
  const [isConfirmingReload, setIsConfirmingReload] = useState(false)
  const tab = useEditorsStore((state) => state.editors.find((t) => t.editorId === question.editorId))
  if (!tab) return null
  const { save, reload } = useEditorsStore.getState()
  const where = tab.target.kind === 'remote' ? 'server' : 'disk'
  if (isConfirmingReload) {
    return (
      <Dialog
        role="alertdialog"
        title="Reload and lose your changes?"
        onCancel={() => setIsConfirmingReload(false)}
        actions={
          <>
            <button
              type="button"
              className="danger"
              onClick={() => {
                dismiss()
                void reload(tab.editorId)
              }}
            >
              Reload
            </button>
            <button type="button" className="primary" data-autofocus onClick={() => setIsConfirmingReload(false)}>
              Cancel
            </button>
          </>
        }
      >
        <p>Your edits to {tab.name} are replaced by the copy now on the {where}. This cannot be undone from Skiff.</p>
      </Dialog>
    )
  }
  return (
    <Dialog
      role="alertdialog"
      title={`File changed on ${where}`}
      onCancel={dismiss}
      actions={
        <>
          <button
            type="button"
            className="danger"
            onClick={() => {
              dismiss()
              void save(tab.editorId, { isForced: true })
            }}
          >
            Overwrite
          </button>
          <button type="button" onClick={() => setIsConfirmingReload(true)}>
            Reload
          </button>
          <button type="button" className="primary" data-autofocus onClick={dismiss}>
            Cancel
          </button>
        </>
      }
    >
      <p>{question.message}</p>
      <p>Overwrite replaces it with your text; Reload shows the {where}’s copy instead of your edits; Cancel leaves both as they are.</p>
    </Dialog>
  )
}

/** Saving would give someone else's file to the person: `Save anyway` or `Cancel`. */
function OwnerDialog({ question }: { readonly question: Question<'owner'> }) {
  const tab = useEditorsStore((state) => state.editors.find((t) => t.editorId === question.editorId))
  if (!tab) return null
  return (
    <Dialog
      role="alertdialog"
      title="Owner changes"
      onCancel={dismiss}
      actions={
        <>
          <button type="button" className="primary" data-autofocus onClick={dismiss}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              dismiss()
              void useEditorsStore.getState().save(tab.editorId, { ...question.choices, isOwnerChangeAllowed: true })
            }}
          >
            Save anyway
          </button>
        </>
      }
    >
      <p>{question.message}</p>
      <p>A safe save writes a new file and puts it in place of the old one, so the file is owned by whoever saves it. Its permissions stay as they were. Nothing was written yet.</p>
    </Dialog>
  )
}

/** F4 on a file that is not UTF-8 text: why, and Download instead. */
function NotTextDialog({ question }: { readonly question: Question<'not-text'> }) {
  const why = question.reason === 'binary' ? 'looks like a binary file (it holds NUL bytes)' : 'is not valid UTF-8 text'
  const canDownload = question.target.kind === 'remote'
  return (
    <Dialog
      title="Not a text file"
      onCancel={dismiss}
      actions={
        <>
          {canDownload && (
            <button
              type="button"
              className="primary"
              data-autofocus
              onClick={() => {
                dismiss()
                downloadFile(question.target, question.path)
              }}
            >
              Download
            </button>
          )}
          <button type="button" {...(canDownload ? {} : { 'data-autofocus': true })} onClick={dismiss}>
            {canDownload ? 'Cancel' : 'Close'}
          </button>
        </>
      }
    >
      <p>
        {question.path} {why}, so the built-in editor does not open it: saving would change its bytes.
        {canDownload ? ' Download it to the local pane’s folder and open it with a program made for it.' : ' Open it with a program made for it, or view it with F3.'}
      </p>
    </Dialog>
  )
}

/** A file over 10 MiB: open it anyway, or not. */
function LargeDialog({ question }: { readonly question: Question<'large'> }) {
  return (
    <Dialog
      title="Large file"
      onCancel={dismiss}
      actions={
        <>
          <button
            type="button"
            className="primary"
            data-autofocus
            onClick={() => {
              dismiss()
              void useEditorsStore.getState().open(question.target, question.path, question.purpose, true)
            }}
          >
            Open
          </button>
          <button type="button" onClick={dismiss}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        {question.path} is {formatSize(question.size)}. Opening it reads all of it into the {question.purpose === 'edit' ? 'editor' : 'viewer'}, which may take a while and use a lot of memory.
      </p>
    </Dialog>
  )
}

/** The editor's questions, one at a time. */
export function EditorDialogs() {
  const question = useEditorsStore((state) => state.question)
  if (!question) return null
  switch (question.kind) {
    case 'unsaved':
      return <UnsavedDialog question={question} />
    case 'changed':
      return <ChangedDialog key={question.editorId} question={question} />
    case 'owner':
      return <OwnerDialog question={question} />
    case 'not-text':
      return <NotTextDialog question={question} />
    case 'large':
      return <LargeDialog question={question} />
  }
}
