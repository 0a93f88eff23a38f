import { useState, type FormEvent } from 'react'
import { useNoticesStore } from '../../stores/notices-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { blankProfile, useProfilesStore } from '../../stores/profiles-store'
import { emptyConnectForm, toConnectRequest, type ConnectForm } from './connect-form'

interface FieldProps {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly className: string
  readonly type?: 'text' | 'password'
  readonly placeholder?: string
  readonly inputMode?: 'numeric'
}

function Field({ label, value, onChange, className, type = 'text', placeholder, inputMode }: FieldProps) {
  return (
    <label className={`field ${className}`}>
      <span>{label}</span>
      <input
        type={type}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        inputMode={inputMode}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  )
}

/** Host, port, user, password or key file, and Connect: Enter in any field connects. */
export function QuickConnect() {
  const [form, setForm] = useState<ConnectForm>(emptyConnectForm)
  const isConnecting = useSessionsStore((state) => state.isConnecting)
  const connect = useSessionsStore((state) => state.connect)
  const cancelConnect = useSessionsStore((state) => state.cancelConnect)

  // The last host this bar connected to, offered as a profile.
  const [connected, setConnected] = useState<ConnectForm | null>(null)
  const update = (field: keyof ConnectForm) => (value: string) => setForm((current) => ({ ...current, [field]: value }))
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (isConnecting) return
    const result = toConnectRequest(form)
    if (!result.ok) return useNoticesStore.getState().notify({ code: 'INVALID_REQUEST', message: result.message })
    const sent = form
    void connect(result.request).then((isConnected) => setConnected(isConnected ? sent : null))
  }
  const saveAsProfile = () => {
    if (!connected) return
    const keyFile = connected.keyFile.trim()
    useProfilesStore.getState().openEditor({
      start: {
        ...blankProfile,
        name: connected.host.trim(),
        host: connected.host.trim(),
        port: Number(connected.port.trim() || '22'),
        username: connected.user.trim(),
        authMethod: keyFile ? 'key' : 'password',
        ...(keyFile ? { privateKeyPath: keyFile } : {}),
      },
      ...(connected.password && !keyFile ? { startSecret: connected.password } : {}),
    })
    setConnected(null)
  }

  return (
    <form className="quick-connect" aria-label="Quick connect" onSubmit={onSubmit}>
      <Field label="Host" className="field-host" value={form.host} onChange={update('host')} placeholder="example.org" />
      <Field label="Port" className="field-port" value={form.port} onChange={update('port')} inputMode="numeric" />
      <Field label="User" className="field-user" value={form.user} onChange={update('user')} />
      <Field label="Password" className="field-password" type="password" value={form.password} onChange={update('password')} />
      <Field label="Private key file" className="field-key" value={form.keyFile} onChange={update('keyFile')} placeholder="optional, e.g. /home/me/.ssh/id_ed25519" />
      <div className="quick-connect-actions">
        <button type="submit" className="primary" disabled={isConnecting} aria-busy={isConnecting}>
          {isConnecting && <span className="spinner" aria-hidden="true" />}
          {isConnecting ? 'Connecting…' : 'Connect'}
        </button>
        {isConnecting && (
          <button type="button" onClick={cancelConnect}>
            Cancel
          </button>
        )}
        {connected && !isConnecting && (
          <button type="button" onClick={saveAsProfile}>
            Save as profile
          </button>
        )}
      </div>
    </form>
  )
}
