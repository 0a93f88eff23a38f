import { Dialog } from '../../components/Dialog'
import type { SessionId } from '../../../shared/models/ids'
import { useSessionsStore } from '../../stores/sessions-store'
import { useTerminalsStore } from '../../stores/terminals-store'
import { useTransfersStore } from '../../stores/transfers-store'
import { useEditorsStore } from '../../stores/editors-store'
import { sessionTitle } from './session-label'

/** What closing a session would end: its running terminals, its unfinished transfers, its unsaved editors. */
function whatEnds(sessionId: SessionId): { terminals: number; transfers: number; unsaved: number } {
  const unsaved = useEditorsStore.getState().editors.filter((tab) => tab.target.kind === 'remote' && tab.target.sessionId === sessionId && tab.isDirty).length
  const terminals = useTerminalsStore.getState().terminals.filter((tab) => tab.sessionId === sessionId && !tab.ended).length
  const isOpen = (state: string) => state === 'queued' || state === 'running' || state === 'paused'
  const transfers = useTransfersStore
    .getState()
    .jobs.filter((job) => isOpen(job.state) && [job.from, job.to].some((side) => side.kind === 'remote' && side.sessionId === sessionId)).length
  return { terminals, transfers, unsaved }
}

/** The tab's ×: closes at once, or asks first when terminals run or transfers are under way on the session. */
export function requestDisconnect(sessionId: SessionId): void {
  const { terminals, transfers, unsaved } = whatEnds(sessionId)
  if (terminals === 0 && transfers === 0 && unsaved === 0) return void useSessionsStore.getState().disconnect(sessionId)
  useSessionsStore.getState().setClosingSession(sessionId)
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** `Close connection`: what closing the session would end, and Disconnect or Cancel (the default). */
export function CloseSessionDialog() {
  const sessionId = useSessionsStore((state) => state.closingSession)
  const session = useSessionsStore((state) => state.sessions.find((s) => s.sessionId === state.closingSession))
  if (!sessionId || !session) return null
  const { terminals, transfers, unsaved } = whatEnds(sessionId)
  const cancel = () => useSessionsStore.getState().setClosingSession(null)
  const parts = [...(terminals > 0 ? [count(terminals, 'terminal', 'terminals')] : []), ...(transfers > 0 ? [count(transfers, 'transfer', 'transfers')] : []), ...(unsaved > 0 ? [count(unsaved, 'file with unsaved changes', 'files with unsaved changes')] : [])]
  return (
    <Dialog
      role="alertdialog"
      title="Close connection"
      onCancel={cancel}
      actions={
        <>
          <button type="button" className="primary" data-autofocus onClick={cancel}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              cancel()
              void useSessionsStore.getState().disconnect(sessionId)
            }}
          >
            Disconnect
          </button>
        </>
      }
    >
      <p>{`Closing ${sessionTitle(session)} ends its ${parts.join(' and ')}.`}</p>
      <p>
        {[
          ...(terminals > 0 ? ['The shells are hung up, and what runs in them stops.'] : []),
          ...(transfers > 0 ? ['Transfers stop where they are.'] : []),
          ...(unsaved > 0 ? ['Unsaved edits are lost.'] : []),
        ].join(' ')}
      </p>
    </Dialog>
  )
}
