import type { HostKeyDecision, Prompt } from '../../../shared/models/session'
import { Dialog } from '../../components/Dialog'

type HostKeyPrompt = Extract<Prompt, { kind: 'host-key' }>

interface HostKeyDialogProps {
  readonly prompt: HostKeyPrompt
  readonly onDecide: (decision: HostKeyDecision) => void
}

/** First contact with a server: show its key so the user can check the fingerprint before trusting it. */
export function HostKeyDialog({ prompt, onDecide }: HostKeyDialogProps) {
  const isOtherType = prompt.knownAs === 'other-type'
  const actions = (
    <>
      <button type="button" className="primary" data-autofocus={isOtherType ? undefined : true} onClick={() => onDecide('trust-save')}>
        Trust and save
      </button>
      <button type="button" onClick={() => onDecide('trust-once')}>
        Trust once
      </button>
      <button type="button" data-autofocus={isOtherType ? true : undefined} onClick={() => onDecide('reject')}>
        Cancel
      </button>
    </>
  )
  return (
    <Dialog title="Unknown host key" onCancel={() => onDecide('reject')} actions={actions}>
      <p>
        The server <strong>{`${prompt.host}:${prompt.port}`}</strong> is not known yet. Check that its key fingerprint matches
        the one your administrator gave you.
      </p>
      {isOtherType && (
        <p className="warning">
          This server is already known with a different key type ({prompt.knownTypes.join(', ')}). It may not be the same
          server. Only continue if you expected the change.
        </p>
      )}
      <dl className="facts">
        <dt>Key type</dt>
        <dd>{prompt.key.type}</dd>
        <dt>Fingerprint</dt>
        <dd className="fingerprint">{prompt.key.fingerprint}</dd>
      </dl>
    </Dialog>
  )
}
