import { useState } from 'react'
import type { HostKeyChange } from '../../../shared/models/errors'
import { Dialog } from '../../components/Dialog'
import type { HostKeyProblem } from '../../stores/sessions-store'

interface HostKeyProblemDialogProps {
  readonly problem: HostKeyProblem
  readonly onClose: () => void
  /** Replaces the trusted key with the offered one and connects again. */
  readonly onReplace: () => void
}

const titles = { HOST_KEY_CHANGED: 'Host key changed', HOST_KEY_REVOKED: 'Host key revoked' } as const

function Fingerprints({ change }: { readonly change: HostKeyChange }) {
  return (
    <dl className="facts fingerprints">
      {change.known.map((key, i) => (
        <div key={i}>
          <dt>{change.known.length > 1 ? `Trusted key ${i + 1}` : 'Trusted key'}</dt>
          <dd className="mono">{`${key.type} ${key.fingerprint}`}</dd>
        </div>
      ))}
      <div>
        <dt>Offered now</dt>
        <dd className="mono">{`${change.offered.type} ${change.offered.fingerprint}`}</dd>
      </div>
    </dl>
  )
}

/**
 * A connection refused for safety: the key differs from the trusted one (or is revoked) and
 * nothing was sent. Closing is the default; for a server that was really reinstalled, the old
 * key can be replaced, behind a second question that shows both fingerprints (WinSCP's Update).
 */
export function HostKeyProblemDialog({ problem, onClose, onReplace }: HostKeyProblemDialogProps) {
  const [isConfirming, setIsConfirming] = useState(false)
  const change = problem.change
  if (isConfirming && change) {
    return (
      <Dialog
        role="alertdialog"
        title="Trust the new host key?"
        onCancel={() => setIsConfirming(false)}
        actions={
          <>
            <button type="button" className="primary" data-autofocus onClick={() => setIsConfirming(false)}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={onReplace}>
              Trust the new key
            </button>
          </>
        }
      >
        <p className="warning">
          {`Only go on if the administrator of ${change.host} told you the server's key changed, and the fingerprint below is the new one they gave you.`}
        </p>
        <Fingerprints change={change} />
        <p>
          {change.isTrustedOnce
            ? 'The old key was trusted once; the new one is trusted the same way, until Skiff quits. Then Skiff connects again.'
            : "Skiff removes the old key from its own known_hosts and trusts the one offered now. Then it connects again."}
        </p>
      </Dialog>
    )
  }
  return (
    <Dialog
      role="alertdialog"
      title={titles[problem.code]}
      onCancel={onClose}
      actions={
        <>
          {change && (
            <button type="button" onClick={() => setIsConfirming(true)}>
              Remove old key and trust the new one…
            </button>
          )}
          <button type="button" className="primary" data-autofocus onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <p className="warning">{problem.message}</p>
      <p>
        Skiff refused the connection before sending your password or key. Someone may be intercepting the connection and pretending to
        be the server (a man-in-the-middle attack), or the server was reinstalled and got a new key. Do not connect until you know
        which: ask its administrator for the new fingerprint.
      </p>
      {change && <Fingerprints change={change} />}
    </Dialog>
  )
}
