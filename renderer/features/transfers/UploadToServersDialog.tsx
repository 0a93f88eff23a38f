import { useState, type FormEvent } from 'react'
import type { ProfileId } from '../../../shared/models/ids'
import { Dialog } from '../../components/Dialog'
import { useDeployStore, type UploadSelection } from '../../stores/deploy-store'
import { usePanesStore } from '../../stores/panes-store'
import { remotePaneKey } from '../../stores/pane-state'
import { useProfilesStore } from '../../stores/profiles-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { displayName } from '../file-grid/display-name'

/** The server pane's folder when one is shown (the same path on every server), else the home folder. */
function firstFolder(): string {
  const activeId = useSessionsStore.getState().activeId
  return (activeId ? usePanesStore.getState().panes[remotePaneKey(activeId)]?.listing?.path : undefined) ?? '~'
}

function UploadForm({ selection }: { readonly selection: UploadSelection }) {
  const profiles = useProfilesStore((state) => state.profiles)
  const [chosen, setChosen] = useState<readonly ProfileId[]>([])
  const [folder, setFolder] = useState(firstFolder)
  const close = () => useDeployStore.getState().openUpload(null)
  const canUpload = chosen.length > 0 && folder.trim() !== ''
  const upload = (event?: FormEvent) => {
    event?.preventDefault()
    if (canUpload) void useDeployStore.getState().uploadTo(selection, chosen, folder.trim())
  }
  const toggle = (profileId: ProfileId, isOn: boolean) => setChosen(isOn ? [...chosen, profileId] : chosen.filter((id) => id !== profileId))
  const actions = (
    <>
      <button type="button" className="primary" disabled={!canUpload} onClick={() => upload()}>
        Upload
      </button>
      <button type="button" onClick={close}>
        Close
      </button>
    </>
  )
  return (
    <Dialog title="Upload to servers" className="upload-servers-dialog" onCancel={close} actions={actions}>
      <form className="stacked-fields" onSubmit={upload}>
        <p className="form-hint">{`${displayName(selection.name)}: one job per server, side by side (Settings → Servers at once when deploying).`}</p>
        <div role="group" aria-label="Servers" className="upload-servers-list">
          {profiles.length === 0 && <p className="form-hint">No saved hosts: save the servers as profiles first.</p>}
          {profiles.map((profile) => (
            <label key={profile.profileId} className="toggle">
              <input type="checkbox" checked={chosen.includes(profile.profileId)} onChange={(event) => toggle(profile.profileId, event.target.checked)} />
              {`${profile.name} (${profile.username}@${profile.host}:${profile.port})`}
            </label>
          ))}
        </div>
        <label className="field">
          <span>Remote folder</span>
          <input data-autofocus value={folder} spellCheck={false} title="The same folder on every server; ~/x is x in each server's home" onChange={(event) => setFolder(event.target.value)} />
        </label>
      </form>
    </Dialog>
  )
}

/** `Upload to servers…` (the local row menu): the selection to several saved hosts at once, when open. */
export function UploadToServersDialog() {
  const selection = useDeployStore((state) => state.uploading)
  return selection ? <UploadForm selection={selection} /> : null
}
