import { useState, type FormEvent, type ReactNode } from 'react'
import { Dialog } from '../../components/Dialog'
import type { ProfileId } from '../../../shared/models/ids'
import { profileColors, type AuthMethod, type ProfileFields } from '../../../shared/models/profile'
import { useProfilesStore, type ProfileEditor } from '../../stores/profiles-store'
import { useAppStore } from '../../stores/app-store'

const authLabels: Record<AuthMethod, string> = {
  password: 'Password',
  key: 'Private key',
  agent: 'SSH agent',
  'keyboard-interactive': 'Keyboard-interactive (one-time codes)',
}

/** The form's text, before it is checked and turned into fields. */
interface Draft {
  readonly name: string
  readonly host: string
  readonly port: string
  readonly username: string
  readonly authMethod: AuthMethod
  readonly privateKeyPath: string
  readonly secret: string
  readonly remember: boolean
  readonly localFolder: string
  readonly remoteFolder: string
  readonly keepalive: string
  readonly folder: string
  readonly color: ProfileFields['color']
  readonly notes: string
  readonly jumpProfileId: string
}

function draftOf(editor: ProfileEditor): Draft {
  const start = editor.start
  return {
    name: start.name,
    host: start.host,
    port: String(start.port),
    username: start.username,
    authMethod: start.authMethod,
    privateKeyPath: start.privateKeyPath ?? '',
    secret: editor.startSecret ?? '',
    remember: editor.profile?.hasSecret ?? false,
    localFolder: start.localFolder ?? '',
    remoteFolder: start.remoteFolder ?? '',
    keepalive: start.keepaliveSeconds ? String(start.keepaliveSeconds) : '',
    folder: start.folder,
    color: start.color,
    notes: start.notes ?? '',
    jumpProfileId: start.jumpProfileId ?? '',
  }
}

function fieldsOf(draft: Draft, start: ProfileFields): ProfileFields {
  const text = (value: string) => (value.trim() ? value.trim() : undefined)
  return {
    name: draft.name,
    host: draft.host,
    port: Number(draft.port.trim() || '22'),
    username: draft.username,
    authMethod: draft.authMethod,
    privateKeyPath: draft.authMethod === 'key' ? text(draft.privateKeyPath) : undefined,
    localFolder: text(draft.localFolder),
    remoteFolder: text(draft.remoteFolder),
    keepaliveSeconds: draft.keepalive.trim() ? Number(draft.keepalive) : undefined,
    folder: draft.folder,
    color: draft.color,
    notes: draft.notes || undefined,
    // A jump host picked here replaces an imported ProxyJump list; otherwise that list stays.
    ...(draft.jumpProfileId ? { jumpProfileId: draft.jumpProfileId as ProfileId } : start.proxyJump ? { proxyJump: start.proxyJump } : {}),
  }
}

function Labelled({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  )
}

/** `Host profile`: every field of a saved host; Save checks them in the main process. */
export function ProfileDialog() {
  const editor = useProfilesStore((state) => state.editor)
  if (!editor) return null
  return <ProfileForm key={editor.profile?.profileId ?? 'new'} editor={editor} />
}

function ProfileForm({ editor }: { readonly editor: ProfileEditor }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(editor))
  const store = useProfilesStore.getState()
  const update = <K extends keyof Draft>(field: K) => (value: Draft[K]) => setDraft((current) => ({ ...current, [field]: value }))
  const text = (field: 'name' | 'host' | 'port' | 'username' | 'privateKeyPath' | 'localFolder' | 'remoteFolder' | 'keepalive' | 'folder', label: string, extra: { placeholder?: string; inputMode?: 'numeric' } = {}) => (
    <Labelled label={label}>
      <input value={draft[field]} onChange={(event) => update(field)(event.target.value)} spellCheck={false} autoComplete="off" {...extra} />
    </Labelled>
  )
  const hasSecretField = draft.authMethod === 'password' || draft.authMethod === 'key'
  // Browser mode has no OS file chooser; the path is typed there.
  const hasFileChooser = useAppStore((state) => state.appInfo?.mode === 'electron')
  const jumpChoices = useProfilesStore((state) => state.profiles).filter((p) => p.profileId !== editor.profile?.profileId)
  const remembered = editor.profile?.hasSecret ?? false

  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault()
    // Blank while one is remembered keeps it; unticking Remember forgets it.
    const secret = !hasSecretField ? null : draft.secret !== '' ? draft.secret : remembered && draft.remember ? undefined : null
    void store.save({
      ...(editor.profile ? { profileId: editor.profile.profileId, revision: editor.profile.revision } : {}),
      fields: fieldsOf(draft, editor.start),
      ...(secret === undefined ? {} : { secret }),
      rememberSecret: hasSecretField && draft.remember,
    })
  }

  return (
    <Dialog
      title="Host profile"
      onCancel={store.closeEditor}
      actions={
        <>
          <button type="button" onClick={store.closeEditor}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => onSubmit()}>
            Save
          </button>
        </>
      }
    >
      <form className="profile-form" onSubmit={onSubmit}>
        {editor.error && (
          <p role="alert" className="form-error">
            {editor.error}
          </p>
        )}
        <div className="form-grid">
          {text('name', 'Name')}
          {text('host', 'Host', { placeholder: 'example.org' })}
          {text('port', 'Port', { inputMode: 'numeric' })}
          {text('username', 'User')}
          <Labelled label="Login with">
            <select value={draft.authMethod} onChange={(event) => update('authMethod')(event.target.value as AuthMethod)}>
              {Object.entries(authLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Labelled>
          {draft.authMethod === 'key' && text('privateKeyPath', 'Private key file', { placeholder: '/home/me/.ssh/id_ed25519' })}
          {draft.authMethod === 'key' && hasFileChooser && (
            <button
              type="button"
              className="browse-button"
              onClick={() => void store.chooseKeyFile().then((path) => path && update('privateKeyPath')(path))}
            >
              Browse…
            </button>
          )}
          {hasSecretField && (
            <Labelled label={draft.authMethod === 'key' ? 'Key passphrase' : 'Password'}>
              <input
                type="password"
                value={draft.secret}
                autoComplete="off"
                placeholder={remembered ? 'remembered (type to change)' : ''}
                onChange={(event) => update('secret')(event.target.value)}
              />
            </Labelled>
          )}
          {hasSecretField && (
            <label className="toggle">
              <input type="checkbox" checked={draft.remember} onChange={(event) => update('remember')(event.target.checked)} />
              Remember password
            </label>
          )}
          <Labelled label="Jump host">
            <select value={draft.jumpProfileId} onChange={(event) => update('jumpProfileId')(event.target.value)}>
              <option value="">{editor.start.proxyJump ? `ProxyJump ${editor.start.proxyJump}` : 'None: connect directly'}</option>
              {jumpChoices.map((profile) => (
                <option key={profile.profileId} value={profile.profileId}>
                  {profile.name}
                </option>
              ))}
            </select>
          </Labelled>
          {text('localFolder', 'Initial local folder')}
          {text('remoteFolder', 'Initial remote folder')}
          {text('keepalive', 'Keepalive (seconds)', { inputMode: 'numeric', placeholder: '15' })}
          {text('folder', 'Folder', { placeholder: 'e.g. Work' })}
          <Labelled label="Colour">
            <select value={draft.color} onChange={(event) => update('color')(event.target.value as ProfileFields['color'])}>
              {profileColors.map((color) => (
                <option key={color} value={color}>
                  {color}
                </option>
              ))}
            </select>
          </Labelled>
          <Labelled label="Notes">
            <textarea value={draft.notes} rows={2} onChange={(event) => update('notes')(event.target.value)} />
          </Labelled>
        </div>
        {/* Enter in any field saves. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}
