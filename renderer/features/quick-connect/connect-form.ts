import type { ConnectRequest } from '../../../shared/models/session'

/** What the quick connect bar holds, as typed. */
export interface ConnectForm {
  readonly host: string
  readonly port: string
  readonly user: string
  readonly password: string
  readonly keyFile: string
}

/** An empty bar: port 22. */
export const emptyConnectForm: ConnectForm = { host: '', port: '22', user: '', password: '', keyFile: '' }

/** The request for a filled bar, or a readable reason it cannot be sent. Empty optional fields are left out. */
export function toConnectRequest(form: ConnectForm): { ok: true; request: ConnectRequest } | { ok: false; message: string } {
  const host = form.host.trim()
  const user = form.user.trim()
  const portText = form.port.trim() || '22'
  if (!host) return { ok: false, message: 'Host is required.' }
  if (!user) return { ok: false, message: 'User is required.' }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    return { ok: false, message: 'Port must be a number from 1 to 65535.' }
  }
  const keyFile = form.keyFile.trim()
  return {
    ok: true,
    request: {
      host,
      port: Number(portText),
      username: user,
      ...(form.password ? { password: form.password } : {}),
      ...(keyFile ? { privateKeyPath: keyFile } : {}),
    },
  }
}
