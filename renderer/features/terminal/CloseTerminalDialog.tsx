import { Dialog } from '../../components/Dialog'
import { useTerminalsStore } from '../../stores/terminals-store'
import { terminalTitle } from '../sessions/SessionTabs'

/** Asks before hanging up a terminal whose shell still runs. */
export function CloseTerminalDialog() {
  const tab = useTerminalsStore((state) => state.terminals.find((t) => t.terminalId === state.closing))
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
        The shell in <strong>{terminalTitle(tab)}</strong> is still running. Closing the terminal hangs it up, and whatever runs in it
        stops.
      </p>
    </Dialog>
  )
}
