import { Dialog } from '../../components/Dialog'
import { useTerminalsStore } from '../../stores/terminals-store'
import { terminalTitle } from '../sessions/SessionTabs'
import { sessionTitle } from '../sessions/session-label'
import { useSessionsStore } from '../../stores/sessions-store'

/** Asks before hanging up a terminal whose shell still runs. */
export function CloseTerminalDialog() {
  const tab = useTerminalsStore((state) => state.terminals.find((t) => t.terminalId === state.closing))
  const isBusy = useTerminalsStore((state) => state.closingIsBusy === true)
  const session = useSessionsStore((state) => state.sessions.find((s) => s.sessionId === tab?.sessionId))
  if (!tab) return null
  const { close, cancelClose } = useTerminalsStore.getState()
  return (
    <Dialog
      title="Close terminal"
      onCancel={cancelClose}
      actions={
        <>
          <button type="button" onClick={cancelClose}>
            Cancel
          </button>
          <button type="button" className="primary" data-autofocus onClick={() => close(tab.terminalId)}>
            Close terminal
          </button>
        </>
      }
    >
      <p>
        {isBusy ? 'A program is running in ' : 'Skiff could not tell whether a program is running in '}
        <strong>{terminalTitle(tab, session ? sessionTitle(session) : tab.host)}</strong>
        {isBusy ? '' : ' (the server did not say)'}. Closing the terminal hangs up its shell, and whatever runs in it stops.
      </p>
    </Dialog>
  )
}
