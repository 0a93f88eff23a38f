import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Dialog } from '../../components/Dialog'
import { useProfilesStore } from '../../stores/profiles-store'
import { ProfileDialog } from './ProfileDialog'
import { ImportDialog } from './ImportDialog'

/** Sets the master password (first use) or unlocks with it; Forgot drops the remembered secrets. */
function MasterPasswordDialog() {
  const { secrets, masterError } = useProfilesStore(useShallow((state) => ({ secrets: state.secrets, masterError: state.masterError })))
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const [isForgetting, setIsForgetting] = useState(false)
  const store = useProfilesStore.getState()
  const isNew = !secrets?.isSet

  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault()
    if (isNew && password !== repeat) return setMismatch(true)
    setMismatch(false)
    void store.answerMaster(password)
  }
  const error = mismatch ? 'The two passwords differ.' : masterError

  if (isForgetting) {
    return (
      <Dialog
        role="alertdialog"
        title="Forget master password"
        onCancel={() => setIsForgetting(false)}
        actions={
          <>
            <button type="button" data-autofocus onClick={() => setIsForgetting(false)}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => void store.forgetMaster().then(() => setIsForgetting(false))}>
              Forget remembered passwords
            </button>
          </>
        }
      >
        <p>Every remembered password and passphrase is deleted; your host profiles stay. You then set a new master password.</p>
      </Dialog>
    )
  }
  return (
    <Dialog
      title="Master password"
      onCancel={store.cancelMaster}
      actions={
        <>
          {!isNew && (
            <button type="button" className="link-button" onClick={() => setIsForgetting(true)}>
              Forgot master password
            </button>
          )}
          <button type="button" onClick={store.cancelMaster}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => onSubmit()}>
            {isNew ? 'Set master password' : 'Unlock'}
          </button>
        </>
      }
    >
      <form onSubmit={onSubmit} className="profile-form">
        <p>
          {isNew
            ? 'Remembered passwords are sealed with a master password (this system has no keyring Skiff can use). Choose one of at least 8 characters; Skiff asks for it once per run.'
            : 'Remembered passwords are sealed. Enter the master password to use them in this run.'}
        </p>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <label className="field">
          <span>Master password</span>
          <input type="password" data-autofocus value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {isNew && (
          <label className="field">
            <span>Repeat master password</span>
            <input type="password" value={repeat} onChange={(event) => setRepeat(event.target.value)} />
          </label>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}

function DeleteProfileDialog() {
  const deleting = useProfilesStore((state) => state.deleting)
  if (!deleting) return null
  const store = useProfilesStore.getState()
  return (
    <Dialog
      role="alertdialog"
      title="Delete profile"
      onCancel={() => store.askDelete(null)}
      actions={
        <>
          <button type="button" data-autofocus onClick={() => store.askDelete(null)}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={() => void store.remove(deleting.profileId)}>
            Delete
          </button>
        </>
      }
    >
      <p>
        Delete the profile <strong>{deleting.name}</strong> and its remembered password? Nothing on the server changes.
      </p>
    </Dialog>
  )
}

/** The profile dialogs, one at a time. */
export function ProfileDialogs() {
  const askingMaster = useProfilesStore((state) => state.askingMaster)
  return (
    <>
      <ProfileDialog />
      <ImportDialog />
      <DeleteProfileDialog />
      {askingMaster && <MasterPasswordDialog />}
    </>
  )
}
