import { Dialog } from '../../components/Dialog'
import type { HostKeyProblem } from '../../stores/sessions-store'

interface HostKeyProblemDialogProps {
  readonly problem: HostKeyProblem
  readonly onClose: () => void
}

const titles = { HOST_KEY_CHANGED: 'Host key changed', HOST_KEY_REVOKED: 'Host key revoked' } as const

/** A refused connection for safety: the key differs from the trusted one (or is revoked). Nothing was sent. */
export function HostKeyProblemDialog({ problem, onClose }: HostKeyProblemDialogProps) {
  const actions = (
    <button type="button" className="primary" data-autofocus onClick={onClose}>
      Close
    </button>
  )
  return (
    <Dialog role="alertdialog" title={titles[problem.code]} onCancel={onClose} actions={actions}>
      <p className="warning">{problem.message}</p>
      <p>
        Skiff refused the connection before sending your password or key. Someone may be intercepting the connection, or the
        server was reinstalled. Ask its administrator for the new fingerprint before trusting it.
      </p>
    </Dialog>
  )
}
