import { useState, type FormEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { useExternalEditsStore, type EditWithQuestion } from '../../stores/external-edits-store'
import { useSettingsStore } from '../../stores/settings-store'

function EditWithForm({ asking }: { readonly asking: EditWithQuestion }) {
  const editing = useSettingsStore((state) => state.settings.editing)
  const [command, setCommand] = useState(editing.externalCommand)
  const [isDefault, setIsDefault] = useState(editing.isExternalDefault)
  const cancel = () => useExternalEditsStore.getState().ask(null)
  const open = (event?: FormEvent) => {
    event?.preventDefault()
    cancel()
    // Kept for next time only once the program started: a mistyped one is not made the default.
    void useExternalEditsStore
      .getState()
      .start(asking.target, asking.paths, command.trim())
      .then((isStarted) => {
        if (isStarted) void useSettingsStore.getState().update({ editing: { externalCommand: command.trim(), isExternalDefault: isDefault } })
      })
  }
  const count = asking.paths.length
  return (
    <Dialog
      title="Edit with"
      onCancel={cancel}
      actions={
        <>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => open()}>
            Open
          </button>
        </>
      }
    >
      <form className="profile-form name-form" onSubmit={open}>
        <p>{count === 1 ? asking.paths[0] : `${count} files`}</p>
        <label className="field">
          <span>Command</span>
          <input data-autofocus value={command} placeholder="The system's default application" spellCheck={false} onChange={(event) => setCommand(event.target.value)} />
        </label>
        <p className="form-hint">
          A program and its arguments, such as <code>code --wait %f</code> or <code>gedit</code>; <code>%f</code> is the file (added at the end when missing). Empty: the system’s
          default application.{asking.target.kind === 'remote' && ' Skiff keeps a private copy and uploads each save.'}
        </p>
        <label className="toggle">
          <input type="checkbox" checked={isDefault} onChange={(event) => setIsDefault(event.target.checked)} />
          Use for F4
        </label>
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}

/** `Edit with…`: the program to open the file with (kept for next time), and whether F4 uses it from now on. */
export function EditWithDialog() {
  const asking = useExternalEditsStore((state) => state.asking)
  return asking ? <EditWithForm asking={asking} /> : null
}
